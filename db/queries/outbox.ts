import type { Db } from '../open';
import { sql } from '../statements';

export type OutboxEntity =
  'event' | 'event_action' | 'supervision_order' | 'supervision_answer' | 'assessment_result' | 'daily_figures';

export interface OutboxRecord {
  id: string;
  entity: OutboxEntity;
  entityId: string;
  op: 'upsert' | 'delete';
  at: number;
  data: string | null;
}

/** The statement that appends a change (named parameters as in `OutboxRecord`); AUTOINCREMENT gives its seq. */
export const OUTBOX_INSERT =
  'INSERT INTO outbox (id, entity, entity_id, op, at, data) VALUES (@id, @entity, @entityId, @op, @at, @data)';

/** Appends a change for the county; the caller's transaction makes it atomic with the change. */
export function appendOutbox(db: Db, r: OutboxRecord): number {
  return Number(sql(db, OUTBOX_INSERT).run(r).lastInsertRowid);
}

/** A change at a given seq (a recovered one, exactly as the county holds it). */
export function insertOutboxAt(db: Db, r: OutboxRecord & { seq: number }): void {
  sql(
    db,
    'INSERT INTO outbox (seq, id, entity, entity_id, op, at, data) VALUES (@seq, @id, @entity, @entityId, @op, @at, @data)',
  ).run(r);
}

export function listOutbox(db: Db, afterSeq: number, limit: number): (OutboxRecord & { seq: number })[] {
  return sql<OutboxRecord & { seq: number }>(
    db,
    'SELECT seq, id, entity, entity_id AS entityId, op, at, data FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?',
  ).all(afterSeq, limit);
}

export function outboxAt(db: Db, seq: number): (OutboxRecord & { seq: number }) | undefined {
  return sql<OutboxRecord & { seq: number }>(
    db,
    'SELECT seq, id, entity, entity_id AS entityId, op, at, data FROM outbox WHERE seq = ?',
  ).get(seq);
}

/** Whether an event is the county's (PROTOCOL.md "Ownership"): the township sends nothing for it. */
export function isCountyOwnedEvent(db: Db, eventId: string): boolean {
  return sql<{ one: number }>(db, "SELECT 1 AS one FROM events WHERE id = ? AND owner = 'county'").get(eventId) !== undefined;
}

/** Whether the county issued this order (by local id or by the county's own id). */
export function isCountyOrder(db: Db, orderId: string): boolean {
  return (
    sql<{ one: number }>(
      db,
      "SELECT 1 AS one FROM supervision_orders WHERE source = 'county' AND (id = ? OR county_ref = ?) LIMIT 1",
    ).get(orderId, orderId) !== undefined
  );
}

/** Keeps AUTOINCREMENT at least at `seq`, so the next change is numbered after it. */
export function raiseOutboxSequence(db: Db, seq: number): void {
  sql(db, "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'outbox'").run(seq);
  sql(
    db,
    "INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')",
  ).run(seq);
}

/**
 * Sets AUTOINCREMENT back to exactly `seq` once every row above it has been
 * set aside: seqs handed out but never sent are numbered again, so the stream
 * the county sees has no hole.
 */
export function lowerOutboxSequence(db: Db, seq: number): void {
  const above = sql<{ n: number }>(db, 'SELECT count(*) AS n FROM outbox WHERE seq > ?').get(seq)!.n;
  if (above > 0) throw new Error(`cannot number the outbox after seq ${seq}: ${above} change(s) lie above it`);
  sql(db, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(seq);
}
