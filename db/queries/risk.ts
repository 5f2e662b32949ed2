import type { RiskKind, RiskLevel, RiskMethod, RiskState } from '../../common/risk';
import type { Db } from '../open';
import { sql } from '../statements';

export interface RiskRecord {
  id: string;
  serial: string;
  year: number;
  number: number;
  title: string;
  proposingUnitId: string;
  kind: RiskKind;
  scope: string;
  peopleAffected: number;
  state: RiskState;
  risks: string;
  level: RiskLevel | null;
  levelReason: string;
  decisionReason: string;
  decidedBy: string | null;
  decidedAt: number | null;
  createdBy: string | null;
  createdAt: number;
}

const RISK_COLUMNS = `id, serial, year, number, title, proposing_unit_id AS proposingUnitId, kind, scope,
  people_affected AS peopleAffected, state, risks, level, level_reason AS levelReason, decision_reason AS decisionReason,
  decided_by AS decidedBy, decided_at AS decidedAt, created_by AS createdBy, created_at AS createdAt`;

export function insertRisk(db: Db, r: RiskRecord): void {
  sql(
    db,
    `INSERT INTO risk_assessments (id, serial, year, number, title, proposing_unit_id, kind, scope, people_affected, state, risks,
      level, level_reason, decision_reason, decided_by, decided_at, created_by, created_at)
     VALUES (@id, @serial, @year, @number, @title, @proposingUnitId, @kind, @scope, @peopleAffected, @state, @risks,
      @level, @levelReason, @decisionReason, @decidedBy, @decidedAt, @createdBy, @createdAt)`,
  ).run(r);
}

export function getRisk(db: Db, id: string): RiskRecord | undefined {
  return sql<RiskRecord>(db, `SELECT ${RISK_COLUMNS} FROM risk_assessments WHERE id = ?`).get(id);
}

/** Writes the fields a step may change; the rest of the record stays as it was. */
export function updateRisk(db: Db, r: RiskRecord): void {
  sql(
    db,
    `UPDATE risk_assessments SET state = @state, risks = @risks, level = @level, level_reason = @levelReason,
      decision_reason = @decisionReason, decided_by = @decidedBy, decided_at = @decidedAt WHERE id = @id`,
  ).run(r);
}

export function nextRiskNumber(db: Db, year: number): number {
  return sql<number>(
    db,
    'INSERT INTO risk_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last',
  )
    .pluck()
    .get(year)!;
}

/** The register, newest first; `from`/`to` bound the creation time. */
export function listRisks(db: Db, from: number, to: number): RiskRecord[] {
  return sql<RiskRecord>(
    db,
    `SELECT ${RISK_COLUMNS} FROM risk_assessments WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC, id DESC`,
  ).all(from, to);
}

/** Decisions whose latest conclusion fell in [from, to), by the conclusion they hold now. */
export function countConclusions(db: Db, from: number, to: number): { state: RiskState; n: number }[] {
  return sql<{ state: RiskState; n: number }>(
    db,
    `SELECT state, COUNT(*) AS n FROM risk_assessments
     WHERE decided_at >= ? AND decided_at < ? AND state IN ('implemented', 'postponed', 'rejected', 'terminated')
     GROUP BY state`,
  ).all(from, to);
}

// Method records ------------------------------------------------------------

export interface RiskMethodRecord {
  id: string;
  assessmentId: string;
  method: RiskMethod;
  heldOn: number;
  participants: string;
  summary: string;
  recordedBy: string | null;
  recordedAt: number;
}

export function insertRiskMethod(db: Db, m: RiskMethodRecord): void {
  sql(
    db,
    `INSERT INTO risk_methods (id, assessment_id, method, held_on, participants, summary, recorded_by, recorded_at)
     VALUES (@id, @assessmentId, @method, @heldOn, @participants, @summary, @recordedBy, @recordedAt)`,
  ).run(m);
}

export function listRiskMethods(db: Db, assessmentId: string): RiskMethodRecord[] {
  return sql<RiskMethodRecord>(
    db,
    `SELECT id, assessment_id AS assessmentId, method, held_on AS heldOn, participants, summary, recorded_by AS recordedBy,
       recorded_at AS recordedAt
     FROM risk_methods WHERE assessment_id = ? ORDER BY held_on, rowid`,
  ).all(assessmentId);
}

// Mitigation tasks ----------------------------------------------------------

export interface RiskTaskRecord {
  id: string;
  assessmentId: string;
  measure: string;
  unitId: string;
  createdAt: number;
  dueAt: number;
  doneAt: number | null;
  doneNote: string;
}

