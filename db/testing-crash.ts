/**
 * Test support for the crash harness (core/testing/crash): what it reads to
 * pick its next action and to check what survived a kill, and the damage its
 * own tests inflict. Not used by production code.
 */
import type { Db } from './open';
import { sql } from './statements';

/** A random event in this state, for the crash harness to act on. */
export function randomEventInState(db: Db, state: string): string | undefined {
  return sql<{ id: string }>(db, 'SELECT id FROM events WHERE state = ? ORDER BY random() LIMIT 1').get(state)?.id;
}

/** A random order of this unit in this state. */
export function randomOrderOfUnit(db: Db, unitId: string, state: string): string | undefined {
  return sql<{ id: string }>(
    db,
    `SELECT o.id FROM supervision_orders o JOIN supervision_order_units u ON u.order_id = o.id AND u.unit_id = ?
     WHERE o.state = ? ORDER BY random() LIMIT 1`,
  ).get(unitId, state)?.id;
}

export function hasPendingExtension(db: Db, eventId: string): boolean {
  return sql(db, "SELECT 1 FROM extension_requests WHERE event_id = ? AND state = 'pending'").get(eventId) !== undefined;
}

/** The newest timeline entry of an event. */
export function lastEventAction(db: Db, eventId: string): { id: string; kind: string } | undefined {
  return sql<{ id: string; kind: string }>(
    db,
    'SELECT id, kind FROM event_actions WHERE event_id = ? ORDER BY rowid DESC LIMIT 1',
  ).get(eventId);
}

/** The newest timeline entry of a supervision order. */
export function lastOrderAction(db: Db, orderId: string): { id: string; kind: string } | undefined {
  return sql<{ id: string; kind: string }>(
    db,
    'SELECT id, kind FROM supervision_order_actions WHERE order_id = ? ORDER BY rowid DESC LIMIT 1',
  ).get(orderId);
}

export function eventActionById(db: Db, id: string): { kind: string; eventId: string } | undefined {
  return sql<{ kind: string; eventId: string }>(db, 'SELECT kind, event_id AS eventId FROM event_actions WHERE id = ?').get(id);
}

export function orderActionById(db: Db, id: string): { kind: string; orderId: string } | undefined {
  return sql<{ kind: string; orderId: string }>(
    db,
    'SELECT kind, order_id AS orderId FROM supervision_order_actions WHERE id = ?',
  ).get(id);
}

export function countOutboxRows(db: Db, entity: string, entityId: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM outbox WHERE entity = ? AND entity_id = ?').get(entity, entityId)!.n;
}

export function countAuditRows(db: Db, entity: string, entityId: string, action: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM audit_log WHERE entity = ? AND entity_id = ? AND action = ?').get(
    entity,
    entityId,
    action,
  )!.n;
}

/** Up to five timeline entries that do not have exactly one outbox row. */
export function eventActionsWithoutOneOutboxRow(db: Db): string[] {
  return sql<{ id: string }>(
    db,
    `SELECT a.id FROM event_actions a
     WHERE (SELECT count(*) FROM outbox o WHERE o.entity = 'event_action' AND o.entity_id = a.id) <> 1 LIMIT 5`,
  )
    .all()
    .map((r) => r.id);
}

/** Up to five outbox rows (seq) whose timeline entry does not exist. */
export function outboxRowsOfMissingEventActions(db: Db): number[] {
  return sql<{ seq: number }>(
    db,
    `SELECT o.seq FROM outbox o WHERE o.entity = 'event_action'
     AND NOT EXISTS (SELECT 1 FROM event_actions a WHERE a.id = o.entity_id) LIMIT 5`,
  )
    .all()
    .map((r) => r.seq);
}

/** Up to five "event kind" pairs whose timeline entries and audit rows differ in number. */
export function timelineAuditMismatches(db: Db): string[] {
  return sql<{ pair: string }>(
    db,
    `SELECT t.event_id || ' ' || t.kind AS pair FROM
       (SELECT event_id, kind, count(*) AS n FROM event_actions GROUP BY event_id, kind) t
     LEFT JOIN (SELECT entity_id, action, count(*) AS n FROM audit_log WHERE entity = 'event' GROUP BY entity_id, action) u
       ON u.entity_id = t.event_id AND u.action = t.kind
     WHERE u.n IS NOT t.n LIMIT 5`,
  )
    .all()
    .map((r) => r.pair);
}

/** Up to five events without any timeline entry. */
export function eventsWithoutTimeline(db: Db): string[] {
  return sql<{ id: string }>(
    db,
    'SELECT id FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_actions a WHERE a.event_id = e.id) LIMIT 5',
  )
    .all()
    .map((r) => r.id);
}

/** Every attachment file the database refers to. */
export function attachmentFiles(db: Db): { sha256: string; name: string }[] {
  return sql<{ sha256: string; name: string }>(db, 'SELECT DISTINCT sha256, name FROM attachments').all();
}

/** Damage for the crash checks to find: the outbox row of the newest timeline entry disappears. */
export function deleteNewestEventActionOutboxRow(db: Db): void {
  sql(db, "DELETE FROM outbox WHERE seq = (SELECT max(seq) FROM outbox WHERE entity = 'event_action')").run();
}

/** Damage for the crash checks to find: the outbox rows of one record disappear. */
export function deleteOutboxRows(db: Db, entity: string, entityId: string): void {
  sql(db, 'DELETE FROM outbox WHERE entity = ? AND entity_id = ?').run(entity, entityId);
}
