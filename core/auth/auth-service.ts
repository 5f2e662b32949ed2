import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionUser } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { Db } from '../../db';
import { getUnit } from '../../db/queries/org';
import {
  attachSession,
  endSession,
  findSessionByResumeHash,
  getSession,
  insertSession,
  touchSession,
} from '../../db/queries/auth';
import { getSetting } from '../../db/queries/settings';
import { findUserByUsername, getUser, saveUser, type UserRecord } from '../../db/queries/users';
import { audit, requireActor, type Actor, type ServiceContext } from '../context';
import { assertStrongPassword, DUMMY_HASH, hashPassword, verifyPassword } from './password';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 5 * 60 * 1000;
export const DEFAULT_IDLE_MINUTES = 60;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 30 * 1000;

export function idleTimeoutMs(db: Db): number {
  const minutes = Number(getSetting(db, 'session.idleMinutes') ?? DEFAULT_IDLE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_IDLE_MINUTES) * 60 * 1000;
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
  if (now - session.lastSeenAt > idleTimeoutMs(db)) {
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

export function login(ctx: ServiceContext, input: { username: string; password: string }): SessionUser & { resumeToken: string } {
  const now = ctx.now();
  const user = findUserByUsername(ctx.db, input.username);
  if (!user) {
    verifyPassword(input.password, DUMMY_HASH);
    ctx.recordOnFailure(() =>
      audit(ctx, { action: 'login_failed', entity: 'user', summary: { username: input.username, reason: 'unknown_user' } }),
    );
    throw INVALID_CREDENTIALS();
  }
  if (user.lockedUntil !== null && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil - now) / 60000);
    ctx.recordOnFailure(() =>
      audit(ctx, { action: 'login_refused', entity: 'user', entityId: user.id, summary: { reason: 'locked' } }),
    );
    throw new AppError(
      'ACCOUNT_LOCKED',
      `This account is locked after ${MAX_FAILED_LOGINS} wrong passwords. Try again in ${minutes} minute(s), or ask an administrator to unlock it.`,
    );
  }
  if (!verifyPassword(input.password, user.passwordHash)) {
    ctx.recordOnFailure(() => recordFailedLogin(ctx, user.id));
    throw INVALID_CREDENTIALS();
  }
  if (user.disabled) {
    ctx.recordOnFailure(() =>
      audit(ctx, { action: 'login_refused', entity: 'user', entityId: user.id, summary: { reason: 'disabled' } }),
    );
    throw new AppError('ACCOUNT_DISABLED', 'This account is disabled. Ask an administrator to enable it.');
  }

  const sessionId = ctx.newId();
  const resume = newResumeToken();
  insertSession(ctx.db, { id: sessionId, userId: user.id, at: now, resumeHash: resume.hash, connectionId: ctx.connection.id });
  saveUser(ctx.db, { ...user, failedLogins: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now });
  const actor: Actor = actorOf(user, sessionId);
  audit(ctx, { action: 'login', entity: 'session', entityId: sessionId, summary: { connection: ctx.connection.id } }, actor);
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
 * session of its resume token. The session is the same user's, so a
 * connection still holding it simply loses it. Refused when the session has
 * ended or idled out; failures are not lockout events and are not audited.
 */
export function resume(ctx: ServiceContext, input: { token: string }): SessionUser {
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
  if (now - session.lastSeenAt > idleTimeoutMs(ctx.db)) {
    ctx.recordOnFailure(() => endSession(ctx.db, session.id, now, 'expired'));
    throw new AppError('SESSION_EXPIRED', 'Your session ended after a period of inactivity. Please sign in again.');
  }
  attachSession(ctx.db, session.id, ctx.connection.id, now);
  const actor: Actor = actorOf(user, session.id);
  audit(ctx, { action: 'resume', entity: 'session', entityId: session.id, summary: { connection: ctx.connection.id } }, actor);
  const previous = ctx.connection.sessionId;
  if (previous && previous !== session.id) endSession(ctx.db, previous, now, 'logout');
  ctx.afterCommit(() => {
    ctx.connection.sessionId = session.id;
  });
  return toSessionUser(ctx.db, user);
}

function recordFailedLogin(ctx: ServiceContext, userId: string): void {
  const user = getUser(ctx.db, userId);
  if (!user) return;
  const now = ctx.now();
  const failures = user.failedLogins + 1;
  const locks = failures >= MAX_FAILED_LOGINS;
  saveUser(ctx.db, {
    ...user,
    failedLogins: locks ? 0 : failures,
    lockedUntil: locks ? now + LOCKOUT_MS : user.lockedUntil,
    updatedAt: now,
  });
  audit(ctx, {
    action: locks ? 'account_locked' : 'login_failed',
    entity: 'user',
    entityId: user.id,
    summary: { reason: 'wrong_password', failures },
  });
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

export function changePassword(ctx: ServiceContext, input: { oldPassword: string; newPassword: string }): null {
  const actor = requireActor(ctx);
  const user = getUser(ctx.db, actor.userId);
  if (!user) throw new AppError('NOT_FOUND', 'Your account no longer exists.');
  if (!verifyPassword(input.oldPassword, user.passwordHash)) {
    throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong; the password was not changed.');
  }
  if (input.oldPassword === input.newPassword) {
    throw new AppError('WEAK_PASSWORD', 'The new password must differ from the current one.');
  }
  assertStrongPassword(input.newPassword, user.username);
  saveUser(ctx.db, { ...user, passwordHash: hashPassword(input.newPassword), mustChangePassword: false, updatedAt: ctx.now() });
  audit(ctx, { action: 'change_password', entity: 'user', entityId: user.id, summary: {} });
  return null;
}
