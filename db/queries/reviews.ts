import type { ImprovementKind, ReviewState } from '../../common/reviews';
import type { Db } from '../open';
import { sql } from '../statements';

export interface ReviewRecord {
  id: string;
  serial: string;
  year: number;
  number: number;
  title: string;
  scope: 'event' | 'set';
  categoryId: string | null;
  windowFrom: number | null;
  windowTo: number | null;
  state: ReviewState;
  wentWell: string;
  wentBadly: string;
  conclusion: string;
  openedBy: string | null;
  openedAt: number;
  concludedAt: number | null;
  closedAt: number | null;
}

const REVIEW_COLUMNS = `id, serial, year, number, title, scope, category_id AS categoryId, window_from AS windowFrom,
  window_to AS windowTo, state, went_well AS wentWell, went_badly AS wentBadly, conclusion, opened_by AS openedBy,
  opened_at AS openedAt, concluded_at AS concludedAt, closed_at AS closedAt`;

export function insertReview(db: Db, r: ReviewRecord): void {
  sql(
    db,
    `INSERT INTO reviews (id, serial, year, number, title, scope, category_id, window_from, window_to, state, went_well,
      went_badly, conclusion, opened_by, opened_at, concluded_at, closed_at)
     VALUES (@id, @serial, @year, @number, @title, @scope, @categoryId, @windowFrom, @windowTo, @state, @wentWell,
      @wentBadly, @conclusion, @openedBy, @openedAt, @concludedAt, @closedAt)`,
  ).run(r);
}

export function getReview(db: Db, id: string): ReviewRecord | undefined {
  return sql<ReviewRecord>(db, `SELECT ${REVIEW_COLUMNS} FROM reviews WHERE id = ?`).get(id);
}

/** Writes the fields a move may change; the rest stays as it was. */
export function updateReview(db: Db, r: ReviewRecord): void {
  sql(
    db,
    `UPDATE reviews SET state = @state, went_well = @wentWell, went_badly = @wentBadly, conclusion = @conclusion,
      concluded_at = @concludedAt, closed_at = @closedAt WHERE id = @id`,
  ).run(r);
}

export function nextReviewNumber(db: Db, year: number): number {
  return sql<number>(
    db,
    'INSERT INTO review_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last',
  )
    .pluck()
    .get(year)!;
}

/** Reviews opened in [from, to), newest first. */
export function listReviews(db: Db, from: number, to: number): ReviewRecord[] {
  return sql<ReviewRecord>(
    db,
    `SELECT ${REVIEW_COLUMNS} FROM reviews WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at DESC, id DESC`,
  ).all(from, to);
}

// The events a review covers ---------------------------------------------------

export function insertReviewEvent(db: Db, reviewId: string, eventId: string): void {
  sql(db, 'INSERT INTO review_events (review_id, event_id) VALUES (?, ?)').run(reviewId, eventId);
}

/** The covered events' ids, in the order they were reported. */
export function listReviewEventIds(db: Db, reviewId: string): string[] {
  return sql<string>(
    db,
    `SELECT re.event_id FROM review_events re JOIN events e ON e.id = re.event_id
     WHERE re.review_id = ? ORDER BY e.reported_at, e.id`,
  )
    .pluck()
    .all(reviewId);
}

/** Events of a category or its sub-categories reported in [from, to), oldest first, at most `limit`. */
export function eventsOfCategoryBetween(db: Db, categoryId: string, from: number, to: number, limit: number): string[] {
  return sql<string>(
    db,
    `SELECT e.id FROM events e JOIN categories c ON c.id = e.category_id
     WHERE e.reported_at >= ? AND e.reported_at < ? AND (c.id = ? OR c.parent_id = ?) AND e.state <> 'merged'
     ORDER BY e.reported_at, e.id LIMIT ?`,
  )
    .pluck()
    .all(from, to, categoryId, categoryId, limit);
}

/** Whether an event was ever escalated to the county (its timeline says so, whatever its state now). */
export function wasEscalated(db: Db, eventId: string): boolean {
  return (
    sql<number>(db, "SELECT 1 FROM event_actions WHERE event_id = ? AND +kind = 'escalate' LIMIT 1").pluck().get(eventId) !==
    undefined
  );
}

// Improvement actions ---------------------------------------------------------

export interface ImprovementRecord {
  id: string;
  reviewId: string;
  kind: ImprovementKind;
  measure: string;
  unitId: string;
  dueAt: number;
  orderId: string | null;
  /** For a rule change: the category whose deadline or routing rule it changes. */
  ruleCategoryId: string | null;
  doneAt: number | null;
  doneNote: string;
  createdAt: number;
}

