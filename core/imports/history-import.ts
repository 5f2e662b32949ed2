import { MAX_HISTORY_IMPORT_ROWS, type ImportOutcome, type OnboardingRowError, type ParsedInputOf } from '../../common/contract';
import { chinaMs } from '../../common/china-time';
import { HISTORY_SOURCE } from '../../common/events';
import type { Db } from '../../db';
import { prepareBulkWriter } from '../../db/queries/bulk';
import { findEventBySerial, updateHistoricalEvent, updateHistoryTimelineEntry } from '../../db/queries/history-import';
import { listUnits, listVillages } from '../../db/queries/org';
import { listCategories } from '../../db/queries/reference';
import { audit, type ServiceContext } from '../context';
import { bigrams, searchableText } from '../events/search-text';
import { ImportTable, readImportFile, type Column } from './sheet-rows';

type HistoryField = 'serial' | 'title' | 'category' | 'village' | 'receivedAt' | 'closedAt' | 'state' | 'leadUnit';

export const HISTORY_COLUMNS: Column<HistoryField>[] = [
  { field: 'serial', headers: ['原编号', '编号', '事件编号', '工单编号', 'serial'], required: true },
  { field: 'title', headers: ['标题', '事件标题', '事项', 'title'], required: true },
  { field: 'category', headers: ['事件类别', '类别', '分类', 'category'], required: true },
  { field: 'village', headers: ['村（社区）', '村社区', '村社', '村', 'village'] },
  { field: 'receivedAt', headers: ['受理日期', '受理时间', '登记日期', 'received', 'receivedat'], required: true },
  { field: 'closedAt', headers: ['办结日期', '办结时间', 'closed', 'closedat'], required: true },
  { field: 'state', headers: ['最终状态', '状态', 'state'], required: true },
  { field: 'leadUnit', headers: ['主办单位', '承办单位', 'leadunit', 'unit'] },
];
export const HISTORY_EXAMPLE = [
  'QX2023-000123',
  '桃源村垃圾清运不及时',
  '环境卫生',
  '桃源村',
  '2023-05-08',
  '2023-05-10',
  '已归档',
  '综合行政执法队',
];

const STATE_WORDS: Record<string, 'closed' | 'archived'> = {
  已办结: 'closed',
  办结: 'closed',
  已结案: 'closed',
  结案: 'closed',
  closed: 'closed',
  已归档: 'archived',
  归档: 'archived',
  archived: 'archived',
};

/** Generous: a whole year of a big township; the import is a job, and 100,000 rows take seconds. */
const HISTORY_READ_TIMEOUT_MS = 60_000;
const TITLE_MAX = 80;
const SERIAL_MAX = 40;
/** Older than this is a typo (1900 for 2019), not the old system's history. */
const EARLIEST = chinaMs('2000-01-01');
const DATE_TEXT = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A date as people type it (2023-05-08, 2023/5/8, 2023年5月8日, with or without a time), in China time. */
export function parseHistoryDate(text: string): number | null {
  const m = DATE_TEXT.exec(text);
  if (!m) return null;
  const pad = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  try {
    return chinaMs(`${m[1]}-${pad(m[2])}-${pad(m[3])} ${pad(m[4])}:${pad(m[5])}:${pad(m[6])}`);
  } catch {
    return null;
  }
}

interface HistoryRow {
  row: number;
  serial: string;
  title: string;
  categoryId: string;
  villageId: string | null;
  leadUnitId: string | null;
  receivedAt: number;
  closedAt: number;
  state: 'closed' | 'archived';
}

/** Lookups by name (and category code): an ambiguous name is an error, not a guess. */
function nameIndex<T>(items: T[], keys: (item: T) => string[], id: (item: T) => string): Map<string, string | null> {
  const index = new Map<string, string | null>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const known = index.get(key);
      index.set(key, known === undefined || known === id(item) ? id(item) : null);
    }
  }
  return index;
}

