import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ActiveSession, SessionUser } from '../../common/contract';
import type { Role } from '../../common/roles';
import { AppError } from '../../common/errors';
import type { Db } from '../../db';
import { getUnit } from '../../db/queries/org';
import {
  attachSession,
  endSession,
  endUserSessions,
  findSessionByResumeHash,
  getSession,
  insertSession,
  listActiveSessions,
  touchSession,
} from '../../db/queries/auth';
import { getSetting } from '../../db/queries/settings';
import { findUserByUsername, getUser, saveUser, type UserRecord } from '../../db/queries/users';
import { audit, requireActor, type Actor, type ServiceContext } from '../context';
import { MAX_FAILED_LOGINS } from './login-guard';
import { assertStrongPassword, DUMMY_HASH, hashPasswordAsync, verifyPasswordAsync } from './password';

export const DEFAULT_IDLE_MINUTES = 60;
export const DEFAULT_MAX_HOURS = 12;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 30 * 1000;

export function idleTimeoutMs(db: Db): number {
  const minutes = Number(getSetting(db, 'session.idleMinutes') ?? DEFAULT_IDLE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_IDLE_MINUTES) * 60 * 1000;
}

/** However active, a session ends this long after sign-in (a setting, hours). */
export function maxSessionMs(db: Db): number {
  const hours = Number(getSetting(db, 'session.maxHours') ?? DEFAULT_MAX_HOURS);
  return (Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_MAX_HOURS) * 3600 * 1000;
}

/** Why a session may no longer be used: idle too long, or past its absolute lifetime. */
function sessionExpiry(db: Db, session: { createdAt: number; lastSeenAt: number }, now: number): AppError | null {
  if (now - session.lastSeenAt > idleTimeoutMs(db))
    return new AppError('SESSION_EXPIRED', 'Your session ended after a period of inactivity. Please sign in again.');
  if (now - session.createdAt > maxSessionMs(db))
    return new AppError(
      'SESSION_EXPIRED',
      `Sessions end ${Math.round(maxSessionMs(db) / 3600000)} hours after sign-in, however active. Please sign in again.`,
    );
  return null;
}

export function toSessionUser(db: Db, user: UserRecord): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitName: user.unitId ? (getUnit(db, user.unitId)?.name ?? null) : null,
    mustChangePassword: user.mustChangePassword,
  };
}

function actorOf(user: UserRecord, sessionId: string): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    sessionId,
    mustChangePassword: user.mustChangePassword,
  };
}

export type SessionLookup = { actor: Actor } | { actor: null; ended: 'expired' | 'disabled' | 'gone' };

/**
 * Resolves a connection's session to its actor: refuses ended sessions and
 * sessions another connection has taken over, ends idle ones and those of
 * disabled accounts, and records that the user is active.
 */
export function resolveSession(db: Db, sessionId: string, connectionId: string, now: number): SessionLookup {
  const session = getSession(db, sessionId);
  if (!session || session.endedAt !== null || session.connectionId !== connectionId) return { actor: null, ended: 'gone' };
  const user = getUser(db, session.userId);
  if (!user || user.disabled) {
    endSession(db, sessionId, now, 'disabled');
    return { actor: null, ended: 'disabled' };
  }
  if (sessionExpiry(db, session, now)) {
    endSession(db, sessionId, now, 'expired');
    return { actor: null, ended: 'expired' };
  }
  if (now - session.lastSeenAt > TOUCH_INTERVAL_MS) touchSession(db, sessionId, now);
  return {
    actor: actorOf(user, sessionId),
  };
}

const INVALID_CREDENTIALS = () =>
  new AppError(
    'INVALID_CREDENTIALS',
    `Wrong username or password. After ${MAX_FAILED_LOGINS} wrong tries in a row the account is locked for 5 minutes.`,
  );

/** 32 random bytes for the tab; the database keeps only their SHA-256. */
function newResumeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashResumeToken(token) };
}

export function hashResumeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compared against when no session matches, so a wrong token does the same work as a right one. */
const NO_SESSION_HASH = hashResumeToken('no session has this token');

/** A failed sign-in, audited as the first of its address and minute or counted into that minute's summary row. */
function recordFailure(
  ctx: ServiceContext,
  username: string,
  entry: { action: string; entityId?: string; summary: Record<string, unknown> },
): void {
  const address = ctx.connection.address;
  if (!ctx.loginGuard.auditNow(address, username, ctx.now())) return;
  ctx.recordOnFailure(() =>
    audit(ctx, {
      action: entry.action,
      entity: 'user',
      entityId: entry.entityId ?? null,
      summary: { ...entry.summary, address },
    }),
  );
}

