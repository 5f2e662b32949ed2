/**
 * The raw-SQL side of the benchmarks (bench/*.ts): each bench times a service
 * call beside the same question asked of SQLite directly, prepared once and
 * outside the statement cache of db/statements.ts. Those statements, and the
 * few reads a bench makes to set itself up, live here so that all SQL stays in
 * db/. Not used by production code.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';
import { queueConditions, queuePageSql, type QueueQuery, type QueueRecord } from './queries/queue';

/** `EXPLAIN QUERY PLAN` of a statement with its real parameters, one line. */
export function planOf(db: Db, text: string, params: unknown): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params as Record<string, unknown>) as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

// bench/foundation.ts -----------------------------------------------------------

/** The directory, an audit page and a township rename, as raw statements prepared once. */
export function foundationBaselines(db: Db) {
  const villages = db.prepare('SELECT id, name, kind, sort FROM villages ORDER BY sort, name');
  const grids = db.prepare('SELECT * FROM grids ORDER BY village_id, name');
  const units = db.prepare('SELECT * FROM units ORDER BY sort, name');
  const township = db.prepare('SELECT * FROM township');
  const auditPage = db.prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 101');
  return {
    directory: () => [township.get(), villages.all(), grids.all(), units.all()],
    auditPage: () => auditPage.all(Number.MAX_SAFE_INTEGER),
    /** Prepared on every call, as the service did before the statement cache. */
    renameTownship: () => db.transaction(() => db.prepare("UPDATE township SET name = '清溪镇'").run())(),
  };
}

// bench/events-db.ts, bench/events.ts ---------------------------------------------

export const EVENT_KEYS = [
  'id', 'serial', 'title', 'description', 'categoryId', 'requestType', 'source', 'priority', 'riskColour', 'villageId',
  'gridId', 'address', 'lat', 'lng', 'reporterName', 'reporterPhone', 'reportedAt', 'state', 'leadUnitId', 'dispatchedAt',
  'signDueAt', 'handleDueAt', 'warning', 'yellowAt', 'redAt', 'resolvedLevel', 'satisfaction', 'mergedInto', 'countyRef',
  'owner', 'returnCount', 'reworkCount', 'closedAt', 'createdBy', 'createdAt', 'updatedAt',
] as const; // prettier-ignore

