import { DeviceInput, type ImportErrorCode, type ImportRowError, type OutputOf, type ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { CONTACT_RELATIONS, DEVICE_KINDS, type ContactRelation, type DeviceKind } from '../../common/iot';
import { findDeviceByCode } from '../../db/queries/iot';
import { listVillages } from '../../db/queries/org';
import { dayStartMs, parseDateKey } from '../calendar';
import { audit, type ServiceContext } from '../context';
import { writeDevice } from './devices';
import { readSheet } from '../sheets/read-sheet';

export const MAX_IMPORT_ROWS = 20_000;
const CONTACT_SLOTS = 3;

type Field =
  | 'code'
  | 'kind'
  | 'village'
  | 'address'
  | 'residentName'
  | 'residentPhone'
  | 'installedAt'
  | 'note'
  | `contact${1 | 2 | 3}${'Name' | 'Relation' | 'Phone'}`;

/** The template's headers (zh-CN first) and the English ones people may use instead. */
const HEADERS: Record<Field, string[]> = {
  code: ['设备编号', '设备编码', 'code', 'devicecode', 'deviceid'],
  kind: ['设备类型', '类型', 'kind', 'type'],
  village: ['村社', '村（社区）', '村/社区', '所属村社', 'village'],
  address: ['安装地址', '地址', 'address'],
  residentName: ['住户', '住户姓名', 'resident', 'residentname'],
  residentPhone: ['住户电话', 'residentphone'],
  installedAt: ['安装日期', 'installedat', 'installed'],
  note: ['备注', 'note'],
  ...(Object.fromEntries(
    [1, 2, 3].flatMap((n) => [
      [`contact${n}Name`, [`联系人${n}`, `联系人${n}姓名`, `contact${n}`, `contact${n}name`]],
      [`contact${n}Relation`, [`联系人${n}关系`, `contact${n}relation`]],
      [`contact${n}Phone`, [`联系人${n}电话`, `contact${n}phone`]],
    ]),
  ) as Record<`contact${1 | 2 | 3}${'Name' | 'Relation' | 'Phone'}`, string[]>),
};

/** The columns of the import template, in order. */
const ORDER: Field[] = [
  'code',
  'kind',
  'village',
  'address',
  'residentName',
  'residentPhone',
  ...[1, 2, 3].flatMap((n) => (['Name', 'Relation', 'Phone'] as const).map((p) => `contact${n as 1}${p}` as const)),
  'installedAt',
  'note',
];

/** The header row of the template (zh-CN). */
export const TEMPLATE_HEADERS: string[] = ORDER.map((f) => HEADERS[f][0]!);

const KIND_WORDS: Record<string, DeviceKind> = { 烟感: 'smoke', 烟雾: 'smoke', 燃气: 'gas', 温感: 'heat', 其他: 'other' };
const RELATION_WORDS: Record<string, ContactRelation> = {
  家属: 'family',
  亲属: 'family',
  子女: 'family',
  邻居: 'neighbour',
  村干部: 'village_staff',
  社区干部: 'village_staff',
  村社干部: 'village_staff',
  网格员: 'village_staff',
  其他: 'other',
};

const normalise = (h: string) => h.toLowerCase().replace(/[\s_\-()（）*]/g, '');

function mapHeaders(header: string[]): { columns: Map<Field, number>; labels: Map<Field, string> } {
  const columns = new Map<Field, number>();
  const labels = new Map<Field, string>();
  header.forEach((text, index) => {
    const key = normalise(text);
    const field = (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].some((h) => normalise(h) === key));
    if (field && !columns.has(field)) {
      columns.set(field, index);
      labels.set(field, text.trim());
    }
  });
  return { columns, labels };
}

