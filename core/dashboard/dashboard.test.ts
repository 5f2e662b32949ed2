import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure } from '../../common/contract';
import { OPEN_STATES } from '../../common/contract';
import { countRows, eventCountsByStateFromEvents } from '../../db/testing';
import {
  eventsClosedBetween,
  eventsInCategoryTree,
  eventsInVillageNamed,
  eventsReportedBetween,
  eventsResolvedAt,
  eventsWithVillage,
  newestActionAt,
  redEventsDueBetween,
  redEventsOfVillage,
  unitClosuresBetween,
} from '../../db/testing-figures';
import { chinaMs } from '../calendar';
import type { Connection } from '../app';
import { errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';
import { MIN_CLOSED } from './summary';

type Summary = Awaited<ReturnType<typeof readSummary>>;
async function readSummary(c: Connection) {
  return expectOk<'dashboard.summary'>(await c.call('dashboard.summary', {}));
}

/** Every figure of the summary with a label for failure messages. */
function figuresOf(s: Summary): [string, Figure][] {
  return [
    ...s.periods.flatMap((p): [string, Figure][] => [
      [`${p.period} received`, p.received],
      [`${p.period} closed`, p.closed],
      [`${p.period} overdue`, p.overdue],
    ]),
    ...s.byState.map((r): [string, Figure] => [`state ${r.state}`, r.figure]),
    ...s.byCategory.map((r): [string, Figure] => [`category ${r.name}`, r.figure]),
    ...s.trend.flatMap((d): [string, Figure][] => [
      [`${d.day} received`, d.received],
      [`${d.day} closed`, d.closed],
    ]),
    ...[...s.units.best, ...s.units.worst].map((u): [string, Figure] => [`unit ${u.name}`, u.closed]),
    ...s.levels.counts.map((l): [string, Figure] => [`level ${l.level}`, l.figure]),
    ['red', s.warnings.red],
    ['yellow', s.warnings.yellow],
    ...s.villages.map((v): [string, Figure] => [`village ${v.name}`, v.open]),
  ];
}

describe('dashboard', () => {
  let core: TestCore;
  let operator: Connection;
  let summary: Summary;

  beforeAll(async () => {
    core = startTestCore({ demoEvents: 600 });
    operator = await core.signIn('operator');
    summary = await readSummary(operator);
  }, 60_000);
  afterAll(() => core.stop());

  it('gives every number the queue filter that lists exactly that many events', async () => {
    const figures = figuresOf(summary);
    expect(figures.length).toBeGreaterThan(100);
    for (const [label, f] of figures) {
      const page = expectOk<'events.queue'>(await operator.call('events.queue', { filter: f.filter, limit: 1 }));
      expect({ label, total: page.total }).toEqual({ label, total: f.count });
    }
  });

  it('counts today, this week and this month on Asia/Shanghai boundaries, as hand-written SQL does', () => {
    // The test clock is Monday 2026-11-30 09:00 in China.
    const bounds = {
      today: [chinaMs('2026-11-30'), chinaMs('2026-12-01')],
      week: [chinaMs('2026-11-30'), chinaMs('2026-12-07')],
      month: [chinaMs('2026-11-01'), chinaMs('2026-12-01')],
    } as const;
    for (const p of summary.periods) {
      const [from, to] = bounds[p.period];
      expect([p.from, p.to]).toEqual([from, to]);
      expect(p.received.count).toBe(eventsReportedBetween(core.db, from, to - 1));
      expect(p.closed.count).toBe(eventsClosedBetween(core.db, from, to - 1));
      expect(p.overdue.count).toBe(redEventsDueBetween(core.db, from, to - 1));
    }
    const month = summary.periods.find((p) => p.period === 'month')!;
    expect(month.received.count).toBeGreaterThan(0);
    expect(month.closed.count).toBeGreaterThan(0);
  });

  it('counts states, categories, villages and levels as hand-written SQL does', () => {
    const byState = Object.fromEntries(summary.byState.map((r) => [r.state, r.figure.count]));
    const rows = eventCountsByStateFromEvents(core.db);
    for (const r of rows) expect(byState[r.state]).toBe(r.count);
    expect(Object.values(byState).reduce((a, b) => a + b, 0)).toBe(countRows(core.db, 'events'));

    for (const c of summary.byCategory) {
      expect(c.figure.count).toBe(eventsInCategoryTree(core.db, OPEN_STATES, c.categoryId));
    }
    for (const v of summary.villages) {
      expect(v.open.count).toBe(eventsInVillageNamed(core.db, OPEN_STATES, v.name));
      expect(v.red).toBe(redEventsOfVillage(core.db, OPEN_STATES, v.villageId));
    }
    const mapTotal = summary.villages.reduce((a, v) => a + v.open.count, 0);
    expect(mapTotal).toBe(eventsWithVillage(core.db, OPEN_STATES));
    expect(mapTotal).toBeGreaterThan(0);

    const { from, to } = summary.levels;
    for (const l of summary.levels.counts) {
      expect(l.figure.count).toBe(eventsResolvedAt(core.db, l.level, from, to));
    }
    expect(summary.levels.counts.reduce((a, l) => a + l.figure.count, 0)).toBeGreaterThan(0);
    expect(to - from).toBe(30 * 86_400_000);
  });

  it('ranks units by on-time closure over 30 days, leaving out units with too few closures', () => {
    const { from, to } = summary.units;
    const expected = unitClosuresBetween(core.db, from, to);
    const ranked = [...summary.units.best, ...summary.units.worst];
    expect(ranked.length).toBeGreaterThan(0);
    for (const u of ranked) {
      const row = expected.find((r) => r.name === u.name)!;
      expect([u.closed.count, u.onTime]).toEqual([row.closed, row.onTime]);
      expect(u.closed.count).toBeGreaterThanOrEqual(MIN_CLOSED);
    }
    const rates = summary.units.best.map((u) => u.rate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const qualifying = expected.filter((r) => r.closed >= MIN_CLOSED).map((r) => r.onTime / r.closed);
    expect(summary.units.best[0]!.rate).toBe(Math.max(...qualifying));
  });

  it('draws open events on the map, warned ones first, at their village centre when they have no coordinates', async () => {
    const map = expectOk<'dashboard.map'>(await operator.call('dashboard.map', {}));
    expect(map.source).toBe('demo');
    expect(map.geoJson.features).toHaveLength(12);
    const centres = new Map(map.villages.map((v) => [v.villageId, v]));
    expect(summary.points.length).toBeGreaterThan(0);
    for (const p of summary.points) {
      const c = centres.get(p.villageId!)!;
      expect(Math.hypot(p.lng - c.lng, p.lat - c.lat)).toBeLessThan(0.012);
    }
    const order = summary.points.map((p) => ['red', 'yellow', 'none'].indexOf(p.warning));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('lists the warnings and the newest actions', () => {
    expect(summary.warnings.red.filter.view).toBe('overdue');
    expect(summary.warnings.rows.every((r) => r.warning !== 'none')).toBe(true);
    const newest = newestActionAt(core.db);
    expect(summary.feed[0]!.at).toBe(newest);
    expect(summary.feed.map((f) => f.at)).toEqual([...summary.feed.map((f) => f.at)].sort((a, b) => b - a));
  });

  it('follows a change: a new event counts as received today', async () => {
    const reference = expectOk<'events.reference'>(await operator.call('events.reference', {}));
    const before = summary.periods[0]!.received.count;
    expectOk(
      await operator.call('events.create', {
        title: '路灯不亮',
        description: '村口路灯坏了',
        categoryId: reference.categories.find((c) => c.parentId !== null)!.id,
        requestType: 'request',
        source: 'walk_in',
        priority: 'normal',
      }),
    );
    const after = await readSummary(operator);
    expect(after.periods[0]!.received.count).toBe(before + 1);
    // The per-state counts kept by triggers still equal a count of the table.
    const rows = eventCountsByStateFromEvents(core.db);
    for (const r of rows) expect(after.byState.find((s) => s.state === r.state)!.figure.count).toBe(r.count);
    expect(after.feed[0]!.kind).toBe('create');
  });

  it('is for the room and the wall: viewers read it, unit handlers and anonymous callers do not', async () => {
    const viewer = await core.signIn('viewer');
    expect((await readSummary(viewer)).byState).toHaveLength(12);
    expect(errorCode(await (await core.signIn('unit_handler')).call('dashboard.summary', {}))).toBe('FORBIDDEN');
    expect(errorCode(await core.connect().call('dashboard.summary', {}))).toBe('UNAUTHENTICATED');
    // The wall's account can write nothing at all.
    const someId = summary.feed[0]!.eventId;
    expect(errorCode(await viewer.call('events.act', { action: 'register', id: someId }))).toBe('FORBIDDEN');
    expect(errorCode(await viewer.call('dashboard.importMap', { fileName: 'a.json', text: '{}' }))).toBe('FORBIDDEN');
  });
});
