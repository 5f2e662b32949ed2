/** Test support for the county-sync tests (core/sync/): what they read back from the township's database. */
import { statSync } from 'node:fs';
import type { Db } from './open';
import { sql } from './statements';

/** County inbox rows of a status, only those past `afterOffset` when given. */
export function countyInboxCount(db: Db, status: string, afterOffset?: number): number {
  return afterOffset === undefined
    ? sql<{ n: number }>(db, 'SELECT count(*) AS n FROM county_inbox WHERE status = ?').get(status)!.n
    : sql<{ n: number }>(db, 'SELECT count(*) AS n FROM county_inbox WHERE offset > ? AND status = ?').get(afterOffset, status)!
        .n;
}

/** Events that carry a county reference. */
export function eventsWithCountyRef(db: Db, countyRef: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM events WHERE county_ref = ?').get(countyRef)!.n;
}

// Township side --------------------------------------------------------------------------

export interface StoredOutboxRow {
  seq: number;
  id: string;
  entity: string;
  entity_id: string;
  op: string;
  data: string | null;
}

/** Every outbox row in seq order. */
export function storedOutboxRows(db: Db): StoredOutboxRow[] {
  return sql<StoredOutboxRow>(db, 'SELECT seq, id, entity, entity_id, op, data FROM outbox ORDER BY seq').all();
}

/** The seqs of the outbox rows about one record. */
export function outboxSeqsOf(db: Db, entity: string, entityId: string): number[] {
  return sql<{ seq: number }>(db, 'SELECT seq FROM outbox WHERE entity = ? AND entity_id = ? ORDER BY seq')
    .all(entity, entityId)
    .map((r) => r.seq);
}

/** The entities queued after a seq about one event: the event itself and its actions. */
export function outboxEntitiesAboutEvent(db: Db, eventId: string, afterSeq: number): string[] {
  return sql<{ entity: string }>(
    db,
    `SELECT entity FROM outbox WHERE seq > ? AND ((entity = 'event' AND entity_id = ?)
       OR (entity = 'event_action' AND json_extract(data, '$.eventId') = ?)) ORDER BY seq`,
  )
    .all(afterSeq, eventId, eventId)
    .map((r) => r.entity);
}

/** Where the link stands, as stored. */
export function storedSyncState(db: Db): { acked: number; applied: number; recoverTarget: number; recovered: number } {
  return sql<{ acked: number; applied: number; recoverTarget: number; recovered: number }>(
    db,
    `SELECT acked_seq AS acked, applied_offset AS applied, recover_target AS recoverTarget, recovered_seq AS recovered
     FROM sync_state`,
  ).get()!;
}

