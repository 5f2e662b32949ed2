import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { ConsoleRole } from '../roles';
import { num, type ConsoleDb } from './console-db';

export interface ConsoleUser {
  id: string;
  username: string;
  displayName: string;
  role: ConsoleRole;
  mustChange: boolean;
  disabled: boolean;
  createdAt: number;
}
interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: ConsoleRole;
  password_hash: string;
  must_change: number;
  disabled: number;
  created_at: number;
}

const toUser = (r: UserRow): ConsoleUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  mustChange: num(r.must_change) === 1,
  disabled: num(r.disabled) === 1,
  createdAt: num(r.created_at),
});

const USER_COLUMNS = 'id, username, display_name, role, password_hash, must_change, disabled, created_at';

export async function insertUser(
  db: ConsoleDb,
  user: { username: string; displayName: string; role: ConsoleRole; passwordHash: string; mustChange: boolean },
): Promise<ConsoleUser> {
  const id = uuidv7();
  const now = Date.now();
  await db.run(`INSERT INTO console_users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 0, ?)`, [
    id,
    user.username,
    user.displayName,
    user.role,
    user.passwordHash,
    user.mustChange ? 1 : 0,
    now,
  ]);
  return {
    id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    mustChange: user.mustChange,
    disabled: false,
    createdAt: now,
  };
}

export async function userByName(db: ConsoleDb, username: string): Promise<(ConsoleUser & { passwordHash: string }) | null> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM console_users WHERE username = ?`, [username]);
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function userById(db: ConsoleDb, id: string): Promise<(ConsoleUser & { passwordHash: string }) | null> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM console_users WHERE id = ?`, [id]);
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function listUsers(db: ConsoleDb): Promise<ConsoleUser[]> {
  return (await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM console_users ORDER BY username`)).map(toUser);
}

export async function countUsers(db: ConsoleDb): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM console_users');
  return num(row?.n);
}

export async function setPassword(db: ConsoleDb, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await db.run('UPDATE console_users SET password_hash = ?, must_change = ? WHERE id = ?', [
    passwordHash,
    mustChange ? 1 : 0,
    id,
  ]);
}

export async function setDisabled(db: ConsoleDb, id: string, disabled: boolean): Promise<number> {
  const { changes } = await db.run('UPDATE console_users SET disabled = ? WHERE id = ?', [disabled ? 1 : 0, id]);
  if (disabled) await db.run('DELETE FROM console_sessions WHERE user_id = ?', [id]);
  return changes;
}

// Sessions live in the database, not in memory: several county nodes share them.
export const SESSION_MS = 12 * 3_600_000;
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export async function createSession(db: ConsoleDb, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await db.run('INSERT INTO console_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
    hashToken(token),
    userId,
    now,
    now + SESSION_MS,
  ]);
  return token;
}

export async function sessionUser(db: ConsoleDb, token: string): Promise<ConsoleUser | null> {
  const [row] = await db.query<UserRow & { expires_at: number }>(
    `SELECT u.id, u.username, u.display_name, u.role, u.password_hash, u.must_change, u.disabled, u.created_at, s.expires_at
     FROM console_sessions s JOIN console_users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    [hashToken(token)],
  );
  if (!row || num(row.expires_at) <= Date.now() || num(row.disabled) === 1) return null;
  return toUser(row);
}

export async function endSession(db: ConsoleDb, token: string): Promise<void> {
  await db.run('DELETE FROM console_sessions WHERE token_hash = ?', [hashToken(token)]);
}
