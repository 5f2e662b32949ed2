import { afterEach, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../../db/queries/users';
import { countRows, storedAuditRows, storedSessionRows } from '../../db/testing';
import { startCore } from '../app';
import { DEMO_PASSWORD } from '../demo/demo-township';
import { errorCode, expectOk, startTestCore, tempDir, type TestCore } from '../testing/core';
import { hashResumeToken } from './auth-service';

const HOUR = 60 * 60 * 1000;

async function signIn(core: TestCore, username = 'viewer') {
  const connection = core.connect();
  const user = expectOk<'auth.login'>(await connection.call('auth.login', { username, password: DEMO_PASSWORD }));
  return { connection, token: user.resumeToken };
}

describe('resuming a session on a new connection', () => {
  let core: TestCore;
  afterEach(() => core.stop());

  it('gives the caller a 32-byte token and keeps only its SHA-256', async () => {
    core = startTestCore();
    const { token } = await signIn(core);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(storedSessionRows(core.db).map((s) => s.resume_hash)).toEqual([hashResumeToken(token)]);
  });

  it('resumes after the connection closed, as the same user, audited without the token', async () => {
    core = startTestCore();
    const { connection, token } = await signIn(core);
    connection.close();
    const [session, ...others] = storedSessionRows(core.db);
    expect(others).toEqual([]);
    expect({ ended_at: session!.ended_at, connection_id: session!.connection_id, detached_at: session!.detached_at }).toEqual({
      ended_at: null,
      connection_id: null,
      detached_at: core.clock.now,
    });

    const again = core.connect();
    expect(expectOk(await again.call('auth.me', {}))).toBeNull();
    const user = expectOk<'auth.resume'>(await again.call('auth.resume', { token }));
    expect(user).toMatchObject({ username: 'viewer', role: 'viewer' });
    expect(user).not.toHaveProperty('resumeToken');
    expect(expectOk<'auth.me'>(await again.call('auth.me', {}))).toEqual(user);
    expect(errorCode(await again.call('dashboard.summary', {}))).toBeNull();
    expect(countRows(core.db, 'sessions')).toBe(1);

    const rows = storedAuditRows(core.db).filter((r) => r.action !== 'seed_demo');
    expect(rows.map((r) => r.action)).toEqual(['login', 'resume']);
    const everything = JSON.stringify(storedAuditRows(core.db));
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(hashResumeToken(token));
  });

  it('refuses a wrong token, without auditing or locking anything', async () => {
    core = startTestCore();
    const { connection, token } = await signIn(core);
    connection.close();
    const other = core.connect();
    const wrong = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (const bad of [wrong, 'x', hashResumeToken(token)]) {
      expect(errorCode(await other.call('auth.resume', { token: bad }))).toBe('UNAUTHENTICATED');
    }
    expect(errorCode(await other.call('dashboard.summary', {}))).toBe('UNAUTHENTICATED');
    expect(storedAuditRows(core.db).filter((r) => r.action !== 'seed_demo')).toHaveLength(1);
    expect(findUserByUsername(core.db, 'viewer')!.failedLogins).toBe(0);
    expectOk(await other.call('auth.resume', { token }));
  });

  it('refuses after logout', async () => {
    core = startTestCore();
    const { connection, token } = await signIn(core);
    expectOk(await connection.call('auth.logout', {}));
    expect(errorCode(await core.connect().call('auth.resume', { token }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await connection.call('auth.resume', { token }))).toBe('UNAUTHENTICATED');
  });

  it('refuses once the session idled out, and ends it', async () => {
    core = startTestCore();
    const { connection, token } = await signIn(core);
    connection.close();
    core.clock.advance(59 * 60 * 1000);
    const early = core.connect();
    expectOk(await early.call('auth.resume', { token }));
    early.close();
    core.clock.advance(HOUR + 1000);
    expect(errorCode(await core.connect().call('auth.resume', { token }))).toBe('SESSION_EXPIRED');
    expect(storedSessionRows(core.db)[0]!.end_reason).toBe('expired');
    expect(errorCode(await core.connect().call('auth.resume', { token }))).toBe('UNAUTHENTICATED');
  });

  it('refuses after the account was disabled', async () => {
    core = startTestCore();
    const { connection, token } = await signIn(core, 'operator');
    connection.close();
    const admin = await core.signIn('admin');
    const id = expectOk<'users.list'>(await admin.call('users.list', {})).find((u) => u.username === 'operator')!.id;
    expectOk(await admin.call('users.update', { id, disabled: true }));
    expect(errorCode(await core.connect().call('auth.resume', { token }))).toBe('UNAUTHENTICATED');
    expectOk(await admin.call('users.update', { id, disabled: false }));
    expect(errorCode(await core.connect().call('auth.resume', { token }))).toBe('UNAUTHENTICATED');
  });

  it('lets a second connection take the session over; the first then is signed out', async () => {
    core = startTestCore();
    const first = await signIn(core, 'operator');
    const second = core.connect();
    expectOk(await second.call('auth.resume', { token: first.token }));
    expect(errorCode(await first.connection.call('org.directory', {}))).toBe('UNAUTHENTICATED');
    expect(expectOk(await first.connection.call('auth.me', {}))).toBeNull();
    expect(errorCode(await second.call('org.directory', {}))).toBeNull();
    // The old connection going away does not detach the session from its new holder.
    first.connection.close();
    expect(storedSessionRows(core.db)[0]!.connection_id).not.toBeNull();
    expect(errorCode(await second.call('org.directory', {}))).toBeNull();
  });

  it('keeps resumable sessions over a restart of the core and ends the idle ones', async () => {
    core = startTestCore();
    const dir = tempDir();
    let clock = core.clock.now;
    const open = () =>
      startCore({
        dataDir: dir.path,
        seedDemo: true,
        now: () => clock,
        log: () => {},
        tickMs: 0,
        backupCheckMs: 0,
        demoEvents: 0,
      });
    try {
      let app = open();
      const login = async (username: string) => {
        const c = app.connect(() => {});
        const result = await c.call('auth.login', { username, password: DEMO_PASSWORD });
        if (!result.ok) throw new Error(result.error.code);
        return (result.value as { resumeToken: string }).resumeToken;
      };
      const stale = await login('operator');
      clock += 2 * HOUR;
      const fresh = await login('viewer');
      app.close();
      clock += 5 * 60 * 1000;
      app = open();
      const rows = storedSessionRows(app.db).map((s) => ({ end_reason: s.end_reason, connection_id: s.connection_id }));
      expect(rows).toEqual([
        { end_reason: 'expired', connection_id: null },
        { end_reason: null, connection_id: null },
      ]);
      const c = app.connect(() => {});
      expect(errorCode(await c.call('auth.resume', { token: stale }))).toBe('UNAUTHENTICATED');
      expect(expectOk<'auth.resume'>(await c.call('auth.resume', { token: fresh })).username).toBe('viewer');
      app.close();
    } finally {
      dir.remove();
    }
  });
});
