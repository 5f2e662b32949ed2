import type { Db } from '../open';
import { sql } from '../statements';

/** What the supervision suggestions read from the events; each query is served by an index (supervision-plans.test.ts). */
export interface SuggestedEvent {
  id: string;
  serial: string;
  title: string;
  state: string;
  handleDueAt: number | null;
  leadUnitId: string | null;
  returnCount: number;
  reworkCount: number;
}

const SUGGESTED_EVENT = `id, serial, title, state, handle_due_at AS handleDueAt, lead_unit_id AS leadUnitId,
  return_count AS returnCount, rework_count AS reworkCount`;
const RUNNING = "('dispatched', 'in_progress', 'awaiting_verification')";
const NOT_DONE = "('registered', 'dispatched', 'in_progress', 'awaiting_verification', 'returned')";

/** Running events past their handling deadline (the warning index holds them). */
export const OVERDUE_EVENTS_SQL = `SELECT ${SUGGESTED_EVENT} FROM events WHERE warning = 2 AND state IN ${RUNNING}
  AND handle_due_at < ? ORDER BY handle_due_at LIMIT 200`;
export const BOUNCED_EVENTS_SQL = `SELECT ${SUGGESTED_EVENT} FROM events WHERE (return_count >= 2 OR rework_count >= 2)
  AND state IN ${NOT_DONE} ORDER BY return_count + rework_count DESC LIMIT 200`;
export const RED_RISK_EVENTS_SQL = `SELECT ${SUGGESTED_EVENT},
  (SELECT max(at) FROM event_actions a WHERE a.event_id = e.id) AS lastActionAt
  FROM events e WHERE risk_colour = 'red' AND state IN ${NOT_DONE} LIMIT 1000`;
/** Per unit, the lead and assisting assignments dispatched in the window and how many of them ran late. */
export const UNIT_OVERDUE_SQL = `SELECT unit_id AS unitId, count(*) AS total,
  sum(CASE WHEN coalesce(feedback_at, ?) > handle_due_at THEN 1 ELSE 0 END) AS overdue
  FROM event_units INDEXED BY event_units_by_dispatched WHERE dispatched_at >= ? AND state <> 'withdrawn' GROUP BY unit_id`;

export function overdueEvents(db: Db, now: number): SuggestedEvent[] {
  return sql<SuggestedEvent>(db, OVERDUE_EVENTS_SQL).all(now);
}
export function bouncedEvents(db: Db): SuggestedEvent[] {
  return sql<SuggestedEvent>(db, BOUNCED_EVENTS_SQL).all();
}
export function redRiskEvents(db: Db): (SuggestedEvent & { lastActionAt: number | null })[] {
  return sql<SuggestedEvent & { lastActionAt: number | null }>(db, RED_RISK_EVENTS_SQL).all();
}
export function unitOverdueCounts(db: Db, now: number, since: number): { unitId: string; total: number; overdue: number }[] {
  return sql<{ unitId: string; total: number; overdue: number }>(db, UNIT_OVERDUE_SQL).all(now, since);
}