/** A plain `INSERT INTO events` of an event record: no units, timeline, FTS, audit or outbox. */
export function plainEventInsert(db: Db) {
  const columns = EVENT_KEYS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  return db.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${EVENT_KEYS.map((k) => `@${k}`).join(', ')})`);
}

/** A copy of the database as it stands, into `file` (which must not exist). */
export function vacuumInto(db: Db, file: string): void {
  db.exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
}

/** The statistics a real installation might gather (PRAGMA optimize); the app itself never runs ANALYZE. */
export function analyze(db: Db): void {
  db.exec('ANALYZE');
}

/** The first village, a grid of it and the 'sanitation' category: where the read cases look. */
export function benchPlace(db: Db): { villageId: string; gridId: string; categoryId: string } {
  const villageId = db.prepare('SELECT id FROM villages ORDER BY sort, name LIMIT 1').pluck().get() as string;
  const gridId = db.prepare('SELECT id FROM grids WHERE village_id = ? LIMIT 1').pluck().get(villageId) as string;
  const categoryId = db.prepare("SELECT id FROM categories WHERE code = 'sanitation'").pluck().get() as string;
  return { villageId, gridId, categoryId };
}

export function eventCountsByState(db: Db): Record<string, number> {
  return Object.fromEntries(db.prepare('SELECT state, count(*) FROM events GROUP BY state').raw().all() as [string, number][]);
}

/**
 * Experiment only: memoises db.prepare by SQL text on this connection, to size
 * what a statement cache in db/queries would change. Returns the undo.
 */
export function memoisePrepare(db: Db): () => void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  db.prepare = ((text: string) => {
    let statement = cache.get(text);
    if (!statement) cache.set(text, (statement = prepare(text)));
    else if (statement.reader) statement.raw(false).pluck(false).expand(false);
    return statement;
  }) as Db['prepare'];
  return () => delete (db as { prepare?: unknown }).prepare;
}

/** The select of the warning tick alone, without its updates. */
export function warningDueBaseline(db: Db) {
  return db.prepare(`SELECT id FROM events WHERE red_at IS NOT NULL AND warning < 2 AND red_at < @now
      UNION SELECT id FROM events WHERE yellow_at IS NOT NULL AND warning < 1 AND yellow_at <= @now`);
}

// bench/events-reads.ts ------------------------------------------------------------

const QUEUE_COLUMNS = `e.id, e.serial, e.title, c.name AS categoryName, v.name AS villageName, g.name AS gridName, e.priority,
  e.risk_colour AS riskColour, e.state, lu.name AS leadUnitName, e.handle_due_at AS handleDueAt, e.warning, e.source,
  e.reported_at AS reportedAt, e.reporter_phone AS reporterPhone`;
const QUEUE_JOINS = `JOIN categories c ON c.id = e.category_id LEFT JOIN villages v ON v.id = e.village_id
  LEFT JOIN grids g ON g.id = e.grid_id LEFT JOIN units lu ON lu.id = e.lead_unit_id`;

/**
 * The queue page and total exactly as the service builds them, raw and prepared once, and a
 * hand-written form with the joins before the ORDER BY … LIMIT (no page subquery).
 */
export function queueBaselines(db: Db, q: QueueQuery) {
  const { where, params } = queueConditions(q);
  const service = queuePageSql(q);
  const totalSql = `SELECT count(*) FROM events e ${where}`;
  const order = service.sql.slice(service.sql.lastIndexOf('ORDER BY'));
  return {
    service,
    params,
    totalSql,
    page: db.prepare(service.sql),
    total: db.prepare(totalSql).pluck(),
    naive: db.prepare(`SELECT ${QUEUE_COLUMNS} FROM events e ${QUEUE_JOINS} ${where} ${order} LIMIT 50`),
  };
}

/** Counts by state and of one state, and a raw FTS search of 50 rows joined to events. */
export function countAndSearchBaselines(db: Db) {
  const countSql = 'SELECT state, count(*) FROM events GROUP BY state';
  const oneStateSql = 'SELECT count(*) FROM events WHERE state = ?';
  return {
    countSql,
    oneStateSql,
    /** Prepared on every call, as db/queries did before the statement cache. */
    countUnprepared: () => db.prepare(countSql).all(),
    count: db.prepare(countSql),
    oneState: db.prepare(oneStateSql).pluck(),
    ftsLimit: db.prepare(
      `SELECT ${QUEUE_COLUMNS} FROM (SELECT rowid AS rid FROM events_fts WHERE events_fts MATCH ? LIMIT 50) f
     JOIN events e ON e.rowid = f.rid ${QUEUE_JOINS}`,
    ),
  };
}

// bench/export.ts -------------------------------------------------------------------

/** The queue's rows of a page, one at a time, as a direct export would read them. */
export function iterateQueuePage(db: Db, q: QueueQuery): IterableIterator<QueueRecord> {
  const { sql, params } = queuePageSql(q);
  return db.prepare(sql).iterate(params) as IterableIterator<QueueRecord>;
}

// bench/iot.ts ---------------------------------------------------------------------

/** A new 特急 event and its alarm as two plain INSERTs, no incident, timeline, audit or outbox. */
export function rawAlarmEventInsert(db: Db): (id: string, serial: string, alarmId: string, now: number) => void {
  const category = db.prepare("SELECT id FROM categories WHERE code = 'fire.smoke_alarm'").pluck().get() as string;
  const rawEvent = db.prepare(
    `INSERT INTO events (id, serial, title, description, category_id, request_type, source, priority, risk_colour, address,
         reported_at, state, created_at, updated_at)
       VALUES (?, ?, '烟感报警', '物联感知设备报警', ?, 'request', 'iot_alarm', 'critical', 'red', '地址', ?, 'registered', ?, ?)`,
  );
  const rawAlarm = db.prepare("INSERT INTO alarms (id, event_id, kind, raised_at, last_at) VALUES (?, ?, 'iot', ?, ?)");
  return (id, serial, alarmId, now) => {
    rawEvent.run(id, serial, category, now, now, now);
    rawAlarm.run(alarmId, id, now, now);
  };
}

// bench/dashboard.ts ---------------------------------------------------------------

export interface CapturedStatement {
  sql: string;
  method: 'all' | 'get';
  args: unknown[];
  pluck: boolean;
}

/** Runs the service once while recording every statement it prepares and the arguments it runs them with. */
export function captureStatements(db: Db, run: () => unknown): CapturedStatement[] {
  const captured: CapturedStatement[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((text: string) => {
    const statement = prepare(text);
    const entry: CapturedStatement = { sql: text, method: 'all', args: [], pluck: false };
    const pluck = statement.pluck.bind(statement);
    statement.pluck = ((on?: boolean) => {
      entry.pluck = on ?? true;
      return pluck(on ?? true);
    }) as Statement['pluck'];
    for (const method of ['all', 'get'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        captured.push({ ...entry, method, args });
        return original(...args);
      };
    }
    return statement;
  }) as Db['prepare'];
  try {
    run();
  } finally {
    delete (db as { prepare?: unknown }).prepare;
  }
  return captured;
}

/** A captured statement prepared once more, raw, to be run again with the same arguments. */
export function replayStatement(db: Db, c: CapturedStatement): () => unknown {
  const statement = db.prepare(c.sql);
  if (c.pluck) statement.pluck();
  return () => (c.method === 'all' ? statement.all(...c.args) : statement.get(...c.args));
}

/** One imported historical event as plain values, its names already resolved to ids. */
export interface RawHistoryRow {
  id: string;
  actionId: string;
  serial: string;
  title: string;
  categoryId: string;
  villageId: string | null;
  leadUnitId: string | null;
  reportedAt: number;
  closedAt: number;
  state: 'closed' | 'archived';
  searchText: string;
  searchBigrams: string;
}

/**
 * The rows of a historical import written by plain INSERTs in one transaction (event, its one
 * timeline entry, its two full-text rows): what the import costs with nothing but SQL.
 */
export function rawInsertHistory(db: Db, rows: readonly RawHistoryRow[], actorId: string, now: number): void {
  // A raw statement per run, like a hand-written script would: the baseline caches nothing of the app's.
  const event = db.prepare(
    `INSERT INTO events (id, serial, title, description, category_id, request_type, source, priority, risk_colour, village_id,
       reported_at, state, lead_unit_id, closed_at, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'request', 'history_import', 'normal', 'green', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const action = db.prepare(
    `INSERT INTO event_actions (id, event_id, kind, to_state, actor_id, actor_name, note, payload, at)
     VALUES (?, ?, 'history_import', ?, ?, 'bench', '', '{}', ?)`,
  );
  const fts = db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
  const fts2 = db.prepare('INSERT INTO events_fts2 (rowid, bigrams) VALUES (?, ?)');
  db.transaction(() => {
    for (const r of rows) {
      const rowid = event.run(
        r.id,
        r.serial,
        r.title,
        r.title,
        r.categoryId,
        r.villageId,
        r.reportedAt,
        r.state,
        r.leadUnitId,
        r.closedAt,
        actorId,
        now,
        now,
      ).lastInsertRowid;
      action.run(r.actionId, r.id, r.state, actorId, r.closedAt);
      fts.run(rowid, r.searchText);
      fts2.run(rowid, r.searchBigrams);
    }
  }).immediate();
}
