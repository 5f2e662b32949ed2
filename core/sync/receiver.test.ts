import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_TYPES } from '../../common/protocol';
import { DATABASE_FILE } from '../app';
import { getSyncState } from '../../db/queries/sync';
import { countRows } from '../../db/testing';
import { countyInboxCount, eventsWithCountyRef, walCheckpointState } from '../../db/testing-sync';
import { databaseDigest } from '../testing/core';
import { applyMessages } from './receiver';
import { sampleMessage } from '../testing/sync/samples';
import { startTestCounty, startTestTownship, waitFor, type TestTownship } from '../testing/sync/harness';

let county: Awaited<ReturnType<typeof startTestCounty>>;
let township: TestTownship;
const T = 'QX-R';
const count = (table: string) => countRows(township.app.db, table);
const caughtUp = async () => getSyncState(township.app.db).appliedOffset === (await county.store.township(T))!.lastOffset;

beforeAll(async () => {
  county = await startTestCounty();
  const token = await county.store.addTownship(T, '清溪镇');
  township = startTestTownship({ sync: { county: { url: county.url, townshipId: T, token } } });
  await waitFor(() => township.app.sync.client.connected, 10_000, 'the link');
});
afterAll(async () => {
  township.stop();
  await county.close();
  county.remove();
});

