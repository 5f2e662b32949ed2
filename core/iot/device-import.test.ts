import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../app';
import { countRows, databaseDigest, errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';
import { TEMPLATE_HEADERS } from './device-import';
import { readCsv } from '../sheets/csv';

const HEADER = TEMPLATE_HEADERS;
// 设备编号 设备类型 村社 安装地址 住户 住户电话 联系人1 联系人1关系 联系人1电话 … 安装日期 备注
const row = (code: string, over: Partial<Record<string, string>> = {}): string[] => {
  const base: Record<string, string> = {
    设备编号: code,
    设备类型: '烟感',
    村社: '清溪村',
    安装地址: `清溪村 ${code} 号`,
    住户: '张秀英',
    住户电话: '13800001111',
    联系人1: '王邻居',
    联系人1关系: '邻居',
    联系人1电话: '13800002222',
    联系人2: '李村干',
    联系人2关系: '村干部',
    联系人2电话: '13800003333',
    安装日期: '2026-03-01',
    备注: '',
    ...over,
  };
  return HEADER.map((h) => base[h] ?? '');
};

const NO_PHONES = { 住户电话: '', 联系人1: '', 联系人1关系: '', 联系人1电话: '', 联系人2: '', 联系人2关系: '', 联系人2电话: '' };

const csv = (rows: string[][]) =>
  Buffer.from(
    '\uFEFF' + rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'),
  );

async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('设备');
  rows.forEach((r) => sheet.addRow(r));
  // Only the first sheet is read: a notes sheet after it must not be imported.
  workbook.addWorksheet('说明').addRow(['设备编号', '安装地址']).commit();
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('device import from CSV and Excel', () => {
  let core: TestCore;
  let admin: Connection;
  const count = () => countRows(core.db, 'iot_devices');
  const importFile = async (fileName: string, bytes: Buffer) =>
    admin.call('iot.importDevices', { fileName, dataBase64: bytes.toString('base64') });

  beforeAll(async () => {
    core = startTestCore();
    admin = await core.signIn('admin');
  });
  afterAll(() => core.stop());

  it('reads CSV quoting: commas, quotes and line breaks inside fields', () => {
    expect(readCsv('a,"b,c","say ""hi""","two\nlines"\r\nx,y\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['x', 'y'],
    ]);
  });

  it('imports a good CSV file, then updates the same devices on a second import', async () => {
    const file = csv([HEADER, row('CSV-001'), row('CSV-002', { 安装地址: '清溪村 "老屋", 2 号' })]);
    expect(expectOk<'iot.importDevices'>(await importFile('设备.csv', file))).toEqual({ created: 2, updated: 0, errors: [] });
    const again = csv([HEADER, row('CSV-001', { 住户: '张大娘' })]);
    expect(expectOk<'iot.importDevices'>(await importFile('设备.csv', again))).toEqual({ created: 0, updated: 1, errors: [] });
    const rows = expectOk<'iot.devices'>(await admin.call('iot.devices', { search: 'CSV-' })).rows;
    expect(rows.map((r) => [r.code, r.residentName])).toEqual([
      ['CSV-001', '张大娘'],
      ['CSV-002', '张秀英'],
    ]);
    expect(rows[1]!.address).toBe('清溪村 "老屋", 2 号');
    expect(rows[0]!.contacts.map((c) => c.relation)).toEqual(['neighbour', 'village_staff']);
    expect(rows[0]!.installedAt).toBe(Date.UTC(2026, 1, 28, 16));
  });

  it('a CSV file with bad rows lists every problem by row and column and imports nothing', async () => {
    const before = databaseDigest(core.db);
    const devicesBefore = count();
    const file = csv([
      HEADER,
      row('BAD-001'),
      row('BAD-002', { 住户电话: 'call me', 联系人1电话: '12', 联系人2: '', 联系人2关系: '', 联系人2电话: '' }),
      row('BAD-003', { 村社: '不存在村', 设备类型: '水浸' }),
      row('BAD-001'),
      row('', { 安装地址: '' }),
      row('BAD-006', { 安装日期: '2026-02-30', 联系人1关系: '朋友' }),
    ]);
    const result = expectOk<'iot.importDevices'>(await importFile('bad.csv', file));
    expect(result.created + result.updated).toBe(0);
    const byRow = (n: number) => result.errors.filter((e) => e.row === n).map((e) => e.column);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual(expect.arrayContaining(['住户电话', '联系人1电话']));
    expect(byRow(4)).toEqual(expect.arrayContaining(['村社', '设备类型']));
    expect(byRow(5)).toEqual(['设备编号']);
    expect(result.errors.find((e) => e.row === 5)!.reason).toMatch(/row 2/);
    const codeAt = (r: number, column: string) => result.errors.find((e) => e.row === r && e.column === column)?.code;
    expect([codeAt(3, '住户电话'), codeAt(4, '村社'), codeAt(4, '设备类型'), codeAt(5, '设备编号')]).toEqual([
      'bad_phone',
      'unknown_village',
      'unknown_kind',
      'duplicate_code',
    ]);
    expect([codeAt(7, '安装日期'), codeAt(7, '联系人1关系'), codeAt(6, '设备编号')]).toEqual([
      'bad_date',
      'unknown_relation',
      'required',
    ]);
    expect(byRow(6)).toEqual(expect.arrayContaining(['设备编号', '安装地址']));
    expect(byRow(7)).toEqual(expect.arrayContaining(['安装日期', '联系人1关系']));
    expect(count()).toBe(devicesBefore);
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('imports a good Excel workbook, dates as Excel dates, from its first sheet', async () => {
    const data = row('XLSX-001');
    const file = await xlsx([HEADER, [...data.slice(0, -2), new Date(Date.UTC(2026, 4, 20)), '']]);
    expect(expectOk<'iot.importDevices'>(await importFile('registry.xlsx', file))).toEqual({
      created: 1,
      updated: 0,
      errors: [],
    });
    const device = expectOk<'iot.devices'>(await admin.call('iot.devices', { search: 'XLSX-001' })).rows[0]!;
    expect(device).toMatchObject({ code: 'XLSX-001', residentPhone: '13800001111', address: '清溪村 XLSX-001 号' });
    expect(device.installedAt).toBe(Date.UTC(2026, 4, 19, 16));
  });

  it('an Excel workbook with a bad row imports nothing and names the row', async () => {
    const before = databaseDigest(core.db);
    const file = await xlsx([HEADER, row('XLSX-101'), row('XLSX-102', NO_PHONES)]);
    const result = expectOk<'iot.importDevices'>(await importFile('registry.xlsx', file));
    expect(result.created).toBe(0);
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, column: '住户电话' })]);
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('refuses a file without the required columns, and files that are not CSV or Excel', async () => {
    const result = expectOk<'iot.importDevices'>(
      await importFile(
        'x.csv',
        csv([
          ['名字', '电话'],
          ['a', 'b'],
        ]),
      ),
    );
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [1, '设备编号'],
      [1, '安装地址'],
    ]);
    expect(errorCode(await importFile('x.pdf', Buffer.from('%PDF-1.4')))).toBe('UNSUPPORTED_FILE');
    expect(errorCode(await importFile('x.xlsx', Buffer.from('not a zip at all')))).toBe('BAD_FILE');
  });

  it('only the admin and the operator may import', async () => {
    const director = await core.signIn('director');
    const file = csv([HEADER, row('DIR-001')]);
    expect(errorCode(await director.call('iot.importDevices', { fileName: 'a.csv', dataBase64: file.toString('base64') }))).toBe(
      'FORBIDDEN',
    );
  });
});
