/** Test support: temporary folders for real SQLite files, and the SQL tests need. Not used by production code. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from './open';
import { preparedTexts, sql } from './statements';

export function tempDir(prefix = 'command-room-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

// The SQL tests need to look at or damage a database on purpose (fixtures, digests, tampering; the crash
// harness has its own in testing-crash.ts). Here so that nothing outside db/ prepares SQL.

/** Every row of every ordinary table, as raw arrays, by table name (FTS virtual tables left out, their shadow tables kept). */
export function everyTableRow(db: Db): Map<string, unknown[][]> {
  const tables = sql<{ name: string }>(
    db,
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
  )
    .all()
    .map((r) => r.name);
  // Raw arrays keep every column, also unnamed or repeated ones; a raw statement is not shared, so it is not cached.
  return new Map(tables.map((table) => [table, db.prepare<unknown[], unknown[]>(`SELECT * FROM "${table}"`).raw().all()]));
}

/** Puts an escalated event in the county's hands, as the sync applier does when the county accepts it. */
export function setEventCountyOwned(db: Db, eventId: string): void {
  sql(db, "UPDATE events SET state = 'county_owned', owner = 'county' WHERE id = ?").run(eventId);
}

/**
 * The SQL texts `run` prepares on a connection of its own (so no statement
 * is already cached and every text the query functions run is seen): the
 * query-plan tests explain what production really runs, not copies of it.
 */
export function statementsRunBy(file: string, run: (db: Db) => unknown): string[] {
  const db = openDatabase(file);
  try {
    const captured: string[] = [];
    const prepare = db.prepare.bind(db);
    // Query modules not yet on sql() prepare directly; both paths go through db.prepare.
    db.prepare = ((text: string) => {
      captured.push(text);
      return prepare(text);
    }) as typeof db.prepare;
    run(db);
    db.prepare = prepare;
    for (const text of preparedTexts(db)) if (!captured.includes(text)) captured.push(text);
    return captured;
  } finally {
    db.close();
  }
}

