import { num, type ConsoleDb } from './console-db';
import { countyEventOf, jsonText, type CountyEvent, type EventRow } from './records';

/** States in which a deadline no longer runs against the township. */
export const DONE_STATES = ['closed', 'archived', 'rejected', 'merged'] as const;

export interface EventListFilter {
  townshipId?: string;
  state?: string;
  category?: string;
  /** Overdue (true) or not (false) at `now`; absent: both. */
  overdue?: boolean;
  /** A substring of the title or the serial, taken literally (case-sensitive). */
  search?: string;
}

/**
 * An ISO time of the JSON `data` as a moment both engines compare and sort by, whatever
 * offset a township wrote it with. SQLite: julianday (milliseconds exact, NULL when
 * unreadable); PostgreSQL: county_instant() of migration 0003, IMMUTABLE so it can be indexed.
 * The migrations' index expressions are these exact texts: change both together.
 */
export function jsonInstant(db: ConsoleDb, field: string): string {
  return db.kind === 'sqlite' ? `julianday(${jsonText(db, field)})` : `county_instant(${jsonText(db, field)})`;
}
const instantParam = (db: ConsoleDb) => (db.kind === 'sqlite' ? 'julianday(?)' : 'county_instant(?)');
/** Ids sort by their bytes on both engines (PostgreSQL would otherwise use the database's locale). */
const byBytes = (db: ConsoleDb, column: string) => (db.kind === 'sqlite' ? column : `${column} COLLATE "C"`);

/**
 * The table as the list reads it. One township's events are few: SQLite, which plans without
 * statistics here, would rather walk every township's events in report order (the page's index)
 * than fetch the township's and sort them, so it is told which index to take. PostgreSQL's
 * statistics choose well on their own.
 */
const source = (db: ConsoleDb, f: EventListFilter) =>
  db.kind === 'sqlite' && f.townshipId ? 'records INDEXED BY console_records_entity' : 'records';

/** Whether JSON.stringify writes every character of `text` as it is. */
function writtenAsIs(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

function conditions(db: ConsoleDb, f: EventListFilter, now: number): { where: string[]; params: unknown[] } {
  // The literal `entity = 'event'` lets PostgreSQL use the partial indexes of migration 0003.
  const where = ["entity = 'event'"];
  const params: unknown[] = [];
  if (f.townshipId) {
    where.push('township_id = ?');
    params.push(f.townshipId);
  }
  if (f.state) {
    where.push(`${jsonText(db, 'state')} = ?`);
    params.push(f.state);
  }
  if (f.category) {
    where.push(`${jsonText(db, 'category')} = ?`);
    params.push(f.category);
  }
  if (f.overdue !== undefined) {
    // isOverdue: not done, and a deadline before now (no deadline, or an unreadable one, compares
    // as NULL: never overdue). Each field once: PostgreSQL parses the JSON text for every access.
    const due = jsonInstant(db, 'handleDueAt');
    const done = DONE_STATES.map((s) => `'${s}'`).join(', ');
    const overdue = `${jsonText(db, 'state')} NOT IN (${done}) AND ${due} < ${instantParam(db)}`;
    where.push(f.overdue ? `(${overdue})` : `NOT COALESCE(${overdue}, false)`);
    params.push(new Date(now).toISOString());
  }
  const search = f.search?.trim();
  if (search) {
    // A plain substring test instead of LIKE: `%` and `_` mean themselves, and the match is
    // case-sensitive on both engines alike (SQLite's LIKE folds ASCII case, PostgreSQL's does not).
    const has = (text: string) => (db.kind === 'sqlite' ? `instr(${text}, ?) > 0` : `strpos(${text}, ?) > 0`);
    // The county writes `data` with JSON.stringify, which writes a string's characters as they are
    // unless they are `"`, `\`, control characters or lone surrogates. Without those (nor any
    // surrogate) in the search, an event whose title or serial has it has it in its raw text too:
    // that cheap test comes first and spares most events the JSON parse (PostgreSQL parses the
    // text again for every field).
    if (writtenAsIs(search)) {
      where.push(has('data'));
      params.push(search);
    }
    where.push(`(${has(jsonText(db, 'title'))} OR ${has(jsonText(db, 'serial'))})`);
    params.push(search, search);
  }
  return { where, params };
}

/**
 * One page of the events the townships sent, newest report first (then by id and township),
 * with the total matching the filter: filtered, sorted, counted and paged by the database.
 */
export async function eventPage(
  db: ConsoleDb,
  filter: EventListFilter,
  page: { limit: number; offset: number },
  now: number,
): Promise<{ total: number; rows: CountyEvent[] }> {
  const { where, params } = conditions(db, filter, now);
  const clause = where.join(' AND ');
  const from = source(db, filter);
  const count = async () =>
    num((await db.query<{ n: unknown }>(`SELECT count(*) AS "n" FROM ${from} WHERE ${clause}`, params))[0]?.n);
  const order = `ORDER BY ${jsonInstant(db, 'reportedAt')} DESC, ${byBytes(db, 'entity_id')}, ${byBytes(db, 'township_id')}`;
  if (filter.search?.trim()) {
    // A search reads every event's title and serial whatever the order, and keeps few: one scan
    // counts the matches beside the page (a second, for the count, would double the cost).
    const rows = await db.query<EventRow & { total: unknown }>(
      `SELECT township_id, data, seq, count(*) OVER () AS "total" FROM ${from} WHERE ${clause} ${order} LIMIT ? OFFSET ?`,
      [...params, page.limit, page.offset],
    );
    const total = rows.length > 0 ? num(rows[0]!.total) : page.offset === 0 ? 0 : await count();
    return { total, rows: rows.map(countyEventOf) };
  }
  // Otherwise the page stops after `limit` rows of the index's order, and the count reads the index.
  const [total, rows] = await Promise.all([
    count(),
    db.query<EventRow>(`SELECT township_id, data, seq FROM ${from} WHERE ${clause} ${order} LIMIT ? OFFSET ?`, [
      ...params,
      page.limit,
      page.offset,
    ]),
  ]);
  return { total, rows: rows.map(countyEventOf) };
}

/** The categories of the events of a township (all when absent) and state, for the filter box. */
export async function eventCategories(db: ConsoleDb, filter: Pick<EventListFilter, 'townshipId' | 'state'>): Promise<string[]> {
  const { where, params } = conditions(db, { townshipId: filter.townshipId, state: filter.state }, 0);
  const category = jsonText(db, 'category');
  const clause = where.join(' AND ');
  const rows = filter.townshipId
    ? await db.query<{ category: unknown }>(
        `SELECT DISTINCT ${category} AS "category" FROM ${source(db, filter)} WHERE ${clause}`,
        params,
      )
    : // County-wide, a plain DISTINCT reads every event's category (SQLite parses each one's JSON):
      // instead hop through console_events_category from one category to the next, a few seeks.
      await db.query<{ category: unknown }>(
        `WITH RECURSIVE found (category) AS (
           SELECT min(${category}) FROM records WHERE ${clause}
           UNION ALL
           SELECT (SELECT min(${category}) FROM records WHERE ${clause} AND ${category} > found.category)
             FROM found WHERE found.category IS NOT NULL
         )
         SELECT category AS "category" FROM found WHERE category IS NOT NULL`,
        [...params, ...params],
      );
  // Sorted here as the page always sorted them (UTF-16 order), whatever the database's collation.
  return rows
    .map((r) => r.category)
    .filter((c): c is string => typeof c === 'string')
    .sort();
}
