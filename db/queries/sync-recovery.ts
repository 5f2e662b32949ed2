import type { Db } from '../open';
import { sql } from '../statements';

/**
 * Writes for records taken back from the county after a restore
 * (core/sync/recovered-cases.ts): whole records replace what the restored
 * backup held, so these update in place where the feature's own queries only
 * ever move a record one step.
 */

/** The user a recovered answer is written under when the restored backup no longer knows its author: a director first. */
export function recoveryUserId(db: Db): string | undefined {
  return sql<{ id: string }>(
    db,
    `SELECT id FROM users ORDER BY CASE role WHEN 'director' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, created_at, id LIMIT 1`,
  ).get()?.id;
}

export function updateRecoveredOrder(
  db: Db,
  o: {
    id: string;
    strength: string;
    colour: string;
    targetKind: string;
    targetId: string;
    problem: string;
    requirements: string;
    dueAt: number;
    issuedAt: number;
    issuerName: string;
    state: string;
    closedAt: number | null;
  },
): void {
  sql(
    db,
    `UPDATE supervision_orders SET strength = @strength, colour = @colour, target_kind = @targetKind, target_id = @targetId,
       problem = @problem, requirements = @requirements, due_at = @dueAt, issued_at = @issuedAt, issuer_name = @issuerName,
       state = @state, closed_at = coalesce(closed_at, @closedAt)
     WHERE id = @id`,
  ).run(o);
}

export function replaceOrderUnits(db: Db, orderId: string, unitIds: string[]): void {
  sql(db, 'DELETE FROM supervision_order_units WHERE order_id = ?').run(orderId);
  const insert = sql(db, 'INSERT OR IGNORE INTO supervision_order_units (order_id, unit_id) VALUES (?, ?)');
  for (const unitId of unitIds) insert.run(orderId, unitId);
}

export function updateRecoveredAnswer(
  db: Db,
  a: { id: string; unitId: string; text: string; answeredAt: number; late: 0 | 1; decision: 'accepted' | 'rejected' | null },
): void {
  sql(
    db,
    `UPDATE supervision_answers SET unit_id = @unitId, text = @text, answered_at = @answeredAt, late = @late,
       decision = coalesce(@decision, decision)
     WHERE id = @id`,
  ).run(a);
}

export function upsertRecoveredScore(db: Db, s: { runId: string; unitId: string; score: number; rank: number }): void {
  sql(
    db,
    `INSERT INTO assessment_scores (run_id, unit_id, base, manual, score, rank) VALUES (@runId, @unitId, @score, 0, @score, @rank)
     ON CONFLICT (run_id, unit_id) DO UPDATE SET score = excluded.score, rank = excluded.rank,
       base = excluded.score - assessment_scores.manual`,
  ).run(s);
}

export function upsertRecoveredValue(db: Db, v: { runId: string; unitId: string; indicator: string; value: number }): void {
  sql(
    db,
    `INSERT INTO assessment_values (run_id, unit_id, indicator, numerator, denominator, value, points)
     VALUES (@runId, @unitId, @indicator, 0, NULL, @value, NULL)
     ON CONFLICT (run_id, unit_id, indicator) DO UPDATE SET value = excluded.value`,
  ).run(v);
}

/** A recovered result's run: the published revision of the scheme family's period, if the restored database has it. */
export function findRunByRevision(db: Db, schemeCode: string, period: string, revision: number): string | undefined {
  return sql<{ id: string }>(db, 'SELECT id FROM assessment_runs WHERE scheme_code = ? AND period = ? AND revision = ?').get(
    schemeCode,
    period,
    revision,
  )?.id;
}

export function answerExists(db: Db, id: string): boolean {
  return sql<{ one: number }>(db, 'SELECT 1 AS one FROM supervision_answers WHERE id = ?').get(id) !== undefined;
}
