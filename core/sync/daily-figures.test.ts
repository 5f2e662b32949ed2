import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCategoryByCode } from '../../db/queries/reference';
import { getSyncState } from '../../db/queries/sync';
import { closeEventRaw, countyRecordData, makeEventOverdueRaw } from '../../db/testing-sync';
import { expectOk } from '../testing/core';
import { startTestCounty, startTestTownship, waitFor, type TestTownship } from '../testing/sync/harness';

// PROTOCOL.md `daily_figures`: the previous China day after midnight, missed days at start, altered days again.

const T = 'QX-FIG';
const HOUR = 3_600_000;
/** 2026-11-30 10:00 China time. */
const DAY_D = Date.UTC(2026, 10, 30, 2, 0, 0);
const clock = { now: DAY_D };
let county: Awaited<ReturnType<typeof startTestCounty>>;
let township: TestTownship;

beforeAll(async () => {
  county = await startTestCounty();
  const token = await county.store.addTownship(T, '清溪镇');
  township = startTestTownship({
    sync: { county: { url: county.url, townshipId: T, token }, figuresMs: 0 },
    now: () => clock.now,
  });
  await waitFor(() => township.app.sync.client.connected, 10_000, 'the link');
});
afterAll(async () => {
  township.stop();
  await county.close();
  county.remove();
});

const db = () => township.app.db;
const synced = async () => {
  const seq = township.app.sync.status().lastSeq;
  return getSyncState(db()).ackedSeq === seq && (await county.store.township(T))!.lastSeq === seq;
};
const atCounty = (date: string) => {
  const row = countyRecordData(county.store.db, T, 'daily_figures', `${T}:${date}`);
  return row ? (JSON.parse(row) as Record<string, unknown>) : undefined;
};

async function create(reportedAt?: number): Promise<string> {
  const operator = await township.signIn('operator');
  return expectOk(
    await operator.call('events.create', {
      title: '占道经营',
      description: '早市摊位占道',
      categoryId: findCategoryByCode(db(), 'fire')!.id,
      requestType: 'complaint',
      source: 'walk_in',
      priority: 'normal',
      register: true,
      ...(reportedAt ? { reportedAt } : {}),
    }),
    'events.create',
  ).id;
}

describe('daily figures', () => {
  it('sends the previous day after midnight, equal to the dashboard’s figures for that day', async () => {
    // At start on day D: the day before is sent (nothing happened then), once.
    expect(township.app.sync.queueFigures()).toEqual(['2026-11-29']);
    expect(township.app.sync.queueFigures()).toEqual([]);
    const [a, b] = [await create(), await create(), await create()];
    // One closed at grid level, one red with its deadline on day D: written directly, the figures read the table.
    closeEventRaw(db(), a!, clock.now);
    makeEventOverdueRaw(db(), b!, clock.now + HOUR);
    clock.now = DAY_D + 13 * HOUR + 50 * 60_000; // 23:50 on day D
    const director = await township.signIn('director');
    const summary = expectOk(await director.call('dashboard.summary', {}), 'dashboard.summary');
    const today = summary.periods.find((p) => p.period === 'today')!;
    const levels = Object.fromEntries(summary.levels.counts.map((c) => [c.level, c.figure.count]));
    expect(township.app.sync.queueFigures()).toEqual([]); // day D is not over yet

    clock.now = DAY_D + 14 * HOUR + 5 * 60_000; // 00:05 on D + 1
    expect(township.app.sync.queueFigures()).toEqual(['2026-11-30']);
    const expected = {
      date: '2026-11-30',
      received: today.received.count,
      closed: today.closed.count,
      overdue: today.overdue.count,
      byLevel: { grid: levels.grid, village: levels.village, township: levels.township, county: levels.county },
    };
    expect(expected).toMatchObject({ received: 3, closed: 1, overdue: 1, byLevel: { grid: 1 } });
    await waitFor(synced, 10_000, 'the figures up');
    expect(atCounty('2026-11-30')).toEqual(expected);
  });

  it('sends a day again when a late change alters it, and every missed day at start', async () => {
    clock.now = DAY_D + 23 * HOUR; // 09:00 on D + 1
    await create(DAY_D + HOUR); // reported late, for 11:00 on day D
    expect(township.app.sync.queueFigures()).toEqual(['2026-11-30']);
    await waitFor(synced, 10_000, 'the corrected figures');
    expect(atCounty('2026-11-30')).toMatchObject({ received: 4 });
    expect(township.app.sync.queueFigures()).toEqual([]);

    // The app was off for three midnights: each missed day goes up once.
    clock.now = DAY_D + 4 * 24 * HOUR;
    expect(township.app.sync.queueFigures()).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    await waitFor(synced, 10_000, 'the missed days');
    expect(atCounty('2026-12-01')).toMatchObject({ received: 0, closed: 0 });
    expect(await county.store.refused(T)).toEqual([]);
  });
});
