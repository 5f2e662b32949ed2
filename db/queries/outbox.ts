import type { Db } from '../open';

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

/** Appends a change for the county; the caller's transaction makes it atomic with the change. */
export function appendOutbox(db: Db, r: OutboxRecord): number {
  return Number(
    db
      .prepare('INSERT INTO outbox (id, entity, entity_id, op, at, data) VALUES (@id, @entity, @entityId, @op, @at, @data)')
      .run(r).lastInsertRowid,
  );
}

export function listOutbox(db: Db, afterSeq: number, limit: number): (OutboxRecord & { seq: number })[] {
  return db
    .prepare('SELECT seq, id, entity, entity_id AS entityId, op, at, data FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, limit) as (OutboxRecord & { seq: number })[];
}