/**
 * Sign-in in three steps, so that an attacker's attempts cost the core little:
 * the rate check (memory only), the password check on the thread pool with no
 * transaction open, and only for the right password a short write transaction.
 * A method of kind `job` for that reason.
 */
export async function login(
  ctx: ServiceContext,
  input: { username: string; password: string },
): Promise<SessionUser & { resumeToken: string }> {
  const address = ctx.connection.address;
  ctx.loginGuard.admit(address, ctx.connection.id, ctx.now());
  const found = findUserByUsername(ctx.db, input.username);
  const lockedUntil = found ? ctx.loginGuard.lockedUntil(found.id, address, ctx.now()) : null;
  if (found && lockedUntil !== null) {
    const minutes = Math.ceil((lockedUntil - ctx.now()) / 60000);
    recordFailure(ctx, input.username, { action: 'login_refused', entityId: found.id, summary: { reason: 'locked' } });
    throw new AppError(
      'ACCOUNT_LOCKED',
      `This account is locked on this computer after ${MAX_FAILED_LOGINS} wrong passwords. Try again in ${minutes} minute(s), or ask an administrator to unlock it.`,
    );
  }
  const matches = await verifyPasswordAsync(input.password, found?.passwordHash ?? DUMMY_HASH);
  // The account may have changed while the hash was computed: decide on its state now.
  const user = found ? getUser(ctx.db, found.id) : undefined;
  if (!user || !matches || user.passwordHash !== found?.passwordHash) {
    const outcome = ctx.loginGuard.failed(address, user?.id ?? null, ctx.now());
    if (user && outcome.locked) {
      // A lock is news for the administrator: its own row, at once (at most one per account, address and 5 minutes).
      ctx.recordOnFailure(() =>
        audit(ctx, {
          action: 'account_locked',
          entity: 'user',
          entityId: user.id,
          summary: { reason: 'wrong_password', failures: outcome.failures, address },
        }),
      );
      throw INVALID_CREDENTIALS();
    }
    recordFailure(
      ctx,
      input.username,
      user
        ? {
            action: 'login_failed',
            entityId: user.id,
            summary: { reason: 'wrong_password', failures: outcome.failures },
          }
        : { action: 'login_failed', summary: { username: input.username, reason: 'unknown_user' } },
    );
    throw INVALID_CREDENTIALS();
  }
  if (user.disabled) {
    recordFailure(ctx, input.username, { action: 'login_refused', entityId: user.id, summary: { reason: 'disabled' } });
    throw new AppError('ACCOUNT_DISABLED', 'This account is disabled. Ask an administrator to enable it.');
  }
  ctx.loginGuard.succeeded(address, user.id);
  return ctx.db.transaction(() => openSession(ctx, user)).immediate();
}

function openSession(ctx: ServiceContext, user: UserRecord): SessionUser & { resumeToken: string } {
  const now = ctx.now();
  const sessionId = ctx.newId();
  const resume = newResumeToken();
  insertSession(ctx.db, {
    id: sessionId,
    userId: user.id,
    at: now,
    resumeHash: resume.hash,
    connectionId: ctx.connection.id,
    address: ctx.connection.address,
  });
  saveUser(ctx.db, { ...user, failedLogins: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now });
  const actor: Actor = actorOf(user, sessionId);
  audit(
    ctx,
    {
      action: 'login',
      entity: 'session',
      entityId: sessionId,
      summary: { connection: ctx.connection.id, address: ctx.connection.address },
    },
    actor,
  );
  const previous = ctx.connection.sessionId;
  ctx.afterCommit(() => {
    ctx.connection.sessionId = sessionId;
  });
  if (previous) endSession(ctx.db, previous, now, 'logout');
  return { ...toSessionUser(ctx.db, user), resumeToken: resume.token };
}

const RESUME_REFUSED = () =>
  new AppError(
    'UNAUTHENTICATED',
    'This sign-in can no longer be resumed (signed out, or the account changed). Please sign in again.',
  );

/**
 * A new connection (a tab that reconnected or reloaded) takes over the
 * session of its resume token, and gets a new token: the old one is spent, so
 * a token copied from a tab's storage is good for one resume at most. The
 * session is the same user's, so a connection still holding it simply loses
 * it. Refused when the session has ended, idled out or outlived its absolute
 * lifetime; failures are not lockout events and are not audited.
 */
