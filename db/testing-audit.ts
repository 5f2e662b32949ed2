/**
 * Test support for the audit-chain tests (core/audit/verify.test.ts): the
 * attacks someone with the file and the sqlite3 shell could make, and the
 * writes the append-only triggers must refuse. Not used by production code.
 */
import type { Db } from './open';
import { sql } from './statements';

/** The columns of audit_log an attacker may rewrite (all but seq). */
export const AUDIT_COLUMNS = [
  'at',
  'actor_id',
  'actor_name',
  'role',
  'action',
  'entity',
  'entity_id',
  'summary',
  'prev_hash',
  'hash',
] as const;
export type AuditColumn = (typeof AUDIT_COLUMNS)[number];

/** One audit row as stored, every column (undefined when there is none at that seq). */
export function auditRowAt(db: Db, seq: number): Record<string, unknown> | undefined {
  return sql<Record<string, unknown>>(db, 'SELECT * FROM audit_log WHERE seq = ?').get(seq);
}

export function auditHashAt(db: Db, seq: number): string | null | undefined {
  return sql<{ hash: string | null }>(db, 'SELECT hash FROM audit_log WHERE seq = ?').get(seq)?.hash;
}

/** The append-only triggers dropped, as on a copy of the file opened outside the app. */
export function dropAuditTriggers(db: Db): void {
  sql(db, 'DROP TRIGGER audit_log_no_update').run();
  sql(db, 'DROP TRIGGER audit_log_no_delete').run();
}

/** Moves the rows from `seq` on one place up, leaving a hole at `seq`. */
export function shiftAuditSeqsFrom(db: Db, seq: number): void {
  sql(db, 'UPDATE audit_log SET seq = -(seq + 1) WHERE seq >= ?').run(seq);
  sql(db, 'UPDATE audit_log SET seq = -seq WHERE seq < 0').run();
}

export function setAuditColumn(db: Db, column: AuditColumn, value: unknown, seq: number): void {
  if (!AUDIT_COLUMNS.includes(column)) throw new Error(`not an audit_log column: ${column}`);
  sql(db, `UPDATE audit_log SET ${column} = ? WHERE seq = ?`).run(value, seq);
}

/** Overwrites every column but seq of the row at `row.seq` (named parameters, one per column). */
export function overwriteAuditRow(db: Db, row: Record<string, unknown>): void {
  sql(db, `UPDATE audit_log SET ${AUDIT_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`).run(row);
}

export function deleteAuditRow(db: Db, seq: number): void {
  sql(db, 'DELETE FROM audit_log WHERE seq = ?').run(seq);
}

/** A row typed in by hand at `seq`: a system 'delete' of event x, with the given hashes. */
export function insertHandAuditRow(db: Db, seq: number, prevHash: string, hash: string): void {
  sql(
    db,
    `INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, entity, entity_id, summary, prev_hash, hash)
     VALUES (?, 1, NULL, 'system', NULL, 'delete', 'event', 'x', '{}', ?, ?)`,
  ).run(seq, prevHash, hash);
}

export function updateAuditSummary(db: Db, seq: number, summary: string): void {
  sql(db, 'UPDATE audit_log SET summary = ? WHERE seq = ?').run(summary, seq);
}

export function updateAuditHash(db: Db, seq: number, hash: string | null): void {
  sql(db, 'UPDATE audit_log SET hash = ? WHERE seq = ?').run(hash, seq);
}

/** A row as written before the chain existed: no hashes (a system 'seed' of the township). */
export function insertUnsealedAuditRow(db: Db, at: number): void {
  sql(
    db,
    "INSERT INTO audit_log (at, actor_id, actor_name, role, action, entity, entity_id, summary) VALUES (?, NULL, 'system', NULL, 'seed', 'township', NULL, '{}')",
  ).run(at);
}
