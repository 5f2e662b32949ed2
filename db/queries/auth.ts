import type { Db } from '../open';
import { sql } from '../statements';

// The auth.* methods' table: sessions (login, resume across reconnects, logout,
// expiry). Users themselves are in users.ts.

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  endedAt: number | null;
  /** The connection holding the session; null while detached. */
  connectionId: string | null;
}

export type SessionEndReason = 'logout' | 'expired' | 'disabled' | 'closed';

const COLUMNS =
  'id, user_id AS userId, created_at AS createdAt, last_seen_at AS lastSeenAt, ended_at AS endedAt, connection_id AS connectionId';

export function insertSession(
  db: Db,
  s: { id: string; userId: string; at: number; resumeHash: string; connectionId: string },
): void {
  sql(
    db,
    'INSERT INTO sessions (id, user_id, created_at, last_seen_at, resume_hash, connection_id) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(s.id, s.userId, s.at, s.at, s.resumeHash, s.connectionId);
}

export function getSession(db: Db, id: string): SessionRecord | undefined {
  return sql<SessionRecord>(db, `SELECT ${COLUMNS} FROM sessions WHERE id = ?`).get(id);
}

/** The session whose resume token hashes to this, with the stored hash for a constant-time check. */
export function findSessionByResumeHash(db: Db, hash: string): (SessionRecord & { resumeHash: string }) | undefined {
  return sql<SessionRecord & { resumeHash: string }>(
    db,
    `SELECT ${COLUMNS}, resume_hash AS resumeHash FROM sessions WHERE resume_hash = ?`,
  ).get(hash);
}

export function touchSession(db: Db, id: string, at: number): void {
  sql(db, 'UPDATE sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL').run(at, id);
}

/** A connection takes the session over (sign-in or resume): any other holder loses it. */
export function attachSession(db: Db, id: string, connectionId: string, at: number): void {
  sql(db, 'UPDATE sessions SET connection_id = ?, detached_at = NULL, last_seen_at = ? WHERE id = ? AND ended_at IS NULL').run(
    connectionId,
    at,
    id,
  );
}

/** The holding connection went away: the session stays open, to be resumed or to expire. */
export function detachSession(db: Db, id: string, connectionId: string, at: number): void {
  sql(
    db,
    'UPDATE sessions SET connection_id = NULL, detached_at = ? WHERE id = ? AND connection_id = ? AND ended_at IS NULL',
  ).run(at, id, connectionId);
}

export function endSession(db: Db, id: string, at: number, reason: SessionEndReason): void {
  sql(db, 'UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL').run(at, reason, id);
}

/** Ends every open session of a user (disabled account, password reset); returns their ids. */
export function endUserSessions(db: Db, userId: string, at: number, reason: SessionEndReason): string[] {
  const ids = sql<{ id: string }>(db, 'SELECT id FROM sessions WHERE user_id = ? AND ended_at IS NULL')
    .all(userId)
    .map((r) => r.id);
  sql(db, 'UPDATE sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL').run(at, reason, userId);
  return ids;
}

/** Ends every open session (a restored database must not revive the sessions of its past). */
export function endAllSessions(db: Db, at: number, reason: SessionEndReason): number {
  return sql(db, 'UPDATE sessions SET ended_at = ?, end_reason = ? WHERE ended_at IS NULL').run(at, reason).changes;
}

/**
 * At start no connection exists yet. Sessions idle longer than the timeout end
 * as expired, those without a resume token (signed in before tokens existed)
 * as closed; the rest are detached and wait to be resumed.
 */
export function sweepSessionsAtStart(db: Db, at: number, idleMs: number): { expired: number; closed: number; detached: number } {
  const expired = sql(
    db,
    "UPDATE sessions SET ended_at = ?, end_reason = 'expired' WHERE ended_at IS NULL AND last_seen_at < ?",
  ).run(at, at - idleMs).changes;
  const closed = sql(
    db,
    "UPDATE sessions SET ended_at = ?, end_reason = 'closed' WHERE ended_at IS NULL AND resume_hash IS NULL",
  ).run(at).changes;
  const detached = sql(
    db,
    'UPDATE sessions SET connection_id = NULL, detached_at = coalesce(detached_at, ?) WHERE ended_at IS NULL AND connection_id IS NOT NULL',
  ).run(at).changes;
  return { expired, closed, detached };
}