/** Excel stores dates as days since 1899-12-30; people also type 2026-03-01 or 2026/3/1. */
function parseInstalled(text: string): number | null | 'bad' {
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    return serial > 20_000 && serial < 80_000 ? dayStartMs(serial - 25_569) : 'bad';
  }
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text);
  const day = m ? parseDateKey(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`) : null;
  return day === null ? 'bad' : dayStartMs(day);
}

interface ParsedRow {
  row: number;
  device: DeviceInput;
}

/** Every row checked; every problem listed with its row and column. */
export function parseDeviceRows(ctx: ServiceContext, rows: string[][]): { devices: ParsedRow[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const [header = [], ...body] = rows;
  const { columns, labels } = mapHeaders(header);
  for (const required of ['code', 'address'] as const) {
    if (!columns.has(required))
      errors.push({ row: 1, column: HEADERS[required][0]!, code: 'missing_column', reason: 'missing column' });
  }
  if (errors.length > 0) return { devices: [], errors };
  if (body.length > MAX_IMPORT_ROWS)
    throw new AppError('TOO_LARGE', `Import at most ${MAX_IMPORT_ROWS} detectors at a time; split the file.`);

  const villages = new Map(listVillages(ctx.db).map((v) => [v.name, v.id]));
  const label = (f: Field) => labels.get(f) ?? HEADERS[f][0]!;
  const seen = new Map<string, number>();
  const devices: ParsedRow[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    const cell = (f: Field) => (columns.has(f) ? (cells[columns.get(f)!] ?? '').trim() : '');
    if (cells.every((c) => (c ?? '').trim() === '')) return;
    const rowErrors: ImportRowError[] = [];
    const fail = (f: Field, code: ImportErrorCode, reason: string) => rowErrors.push({ row, column: label(f), code, reason });

    const kindText = cell('kind');
    const kind = kindText === '' ? 'smoke' : (KIND_WORDS[kindText] ?? DEVICE_KINDS.find((k) => k === kindText.toLowerCase()));
    if (!kind) fail('kind', 'unknown_kind', `unknown kind "${kindText}" (烟感, 燃气, 温感, 其他)`);
    const villageText = cell('village');
    const villageId = villageText === '' ? null : villages.get(villageText);
    if (villageId === undefined) fail('village', 'unknown_village', `no village or community named "${villageText}"`);
    const installedAt = parseInstalled(cell('installedAt'));
    if (installedAt === 'bad') fail('installedAt', 'bad_date', `not a date "${cell('installedAt')}" (YYYY-MM-DD)`);
    const contacts: { name: string; relation: string; phone: string; slot: number }[] = [];
    for (let n = 1; n <= CONTACT_SLOTS; n++) {
      const [name, relationText, phone] = (['Name', 'Relation', 'Phone'] as const).map((p) => cell(`contact${n as 1}${p}`));
      if (!name && !relationText && !phone) continue;
      const relation =
        relationText === ''
          ? 'other'
          : (RELATION_WORDS[relationText] ?? CONTACT_RELATIONS.find((r) => r === relationText.toLowerCase()));
      if (!relation)
        fail(
          `contact${n as 1}Relation`,
          'unknown_relation',
          `unknown relation "${relationText}" (家属, 邻居, 村干部, 网格员, 其他)`,
        );
      contacts.push({ name: name!, relation: relation ?? 'other', phone: phone!, slot: n });
    }
    const parsed = DeviceInput.safeParse({
      code: cell('code'),
      kind: kind ?? 'smoke',
      villageId: villageId ?? null,
      address: cell('address'),
      residentName: cell('residentName'),
      residentPhone: cell('residentPhone'),
      contacts: contacts.map(({ slot: _slot, ...c }) => c),
      installedAt: installedAt === 'bad' ? null : installedAt,
      note: cell('note'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [first, index, part] = issue.path.map(String);
        const field: Field =
          first === 'contacts' && index !== undefined && part
            ? (`contact${contacts[Number(index)]?.slot ?? 1}${part[0]!.toUpperCase()}${part.slice(1)}` as Field)
            : first === 'contacts'
              ? 'residentPhone'
              : first === 'villageId'
                ? 'village'
                : ((first ?? 'code') as Field);
        const code: ImportErrorCode =
          first === 'contacts' && index === undefined
            ? 'needs_phone'
            : issue.code === 'too_small' || (field in HEADERS && cell(field) === '')
              ? 'required'
              : field === 'code'
                ? 'bad_code'
                : /Phone$/.test(field)
                  ? 'bad_phone'
                  : 'invalid';
        fail(field in HEADERS ? field : 'code', code, issue.message);
      }
    } else {
      const earlier = seen.get(parsed.data.code);
      if (earlier !== undefined) fail('code', 'duplicate_code', `device code ${parsed.data.code} is also on row ${earlier}`);
      seen.set(parsed.data.code, row);
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (parsed.success) devices.push({ row, device: parsed.data });
  });
  if (devices.length === 0 && errors.length === 0)
    errors.push({ row: 2, column: label('code'), code: 'no_rows', reason: 'the file has no detectors' });
  return { devices, errors };
}

/**
 * All or nothing: the file is read in a worker thread (bounded in time and
 * memory, so a crafted workbook costs nobody else a wait), then every row is
 * checked and written in one transaction, so a bad row (or a failure midway)
 * leaves the registry as it was.
 */
export async function importDevices(
  ctx: ServiceContext,
  input: ParsedInputOf<'iot.importDevices'>,
): Promise<OutputOf<'iot.importDevices'>> {
  const rows = await readSheet(input.fileName, Buffer.from(input.dataBase64, 'base64'));
  return ctx.db
    .transaction((): OutputOf<'iot.importDevices'> => {
      const { devices, errors } = parseDeviceRows(ctx, rows);
      if (errors.length > 0) return { created: 0, updated: 0, errors };
      let created = 0;
      for (const { device } of devices) {
        const existing = findDeviceByCode(ctx.db, device.code);
        if (writeDevice(ctx, existing?.id, device).created) created++;
      }
      audit(ctx, {
        action: 'import',
        entity: 'iot_device',
        summary: { file: input.fileName, created, updated: devices.length - created },
      });
      ctx.publish({ topic: 'iot.changed', payload: {} });
      return { created, updated: devices.length - created, errors: [] };
    })
    .immediate();
}
