import type { Db } from '../open';
import { sql } from '../statements';

/*
 * The monthly analysis's own figures (月报分析); the ones the dashboard and
 * the risk register already count come from their modules. Every range is
 * [from, to) in epoch ms.
 */

/** Events reported in the range by top-level category. */
export function reportedByTopCategory(db: Db, from: number, to: number): { categoryId: string; count: number }[] {
  return sql<{ categoryId: string; count: number }>(
    db,
    `SELECT coalesce(c.parent_id, c.id) AS categoryId, count(*) AS count
     FROM events e JOIN categories c ON c.id = e.category_id
     WHERE e.reported_at >= ? AND e.reported_at < ? GROUP BY 1`,
  ).all(from, to);
}

/** Events reported in the range by village (null: none). */
export function reportedByVillage(db: Db, from: number, to: number): { villageId: string | null; count: number }[] {
  return sql<{ villageId: string | null; count: number }>(
    db,
    'SELECT village_id AS villageId, count(*) AS count FROM events WHERE reported_at >= ? AND reported_at < ? GROUP BY village_id',
  ).all(from, to);
}

/** Village × top-level category with at least `min` events reported in the range, most first. */
export function hotSpots(
  db: Db,
  from: number,
  to: number,
  min: number,
  limit: number,
): { villageId: string; categoryId: string; count: number }[] {
  return sql<{ villageId: string; categoryId: string; count: number }>(
    db,
    `SELECT e.village_id AS villageId, coalesce(c.parent_id, c.id) AS categoryId, count(*) AS count
     FROM events e JOIN categories c ON c.id = e.category_id
     WHERE e.reported_at >= ? AND e.reported_at < ? AND e.village_id IS NOT NULL
     GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY count DESC, villageId, categoryId LIMIT ?`,
  ).all(from, to, min, limit);
}

/**
 * Lead assignments whose handling deadline fell in the range and had passed
 * by `now`, per unit: how many, and how many were not fed back by then. A
 * unit answers for the deadlines of the events it leads (as the assessment counts them).
 */
export function assignmentsDueByUnit(
  db: Db,
  from: number,
  to: number,
  now: number,
): { unitId: string; due: number; overdue: number }[] {
  return sql<{ unitId: string; due: number; overdue: number }>(
    db,
    `SELECT unit_id AS unitId, count(*) AS due,
       sum(CASE WHEN feedback_at IS NULL OR feedback_at > handle_due_at THEN 1 ELSE 0 END) AS overdue
     FROM event_units
     WHERE role = 'lead' AND handle_due_at >= ? AND handle_due_at < ? AND handle_due_at < ? AND state <> 'withdrawn'
     GROUP BY unit_id`,
  ).all(from, to, now);
}

export function ordersIssued(db: Db, from: number, to: number): number {
  return sql<number>(db, 'SELECT count(*) FROM supervision_orders WHERE issued_at >= ? AND issued_at < ?').pluck().get(from, to)!;
}

/** Orders accepted (销号) in the range. */
export function ordersAccepted(db: Db, from: number, to: number): number {
  return sql<number>(db, "SELECT count(*) FROM supervision_orders WHERE state = 'accepted' AND closed_at >= ? AND closed_at < ?")
    .pluck()
    .get(from, to)!;
}

/** Orders due in the range, still open (unanswered) and past their deadline at `now`. */
export function ordersOpenOverdue(db: Db, from: number, to: number, now: number): number {
  return sql<number>(
    db,
    "SELECT count(*) FROM supervision_orders WHERE state = 'open' AND due_at >= ? AND due_at < ? AND due_at < ?",
  )
    .pluck()
    .get(from, to, now)!;
}

/** Campaigns whose period overlaps the range, with their hazards reported in it and how many of those closed before its end. */
export function campaignsOfRange(
  db: Db,
  from: number,
  to: number,
): { id: string; name: string; state: 'planned' | 'running' | 'closed'; hazards: number; closed: number }[] {
  return sql<{ id: string; name: string; state: 'planned' | 'running' | 'closed'; hazards: number; closed: number }>(
    db,
    `SELECT c.id, c.name, c.state,
       (SELECT count(*) FROM campaign_events ce JOIN events e ON e.id = ce.event_id
         WHERE ce.campaign_id = c.id AND e.reported_at >= @from AND e.reported_at < @to) AS hazards,
       (SELECT count(*) FROM campaign_events ce JOIN events e ON e.id = ce.event_id
         WHERE ce.campaign_id = c.id AND e.reported_at >= @from AND e.reported_at < @to AND e.closed_at < @to) AS closed
     FROM campaigns c WHERE c.starts_at < @to AND c.ends_at > @from ORDER BY c.starts_at, c.id`,
  ).all({ from, to });
}

/** Risk assessments registered in the range. */
export function risksRegistered(db: Db, from: number, to: number): number {
  return sql<number>(db, 'SELECT count(*) FROM risk_assessments WHERE created_at >= ? AND created_at < ?').pluck().get(from, to)!;
}