describe('receiving county messages', () => {
  it('has the effect of one message when each is delivered 1–4 times', async () => {
    const db = township.app.db;
    const events = count('events');
    const notices = count('notices');
    // A county that sends the same message (same id) 1–4 times under new offsets: one effect.
    const offline = startTestTownship();
    try {
      const odb = offline.app.db;
      const oCount = (table: string) => countRows(odb, table);
      const oEvents = oCount('events');
      const envelopes: unknown[] = [];
      for (let n = 0; n < 20; n++) {
        const type = n % 2 === 0 ? 'assignment' : 'notice';
        const m = { id: uuidv7(), type, at: '2026-11-30T09:00:00+08:00', data: sampleMessage(type, n) };
        for (let t = 0; t <= n % 4; t++) envelopes.push({ ...m, offset: envelopes.length + 1 });
      }
      for (let i = 0; i < envelopes.length; i += 7)
        applyMessages({ db: odb, dataDir: offline.dir, now: Date.now }, envelopes.slice(i, i + 7));
      expect(oCount('events') - oEvents).toBe(10);
      expect(oCount('notices')).toBe(10);
      expect(countyInboxCount(odb, 'duplicate')).toBe(envelopes.length - 20);
      expect(getSyncState(odb).appliedOffset).toBe(envelopes.length);
    } finally {
      offline.stop();
    }
    const items = Array.from({ length: 20 }, (_, n) => ({
      type: n % 2 ? 'notice' : 'assignment',
      data: sampleMessage(n % 2 ? 'notice' : 'assignment', n),
    }));
    await county.store.appendMany(T, items);
    await waitFor(caughtUp, 10_000, 'the pull');
    expect(count('events') - events).toBe(10);
    expect(count('notices') - notices).toBe(10);

    // The same offsets pulled again (a reply lost on the way): skipped, nothing changes.
    const before = databaseDigest(db);
    const replay = ((await county.store.pull(T, { after: 0, limit: 500 })) as { messages: unknown[] }).messages;
    for (let t = 1; t <= 4; t++) {
      const report = applyMessages({ db, dataDir: township.dir, now: Date.now }, replay.slice(0, t * 5));
      expect(report.counts.skipped).toBe(t * 5);
    }
    expect(databaseDigest(db)).toEqual(before);

    // An assignment with a countyRef already registered, under a new message id: still one event.
    const again = sampleMessage('assignment', 99) as { countyRef: string };
    await county.store.append(T, 'assignment', again);
    await county.store.append(T, 'assignment', { ...again, title: '重复派发' });
    await waitFor(caughtUp, 10_000, 'the pull');
    expect(eventsWithCountyRef(township.app.db, again.countyRef)).toBe(1);
  });

  it('checkpoints once at the end of a catch-up of many pages, not after each of them', async () => {
    const db = township.app.db;
    const file = join(township.dir, DATABASE_FILE);
    // Between pulls the connection checkpoints as usual.
    await waitFor(() => walCheckpointState(db, file).autocheckpoint > 0, 10_000, 'the link at rest');
    const { autocheckpoint } = walCheckpointState(db, file);
    const notices = count('notices');
    const items = Array.from({ length: 12_000 }, (_, n) => ({ type: 'notice', data: sampleMessage('notice', n) }));
    await county.store.appendMany(T, items);
    await waitFor(caughtUp, 30_000, 'the catch-up');
    expect(count('notices') - notices).toBe(items.length);
    // Checkpointed after each slice, the WAL would have started over at the threshold; deferred, it held the whole catch-up.
    const after = walCheckpointState(db, file);
    expect(after.walPages).toBeGreaterThan(autocheckpoint * 1.5);
    expect(after.autocheckpoint).toBe(autocheckpoint);
  });

  it('stores 1,000 malformed messages as unknown or rejected, writes nothing else, and never loops', async () => {
    await waitFor(() => township.app.sync.status().unsent === 0, 10_000, 'the outbox to drain');
    const tables = ['events', 'notices', 'units', 'categories', 'calendar_days', 'county_schemes', 'outbox', 'event_actions'];
    const before = Object.fromEntries(tables.map((t) => [t, count(t)]));
    const inboxBefore = count('county_inbox');
    const bad: unknown[] = [
      {},
      null,
      'text',
      42,
      [],
      { title: '' },
      { eventId: 5 },
      { kind: 'weather', version: 1, items: [] },
      { kind: 'units', version: 100, items: [{ name: '无平台单位' }] },
      { kind: 'categories', version: 100, items: [{ code: 'x.y', name: '孤儿', parent: 'no-such-parent' }] },
      { kind: 'deadline_rules', version: 100, items: [{ category: 'nope', priority: 'normal', signHours: 1, handleDays: 1 }] },
      { eventId: 'no-such-event', decision: 'accepted', note: '' },
      { eventId: 'no-such-event', state: 'closed', note: '' },
      { id: 'a', deviceId: 'd', kind: 'smoke', at: 'not a time', address: '', village: '', contacts: [] },
    ];
    const items = Array.from({ length: 1000 }, (_, i) =>
      i % 10 === 9
        ? { type: `future_type_${i % 3}`, data: { anything: i } }
        : { type: MESSAGE_TYPES[i % MESSAGE_TYPES.length]!, data: bad[i % bad.length] },
    );
    const last = (await county.store.appendMany(T, items)).at(-1)!.offset;
    await waitFor(caughtUp, 20_000, 'the pull');
    expect(getSyncState(township.app.db).appliedOffset).toBe(last);
    expect(count('county_inbox') - inboxBefore).toBe(1000);
    expect(countyInboxCount(township.app.db, 'applied', last - 1000)).toBe(0);
    expect(countyInboxCount(township.app.db, 'unknown', last - 1000)).toBe(100);
    for (const t of tables) expect(count(t), t).toBe(before[t]);
    expect(township.app.sync.status()).toMatchObject({ link: 'online', problems: expect.any(Number) });
    expect(township.app.sync.status().problems).toBeGreaterThanOrEqual(1000);

    // Envelopes without a usable offset are skipped without writing anything or moving the offset.
    const digest = databaseDigest(township.app.db);
    const report = applyMessages({ db: township.app.db, dataDir: township.dir, now: Date.now }, [
      null,
      {},
      { offset: 'x' },
      { offset: -3 },
    ]);
    expect(report.counts.garbage).toBe(4);
    expect(databaseDigest(township.app.db)).toEqual(digest);
  });
});