export function resume(ctx: ServiceContext, input: { token: string }): SessionUser & { resumeToken: string } {
  const now = ctx.now();
  const hash = hashResumeToken(input.token);
  const session = findSessionByResumeHash(ctx.db, hash);
  const matches = timingSafeEqual(Buffer.from(session?.resumeHash ?? NO_SESSION_HASH, 'hex'), Buffer.from(hash, 'hex'));
  if (!session || !matches || session.endedAt !== null) throw RESUME_REFUSED();
  const user = getUser(ctx.db, session.userId);
  if (!user || user.disabled) {
    ctx.recordOnFailure(() => endSession(ctx.db, session.id, now, 'disabled'));
    throw RESUME_REFUSED();
  }
  const expiry = sessionExpiry(ctx.db, session, now);
  if (expiry) {
    ctx.recordOnFailure(() => endSession(ctx.db, session.id, now, 'expired'));
    throw expiry;
  }
  const fresh = newResumeToken();
  attachSession(ctx.db, session.id, ctx.connection.id, now, fresh.hash, ctx.connection.address);
  const actor: Actor = actorOf(user, session.id);
  audit(
    ctx,
    {
      action: 'resume',
      entity: 'session',
      entityId: session.id,
      summary: { connection: ctx.connection.id, address: ctx.connection.address },
    },
    actor,
  );
  const previous = ctx.connection.sessionId;
  if (previous && previous !== session.id) endSession(ctx.db, previous, now, 'logout');
  ctx.afterCommit(() => {
    ctx.connection.sessionId = session.id;
  });
  return { ...toSessionUser(ctx.db, user), resumeToken: fresh.token };
}

export function me(ctx: ServiceContext): SessionUser | null {
  if (!ctx.actor) return null;
  const user = getUser(ctx.db, ctx.actor.userId);
  return user ? toSessionUser(ctx.db, user) : null;
}

export function logout(ctx: ServiceContext): null {
  const actor = requireActor(ctx);
  endSession(ctx.db, actor.sessionId, ctx.now(), 'logout');
  audit(ctx, { action: 'logout', entity: 'session', entityId: actor.sessionId, summary: {} });
  ctx.afterCommit(() => {
    ctx.connection.sessionId = null;
  });
  return null;
}

/**
 * Both hashes run on the thread pool before the write transaction opens (a
 * method of kind `job`). A new password ends the user's other sessions: a
 * desk left signed in elsewhere must not outlive the password it used.
 */
export async function changePassword(ctx: ServiceContext, input: { oldPassword: string; newPassword: string }): Promise<null> {
  const actor = requireActor(ctx);
  const user = getUser(ctx.db, actor.userId);
  if (!user) throw new AppError('NOT_FOUND', 'Your account no longer exists.');
  ctx.loginGuard.admit(ctx.connection.address, ctx.connection.id, ctx.now());
  if (!(await verifyPasswordAsync(input.oldPassword, user.passwordHash))) {
    ctx.loginGuard.failed(ctx.connection.address, null, ctx.now());
    throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong; the password was not changed.');
  }
  if (input.oldPassword === input.newPassword) {
    throw new AppError('WEAK_PASSWORD', 'The new password must differ from the current one.');
  }
  assertStrongPassword(input.newPassword, user.username);
  const passwordHash = await hashPasswordAsync(input.newPassword);
  return ctx.db
    .transaction(() => {
      const current = getUser(ctx.db, actor.userId);
      if (!current || current.passwordHash !== user.passwordHash)
        throw new AppError('CONFLICT', 'The password was changed meanwhile (another desk or an administrator). Sign in again.');
      const now = ctx.now();
      saveUser(ctx.db, { ...current, passwordHash, mustChangePassword: false, updatedAt: now });
      const others = endUserSessions(ctx.db, current.id, now, 'logout', actor.sessionId);
      if (others.length > 0) ctx.endSessions(others, 'logout');
      audit(ctx, { action: 'change_password', entity: 'user', entityId: current.id, summary: { endedSessions: others.length } });
      return null;
    })
    .immediate();
}

export function sessions(ctx: ServiceContext): ActiveSession[] {
  const actor = requireActor(ctx);
  return listActiveSessions(ctx.db).map((session) => ({
    ...session,
    role: session.role as Role,
    current: session.id === actor.sessionId,
  }));
}

export function endSessionByAdmin(ctx: ServiceContext, input: { id: string }): null {
  const session = getSession(ctx.db, input.id);
  if (!session || session.endedAt !== null) throw new AppError('NOT_FOUND', 'That session has already ended. Reload the list.');
  endSession(ctx.db, session.id, ctx.now(), 'logout');
  ctx.endSessions([session.id], 'logout');
  audit(ctx, { action: 'end_session', entity: 'session', entityId: session.id, summary: { userId: session.userId } });
  return null;
}
