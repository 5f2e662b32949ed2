import { v7 as uuidv7 } from 'uuid';
import type { ConsoleDb } from './console-db';

/** One row per console action, written in the action's own transaction. */
export async function audit(
  db: ConsoleDb,
  entry: { userId: string | null; action: string; target?: string; detail?: unknown },
): Promise<void> {
  await db.run('INSERT INTO console_audit (id, at, user_id, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)', [
    uuidv7(),
    Date.now(),
    entry.userId,
    entry.action,
    entry.target ?? null,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  ]);
}

export async function auditTrail(db: ConsoleDb, limit = 200) {
  return db.query<{ id: string; at: number; user_id: string | null; action: string; target: string | null }>(
    'SELECT id, at, user_id, action, target FROM console_audit ORDER BY at DESC, id DESC LIMIT ?',
    [limit],
  );
}
