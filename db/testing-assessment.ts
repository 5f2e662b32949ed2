/**
 * Test support for the hand-built assessment fixtures (core/testing/assessment-fixtures.ts):
 * rows written straight into the tables, so every indicator can be computed by hand.
 * Not used by production code.
 */
import type { Db } from './open';
import { sql } from './statements';

/** Some category id (the first the table returns). */
export function anyCategoryId(db: Db): string {
  return sql<{ id: string }>(db, 'SELECT id FROM categories LIMIT 1').get()!.id;
}

export function userIdByUsername(db: Db, username: string): string {
  return sql<{ id: string }>(db, 'SELECT id FROM users WHERE username = ?').get(username)!.id;
}

export interface FixtureEventRow {
  id: string;
  serial: string;
  title: string;
  categoryId: string;
  reportedAt: number;
  state: 'closed' | 'in_progress';
  leadUnitId: string;
  closedAt: number | null;
  reworkCount: number;
  createdAt: number;
}

export function insertFixtureEvent(db: Db, e: FixtureEventRow): void {
  sql(
    db,
    `INSERT INTO events (id, serial, title, description, category_id, request_type, source, priority, risk_colour,
       reported_at, state, lead_unit_id, closed_at, rework_count, created_at, updated_at)
     VALUES (?, ?, ?, '', ?, 'request', 'grid_report', 'normal', 'green', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.id,
    e.serial,
    e.title,
    e.categoryId,
    e.reportedAt,
    e.state,
    e.leadUnitId,
    e.closedAt,
    e.reworkCount,
    e.createdAt,
    e.createdAt,
  );
}

export interface FixtureAssignmentRow {
  eventId: string;
  unitId: string;
  role: 'lead' | 'assist';
  state: string;
  dispatchedAt: number;
  signDueAt: number;
  handleDueAt: number;
  signedAt: number | null;
  feedbackAt: number | null;
  returnedAt: number | null;
}

export function insertFixtureAssignment(db: Db, u: FixtureAssignmentRow): void {
  sql(
    db,
    `INSERT INTO event_units (event_id, unit_id, role, state, dispatched_at, sign_due_at, handle_due_at, signed_at, feedback_at, returned_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(u.eventId, u.unitId, u.role, u.state, u.dispatchedAt, u.signDueAt, u.handleDueAt, u.signedAt, u.feedbackAt, u.returnedAt);
}

/** An event action by actor 'fixture'. */
export function insertFixtureAction(
  db: Db,
  a: { id: string; eventId: string; kind: string; unitId: string | null; payload: string; at: number },
): void {
  sql(
    db,
    "INSERT INTO event_actions (id, event_id, kind, actor_name, unit_id, payload, at) VALUES (?, ?, ?, 'fixture', ?, ?, ?)",
  ).run(a.id, a.eventId, a.kind, a.unitId, a.payload, a.at);
}

/** A decided extension request (reason '需要协调'), requested and decided by the same user. */
export function insertFixtureExtension(
  db: Db,
  x: {
    id: string;
    eventId: string;
    unitId: string;
    requestedDue: number;
    state: 'approved' | 'refused';
    userId: string;
    requestedAt: number;
    decidedAt: number;
  },
): void {
  sql(
    db,
    `INSERT INTO extension_requests (id, event_id, unit_id, reason, requested_due, state, requested_by, requested_at,
       decided_at, decided_by)
     VALUES (?, ?, ?, '需要协调', ?, ?, ?, ?, ?, ?)`,
  ).run(x.id, x.eventId, x.unitId, x.requestedDue, x.state, x.userId, x.requestedAt, x.decidedAt, x.userId);
}

/** An open yellow supervision order of 2026 aimed at a unit (requirements '限期整改'). */
export function insertFixtureOrder(
  db: Db,
  o: { id: string; serial: string; number: number; targetUnitId: string; problem: string; dueAt: number; issuedAt: number },
): void {
  sql(
    db,
    `INSERT INTO supervision_orders (id, serial, year, number, strength, colour, target_kind, target_id, problem, requirements, due_at, issued_at, state)
     VALUES (?, ?, 2026, ?, 'order', 'yellow', 'unit', ?, ?, '限期整改', ?, ?, 'open')`,
  ).run(o.id, o.serial, o.number, o.targetUnitId, o.problem, o.dueAt, o.issuedAt);
}

export function insertFixtureOrderUnit(db: Db, orderId: string, unitId: string): void {
  sql(db, 'INSERT INTO supervision_order_units (order_id, unit_id) VALUES (?, ?)').run(orderId, unitId);
}

/** An answer '已整改' to a supervision order. */
export function insertFixtureAnswer(
  db: Db,
  a: { id: string; orderId: string; unitId: string; userId: string; at: number; late: 0 | 1 },
): void {
  sql(
    db,
    `INSERT INTO supervision_answers (id, order_id, unit_id, text, answered_by, answered_at, late) VALUES (?, ?, ?, '已整改', ?, ?, ?)`,
  ).run(a.id, a.orderId, a.unitId, a.userId, a.at, a.late);
}

/** An open inspection finding (占道经营 at 清溪村桥头, by 暗访组), recorded when found. */
export function insertFixtureFinding(db: Db, f: { id: string; foundAt: number; unitId: string; userId: string }): void {
  sql(
    db,
    `INSERT INTO inspection_findings (id, found_at, place, unit_id, problem, inspector, recorded_by, recorded_at, state)
     VALUES (?, ?, '清溪村桥头', ?, '占道经营', '暗访组', ?, ?, 'open')`,
  ).run(f.id, f.foundAt, f.unitId, f.userId, f.foundAt);
}

/** Whether a table exists (a migration's arrival in the history tests). */
export function tableExists(db: Db, name: string): boolean {
  return sql<{ n: number }>(db, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)!.n > 0;
}

export interface StoredAssignment {
  unitId: string;
  unitName: string;
  state: string;
  dispatchedAt: number;
  returnedAt: number | null;
  verdict: string | null;
  withdrawnAt: number | null;
  closedAt: number | null;
}

/** An event's assignment history, oldest first. */
export function assignmentsOfEvent(db: Db, eventId: string): StoredAssignment[] {
  return sql<StoredAssignment>(
    db,
    `SELECT a.unit_id AS unitId, u.name AS unitName, a.state, a.dispatched_at AS dispatchedAt, a.returned_at AS returnedAt,
       a.return_verdict AS verdict, a.withdrawn_at AS withdrawnAt, a.closed_at AS closedAt
     FROM event_assignments a JOIN units u ON u.id = a.unit_id WHERE a.event_id = ? ORDER BY a.id`,
  ).all(eventId);
}

/** The id of the event with this title (fixtures name their events). */
export function eventIdByTitle(db: Db, title: string): string {
  return sql<{ id: string }>(db, 'SELECT id FROM events WHERE title = ?').get(title)!.id;
}

/** When a unit was given the event in the dispatch it returned (what assessment.judgeReturn names). */
export function returnedDispatchAt(db: Db, eventId: string, unitId: string): number {
  return sql<{ at: number }>(
    db,
    'SELECT dispatched_at AS at FROM event_assignments WHERE event_id = ? AND unit_id = ? AND returned_at IS NOT NULL',
  ).get(eventId, unitId)!.at;
}

/** The latest handling deadline any assignment of the event was given. */
export function latestHandleDue(db: Db, eventId: string): number {
  return sql<{ due: number }>(db, 'SELECT max(handle_due_at) AS due FROM event_assignments WHERE event_id = ?').get(eventId)!.due;
}

/** Audit records of one action, whatever their entity. */
export function auditCountByAction(db: Db, action: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action)!.n;
}
