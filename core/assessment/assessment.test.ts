import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competitionRanks, periodBounds, previousPeriod, type SchemeIndicator } from '../../common/assessment';
import type { RankingRow } from '../../common/contract';
import { listOutbox } from '../../db/queries/outbox';
import { setSetting } from '../../db/queries/settings';
import { storedAuditRows } from '../../db/testing';
import type { Connection } from '../app';
import { errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';
import { buildFixture, type Fixture } from '../testing/assessment-fixtures';
import { baseScore, indicatorPoints } from './scoring';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('periods and ranks', () => {
  it('bounds periods in China time and steps back', () => {
    expect(new Date(periodBounds('2026-Q3').start).toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(new Date(periodBounds('2026-Q3').end).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(new Date(periodBounds('2026-12').end).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect([previousPeriod('2026-Q1'), previousPeriod('2026-01'), previousPeriod('2026-11'), previousPeriod('2026')]).toEqual([
      '2025-Q4',
      '2025-12',
      '2026-10',
      '2025',
    ]);
  });
  it('shares ranks between equal scores (1, 1, 3)', () => {
    expect(competitionRanks([90, 95, 95, 80, 90.001])).toEqual([3, 1, 1, 5, 3]);
  });
  it('scores rates between floor and target, inverted when lower is better, counts with a cap', () => {
    const up: SchemeIndicator = { key: 'closure', kind: 'rate', weight: 20, target: 0.9, floor: 0.5 };
    expect(indicatorPoints(up, 7, 10).points).toBeCloseTo(10); // (0.7 − 0.5) / 0.4 = 0.5
    expect(indicatorPoints(up, 10, 10).points).toBe(20);
    expect(indicatorPoints(up, 1, 10).points).toBe(0);
    expect(indicatorPoints(up, 0, 0)).toEqual({ value: null, points: null });
    const down: SchemeIndicator = { key: 'rework', kind: 'rate', weight: 10, target: 0.1, floor: 0.3 };
    expect(indicatorPoints(down, 2, 10).points).toBeCloseTo(5); // (0.2 − 0.3) / (0.1 − 0.3) = 0.5
    expect(indicatorPoints(down, 0, 10).points).toBe(10);
    const count: SchemeIndicator = { key: 'orders', kind: 'count', weight: 10, perItem: 4, cap: 10 };
    expect([0, 1, 3].map((n) => indicatorPoints(count, n, null).points)).toEqual([10, 6, 0]);
    expect(
      baseScore([
        { points: 10, weight: 20 },
        { points: null, weight: 30 },
        { points: 5, weight: 5 },
      ]),
    ).toBeCloseTo(60);
  });
});

describe('assessment of a hand-built quarter', () => {
  let core: TestCore;
  let assessor: Connection;
  let director: Connection;
  let fx: Fixture;
  let quarterlyId: string;

  const view = async (period = '2026-Q3', schemeCode = 'quarterly', revision?: number) =>
    expectOk<'assessment.view'>(
      await assessor.call('assessment.view', { schemeCode, period, ...(revision ? { revision } : {}) }),
    )!;
  const values = (row: RankingRow) => Object.fromEntries(row.values.map((v) => [v.indicator, [v.numerator, v.denominator]]));

  beforeAll(async () => {
    core = startTestCore();
    fx = buildFixture(core.db);
    // The hand-built quarter has 2–4 cases per unit and rate; under the default minimum sample (5)
    // every rate would be 样本不足. The minimum sample has its own test (fairness.test.ts).
    setSetting(core.db, 'assessment.minSample', '1');
    assessor = await core.signIn('assessor');
    director = await core.signIn('director');
    const { schemes } = expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {}));
    quarterlyId = schemes.find((s) => s.code === 'quarterly')!.id;
  });
  afterAll(() => core.stop());

  it('seeds the default schemes with every indicator and shows each definition', async () => {
    const { schemes, indicators } = expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {}));
    expect(schemes.map((s) => s.code).sort()).toEqual(['monthly', 'quarterly']);
    expect(schemes[0]!.indicators.reduce((sum, i) => sum + i.weight, 0)).toBe(100);
    expect(indicators).toHaveLength(10);
    for (const i of indicators) expect(i.definitionZh.length).toBeGreaterThan(20);
  });

  it('computes every indicator by hand in a worker thread', async () => {
    const run = expectOk<'assessment.compute'>(
      await assessor.call('assessment.compute', { schemeId: quarterlyId, period: '2026-Q3' }),
    );
    expect(run).toMatchObject({ state: 'computed', revision: 1 });
    const v = await view();
    const a = v.ranking.find((r) => r.unitId === fx.a)!;
    const b = v.ranking.find((r) => r.unitId === fx.b)!;
    expect(values(a)).toEqual({
      sign_on_time: [2, 4], // E1 on time, E2 late, E4 on time, E6 (assisting) late; E3 withdrawn
      closed_on_time: [2, 3], // due in Q3: E1 hit, E2 fed back late, E5 (dispatched in Q2) hit
      // Rule moved (办结率 over 应办结): due in Q3 are E1, E2, E5 (E4 is due after Q3); E1 and E5 closed
      // in Q3, E2 only after it. It was [1, 3] over the events dispatched in Q3 (E1, E2, E4).
      closure: [2, 3],
      rework: [1, 3], // E2
      // Rule moved (unjustified returns only): dispatches E1 E2 E3 E4; E3's return was accepted and
      // redispatched to B, so it does not count. It was [1, 4] when every return counted.
      return: [0, 4],
      extension: [1, 3], // E4 approved; E1's refused request does not count
      satisfaction: [2, 3], // E1 satisfied, E5 basically satisfied, E2 dissatisfied
      orders: [3, null], // O1 O2 O4 (O3 is Q2)
      orders_late: [1, null], // due in Q3: O1 answered in time, O2 answered late; O4 is due in Q4
      findings: [2, null],
    });
    expect(values(b)).toEqual({
      sign_on_time: [2, 2],
      closed_on_time: [1, 2],
      closure: [1, 2],
      rework: [0, 2],
      return: [0, 2],
      extension: [0, 2],
      satisfaction: [0, 0],
      orders: [1, null],
      orders_late: [1, null], // O1 unanswered past its deadline
      findings: [0, null],
    });
    expect(b.values.find((x) => x.indicator === 'satisfaction')!.points).toBeNull();
    expect(storedAuditRows(core.db).filter((r) => r.action === 'compute').length).toBe(1);
  });

  it('lists the very events and orders behind a number, hits first, paged', async () => {
    const v = await view();
    const list = expectOk<'assessment.evidence'>(
      await assessor.call('assessment.evidence', { runId: v.run.id, unitId: fx.a, indicator: 'sign_on_time', limit: 3 }),
    );
    expect(list.refKind).toBe('event');
    expect(list.more).toBe(true);
    expect(list.rows.map((r) => r.hit)).toEqual([true, true, false]);
    expect(
      list.rows
        .slice(0, 2)
        .map((r) => r.id)
        .sort(),
    ).toEqual([fx.events.E1, fx.events.E4].sort());
    const orders = expectOk<'assessment.evidence'>(
      await assessor.call('assessment.evidence', { runId: v.run.id, unitId: fx.a, indicator: 'orders_late' }),
    );
    expect(orders.refKind).toBe('order');
    expect(orders.rows.filter((r) => r.hit).map((r) => r.serial)).toEqual(['督〔2026〕2号']);
    // Rule moved (督办逾期 counts the orders due in the period): O1 and O2; O4 (issued in Q3, due in
    // Q4) is listed in Q4 now. It was 3 when the orders issued in the period were listed.
    expect(orders.rows).toHaveLength(2);
  });

  it('scores with a custom scheme: weights normalized, not-applicable rates left out, ties share a rank', async () => {
    const indicators: SchemeIndicator[] = [
      { key: 'sign_on_time', kind: 'rate', weight: 20, target: 1, floor: 0 },
      { key: 'rework', kind: 'rate', weight: 10, target: 0, floor: 1 },
      { key: 'satisfaction', kind: 'rate', weight: 10, target: 1, floor: 0 },
      { key: 'orders', kind: 'count', weight: 10, perItem: 4, cap: 10 },
    ];
    const scheme = expectOk<'assessment.saveScheme'>(
      await assessor.call('assessment.saveScheme', {
        name: '测试方案',
        periodKind: 'quarter',
        unitKinds: 'department',
        indicators,
      }),
    );
    expect(scheme.version).toBe(1);
    expectOk(await assessor.call('assessment.compute', { schemeId: scheme.id, period: '2026-Q3' }));
    const v = await view('2026-Q3', scheme.code);
    const a = v.ranking.find((r) => r.unitId === fx.a)!;
    const b = v.ranking.find((r) => r.unitId === fx.b)!;
    // A: sign 20 × 2/4 = 10; rework 10 × (1/3 − 1) / (0 − 1) = 6.667; satisfaction 10 × 2/3 = 6.667; orders 10 − min(10, 12) = 0
    expect(a.score).toBeCloseTo((100 * (10 + 20 / 3 + 20 / 3 + 0)) / 50, 2);
    // B: sign 20; rework 10; satisfaction not applicable (weight 40 left); orders 10 − 4 = 6
    expect(b.score).toBe(90);
    const others = v.ranking.filter((r) => r.unitId !== fx.a && r.unitId !== fx.b);
    expect(others.every((r) => r.score === 100 && r.rank === 1)).toBe(true);
    expect(b.rank).toBe(others.length + 1);
    expect(a.rank).toBe(others.length + 2);
    // Saving again makes version 2; the run keeps version 1.
    const v2 = expectOk<'assessment.saveScheme'>(
      await assessor.call('assessment.saveScheme', {
        code: scheme.code,
        name: '测试方案',
        periodKind: 'quarter',
        unitKinds: 'department',
        indicators,
      }),
    );
    expect(v2.version).toBe(2);
    expect((await view('2026-Q3', scheme.code)).scheme.id).toBe(scheme.id);
  });

  it('refuses bad schemes and writes nothing', async () => {
    const bad = await assessor.call('assessment.saveScheme', {
      name: '坏方案',
      periodKind: 'quarter',
      unitKinds: 'all',
      indicators: [{ key: 'rework', kind: 'rate', weight: 10, target: 0.5, floor: 0.1 }],
    });
    expect(errorCode(bad)).toBe('BAD_INPUT');
    const wrongPeriod = await assessor.call('assessment.compute', { schemeId: quarterlyId, period: '2026-07' });
    expect(errorCode(wrongPeriod)).toBe('BAD_INPUT');
  });

  it('manual items: the assessor proposes with evidence, the director decides, the score moves at once', async () => {
    const v = await view();
    const before = v.ranking.find((r) => r.unitId === fx.a)!;
    const { id } = expectOk<'assessment.addItem'>(
      await assessor.call('assessment.addItem', {
        runId: v.run.id,
        unitId: fx.a,
        kind: 'deduction',
        points: 2,
        reason: '暗访发现占道经营整改不到位',
        evidence: [{ name: 'photo.png', mime: 'image/png', dataBase64: PNG_1PX }],
      }),
    );
    expect(
      errorCode(
        await director.call('assessment.addItem', { runId: v.run.id, unitId: fx.a, kind: 'bonus', points: 1, reason: '表彰' }),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await assessor.call('assessment.decideItem', { id, approve: true }))).toBe('FORBIDDEN');
    const fake = await assessor.call('assessment.addItem', {
      runId: v.run.id,
      unitId: fx.a,
      kind: 'bonus',
      points: 1,
      reason: '伪装的文件',
      evidence: [{ name: 'x.pdf', mime: 'application/pdf', dataBase64: PNG_1PX }],
    });
    expect(errorCode(fake)).toBe('UNSUPPORTED_FILE');
    // Pending items block the review.
    expect(errorCode(await assessor.call('assessment.review', { runId: v.run.id }))).toBe('CONFLICT');
    expect((await view()).ranking.find((r) => r.unitId === fx.a)!.score).toBe(before.score);
    expectOk(await director.call('assessment.decideItem', { id, approve: true, note: '同意' }));
    const after = (await view()).ranking.find((r) => r.unitId === fx.a)!;
    expect(after.manual).toBe(-2);
    expect(after.score).toBeCloseTo(before.score - 2, 2);
    expect(errorCode(await director.call('assessment.decideItem', { id, approve: false }))).toBe('ILLEGAL_TRANSITION');
    const item = (await view()).items.find((i) => i.id === id)!;
    expect(item).toMatchObject({ state: 'approved', decisionNote: '同意', evidence: [{ name: 'photo.png', mime: 'image/png' }] });
    const file = expectOk<'assessment.evidenceFile'>(
      await assessor.call('assessment.evidenceFile', { id: item.evidence[0]!.id }),
    );
    expect(file.dataBase64).toBe(PNG_1PX);
    const audited = storedAuditRows(core.db)
      .filter((r) => r.entity === 'assessment_item')
      .map((r) => r.action);
    expect(audited).toEqual(['add_item', 'approve_item']);
  });

  it('lifecycle: reviewed → published (locked, sent to the county) → a new revision with a reason', async () => {
    const v = await view();
    expect(errorCode(await director.call('assessment.publish', { runId: v.run.id }))).toBe('ILLEGAL_TRANSITION');
    expectOk(await assessor.call('assessment.review', { runId: v.run.id }));
    expect(errorCode(await assessor.call('assessment.publish', { runId: v.run.id }))).toBe('FORBIDDEN');
    const published = expectOk<'assessment.publish'>(await director.call('assessment.publish', { runId: v.run.id }));
    expect(published.state).toBe('published');
    const results = listOutbox(core.db, 0, 1000).filter((c) => c.entity === 'assessment_result');
    expect(results).toHaveLength(v.ranking.length);
    const a = JSON.parse(results.find((r) => JSON.parse(r.data!).unit === '综合行政执法队')!.data!);
    expect(a).toMatchObject({
      schemeId: quarterlyId,
      period: '2026-Q3',
      revision: 1,
      publishedAt: expect.stringMatching(/\+08:00$/),
    });
    expect(a.indicators).toMatchObject({ sign_on_time: 0.5, orders: 3, manual: -2 });
    expect(Object.keys(a).sort()).toEqual([
      'id',
      'indicators',
      'period',
      'publishedAt',
      'rank',
      'revision',
      'schemeId',
      'score',
      'unit',
    ]);

    // Locked: no recompute, no items.
    expect(errorCode(await assessor.call('assessment.compute', { schemeId: quarterlyId, period: '2026-Q3' }))).toBe('CONFLICT');
    expect(
      errorCode(
        await assessor.call('assessment.addItem', {
          runId: v.run.id,
          unitId: fx.a,
          kind: 'bonus',
          points: 1,
          reason: '表彰奖励',
        }),
      ),
    ).toBe('CONFLICT');
    expect(errorCode(await assessor.call('assessment.revise', { runId: v.run.id, reason: '' }))).toBe('BAD_INPUT');

    const rev = expectOk<'assessment.revise'>(
      await assessor.call('assessment.revise', { runId: v.run.id, reason: '县级通报遗漏一项表彰' }),
    );
    expect(rev).toMatchObject({ revision: 2, state: 'draft', reason: '县级通报遗漏一项表彰' });
    expect(errorCode(await assessor.call('assessment.revise', { runId: v.run.id, reason: '再来一次' }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    // The revision starts from the published numbers and items; review needs a computation first.
    const draft = await view();
    expect(draft.run.revision).toBe(2);
    expect(draft.ranking.find((r) => r.unitId === fx.a)!.score).toBe(v.ranking.find((r) => r.unitId === fx.a)!.score);
    expect(draft.items).toHaveLength(1);
    expect(errorCode(await assessor.call('assessment.review', { runId: rev.id }))).toBe('ILLEGAL_TRANSITION');
    const { id } = expectOk<'assessment.addItem'>(
      await assessor.call('assessment.addItem', { runId: rev.id, unitId: fx.a, kind: 'bonus', points: 3, reason: '县级表彰' }),
    );
    expectOk(await director.call('assessment.decideItem', { id, approve: true }));
    expectOk(await assessor.call('assessment.compute', { schemeId: quarterlyId, period: '2026-Q3' }));
    expectOk(await director.call('assessment.review', { runId: rev.id }));
    expectOk(await director.call('assessment.publish', { runId: rev.id }));

    const old = await view('2026-Q3', 'quarterly', 1);
    expect(old.run).toMatchObject({ state: 'published', superseded: true, revision: 1 });
    expect(old.ranking.find((r) => r.unitId === fx.a)!.manual).toBe(-2);
    const now = await view();
    expect(now.run).toMatchObject({ state: 'published', superseded: false, revision: 2 });
    expect(now.ranking.find((r) => r.unitId === fx.a)!.manual).toBe(1);
    const revisions = listOutbox(core.db, 0, 1000)
      .filter((c) => c.entity === 'assessment_result')
      .map((c) => JSON.parse(c.data!).revision as number);
    expect(new Set(revisions)).toEqual(new Set([1, 2]));
  });

  it('shows the change against the previous period', async () => {
    expectOk(await assessor.call('assessment.compute', { schemeId: quarterlyId, period: '2026-Q2' }));
    const q2 = await view('2026-Q2');
    const q3 = await view();
    expect(q3.previousPeriod).toBe('2026-Q2');
    const a2 = q2.ranking.find((r) => r.unitId === fx.a)!;
    const a3 = q3.ranking.find((r) => r.unitId === fx.a)!;
    expect(a3.previousScore).toBe(a2.score);
    expect(a3.previousRank).toBe(a2.rank);
    // In Q2 A had one on-time assignment (E5) and one order (O3).
    expect(values(a2)).toMatchObject({ sign_on_time: [1, 1], orders: [1, null], closed_on_time: [0, 0] });
  });

  it('keeps other roles out', async () => {
    const handler = await core.signIn('unit_handler');
    const viewer = await core.signIn('viewer');
    expect(errorCode(await handler.call('assessment.view', { schemeCode: 'quarterly', period: '2026-Q3' }))).toBe('FORBIDDEN');
    expect(errorCode(await viewer.call('assessment.schemes', {}))).toBe('FORBIDDEN');
  });
});