const IMPROVEMENT_COLUMNS = `id, review_id AS reviewId, kind, measure, unit_id AS unitId, due_at AS dueAt, order_id AS orderId,
  rule_category_id AS ruleCategoryId, done_at AS doneAt, done_note AS doneNote, created_at AS createdAt`;

export function insertImprovement(db: Db, i: ImprovementRecord): void {
  sql(
    db,
    `INSERT INTO review_improvements (id, review_id, kind, measure, unit_id, due_at, order_id, rule_category_id, done_at, done_note,
       created_at)
     VALUES (@id, @reviewId, @kind, @measure, @unitId, @dueAt, @orderId, @ruleCategoryId, @doneAt, @doneNote, @createdAt)`,
  ).run(i);
}

export function getImprovement(db: Db, id: string): ImprovementRecord | undefined {
  return sql<ImprovementRecord>(db, `SELECT ${IMPROVEMENT_COLUMNS} FROM review_improvements WHERE id = ?`).get(id);
}

export function listImprovements(db: Db, reviewId: string): ImprovementRecord[] {
  return sql<ImprovementRecord>(
    db,
    `SELECT ${IMPROVEMENT_COLUMNS} FROM review_improvements WHERE review_id = ? ORDER BY created_at, rowid`,
  ).all(reviewId);
}

export function setImprovementOrder(db: Db, id: string, orderId: string): void {
  sql(db, 'UPDATE review_improvements SET order_id = ? WHERE id = ?').run(orderId, id);
}

export function completeImprovement(db: Db, id: string, doneAt: number, note: string): void {
  sql(db, 'UPDATE review_improvements SET done_at = ?, done_note = ? WHERE id = ?').run(doneAt, note, id);
}

/** Rule changes asked for a category's deadline or routing rules, newest first: the link back from the rules. */
export function improvementsOfRule(db: Db, categoryId: string): (ImprovementRecord & { serial: string })[] {
  return sql<ImprovementRecord & { serial: string }>(
    db,
    `SELECT i.id, i.review_id AS reviewId, i.kind, i.measure, i.unit_id AS unitId, i.due_at AS dueAt, i.order_id AS orderId,
       i.rule_category_id AS ruleCategoryId, i.done_at AS doneAt, i.done_note AS doneNote, i.created_at AS createdAt, r.serial
     FROM review_improvements i JOIN reviews r ON r.id = i.review_id
     WHERE i.rule_category_id = ? ORDER BY i.created_at DESC`,
  ).all(categoryId);
}

/** The improvement action a supervision order came from, if any: the link back from the order. */
export function improvementOfOrder(db: Db, orderId: string): ImprovementRecord | undefined {
  return sql<ImprovementRecord>(db, `SELECT ${IMPROVEMENT_COLUMNS} FROM review_improvements WHERE order_id = ?`).get(orderId);
}

// Opening a review --------------------------------------------------------------

export interface CandidateRecord {
  id: string;
  serial: string;
  title: string;
  priority: 'normal' | 'urgent' | 'critical';
  escalated: 0 | 1;
  reportedAt: number;
  closedAt: number | null;
}

/** Events reported since `since` that are 特急 or were ever escalated, newest first. */
export function reviewCandidates(db: Db, since: number, limit: number): CandidateRecord[] {
  return sql<CandidateRecord>(
    db,
    `SELECT e.id, e.serial, e.title, e.priority, e.reported_at AS reportedAt, e.closed_at AS closedAt,
       EXISTS (SELECT 1 FROM event_actions a WHERE a.event_id = e.id AND a.kind = 'escalate') AS escalated
     FROM events e
     WHERE e.reported_at >= ? AND e.state <> 'merged'
       AND (e.priority = 'critical' OR EXISTS (SELECT 1 FROM event_actions a WHERE a.event_id = e.id AND a.kind = 'escalate'))
     ORDER BY e.reported_at DESC LIMIT ?`,
  ).all(since, limit);
}

/** Serials of the reviews covering an event. */
export function reviewSerialsOfEvent(db: Db, eventId: string): string[] {
  return sql<string>(
    db,
    'SELECT r.serial FROM review_events re JOIN reviews r ON r.id = re.review_id WHERE re.event_id = ? ORDER BY r.opened_at',
  )
    .pluck()
    .all(eventId);
}
