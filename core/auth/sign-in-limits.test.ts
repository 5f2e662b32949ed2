import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, storedAuditRows, storedSessionRows } from '../../db/testing';
import { DEMO_PASSWORD } from '../demo/demo-township';
import { errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';
import {
  ADDRESS_ATTEMPTS_PER_MINUTE,
  CONNECTION_ATTEMPTS_PER_MINUTE,
  LoginGuard,
  MAX_ENTRIES,
  MAX_FAILED_LOGINS,
} from './login-guard';

const HOUR = 3600_000;
const auditCount = (core: TestCore) => countRows(core.db, 'audit_log');
const audited = (core: TestCore, action: string) => storedAuditRows(core.db).filter((r) => r.action === action).length;

describe('sign-in under attack', () => {
  let core: TestCore;
  beforeEach(() => {
    core = startTestCore();
  });
  afterEach(() => core.stop());

  const from = (address: string) => core.app.connect(() => {}, { address });

  it('locks an account only at the address the wrong passwords came from', async () => {
    const attacker = from('10.9.9.9');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect(errorCode(await attacker.call('auth.login', { username: 'director', password: 'wrong1' }))).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    expect(errorCode(await attacker.call('auth.login', { username: 'director', password: DEMO_PASSWORD }))).toBe(
      'ACCOUNT_LOCKED',
    );
    // The director at his own desk is not locked out by somebody else's guesses.
    const own = from('192.168.1.20');
    expect(expectOk<'auth.login'>(await own.call('auth.login', { username: 'director', password: DEMO_PASSWORD })).role).toBe(
      'director',
    );
    // The administrator sees the lock, and unlocking ends it at that address too.
    const admin = await core.signIn('admin');
    const row = expectOk<'users.list'>(await admin.call('users.list', {})).find((u) => u.username === 'director')!;
    expect(row.lockedUntil).toBeGreaterThan(core.clock.now);
    expectOk(await admin.call('users.unlock', { id: row.id }));
    core.clock.advance(61_000);
    expect(errorCode(await from('10.9.9.9').call('auth.login', { username: 'director', password: DEMO_PASSWORD }))).toBeNull();
  });

  it('refuses attempts over the rate before any password check, and writes nothing for them', async () => {
    const sockets = Array.from({ length: 30 }, () => from('10.9.9.9'));
    const before = auditCount(core);
    const codes: (string | null)[] = [];
    for (let i = 0; i < 120; i++) {
      codes.push(
        errorCode(await sockets[i % sockets.length]!.call('auth.login', { username: 'operator', password: `guess${i}` })),
      );
    }
    const checked = codes.filter((c) => c === 'INVALID_CREDENTIALS' || c === 'ACCOUNT_LOCKED').length;
    expect(checked).toBeLessThanOrEqual(ADDRESS_ATTEMPTS_PER_MINUTE);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(120 - ADDRESS_ATTEMPTS_PER_MINUTE);
    // One row for the first failure, one for the lock; the rest wait for the minute's summary.
    expect(auditCount(core) - before).toBeLessThanOrEqual(2);
    core.clock.advance(60_000);
    core.app.tick();
    expect(auditCount(core) - before).toBeLessThanOrEqual(3);
    // Another address is not slowed down by this one.
    expect(
      errorCode(await from('192.168.1.30').call('auth.login', { username: 'operator', password: DEMO_PASSWORD })),
    ).toBeNull();
  });

  it('limits attempts per connection too, right passwords included', async () => {
    const c = from('192.168.1.40');
    const codes: (string | null)[] = [];
    for (let i = 0; i < CONNECTION_ATTEMPTS_PER_MINUTE + 2; i++) {
      codes.push(errorCode(await c.call('auth.login', { username: 'operator', password: DEMO_PASSWORD })));
    }
    expect(codes.slice(0, CONNECTION_ATTEMPTS_PER_MINUTE).every((code) => code === null)).toBe(true);
    expect(codes.slice(CONNECTION_ATTEMPTS_PER_MINUTE)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // A new socket from the same desk is not held back by that one.
    expect(
      errorCode(await from('192.168.1.40').call('auth.login', { username: 'operator', password: DEMO_PASSWORD })),
    ).toBeNull();
  });

  it('keeps answering other calls while a password is being checked', async () => {
    const operator = await core.signIn('operator');
    const login = from('192.168.1.50').call('auth.login', { username: 'director', password: DEMO_PASSWORD });
    let loginDone = false;
    void login.then(() => (loginDone = true));
    // The read is answered while the scrypt of the sign-in is still running on the thread pool.
    expect(errorCode(await operator.call('org.directory', {}))).toBeNull();
    expect(loginDone).toBe(false);
    expect(errorCode(await login)).toBeNull();
  });
});

describe('sessions', () => {
  let core: TestCore;
  beforeEach(() => {
    core = startTestCore();
  });
  afterEach(() => core.stop());

  it('end 12 hours after sign-in however active (a setting)', async () => {
    const operator = await core.signIn('operator');
    for (let hour = 0; hour < 11; hour++) {
      core.clock.advance(HOUR);
      expect(errorCode(await operator.call('org.directory', {}))).toBeNull();
    }
    core.clock.advance(HOUR + 1000);
    expect(errorCode(await operator.call('org.directory', {}))).toBe('SESSION_EXPIRED');
    expect(storedSessionRows(core.db).filter((r) => r.end_reason === 'expired')).toHaveLength(1);
  });

  it('a password change ends the user’s other sessions and tells their desks', async () => {
    const desk = await core.signIn('operator');
    const phone = await core.signIn('operator');
    const other = await core.signIn('director');
    expectOk(await desk.call('auth.changePassword', { oldPassword: DEMO_PASSWORD, newPassword: 'NewPassw0rd' }));
    expect(errorCode(await desk.call('org.directory', {}))).toBeNull();
    expect(errorCode(await phone.call('org.directory', {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await other.call('org.directory', {}))).toBeNull();
    expect(core.pushes.filter((p) => p.topic === 'session.ended')).toHaveLength(1);
  });

  it('are listed for the administrator with user, role, address and since; one can be ended', async () => {
    const admin = await core.signIn('admin');
    const desk = core.app.connect(() => {}, { address: '192.168.1.21' });
    expectOk(await desk.call('auth.login', { username: 'operator', password: DEMO_PASSWORD }));
    const list = expectOk<'auth.sessions'>(await admin.call('auth.sessions', {}));
    expect(list).toHaveLength(2);
    const operator = list.find((s) => s.username === 'operator')!;
    expect(operator).toMatchObject({ role: 'operator', address: '192.168.1.21', createdAt: core.clock.now, current: false });
    expect(list.find((s) => s.username === 'admin')!.current).toBe(true);
    expect(errorCode(await desk.call('auth.sessions', {}))).toBe('FORBIDDEN');

    expectOk(await admin.call('auth.endSession', { id: operator.id }));
    expect(errorCode(await desk.call('org.directory', {}))).toBe('UNAUTHENTICATED');
    expect(expectOk<'auth.sessions'>(await admin.call('auth.sessions', {}))).toHaveLength(1);
    expect(errorCode(await admin.call('auth.endSession', { id: operator.id }))).toBe('NOT_FOUND');
    expect(audited(core, 'end_session')).toBe(1);
  });
});

describe('LoginGuard', () => {
  it('makes each further failure from an address wait twice as long, and forgets after a quiet spell', () => {
    const guard = new LoginGuard();
    let now = 1_000_000;
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      guard.admit('a', `c${i}`, now);
      guard.failed('a', null, now);
    }
    // As many failures as lock an account come free; from then on each further one waits 1 s, 2 s, 4 s …
    guard.admit('a', 'w', now);
    guard.failed('a', null, now);
    expect(() => guard.admit('a', 'x', now + 500)).toThrow(/Wait 1 seconds/);
    guard.admit('a', 'x', now + 1000);
    guard.failed('a', null, now + 1000);
    expect(() => guard.admit('a', 'y', now + 1500)).toThrow(/Wait 2 seconds/);
    guard.admit('a', 'y', now + 3000);
    // Another address is not slowed down.
    guard.admit('b', 'z', now + 1500);
    // After ten quiet minutes the run of failures is forgotten.
    now += 11 * 60_000;
    guard.admit('a', 'q', now);
    guard.failed('a', null, now);
    guard.admit('a', 'q2', now);
  });

  it('keeps bounded memory under a flood of addresses', () => {
    const guard = new LoginGuard();
    for (let i = 0; i < 30_000; i++) {
      const address = `10.0.${i >> 8}.${i & 255}`;
      guard.admit(address, `c${i}`, 1000);
      guard.failed(address, 'user', 1000);
      guard.auditNow(address, 'user', 1000);
      guard.auditNow(address, 'user', 1000);
    }
    expect(guard.size()).toBeLessThanOrEqual(4 * MAX_ENTRIES);
    const summaries = guard.drainSummaries(120_000);
    expect(summaries.length).toBeLessThanOrEqual(MAX_ENTRIES);
    expect(summaries.every((summary) => summary.count === 1)).toBe(true);
  });
});
