import type { Db } from '../open';

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  endedAt: number | null;
}

export type SessionEndReason = 'logout' | 'expired' | 'disabled' | 'closed';

export function insertSession(db: Db, s: { id: string; userId: string; at: number }): void {
  db.prepare('INSERT INTO sessions (id, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)').run(s.id, s.userId, s.at, s.at);
}

export function getSession(db: Db, id: string): SessionRecord | undefined {
  return db
    .prepare(
      'SELECT id, user_id AS userId, created_at AS createdAt, last_seen_at AS lastSeenAt, ended_at AS endedAt FROM sessions WHERE id = ?',
    )
    .get(id) as SessionRecord | undefined;
}

export function touchSession(db: Db, id: string, at: number): void {
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL').run(at, id);
}

export function endSession(db: Db, id: string, at: number, reason: SessionEndReason): void {
  db.prepare('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL').run(at, reason, id);
}

/** Ends every open session of a user (disabled account, password reset); returns their ids. */
export function endUserSessions(db: Db, userId: string, at: number, reason: SessionEndReason): string[] {
  const ids = db.prepare('SELECT id FROM sessions WHERE user_id = ? AND ended_at IS NULL').pluck().all(userId) as string[];
  db.prepare('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL').run(at, reason, userId);
  return ids;
}

/** Sessions left open by a crash or a killed process are closed at start. */
export function closeDanglingSessions(db: Db, at: number): number {
  return db.prepare("UPDATE sessions SET ended_at = ?, end_reason = 'closed' WHERE ended_at IS NULL").run(at).changes;
}
