import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSyncState } from '../../db/queries/sync';
import { storedAuditRows } from '../../db/testing';
import { errorCode, expectOk } from '../testing/core';
import { memoryTokenStore } from './token-store';
import { startTestCounty, startTestTownship, waitFor, type TestTownship } from '../testing/sync/harness';

let county: Awaited<ReturnType<typeof startTestCounty>>;
let township: TestTownship;
let token: string;
const tokens = memoryTokenStore();
const logs: string[] = [];

beforeAll(async () => {
  county = await startTestCounty();
  token = await county.store.addTownship('QX-S', '清溪镇');
  township = startTestTownship({
    sync: { tokenStore: tokens },
    log: (message, error) => logs.push(`${message} ${error instanceof Error ? error.message : String(error ?? '')}`),
  });
});
afterAll(async () => {
  township.stop();
  await county.close();
  county.remove();
});

describe('county link settings', () => {
  it('is off until the admin configures it, then connects; the token is stored but never shown or audited', async () => {
    const admin = await township.signIn('admin');
    expect(expectOk(await admin.call('sync.status', {}), 'sync.status')).toMatchObject({ configured: false, link: 'off' });
    expect(expectOk(await admin.call('sync.settings', {}), 'sync.settings')).toEqual({
      url: '',
      townshipId: '',
      enabled: false,
      hasToken: false,
      source: 'settings',
    });
    // Turning sync on needs a token.
    expect(errorCode(await admin.call('sync.configure', { url: county.url, townshipId: 'QX-S', enabled: true }))).toBe(
      'BAD_INPUT',
    );
    expect(errorCode(await admin.call('sync.configure', { url: 'ftp://x', townshipId: 'QX-S', enabled: false }))).toBe(
      'BAD_INPUT',
    );
    expect(getSyncState(township.app.db).url).toBe('');

    const saved = expectOk(
      await admin.call('sync.configure', { url: county.url, townshipId: 'QX-S', enabled: true, token }),
      'sync.configure',
    );
    expect(saved).toMatchObject({ hasToken: true, enabled: true });
    expect(JSON.stringify(saved)).not.toContain(token);
    expect(tokens.read()).toBe(token);
    await waitFor(() => township.app.sync.status().link === 'online', 10_000, 'the link');
    const audit = storedAuditRows(township.app.db)
      .filter((r) => r.action === 'sync.configure')
      .map((r) => r.summary);
    expect(audit).toHaveLength(1);
    expect(audit[0]).not.toContain(token);
    await waitFor(() => township.pushes.some((p) => p.topic === 'sync.status' && p.payload.link === 'online'), 5000, 'the push');
  });

  it('shows a refused token as such and keeps it out of every log', async () => {
    const admin = await township.signIn('admin');
    expectOk(
      await admin.call('sync.configure', { url: county.url, townshipId: 'QX-S', enabled: true, token: 'wrong-token-123' }),
      'sync.configure',
    );
    await waitFor(() => township.app.sync.status().link === 'refused', 10_000, 'the refusal');
    expect(township.app.sync.status().lastError).toMatch(/^AUTH_FAILED/);
    expect(logs.join('\n')).not.toContain('wrong-token-123');
    expectOk(
      await admin.call('sync.configure', { url: county.url, townshipId: 'QX-S', enabled: false, token: null }),
      'sync.configure',
    );
    expect(tokens.read()).toBeNull();
    expect(township.app.sync.status()).toMatchObject({ configured: false, link: 'off' });
  });

  it('is for the admin only, and read-only when the environment sets the link', async () => {
    const operator = await township.signIn('operator');
    expect(errorCode(await operator.call('sync.settings', {}))).toBe('FORBIDDEN');
    expect(errorCode(await operator.call('sync.configure', { url: '', townshipId: '', enabled: false }))).toBe('FORBIDDEN');
    expect(expectOk(await operator.call('sync.status', {}), 'sync.status').link).toBe('off');

    const fromEnv = startTestTownship({ sync: { county: { url: county.url, townshipId: 'QX-S', token } } });
    try {
      const admin = await fromEnv.signIn('admin');
      expect(expectOk(await admin.call('sync.settings', {}), 'sync.settings')).toMatchObject({
        source: 'environment',
        hasToken: true,
      });
      expect(errorCode(await admin.call('sync.configure', { url: '', townshipId: '', enabled: false }))).toBe('CONFLICT');
    } finally {
      fromEnv.stop();
    }
  });
});