const TASK_COLUMNS = `id, assessment_id AS assessmentId, measure, unit_id AS unitId, created_at AS createdAt, due_at AS dueAt,
  done_at AS doneAt, done_note AS doneNote`;

export function insertRiskTask(db: Db, t: RiskTaskRecord): void {
  sql(
    db,
    `INSERT INTO risk_tasks (id, assessment_id, measure, unit_id, created_at, due_at, done_at, done_note)
     VALUES (@id, @assessmentId, @measure, @unitId, @createdAt, @dueAt, @doneAt, @doneNote)`,
  ).run(t);
}

export function getRiskTask(db: Db, id: string): RiskTaskRecord | undefined {
  return sql<RiskTaskRecord>(db, `SELECT ${TASK_COLUMNS} FROM risk_tasks WHERE id = ?`).get(id);
}

export function listRiskTasks(db: Db, assessmentId: string): RiskTaskRecord[] {
  return sql<RiskTaskRecord>(db, `SELECT ${TASK_COLUMNS} FROM risk_tasks WHERE assessment_id = ? ORDER BY due_at, rowid`).all(
    assessmentId,
  );
}

export function completeRiskTask(db: Db, id: string, doneAt: number, note: string): void {
  sql(db, 'UPDATE risk_tasks SET done_at = ?, done_note = ? WHERE id = ?').run(doneAt, note, id);
}

// 回头看 reviews --------------------------------------------------------------

export interface RiskReviewRecord {
  id: string;
  assessmentId: string;
  dueAt: number;
  doneAt: number | null;
  finding: string;
  outcome: 'continue' | 'terminate' | null;
  reviewedBy: string | null;
}

const REVIEW_COLUMNS = `id, assessment_id AS assessmentId, due_at AS dueAt, done_at AS doneAt, finding, outcome,
  reviewed_by AS reviewedBy`;

export function insertRiskReview(db: Db, r: RiskReviewRecord): void {
  sql(
    db,
    `INSERT INTO risk_reviews (id, assessment_id, due_at, done_at, finding, outcome, reviewed_by)
     VALUES (@id, @assessmentId, @dueAt, @doneAt, @finding, @outcome, @reviewedBy)`,
  ).run(r);
}

export function listRiskReviews(db: Db, assessmentId: string): RiskReviewRecord[] {
  return sql<RiskReviewRecord>(
    db,
    `SELECT ${REVIEW_COLUMNS} FROM risk_reviews WHERE assessment_id = ? ORDER BY due_at, rowid`,
  ).all(assessmentId);
}

export function recordRiskReview(
  db: Db,
  id: string,
  r: { doneAt: number; finding: string; outcome: 'continue' | 'terminate'; reviewedBy: string },
): void {
  sql(
    db,
    'UPDATE risk_reviews SET done_at = @doneAt, finding = @finding, outcome = @outcome, reviewed_by = @reviewedBy WHERE id = @id',
  ).run({ id, ...r });
}

/** Reviews not yet held once a decision has been stopped are moot. */
export function dropPendingReviews(db: Db, assessmentId: string): void {
  sql(db, 'DELETE FROM risk_reviews WHERE assessment_id = ? AND done_at IS NULL').run(assessmentId);
}

// Files ---------------------------------------------------------------------

export interface RiskAttachmentRecord {
  id: string;
  sha256: string;
  methodId: string;
  name: string;
  mime: string;
  size: number;
  uploadedBy: string | null;
  at: number;
}

const ATTACHMENT_COLUMNS = 'id, sha256, method_id AS methodId, name, mime, size, uploaded_by AS uploadedBy, at';

export function insertRiskAttachment(db: Db, a: RiskAttachmentRecord): void {
  sql(
    db,
    `INSERT INTO risk_attachments (id, sha256, method_id, name, mime, size, uploaded_by, at)
     VALUES (@id, @sha256, @methodId, @name, @mime, @size, @uploadedBy, @at)`,
  ).run(a);
}

export function listRiskAttachments(db: Db, methodId: string): RiskAttachmentRecord[] {
  return sql<RiskAttachmentRecord>(db, `SELECT ${ATTACHMENT_COLUMNS} FROM risk_attachments WHERE method_id = ? ORDER BY at`).all(
    methodId,
  );
}

export function getRiskAttachment(db: Db, id: string): (RiskAttachmentRecord & { assessmentId: string }) | undefined {
  return sql<RiskAttachmentRecord & { assessmentId: string }>(
    db,
    `SELECT a.id, a.sha256, a.method_id AS methodId, a.name, a.mime, a.size, a.uploaded_by AS uploadedBy, a.at,
       m.assessment_id AS assessmentId
     FROM risk_attachments a JOIN risk_methods m ON m.id = a.method_id WHERE a.id = ?`,
  ).get(id);
}
