import type { ParsedInputOf, UserRow } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { Role } from '../../common/roles';
import { getUnit } from '../../db/queries/org';
import { endUserSessions } from '../../db/queries/auth';
import { findUserByUsername, getUser, insertUser, listUsers, saveUser, type UserRecord } from '../../db/queries/users';
import { assertStrongPassword, hashPassword } from '../auth/password';
import { audit, requireActor, type ServiceContext } from '../context';

function toRow(ctx: ServiceContext, u: UserRecord): UserRow {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitId: u.unitId,
    disabled: u.disabled,
    // Locks are kept per account and source address by the sign-in guard; the latest one shows.
    lockedUntil: ctx.loginGuard.lockedUntilAnywhere(u.id, ctx.now()),
    lastLoginAt: u.lastLoginAt,
  };
}

function requireUser(ctx: ServiceContext, id: string): UserRecord {
  const user = getUser(ctx.db, id);
  if (!user) throw new AppError('NOT_FOUND', 'That account does not exist (it may have been deleted). Reload the list.');
  return user;
}

/** Unit handlers act for exactly one unit; nobody else belongs to one. */
function checkUnit(ctx: ServiceContext, role: Role, unitId: string | null): string | null {
  if (role !== 'unit_handler') {
    if (unitId) {
      throw new AppError('BAD_INPUT', 'Only unit handlers belong to a unit; leave the unit empty for this role.', [
        { path: 'unitId', message: 'only for unit handlers' },
      ]);
    }
    return null;
  }
  if (!unitId)
    throw new AppError('BAD_INPUT', 'A unit handler must belong to a handling unit.', [{ path: 'unitId', message: 'required' }]);
  if (!getUnit(ctx.db, unitId)) throw new AppError('NOT_FOUND', 'That handling unit does not exist. Reload the directory.');
  return unitId;
}

function activeAdmins(ctx: ServiceContext): number {
  return listUsers(ctx.db).filter((u) => u.role === 'admin' && !u.disabled).length;
}

export function list(ctx: ServiceContext): UserRow[] {
  return listUsers(ctx.db).map((u) => toRow(ctx, u));
}

export function create(ctx: ServiceContext, input: ParsedInputOf<'users.create'>): UserRow {
  if (findUserByUsername(ctx.db, input.username)) {
    throw new AppError('DUPLICATE_NAME', `The username "${input.username}" is taken.`);
  }
  const unitId = checkUnit(ctx, input.role, input.unitId ?? null);
  assertStrongPassword(input.password, input.username);
  const now = ctx.now();
  const user: UserRecord = {
    id: ctx.newId(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    unitId,
    passwordHash: hashPassword(input.password),
    // An administrator knows this password; the user must replace it.
    mustChangePassword: true,
    disabled: false,
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  };
  insertUser(ctx.db, user);
  const row = toRow(ctx, user);
  audit(ctx, {
    action: 'create',
    entity: 'user',
    entityId: user.id,
    summary: { username: row.username, displayName: row.displayName, role: row.role, unitId: row.unitId },
  });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'user' } });
  return row;
}

export function update(ctx: ServiceContext, input: ParsedInputOf<'users.update'>): UserRow {
  const actor = requireActor(ctx);
  const before = requireUser(ctx, input.id);
  const role = input.role ?? before.role;
  const unitId = checkUnit(ctx, role, input.unitId !== undefined ? input.unitId : role === 'unit_handler' ? before.unitId : null);
  const after: UserRecord = {
    ...before,
    displayName: input.displayName ?? before.displayName,
    role,
    unitId,
    disabled: input.disabled ?? before.disabled,
    updatedAt: ctx.now(),
  };
  const losesAdmin = before.role === 'admin' && !before.disabled && (after.role !== 'admin' || after.disabled);
  if (losesAdmin && activeAdmins(ctx) <= 1) {
    throw new AppError('CONFLICT', 'This is the last active administrator; create or enable another administrator first.');
  }
  if (after.id === actor.userId && after.disabled) throw new AppError('CONFLICT', 'You cannot disable your own account.');
  saveUser(ctx.db, after);
  const summary: Record<string, unknown> = {};
  for (const key of ['displayName', 'role', 'unitId', 'disabled'] as const) {
    if (before[key] !== after[key]) summary[key] = { from: before[key], to: after[key] };
  }
  audit(ctx, { action: 'update', entity: 'user', entityId: after.id, summary });
  if (after.disabled && !before.disabled) {
    ctx.endSessions(endUserSessions(ctx.db, after.id, ctx.now(), 'disabled'), 'disabled');
  }
  ctx.publish({ topic: 'org.changed', payload: { entity: 'user' } });
  return toRow(ctx, after);
}

export function resetPassword(ctx: ServiceContext, input: { id: string; password: string }): null {
  const user = requireUser(ctx, input.id);
  assertStrongPassword(input.password, user.username);
  saveUser(ctx.db, {
    ...user,
    passwordHash: hashPassword(input.password),
    mustChangePassword: true,
    failedLogins: 0,
    lockedUntil: null,
    updatedAt: ctx.now(),
  });
  audit(ctx, { action: 'reset_password', entity: 'user', entityId: user.id, summary: {} });
  ctx.endSessions(endUserSessions(ctx.db, user.id, ctx.now(), 'logout'), 'logout');
  return null;
}

export function unlock(ctx: ServiceContext, input: { id: string }): null {
  const user = requireUser(ctx, input.id);
  const wasLockedUntil = ctx.loginGuard.lockedUntilAnywhere(user.id, ctx.now());
  saveUser(ctx.db, { ...user, failedLogins: 0, lockedUntil: null, updatedAt: ctx.now() });
  ctx.afterCommit(() => ctx.loginGuard.unlock(user.id));
  audit(ctx, { action: 'unlock', entity: 'user', entityId: user.id, summary: { wasLockedUntil } });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'user' } });
  return null;
}
