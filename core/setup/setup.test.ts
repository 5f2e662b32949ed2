import { afterEach, describe, expect, it } from 'vitest';
import { startCore } from '../app';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demo-township';
import { countRows, storedAuditRows } from '../../db/testing';
import { storedUsernames } from '../../db/testing-events';
import { databaseDigest, errorCode, expectOk, startTestCore, tempDir, type TestCore } from '../testing/core';

const FORM = {
  townshipName: '河口镇',
  townshipCode: 'HK',
  countyName: '南湖区',
  username: 'hkadmin',
  displayName: '周强',
  password: 'river2026x',
  passwordAgain: 'river2026x',
};

let t: TestCore;
afterEach(() => t?.stop());

const local = () => t.app.connect(() => {}, { local: true });

describe('first-run setup', () => {
  it('an empty room server asks for setup and creates only what the form says', async () => {
    t = startTestCore({ seedDemo: false });
    const me = local();
    expect(expectOk(await me.call('setup.status', {}))).toEqual({
      needed: true,
      demo: false,
      codeRequired: false,
      township: null,
    });
    expect(expectOk(await t.connect().call('setup.status', {}))).toMatchObject({ codeRequired: true });

    expect(expectOk(await me.call('setup.create', FORM))).toEqual({ username: 'hkadmin' });
    expect(t.app.setupCode).toBeNull();
    expect(expectOk(await me.call('setup.status', {}))).toEqual({
      needed: false,
      demo: false,
      codeRequired: false,
      township: { name: '河口镇', code: 'HK', countyName: '南湖区' },
    });
    // The administrator chose the password twice: no forced change.
    const login = expectOk<'auth.login'>(await me.call('auth.login', { username: 'hkadmin', password: 'river2026x' }));
    expect(login).toMatchObject({ role: 'admin', mustChangePassword: false });
    const audit = storedAuditRows(t.db)
      .filter((r) => r.action === 'setup')
      .map((r) => ({ actor_name: r.actor_name, summary: r.summary }));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('river2026x');
  });

  it('a real township has no demo accounts, not even after a restart with --demo', async () => {
    const dir = tempDir();
    try {
      const first = startCore({ dataDir: dir.path, tickMs: 0, backupCheckMs: 0, log: () => {} });
      expectOk(await first.connect(() => {}, { local: true }).call('setup.create', FORM));
      first.close();
      const again = startCore({ dataDir: dir.path, seedDemo: true, demoEvents: 0, tickMs: 0, backupCheckMs: 0, log: () => {} });
      try {
        expect(again.seeded).toBeNull();
        expect(again.setupCode).toBeNull();
        const usernames = storedUsernames(again.db);
        expect(usernames).toEqual(['hkadmin']);
        const connection = again.connect(() => {});
        for (const user of DEMO_USERS) {
          const result = await connection.call('auth.login', { username: user.username, password: DEMO_PASSWORD });
          expect(errorCode(result)).toBe('INVALID_CREDENTIALS');
        }
        expect(countRows(again.db, 'events')).toBe(0);
        expect(expectOk<'setup.status'>(await connection.call('setup.status', {})).demo).toBe(false);
      } finally {
        again.close();
      }
    } finally {
      dir.remove();
    }
  });

  it('refuses another machine without the setup code, or with a wrong one, and changes nothing', async () => {
    t = startTestCore({ seedDemo: false });
    const lan = t.connect();
    const before = databaseDigest(t.db);
    expect(errorCode(await lan.call('setup.create', FORM))).toBe('FORBIDDEN');
    expect(errorCode(await lan.call('setup.create', { ...FORM, setupCode: 'AAAA-BBBB-CCCC' }))).toBe('FORBIDDEN');
    expect(errorCode(await lan.call('setup.demo', {}))).toBe('FORBIDDEN');
    expect(databaseDigest(t.db)).toEqual(before);
    expect(expectOk<'setup.status'>(await lan.call('setup.status', {})).needed).toBe(true);

    // The code printed at start, typed by hand (lower case, no dashes), lets the headless server be set up.
    const typed = t.app.setupCode!.toLowerCase().replace(/-/g, '');
    expect(expectOk(await lan.call('setup.create', { ...FORM, setupCode: typed }))).toEqual({ username: 'hkadmin' });
  });

  it('after setup every setup call is FORBIDDEN and changes nothing, from anywhere', async () => {
    t = startTestCore({ seedDemo: false });
    const code = t.app.setupCode!;
    expectOk(await local().call('setup.create', FORM));
    const before = databaseDigest(t.db);
    for (const connection of [local(), t.connect()]) {
      const second = { ...FORM, townshipName: '夺权镇', username: 'intruder', setupCode: code };
      expect(errorCode(await connection.call('setup.create', second))).toBe('FORBIDDEN');
      expect(errorCode(await connection.call('setup.demo', { setupCode: code }))).toBe('FORBIDDEN');
    }
    expect(databaseDigest(t.db)).toEqual(before);
  });

  it('a demo database (--demo) refuses setup too', async () => {
    t = startTestCore();
    const before = databaseDigest(t.db);
    expect(errorCode(await local().call('setup.create', FORM))).toBe('FORBIDDEN');
    expect(errorCode(await local().call('setup.demo', {}))).toBe('FORBIDDEN');
    expect(databaseDigest(t.db)).toEqual(before);
    expect(expectOk<'setup.status'>(await t.connect().call('setup.status', {}))).toMatchObject({ needed: false, demo: true });
  });

  it('checks the password like a password change, and the two entries must match', async () => {
    t = startTestCore({ seedDemo: false });
    const me = local();
    const before = databaseDigest(t.db);
    expect(errorCode(await me.call('setup.create', { ...FORM, password: 'short1', passwordAgain: 'short1' }))).toBe(
      'WEAK_PASSWORD',
    );
    expect(errorCode(await me.call('setup.create', { ...FORM, password: 'lettersonly', passwordAgain: 'lettersonly' }))).toBe(
      'WEAK_PASSWORD',
    );
    expect(errorCode(await me.call('setup.create', { ...FORM, password: 'hkadmin2026', passwordAgain: 'hkadmin2026' }))).toBe(
      'WEAK_PASSWORD',
    );
    const mismatch = await me.call('setup.create', { ...FORM, passwordAgain: 'river2026y' });
    expect(errorCode(mismatch)).toBe('BAD_INPUT');
    expect(mismatch.ok ? [] : mismatch.error.issues?.map((i) => i.path)).toEqual(['passwordAgain']);
    expect(errorCode(await me.call('setup.create', { ...FORM, townshipCode: 'hk1' }))).toBe('BAD_INPUT');
    expect(databaseDigest(t.db)).toEqual(before);
    expect(t.app.setupCode).not.toBeNull();
  });

  it('the 体验演示数据 button seeds the demo and marks the database as a demo', async () => {
    t = startTestCore({ seedDemo: false });
    const lan = t.connect();
    const result = expectOk<'setup.demo'>(await lan.call('setup.demo', { setupCode: t.app.setupCode! }));
    expect(result.township).toBe('清溪镇');
    expect(result.users.map((u) => u.username)).toEqual(DEMO_USERS.map((u) => u.username));
    expect(expectOk<'setup.status'>(await lan.call('setup.status', {}))).toMatchObject({ needed: false, demo: true });
    expect(errorCode(await lan.call('auth.login', { username: 'director', password: DEMO_PASSWORD }))).toBeNull();
  });

  it('stops taking codes from the LAN after ten wrong ones', async () => {
    t = startTestCore({ seedDemo: false });
    const lan = t.connect();
    for (let i = 0; i < 10; i++) await lan.call('setup.demo', { setupCode: `WRONG-${i}` });
    expect(errorCode(await lan.call('setup.demo', { setupCode: t.app.setupCode! }))).toBe('FORBIDDEN');
    // The machine itself still may.
    expect(errorCode(await local().call('setup.demo', {}))).toBeNull();
  });
});