/** The outbox's AUTOINCREMENT high-water mark. */
export function outboxSequenceMark(db: Db): number | undefined {
  return sql<{ seq: number }>(db, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get()?.seq;
}

/** Rewinds the acked seq, as a lost ack would leave it. */
export function rewindAckedSeq(db: Db, seq: number): void {
  sql(db, 'UPDATE sync_state SET acked_seq = ?').run(seq);
}

export interface StoredInboxRow {
  offset: number;
  message_id: string;
  type: string;
  status: string;
  reason: string;
}

/** Every county inbox row in offset order. */
export function storedInboxRows(db: Db): StoredInboxRow[] {
  return sql<StoredInboxRow>(db, 'SELECT offset, message_id, type, status, reason FROM county_inbox ORDER BY offset').all();
}

/** The newest inbox rows of one type, newest first. */
export function latestInboxRowsOfType(db: Db, type: string, limit: number): StoredInboxRow[] {
  return sql<StoredInboxRow>(
    db,
    'SELECT offset, message_id, type, status, reason FROM county_inbox WHERE type = ? ORDER BY offset DESC LIMIT ?',
  ).all(type, limit);
}

/** The message types applied at least once. */
export function appliedInboxTypes(db: Db): string[] {
  return sql<{ type: string }>(db, "SELECT DISTINCT type FROM county_inbox WHERE status = 'applied' ORDER BY type")
    .all()
    .map((r) => r.type);
}

/** Notices received, all or of one title. */
export function noticeCount(db: Db, title?: string): number {
  return title === undefined
    ? sql<{ n: number }>(db, 'SELECT count(*) AS n FROM notices').get()!.n
    : sql<{ n: number }>(db, 'SELECT count(*) AS n FROM notices WHERE title = ?').get(title)!.n;
}

/** Events that came from the county: rows, and distinct county references. */
export function countyEventCounts(db: Db): { rows: number; refs: number } {
  return sql<{ rows: number; refs: number }>(
    db,
    'SELECT count(*) AS rows, count(DISTINCT county_ref) AS refs FROM events WHERE county_ref IS NOT NULL',
  ).get()!;
}

/** The event registered for a county reference. */
export function eventByCountyRef(
  db: Db,
  countyRef: string,
): { id: string; state: string; source: string; address: string } | undefined {
  return sql<{ id: string; state: string; source: string; address: string }>(
    db,
    'SELECT id, state, source, address FROM events WHERE county_ref = ?',
  ).get(countyRef);
}

/** Some county-owned event. */
export function anyCountyOwnedEvent(db: Db): string | undefined {
  return sql<{ id: string }>(db, "SELECT id FROM events WHERE owner = 'county' LIMIT 1").get()?.id;
}

/** Some unit that is not the county's. */
export function anyTownshipUnit(db: Db): string | undefined {
  return sql<{ id: string }>(db, "SELECT id FROM units WHERE kind != 'county' LIMIT 1").get()?.id;
}

/** How many actions a set of events has. */
export function actionCountOf(db: Db, eventIds: string[]): number {
  return eventIds.reduce(
    (sum, id) => sum + sql<{ n: number }>(db, 'SELECT count(*) AS n FROM event_actions WHERE event_id = ?').get(id)!.n,
    0,
  );
}

/** Events of a source and priority. */
export function eventCountBySource(db: Db, source: string, priority: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM events WHERE source = ? AND priority = ?').get(source, priority)!.n;
}

/** The state of a county supervision order by its serial. */
export function countyOrderState(db: Db, serial: string): string | undefined {
  return sql<{ state: string }>(db, "SELECT state FROM supervision_orders WHERE source = 'county' AND serial = ?").get(serial)
    ?.state;
}

/** A deadline rule's handling hours. */
export function deadlineRuleHours(db: Db, categoryId: string, priority: string): number | null | undefined {
  return sql<{ hours: number | null }>(
    db,
    'SELECT handle_hours AS hours FROM deadline_rules WHERE category_id = ? AND priority = ?',
  ).get(categoryId, priority)?.hours;
}

/** A calendar day's name (undefined when the day is not in the calendar). */
export function calendarDayName(db: Db, date: string): string | undefined {
  return sql<{ name: string }>(db, 'SELECT name FROM calendar_days WHERE date = ?').get(date)?.name;
}

/** Units of a name. */
export function unitCountByName(db: Db, name: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM units WHERE name = ?').get(name)!.n;
}

/** County schemes kept raw under a key. */
export function countySchemeRows(db: Db, key: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM county_schemes WHERE key = ?').get(key)!.n;
}

/** The audit rows about refused changes, oldest first. */
export function refusedAudits(db: Db): { action: string; entityId: string }[] {
  return sql<{ action: string; entityId: string }>(
    db,
    "SELECT action, entity_id AS entityId FROM audit_log WHERE entity = 'sync_refused' ORDER BY seq",
  ).all();
}

/** Closes an event behind the contract's back, as a late change the figures must notice. */
export function closeEventRaw(db: Db, eventId: string, at: number): void {
  sql(db, "UPDATE events SET state = 'closed', closed_at = ?, resolved_level = 'grid' WHERE id = ?").run(at, eventId);
}

/** Makes an event overdue behind the contract's back. */
export function makeEventOverdueRaw(db: Db, eventId: string, handleDueAt: number): void {
  sql(db, 'UPDATE events SET warning = 2, handle_due_at = ? WHERE id = ?').run(handleDueAt, eventId);
}

/** The alarms feature's rows: IoT alarms logged and alarms sounded. */
export function alarmCounts(db: Db): { logged: number; sounded: number } {
  return sql<{ logged: number; sounded: number }>(
    db,
    'SELECT (SELECT count(*) FROM iot_alarm_log) AS logged, (SELECT count(*) FROM alarms) AS sounded',
  ).get()!;
}

// County side (the reference county center's SQLite store) -------------------------------

/** The record the county holds for a township's entity (undefined when none). */
export function countyRecordData(countyDb: Db, townshipId: string, entity: string, entityId: string): string | undefined {
  return sql<{ data: string }>(countyDb, 'SELECT data FROM records WHERE township_id = ? AND entity = ? AND entity_id = ?').get(
    townshipId,
    entity,
    entityId,
  )?.data;
}

/** Every event record the county holds, of any township. */
export function countyEventRecords(countyDb: Db): string[] {
  return sql<{ data: string }>(countyDb, "SELECT data FROM records WHERE entity = 'event'")
    .all()
    .map((r) => r.data);
}

/** Records the county holds of an entity id, of any township and entity. */
export function countyRecordCount(countyDb: Db, entityId: string, townshipId?: string): number {
  return townshipId === undefined
    ? sql<{ n: number }>(countyDb, 'SELECT count(*) AS n FROM records WHERE entity_id = ?').get(entityId)!.n
    : sql<{ n: number }>(countyDb, 'SELECT count(*) AS n FROM records WHERE township_id = ? AND entity_id = ?').get(
        townshipId,
        entityId,
      )!.n;
}

/** Event actions the county holds that mention an id. */
export function countyActionsMentioning(countyDb: Db, id: string): number {
  return sql<{ n: number }>(countyDb, "SELECT count(*) AS n FROM records WHERE entity = 'event_action' AND data LIKE ?").get(
    `%${id}%`,
  )!.n;
}

/** Every change the county took, of all townships. */
export function countyChangeCount(countyDb: Db): number {
  return sql<{ n: number }>(countyDb, 'SELECT count(*) AS n FROM changes').get()!.n;
}

export interface CountyChangeRow {
  seq: number;
  id: string;
  entity: string;
  entity_id: string;
  op: string;
  data: string | null;
  status: string;
}

/** A township's changes as the county took them, in seq order (applied and refused). */
export function countyChangeRows(countyDb: Db, townshipId: string): CountyChangeRow[] {
  return sql<CountyChangeRow>(
    countyDb,
    'SELECT seq, id, entity, entity_id, op, data, status FROM changes WHERE township_id = ? ORDER BY seq',
  ).all(townshipId);
}

/** A township's message log, in offset order. */
export function countyMessageLog(countyDb: Db, townshipId: string): { offset: number; id: string; type: string }[] {
  return sql<{ offset: number; id: string; type: string }>(
    countyDb,
    'SELECT offset, id, type FROM messages WHERE township_id = ? ORDER BY offset',
  ).all(townshipId);
}

/** Makes the database refuse notices of one title (a trigger), as only a broken database would. */
export function refuseNoticesTitled(db: Db, title: string): void {
  db.exec(
    `CREATE TRIGGER refuse_notice BEFORE INSERT ON notices WHEN NEW.title = '${title.replaceAll("'", "''")}'
     BEGIN SELECT RAISE(ABORT, 'notice refused'); END`,
  );
}

/** The connection's automatic checkpoint threshold (pages), and the WAL's size in pages as the file stands. */
export function walCheckpointState(db: Db, file: string): { autocheckpoint: number; walPages: number } {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return {
    autocheckpoint: db.pragma('wal_autocheckpoint', { simple: true }) as number,
    walPages: Math.floor(statSync(`${file}-wal`).size / pageSize),
  };
}