/** `EXPLAIN QUERY PLAN` of a statement, every parameter bound to 1, its lines joined by ' | '. */
export function queryPlan(db: Db, text: string): string {
  const names = [...new Set([...text.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => m[1]!))];
  const params: unknown[] =
    names.length > 0 ? [Object.fromEntries(names.map((n) => [n, 1]))] : (text.match(/\?/g) ?? []).map(() => 1);
  return sql<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${text}`)
    .all(...params)
    .map((r) => r.detail)
    .join(' | ');
}

/** How many rows a table holds. */
export function countRows(db: Db, table: string): number {
  return sql<{ n: number }>(db, `SELECT count(*) AS n FROM "${table}"`).get()!.n;
}

/** An audit_log row as stored, column names as in the table. */
export interface StoredAuditRecord {
  seq: number;
  at: number;
  actor_id: string | null;
  actor_name: string;
  role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  prev_hash: string | null;
  hash: string | null;
}

/** The whole audit log in seq order, as stored. */
export function storedAuditRows(db: Db): StoredAuditRecord[] {
  return sql<StoredAuditRecord>(db, 'SELECT * FROM audit_log ORDER BY seq').all();
}

/** A sessions row as stored, column names as in the table. */
export interface StoredSessionRecord {
  id: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  ended_at: number | null;
  end_reason: string | null;
  resume_hash: string | null;
  connection_id: string | null;
  detached_at: number | null;
}

/** Every session in the order they were created, as stored. */
export function storedSessionRows(db: Db): StoredSessionRecord[] {
  return sql<StoredSessionRecord>(db, 'SELECT * FROM sessions ORDER BY created_at, rowid').all();
}

/** The outbox's seqs in order. */
export function outboxSeqs(db: Db): number[] {
  return sql<{ seq: number }>(db, 'SELECT seq FROM outbox ORDER BY seq')
    .all()
    .map((r) => r.seq);
}

/** How many outbox rows are about one kind of entity. */
export function outboxCountOf(db: Db, entity: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM outbox WHERE entity = ?').get(entity)!.n;
}

/** The data of the newest outbox row about one kind of entity (undefined when there is none). */
export function latestOutboxData(db: Db, entity: string): string | undefined {
  return sql<{ data: string }>(db, 'SELECT data FROM outbox WHERE entity = ? ORDER BY seq DESC LIMIT 1').get(entity)?.data;
}

/** A unit some event is assigned to and a grid some event lies in (undefined when none is). */
export function referencedUnitAndGrid(db: Db): { unitId: string | undefined; gridId: string | undefined } {
  return {
    unitId: sql<{ id: string }>(db, 'SELECT unit_id AS id FROM event_units LIMIT 1').get()?.id,
    gridId: sql<{ id: string }>(db, 'SELECT grid_id AS id FROM events WHERE grid_id IS NOT NULL LIMIT 1').get()?.id,
  };
}

/** Tampering as someone editing the file outside the app would: the append-only trigger dropped, one summary changed. */
export function tamperAuditSummary(db: Db, seq: number, summary: string): void {
  db.transaction(() => {
    sql(db, 'DROP TRIGGER IF EXISTS audit_log_no_update').run();
    sql(db, 'UPDATE audit_log SET summary = ? WHERE seq = ?').run(summary, seq);
  })();
}

/** Every event title, sorted. */
export function eventTitles(db: Db): string[] {
  return sql<{ title: string }>(db, 'SELECT title FROM events ORDER BY title')
    .all()
    .map((r) => r.title);
}

/** The first page of a table's b-tree, for tests that damage exactly that table in the file. */
export function tableRootPage(db: Db, table: string): number | undefined {
  return sql<{ rootpage: number }>(db, 'SELECT rootpage FROM sqlite_schema WHERE name = ?').get(table)?.rootpage;
}

/** A bare outbox row (an upsert of event 'e'), to build an outbox with a gap. */
export function insertBareOutboxRow(db: Db, id: string): void {
  sql(db, "INSERT INTO outbox (id, entity, entity_id, op, at, data) VALUES (?, 'event', 'e', 'upsert', 1, '{}')").run(id);
}

export function deleteOutboxRow(db: Db, id: string): void {
  sql(db, 'DELETE FROM outbox WHERE id = ?').run(id);
}

// Reference counts straight from the events table, to hold the trigger-kept event_counts against.

export function eventCountsByStateFromEvents(db: Db): { state: string; count: number }[] {
  return sql<{ state: string; count: number }>(
    db,
    'SELECT state, count(*) AS count FROM events GROUP BY state ORDER BY state',
  ).all();
}

export function eventCountsByVillageFromEvents(db: Db, states: readonly string[]): { villageId: string; count: number }[] {
  return sql<{ villageId: string; count: number }>(
    db,
    `SELECT village_id AS villageId, count(*) AS count FROM events
     WHERE state IN (${states.map(() => '?').join(', ')}) AND village_id IS NOT NULL GROUP BY village_id ORDER BY village_id`,
  ).all(...states);
}

export function eventCountsByCategoryFromEvents(db: Db, states: readonly string[]): { categoryId: string; count: number }[] {
  return sql<{ categoryId: string; count: number }>(
    db,
    `SELECT category_id AS categoryId, count(*) AS count FROM events WHERE state IN (${states.map(() => '?').join(', ')})
     GROUP BY category_id ORDER BY category_id`,
  ).all(...states);
}

/** The ids of a table's rows (events sorted by id). */
export function idsOf(db: Db, table: 'events' | 'villages' | 'categories'): string[] {
  const order = table === 'events' ? ' ORDER BY id' : '';
  return sql<{ id: string }>(db, `SELECT id FROM ${table}${order}`)
    .all()
    .map((r) => r.id);
}

/**
 * Changes an event's columns behind the app's back, to exercise the triggers
 * that keep event_counts (only these columns; values are bound).
 */
export function patchEventRaw(
  db: Db,
  id: string | null,
  patch: { state?: string; villageId?: string | null; categoryId?: string; title?: 'unchanged'; mergedInto?: null },
): void {
  const bound: [string, unknown][] = [];
  if (patch.categoryId !== undefined) bound.push(['category_id', patch.categoryId]);
  if (patch.state !== undefined) bound.push(['state', patch.state]);
  if (patch.villageId !== undefined) bound.push(['village_id', patch.villageId]);
  const sets = bound.map(([column]) => `${column} = ?`);
  const params = bound.map(([, value]) => value);
  if (patch.title === 'unchanged') sets.push('title = title');
  if (patch.mergedInto === null) sets.push('merged_into = NULL');
  const where = id === null ? '' : ' WHERE id = ?';
  sql(db, `UPDATE events SET ${sets.join(', ')}${where}`).run(...params, ...(id === null ? [] : [id]));
}

/** Deletes the first `n` events by id. */
export function deleteFirstEvents(db: Db, n: number): void {
  sql(db, 'DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT ?)').run(n);
}

/** The data of every outbox row about one kind of entity, in seq order. */
export function outboxDataOf(db: Db, entity: string): string[] {
  return sql<{ data: string }>(db, 'SELECT data FROM outbox WHERE entity = ? ORDER BY seq')
    .all(entity)
    .map((r) => r.data);
}

/** How many audit rows record one action on one entity. */
export function auditCountOf(db: Db, entity: string, entityId: string, action: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM audit_log WHERE entity = ? AND entity_id = ? AND action = ?').get(
    entity,
    entityId,
    action,
  )!.n;
}

/** How many outbox rows are about one entity. */
export function outboxCountAbout(db: Db, entity: string, entityId: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM outbox WHERE entity = ? AND entity_id = ?').get(entity, entityId)!.n;
}

/** A settings row written straight into the table, behind the app's back. */
export function insertRawSetting(db: Db, key: string, value: string): void {
  sql(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
}

/** How many settings rows have that key (0 or 1). */
export function settingRowCount(db: Db, key: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM settings WHERE key = ?').get(key)!.n;
}
