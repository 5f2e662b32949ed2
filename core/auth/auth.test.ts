import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedAuditRows, storedSessionRows } from '../../db/testing';
import { DEMO_PASSWORD } from '../demo/demo-township';
import { errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';
import { LOCKOUT_MS } from './auth-service';
import { hashPassword, verifyPassword } from './password';

const auditActions = (core: TestCore) =>
  storedAuditRows(core.db)
    .map((r) => r.action)
    .filter((action) => action !== 'seed_demo');

describe('auth', () => {
  let core: TestCore;
  beforeEach(() => {
    core = startTestCore();
  });
  afterEach(() => core.stop());

  it('hashes with scrypt and a salt', () => {
    const a = hashPassword('secret123');
    expect(a).toMatch(/^scrypt\$/);
    expect(a).not.toBe(hashPassword('secret123'));
    expect(verifyPassword('secret123', a)).toBe(true);
    expect(verifyPassword('secret124', a)).toBe(false);
  });

  it('signs in, knows who is there, and signs out — each audited', async () => {
    const c = core.connect();
    expect(expectOk(await c.call('auth.me', {}))).toBeNull();
    const user = expectOk<'auth.login'>(await c.call('auth.login', { username: 'operator', password: DEMO_PASSWORD }));
    expect(user).toMatchObject({ username: 'operator', role: 'operator', displayName: '王敏' });
    expect(expectOk<'auth.me'>(await c.call('auth.me', {}))?.username).toBe('operator');
    expectOk(await c.call('auth.logout', {}));
    expect(errorCode(await c.call('org.directory', {}))).toBe('UNAUTHENTICATED');
    expect(auditActions(core)).toEqual(['login', 'logout']);
  });

  it('tells a unit handler their unit', async () => {
    const c = core.connect();
    const user = expectOk<'auth.login'>(await c.call('auth.login', { username: 'handler', password: DEMO_PASSWORD }));
    expect(user.unitName).toBe('综合行政执法队');
  });

  it('locks an account for 5 minutes after 5 wrong passwords, even against the right one', async () => {
    const c = core.connect();
    for (let i = 0; i < 5; i++) {
      expect(errorCode(await c.call('auth.login', { username: 'director', password: 'wrong' }))).toBe('INVALID_CREDENTIALS');
    }
    const locked = await c.call('auth.login', { username: 'director', password: DEMO_PASSWORD });
    expect(errorCode(locked)).toBe('ACCOUNT_LOCKED');
    expect(!locked.ok && locked.error.message).toMatch(/5 minute/);
    expect(auditActions(core)).toEqual([
      'login_failed',
      'login_failed',
      'login_failed',
      'login_failed',
      'account_locked',
      'login_refused',
    ]);

    core.clock.advance(LOCKOUT_MS - 1000);
    expect(errorCode(await c.call('auth.login', { username: 'director', password: DEMO_PASSWORD }))).toBe('ACCOUNT_LOCKED');
    core.clock.advance(2000);
    expect(expectOk<'auth.login'>(await c.call('auth.login', { username: 'director', password: DEMO_PASSWORD })).role).toBe(
      'director',
    );
  });

  it('counts only consecutive failures', async () => {
    const c = core.connect();
    for (let i = 0; i < 4; i++) await c.call('auth.login', { username: 'assessor', password: 'wrong' });
    expectOk(await c.call('auth.login', { username: 'assessor', password: DEMO_PASSWORD }));
    for (let i = 0; i < 4; i++) await c.call('auth.login', { username: 'assessor', password: 'wrong' });
    expect(errorCode(await c.call('auth.login', { username: 'assessor', password: DEMO_PASSWORD }))).toBeNull();
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await core.connect().call('auth.login', { username: 'nobody', password: 'x' });
    const wrong = await core.connect().call('auth.login', { username: 'operator', password: 'x' });
    expect(unknown).toEqual(wrong);
  });

  it('ends a session after an hour without activity', async () => {
    const c = await core.signIn('operator');
    core.clock.advance(59 * 60 * 1000);
    expect(errorCode(await c.call('org.directory', {}))).toBeNull();
    core.clock.advance(61 * 60 * 1000);
    expect(errorCode(await c.call('org.directory', {}))).toBe('SESSION_EXPIRED');
    expect(errorCode(await c.call('org.directory', {}))).toBe('UNAUTHENTICATED');
    expect(storedSessionRows(core.db).filter((s) => s.end_reason === 'expired')).toHaveLength(1);
  });

  it('changes a password only with the current one and a strong new one', async () => {
    const c = await core.signIn('operator');
    expect(errorCode(await c.call('auth.changePassword', { oldPassword: 'nope', newPassword: 'better2026' }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(errorCode(await c.call('auth.changePassword', { oldPassword: DEMO_PASSWORD, newPassword: 'short1' }))).toBe(
      'WEAK_PASSWORD',
    );
    expect(errorCode(await c.call('auth.changePassword', { oldPassword: DEMO_PASSWORD, newPassword: 'onlyletters' }))).toBe(
      'WEAK_PASSWORD',
    );
    expectOk(await c.call('auth.changePassword', { oldPassword: DEMO_PASSWORD, newPassword: 'better2026' }));
    expect(errorCode(await core.connect().call('auth.login', { username: 'operator', password: DEMO_PASSWORD }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(errorCode(await core.connect().call('auth.login', { username: 'operator', password: 'better2026' }))).toBeNull();
  });

  it('makes a user whose password an admin set change it before anything else', async () => {
    const admin = await core.signIn('admin');
    const created = expectOk<'users.create'>(
      await admin.call('users.create', { username: 'newbie', displayName: '新人', role: 'operator', password: 'temp2026pw' }),
    );
    const c = core.connect();
    expect(
      expectOk<'auth.login'>(await c.call('auth.login', { username: 'newbie', password: 'temp2026pw' })).mustChangePassword,
    ).toBe(true);
    expect(errorCode(await c.call('org.directory', {}))).toBe('PASSWORD_CHANGE_REQUIRED');
    expectOk(await c.call('auth.changePassword', { oldPassword: 'temp2026pw', newPassword: 'mine2026pw' }));
    expect(errorCode(await c.call('org.directory', {}))).toBeNull();
    expect(created.username).toBe('newbie');
  });

  it('ends the sessions of a disabled account and tells its connection', async () => {
    const admin = await core.signIn('admin');
    const operator = await core.signIn('operator');
    const users = expectOk<'users.list'>(await admin.call('users.list', {}));
    const id = users.find((u) => u.username === 'operator')!.id;
    expectOk(await admin.call('users.update', { id, disabled: true }));
    expect(core.pushes).toContainEqual({ topic: 'session.ended', payload: { reason: 'disabled' } });
    expect(errorCode(await operator.call('org.directory', {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await core.connect().call('auth.login', { username: 'operator', password: DEMO_PASSWORD }))).toBe(
      'ACCOUNT_DISABLED',
    );
  });
});
