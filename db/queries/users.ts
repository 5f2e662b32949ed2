import type { Role } from '../../common/roles';
import type { Db } from '../open';
import { sql } from '../statements';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  failed_logins: number;
  locked_until: number | null;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  unitId: r.unit_id,
  passwordHash: r.password_hash,
  mustChangePassword: r.must_change_password === 1,
  disabled: r.disabled === 1,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  lastLoginAt: r.last_login_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listUsers(db: Db): UserRecord[] {
  return sql<UserRow>(db, 'SELECT * FROM users ORDER BY role, username').all().map(toUser);
}
export function getUser(db: Db, id: string): UserRecord | undefined {
  const row = sql<UserRow>(db, 'SELECT * FROM users WHERE id = ?').get(id);
  return row && toUser(row);
}
export function findUserByUsername(db: Db, username: string): UserRecord | undefined {
  const row = sql<UserRow>(db, 'SELECT * FROM users WHERE username = ?').get(username);
  return row && toUser(row);
}

const toParams = (u: UserRecord) => ({
  ...u,
  mustChangePassword: u.mustChangePassword ? 1 : 0,
  disabled: u.disabled ? 1 : 0,
});

export function insertUser(db: Db, u: UserRecord): void {
  sql(
    db,
    `INSERT INTO users (id, username, display_name, role, unit_id, password_hash, must_change_password, disabled,
                        failed_logins, locked_until, last_login_at, created_at, updated_at)
     VALUES (@id, @username, @displayName, @role, @unitId, @passwordHash, @mustChangePassword, @disabled,
             @failedLogins, @lockedUntil, @lastLoginAt, @createdAt, @updatedAt)`,
  ).run(toParams(u));
}

export function saveUser(db: Db, u: UserRecord): void {
  sql(
    db,
    `UPDATE users SET username = @username, display_name = @displayName, role = @role, unit_id = @unitId,
       password_hash = @passwordHash, must_change_password = @mustChangePassword, disabled = @disabled,
       failed_logins = @failedLogins, locked_until = @lockedUntil, last_login_at = @lastLoginAt, updated_at = @updatedAt
     WHERE id = @id`,
  ).run(toParams(u));
}