function checkRows(db: Db, t: ImportTable<HistoryField>, now: number): HistoryRow[] {
  const categories = nameIndex(
    listCategories(db),
    (c) => [c.name, c.code],
    (c) => c.id,
  );
  const villages = nameIndex(
    listVillages(db),
    (v) => [v.name],
    (v) => v.id,
  );
  const units = nameIndex(
    listUnits(db),
    (u) => [u.name],
    (u) => u.id,
  );
  const seen = new Map<string, number>();
  const rows: HistoryRow[] = [];
  const lookup = (
    field: HistoryField,
    row: number,
    text: string,
    index: Map<string, string | null>,
    code: OnboardingRowError['code'],
    what: string,
  ) => {
    const id = index.get(text);
    if (id === undefined) t.fail(row, field, code, `no ${what} named "${text}"`);
    else if (id === null) t.fail(row, field, 'conflict', `more than one ${what} is named "${text}"; use its code`);
    return id ?? undefined;
  };
  for (const { row, cells } of t.body) {
    const serial = t.cell(cells, 'serial');
    const title = t.cell(cells, 'title');
    const categoryText = t.cell(cells, 'category');
    const villageText = t.cell(cells, 'village');
    const unitText = t.cell(cells, 'leadUnit');
    const receivedText = t.cell(cells, 'receivedAt');
    const closedText = t.cell(cells, 'closedAt');
    const stateText = t.cell(cells, 'state');
    let ok = true;
    const fail: typeof t.fail = (...args) => {
      ok = false;
      t.fail(...args);
    };
    if (!serial) fail(row, 'serial', 'required', 'the old serial is missing');
    else if (serial.length > SERIAL_MAX) fail(row, 'serial', 'too_long', `at most ${SERIAL_MAX} characters`);
    else if (seen.has(serial)) fail(row, 'serial', 'duplicate', `${serial} is also on row ${seen.get(serial)}`);
    else seen.set(serial, row);
    if (!title) fail(row, 'title', 'required', 'the title is missing');
    else if (title.length > TITLE_MAX) fail(row, 'title', 'too_long', `at most ${TITLE_MAX} characters`);
    let categoryId: string | undefined;
    if (!categoryText) fail(row, 'category', 'required', 'the category is missing');
    else if (!(categoryId = lookup('category', row, categoryText, categories, 'unknown_category', 'category'))) ok = false;
    let villageId: string | null = null;
    if (villageText) {
      const id = lookup('village', row, villageText, villages, 'unknown_village', 'village or community');
      if (id) villageId = id;
      else ok = false;
    }
    let leadUnitId: string | null = null;
    if (unitText) {
      const id = lookup('leadUnit', row, unitText, units, 'unknown_unit', 'unit');
      if (id) leadUnitId = id;
      else ok = false;
    }
    const receivedAt = receivedText ? parseHistoryDate(receivedText) : null;
    const closedAt = closedText ? parseHistoryDate(closedText) : null;
    const dateProblem = (field: HistoryField, text: string, at: number | null, what: string) => {
      if (!text) fail(row, field, 'required', `the ${what} date is missing`);
      else if (at === null) fail(row, field, 'bad_date', `"${text}" is not a date (2023-05-08)`);
      else if (at < EARLIEST || at > now) fail(row, field, 'bad_date', `${text} is not between 2000 and today`);
    };
    dateProblem('receivedAt', receivedText, receivedAt, 'received');
    dateProblem('closedAt', closedText, closedAt, 'closed');
    if (ok && receivedAt !== null && closedAt !== null && closedAt < receivedAt)
      fail(row, 'closedAt', 'bad_date', 'closed before it was received');
    const state = STATE_WORDS[stateText] ?? STATE_WORDS[stateText.toLowerCase()];
    if (!stateText) fail(row, 'state', 'required', 'the final state is missing');
    else if (state !== 'closed' && state !== 'archived')
      fail(row, 'state', 'unknown_state', `unknown final state "${stateText}" (已办结, 已归档)`);
    if (!ok) continue;
    rows.push({
      row,
      serial,
      title,
      categoryId: categoryId!,
      villageId,
      leadUnitId,
      receivedAt: receivedAt!,
      closedAt: closedAt!,
      state: state!,
    });
  }
  return rows;
}

/**
 * The township's old system's events (历史导入), kept as closed or archived
 * events so that the dashboard's history and the assessment's past periods
 * have them. Each is known by its old serial (kept as the event's serial): a
 * second import of the same file finds every event as it is; a changed row
 * corrects the imported event. An imported event has no units on it (the old
 * system's dispatches, deadlines and feedback are not in the file), so the
 * assessment counts it among a period's received events only and never in a
 * unit's timeliness figures; and it is not sent up to the county, whose own
 * system had it all along.
 */
