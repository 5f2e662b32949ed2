import type { Db } from '../open';
import { sql } from '../statements';

// The server.* methods' table: one-time desk enrollment codes (0019). The certificate itself is a
// pair of files in the data folder (core/server/certificate.ts).

export interface EnrollmentRecord {
  id: string;
  label: string;
  createdBy: string;
  createdByName: string;
  createdAt: number;
  expiresAt: number;
  redeemedAt: number | null;
  redeemedAddress: string | null;
  deskName: string | null;
  revokedAt: number | null;
}

const COLUMNS = `e.id, e.label, e.created_by AS createdBy, coalesce(u.display_name, '') AS createdByName,
  e.created_at AS createdAt, e.expires_at AS expiresAt, e.redeemed_at AS redeemedAt,
  e.redeemed_address AS redeemedAddress, e.desk_name AS deskName, e.revoked_at AS revokedAt`;

export function insertEnrollment(
  db: Db,
  e: { id: string; codeHash: string; label: string; createdBy: string; createdAt: number; expiresAt: number },
): void {
  sql(
    db,
    'INSERT INTO desk_enrollments (id, code_hash, label, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(e.id, e.codeHash, e.label, e.createdBy, e.createdAt, e.expiresAt);
}

export function getEnrollment(db: Db, id: string): EnrollmentRecord | undefined {
  return sql<EnrollmentRecord>(
    db,
    `SELECT ${COLUMNS} FROM desk_enrollments e LEFT JOIN users u ON u.id = e.created_by WHERE e.id = ?`,
  ).get(id);
}

/** The code's row by its hash, with the stored hash for a constant-time comparison. */
export function findEnrollmentByCodeHash(db: Db, codeHash: string): (EnrollmentRecord & { codeHash: string }) | undefined {
  return sql<EnrollmentRecord & { codeHash: string }>(
    db,
    `SELECT ${COLUMNS}, e.code_hash AS codeHash FROM desk_enrollments e LEFT JOIN users u ON u.id = e.created_by
     WHERE e.code_hash = ?`,
  ).get(codeHash);
}

/** The newest codes first; the list is short (a township has a few dozen desks at most). */
export function listEnrollments(db: Db, limit = 200): EnrollmentRecord[] {
  return sql<EnrollmentRecord>(
    db,
    `SELECT ${COLUMNS} FROM desk_enrollments e LEFT JOIN users u ON u.id = e.created_by
     ORDER BY e.created_at DESC LIMIT ?`,
  ).all(limit);
}

/** Marks a code used; false when it was already used, revoked or expired (a race between two desks). */
export function redeemEnrollment(db: Db, id: string, at: number, address: string, deskName: string): boolean {
  return (
    sql(
      db,
      `UPDATE desk_enrollments SET redeemed_at = ?, redeemed_address = ?, desk_name = ?
       WHERE id = ? AND redeemed_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
    ).run(at, address, deskName, id, at).changes === 1
  );
}

export function revokeEnrollment(db: Db, id: string, at: number, by: string): boolean {
  return (
    sql(
      db,
      'UPDATE desk_enrollments SET revoked_at = ?, revoked_by = ? WHERE id = ? AND redeemed_at IS NULL AND revoked_at IS NULL',
    ).run(at, by, id).changes === 1
  );
}