export async function importHistory(ctx: ServiceContext, input: ParsedInputOf<'imports.history'>): Promise<ImportOutcome> {
  const rows = await readImportFile(input, { maxRows: MAX_HISTORY_IMPORT_ROWS, timeoutMs: HISTORY_READ_TIMEOUT_MS });
  return ctx.db
    .transaction((): ImportOutcome => {
      const t = new ImportTable(rows, HISTORY_COLUMNS, MAX_HISTORY_IMPORT_ROWS);
      const now = ctx.now();
      const good = t.headerOk ? checkRows(ctx.db, t, now) : [];
      const plan: { item: HistoryRow; existing: ReturnType<typeof findEventBySerial> }[] = [];
      for (const item of good) {
        const existing = findEventBySerial(ctx.db, item.serial);
        if (existing && existing.source !== HISTORY_SOURCE)
          t.fail(item.row, 'serial', 'conflict', `${item.serial} is the serial of an event taken in here`);
        else plan.push({ item, existing });
      }
      if (t.errors.length > 0) return { created: 0, updated: 0, unchanged: 0, errors: t.errors };

      const outcome: ImportOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
      const write = prepareBulkWriter(ctx.db);
      const actor = ctx.actor!;
      const actorName = actor.displayName;
      const payload = JSON.stringify({ file: input.fileName, importedAt: now });
      for (const { item, existing } of plan) {
        if (existing) {
          const same =
            existing.title === item.title &&
            existing.categoryId === item.categoryId &&
            existing.villageId === item.villageId &&
            existing.leadUnitId === item.leadUnitId &&
            existing.reportedAt === item.receivedAt &&
            existing.closedAt === item.closedAt &&
            existing.state === item.state;
          if (same) {
            outcome.unchanged++;
            continue;
          }
          updateHistoricalEvent(ctx.db, {
            id: existing.id,
            title: item.title,
            description: item.title,
            categoryId: item.categoryId,
            villageId: item.villageId,
            leadUnitId: item.leadUnitId,
            reportedAt: item.receivedAt,
            closedAt: item.closedAt,
            state: item.state,
            updatedAt: now,
          });
          updateHistoryTimelineEntry(ctx.db, existing.id, item.state, item.closedAt);
          outcome.updated++;
          continue;
        }
        const id = ctx.newId();
        const text = searchableText({ serial: item.serial, title: item.title, description: '', address: '' });
        write({
          event: {
            id,
            serial: item.serial,
            title: item.title,
            description: item.title,
            categoryId: item.categoryId,
            requestType: 'request',
            source: HISTORY_SOURCE,
            priority: 'normal',
            riskColour: 'green',
            villageId: item.villageId,
            gridId: null,
            address: '',
            lat: null,
            lng: null,
            reporterName: null,
            reporterPhone: null,
            reportedAt: item.receivedAt,
            state: item.state,
            leadUnitId: item.leadUnitId,
            dispatchedAt: null,
            signDueAt: null,
            handleDueAt: null,
            warning: 0,
            yellowAt: null,
            redAt: null,
            resolvedLevel: null,
            satisfaction: null,
            mergedInto: null,
            countyRef: null,
            owner: 'township',
            returnCount: 0,
            reworkCount: 0,
            closedAt: item.closedAt,
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          },
          units: [],
          // One entry, at the day it was closed, so the live feed of today is not flooded with the past.
          actions: [
            {
              id: ctx.newId(),
              eventId: id,
              kind: 'history_import',
              fromState: null,
              toState: item.state,
              actorId: actor.userId,
              actorName,
              actorRole: actor.role,
              unitId: item.leadUnitId,
              note: `原系统编号 ${item.serial}`,
              payload,
              at: item.closedAt,
            },
          ],
          searchText: text,
          searchBigrams: bigrams(text),
        });
        outcome.created++;
      }
      if (outcome.created + outcome.updated > 0) {
        audit(ctx, {
          action: 'import',
          entity: 'event',
          summary: {
            file: input.fileName,
            rows: plan.length,
            created: outcome.created,
            updated: outcome.updated,
            unchanged: outcome.unchanged,
          },
        });
        ctx.publish({ topic: 'events.changed', payload: { ids: [], reason: 'created' } });
      }
      return outcome;
    })
    .immediate();
}
