/**
 * The definitions of issue 20 on a real database, driven through the real
 * event lifecycle (so the assignment history is kept by the triggers of
 * 0011-assignment-history.sql, as in production): a month computed, facts
 * added after it, computed again — nothing moves; and each new rule checked
 * against numbers worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodBounds } from '../../common/assessment';
import type { EventActionInput, RankingRow, RunView } from '../../common/contract';
import { setSetting } from '../../db/queries/settings';
import { assignmentsOfEvent, auditCountByAction, latestHandleDue, returnedDispatchAt } from '../../db/testing-assessment';
import type { Connection } from '../app';
import { errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';
import { addCrossingOrders, buildFixture } from '../testing/assessment-fixtures';
import { startEventsWorld, type EventsWorld } from '../testing/event-fixtures';
import { baseScore } from './scoring';

const MINUTE = 60_000;
const DAY = 86_400_000;
const DEC = periodBounds('2026-12');
/** Day `d` of December 2026 (1-based), hour `h` China time. */
const dec = (d: number, h = 9) => DEC.start + (d - 1) * DAY + h * 3_600_000;

const values = (row: RankingRow) => Object.fromEntries(row.values.map((v) => [v.indicator, [v.numerator, v.denominator]]));

describe('a month that later facts cannot change, and the fair definitions (issue 20)', () => {
  let w: EventsWorld;
  let monthlyId: string;
  let first: RunView;
  const ids: Record<string, string> = {};

  const tick = () => w.core.clock.advance(10 * MINUTE);
  const act = async (who: Connection, input: EventActionInput) => {
    tick();
    await w.act(who, input);
  };
  const dispatch = (id: string, unit: 'A' | 'B', dueDay: number, assist = false) =>
    act(w.director, {
      action: 'dispatch',
      id,
      leadUnitId: unit === 'A' ? w.leadUnitId : w.assistUnitId,
      assistUnitIds: assist ? [w.assistUnitId] : [],
      instructions: '请尽快处置',
      handleDueAt: dec(dueDay, 18),
    });
  const event = async (key: string) => {
    tick();
    ids[key] = await w.newEvent({ register: true, requestType: 'complaint' });
    return ids[key]!;
  };
  const ret = (who: Connection, id: string) =>
    act(who, { action: 'return', id, reasonCode: 'not_our_function', reason: '不属于本单位职能' });
  const feedback = (who: Connection, id: string) => act(who, { action: 'feedback', id, text: '已处理完毕', photos: [] });
  const verify = (id: string) => act(w.director, { action: 'verify', id, resolvedLevel: 'township' });
  const view = async (): Promise<RunView> =>
    expectOk<'assessment.view'>(await w.assessor.call('assessment.view', { schemeCode: 'monthly', period: '2026-12' }))!;
  const compute = async () => {
    expectOk(await w.assessor.call('assessment.compute', { schemeId: monthlyId, period: '2026-12' }));
    return view();
  };
  const row = (v: RunView, unitId: string) => v.ranking.find((r) => r.unitId === unitId)!;

  beforeAll(async () => {
    w = await startEventsWorld();
    const { schemes } = expectOk<'assessment.schemes'>(await w.assessor.call('assessment.schemes', {}));
    monthlyId = schemes.find((s) => s.code === 'monthly')!.id;
    const { handler: A, assistHandler: B } = w;
    w.core.clock.now = dec(1);

    // S1: A leads, B assists; both sign, both report back, verified; the call-back is dissatisfied.
    const s1 = await event('S1');
    await dispatch(s1, 'A', 10, true);
    await act(A, { action: 'sign', id: s1 });
    await act(B, { action: 'sign', id: s1 });
    await feedback(B, s1);
    await feedback(A, s1);
    await verify(s1);
    await act(w.director, { action: 'callback', id: s1, satisfaction: 'dissatisfied' });
    // S2: A never signs in December.
    await dispatch(await event('S2'), 'A', 20);
    // S3: A signs and reports back in time; still awaiting verification when December ends.
    const s3 = await event('S3');
    await dispatch(s3, 'A', 15);
    await act(A, { action: 'sign', id: s3 });
    await feedback(A, s3);
    // S4: A returns it; the room has not acted on the return by the end of December.
    const s4 = await event('S4');
    await dispatch(s4, 'A', 18);
    await ret(A, s4);
    // R1: A returns, the room accepts and redispatches to B, who signs.
    const r1 = await event('R1');
    await dispatch(r1, 'A', 20);
    await ret(A, r1);
    await dispatch(r1, 'B', 20);
    await act(B, { action: 'sign', id: r1 });
    // R2: A returns, the director overrules it in arbitration; A then does the work.
    const r2 = await event('R2');
    await dispatch(r2, 'A', 20);
    await ret(A, r2);
    await act(w.director, { action: 'arbitrate', id: r2, decision: 'overrule', note: '属于本单位职能，请办理' });
    await act(A, { action: 'sign', id: r2 });
    await feedback(A, r2);
    await verify(r2);
    // R3: A returns, the room redispatches to B (who never signs); the director marks the return unjustified.
    const r3 = await event('R3');
    await dispatch(r3, 'A', 20);
    await ret(A, r3);
    await dispatch(r3, 'B', 20);
    // C1: A closes it, the call-back is dissatisfied, reopened; A returns the reopened event, B closes it, satisfied.
    const c1 = await event('C1');
    await dispatch(c1, 'A', 8);
    await act(A, { action: 'sign', id: c1 });
    await feedback(A, c1);
    await verify(c1);
    await act(w.director, { action: 'callback', id: c1, satisfaction: 'dissatisfied' });
    await act(w.director, { action: 'reopen', id: c1, reason: '群众不满意，重新办理' });
    await ret(A, c1);
    await dispatch(c1, 'B', 25);
    await act(B, { action: 'sign', id: c1 });
    await feedback(B, c1);
    await verify(c1);
    await act(w.director, { action: 'callback', id: c1, satisfaction: 'satisfied' });
    // D1: A leads, due only in January.
    const d1 = await event('D1');
    await dispatch(d1, 'A', 31 + 15);
    await act(A, { action: 'sign', id: d1 });

    const r3Dispatch = returnedDispatchAt(w.core.db, r3, w.leadUnitId);
    tick();
    expectOk(
      await w.director.call('assessment.judgeReturn', {
        eventId: r3,
        unitId: w.leadUnitId,
        dispatchedAt: r3Dispatch,
        unjustified: true,
        note: '明显属于本单位职能',
      }),
    );

    w.core.clock.now = DEC.end + DAY;
    first = await compute();
  });
  afterAll(() => w.core.stop());

  it('keeps every dispatch as its own assignment, with the history the lifecycle overwrites', () => {
    const rows = assignmentsOfEvent(w.core.db, ids.R2!);
    // event_units holds one row for A on R2; the history holds the returned dispatch and the overruled one.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ unitId: w.leadUnitId, state: 'withdrawn', verdict: 'unjustified' });
    expect(rows[0]!.returnedAt).not.toBeNull();
    expect(rows[1]).toMatchObject({ unitId: w.leadUnitId, state: 'fed_back', returnedAt: null, verdict: null });
    // R2's second dispatch got its deadline from the rules: December, as the hand counts below assume.
    const due = latestHandleDue(w.core.db, ids.R2!);
    expect(due).toBeLessThan(DEC.end);
  });

  it('counts each rule by hand', () => {
    const a = row(first, w.leadUnitId);
    const b = row(first, w.assistUnitId);
    expect(values(a)).toMatchObject({
      // Sign-for due in December, returned ones left out: S1 S3 R2' C1 D1 on time, S2 never.
      sign_on_time: [5, 6],
      // 应办结 (due in December): S1 S2 S3 R2' C1 (closed before the reopen took it back); D1 is due in January.
      // On time: S1, S3 (reported in time, verification pending is the room's), R2'; C1 was reworked by the reopen.
      closed_on_time: [3, 5],
      // Closed before the end: S1, R2', C1. S2 open, S3 awaiting verification.
      closure: [3, 5],
      // Kept assignments dispatched in December: S1 S2 S3 R2' C1 D1; C1 reopened in December.
      rework: [1, 6],
      // Every lead dispatch: S1 S2 S3 S4 R1 R2 R2' R3 C1 C1' D1 = 11; unjustified: R2 (overruled), R3 (marked).
      // R1 and C1' were accepted and redispatched, S4 is not judged: they do not count.
      return: [2, 11],
      extension: [0, 6],
      // S1 and C1's first call-back, both while A led (dissatisfied); C1's second went to B.
      satisfaction: [0, 2],
    });
    expect(values(b)).toMatchObject({
      // S1 (assisting, signed), R1 and C1' signed; R3 never signed.
      sign_on_time: [3, 4],
      // Due in December as lead: R1, R3, C1'; only C1' closed.
      closure: [1, 3],
      satisfaction: [1, 1],
      return: [0, 3],
    });
  });

  it('leaves a rate with fewer cases than the minimum sample out of the weight, shown as 样本不足', () => {
    const a = row(first, w.leadUnitId);
    const b = row(first, w.assistUnitId);
    expect(first.minSample).toBe(5);
    const sat = a.values.find((v) => v.indicator === 'satisfaction')!;
    expect(sat).toMatchObject({ numerator: 0, denominator: 2, value: 0, points: null, sampleShort: true });
    const sign = a.values.find((v) => v.indicator === 'sign_on_time')!;
    expect(sign.sampleShort).toBe(false);
    expect(sign.points).not.toBeNull();
    // A's base over the indicators with points only: satisfaction's 15 points of weight are out.
    expect(a.base).toBeCloseTo(baseScore(a.values.map((v) => ({ points: v.points, weight: v.weight }))), 2);
    const weighed = a.values.filter((v) => v.points !== null).reduce((sum, v) => sum + v.weight, 0);
    expect(weighed).toBe(100 - 15);
    // Every rate of B has fewer than 5 cases: only the counts (no orders, no findings: full marks) weigh.
    expect(b.values.filter((v) => v.denominator !== null && v.denominator > 0).every((v) => v.sampleShort)).toBe(true);
    expect(b.base).toBe(100);
  });

  it('computes the same numbers after later facts: a late sign-for, a rework, a reopen, a redispatch', async () => {
    const { handler: A } = w;
    w.core.clock.now = DEC.end + 2 * DAY;
    await act(A, { action: 'sign', id: ids.S2! });
    await act(w.director, { action: 'rework', id: ids.S3!, reason: '现场复核仍有垃圾' });
    await act(w.director, { action: 'reopen', id: ids.S1!, reason: '群众再次反映' });
    await act(w.director, {
      action: 'dispatch',
      id: ids.S4!,
      leadUnitId: w.assistUnitId,
      assistUnitIds: [],
      instructions: '请派出所处置',
    });
    const again = await compute();
    expect(again.run.computedAt).toBeGreaterThan(first.run.computedAt!);
    const strip = (v: RunView) =>
      v.ranking.map((r) => ({ unitId: r.unitId, base: r.base, score: r.score, rank: r.rank, values: r.values }));
    expect(strip(again)).toEqual(strip(first));
    expect(again.received).toBe(first.received);
  });

  it('lets only the director judge a return, and only a real one', async () => {
    const input = { eventId: ids.S1!, unitId: w.leadUnitId, dispatchedAt: dec(1), unjustified: true };
    expect(errorCode(await w.assessor.call('assessment.judgeReturn', input))).toBe('FORBIDDEN');
    expect(errorCode(await w.director.call('assessment.judgeReturn', input))).toBe('NOT_FOUND');
    const audited = auditCountByAction(w.core.db, 'judge_return');
    expect(audited).toBe(1);
  });

  it('a revision shows which numbers a corrected fact changed', async () => {
    expect(first.changes).toEqual([]);
    expectOk(await w.assessor.call('assessment.review', { runId: first.run.id }));
    expectOk(await w.director.call('assessment.publish', { runId: first.run.id }));
    const rev = expectOk<'assessment.revise'>(
      await w.assessor.call('assessment.revise', { runId: first.run.id, reason: '复核退单：R1 属于执法队职能' }),
    );
    // The correction: R1's return, accepted at the time, is judged unjustified afterwards.
    const r1Dispatch = returnedDispatchAt(w.core.db, ids.R1!, w.leadUnitId);
    expectOk(
      await w.director.call('assessment.judgeReturn', {
        eventId: ids.R1!,
        unitId: w.leadUnitId,
        dispatchedAt: r1Dispatch,
        unjustified: true,
      }),
    );
    const revised = await compute();
    expect(revised.run.id).toBe(rev.id);
    expect(revised.changes).toEqual([
      {
        unitId: w.leadUnitId,
        unitName: '综合行政执法队',
        indicator: 'return',
        before: { numerator: 2, denominator: 11 },
        after: { numerator: 3, denominator: 11 },
      },
    ]);
  });

  it('offers each role the actions it may take on the run, decided by the core', async () => {
    expect(first.allowedActions).toEqual(['compute', 'review', 'addItem']);
    // Revision 2 (computed) is the newest; revision 1 is published and locked.
    const asDirector = expectOk<'assessment.view'>(
      await w.director.call('assessment.view', { schemeCode: 'monthly', period: '2026-12' }),
    )!;
    expect(asDirector.allowedActions).toEqual(['review', 'decideItem', 'judgeReturn']);
    const published = expectOk<'assessment.view'>(
      await w.director.call('assessment.view', { schemeCode: 'monthly', period: '2026-12', revision: 1 }),
    )!;
    expect(published.allowedActions).toEqual(['judgeReturn']);
    const { allowedActions } = expectOk<'assessment.schemes'>(await w.assessor.call('assessment.schemes', {}));
    expect(allowedActions).toEqual(['compute']);
  });
});

describe('an order crossing quarters counts in the quarter it was due', () => {
  let core: TestCore;
  let assessor: Connection;
  beforeAll(async () => {
    core = startTestCore();
    const fx = buildFixture(core.db);
    addCrossingOrders(fx);
    setSetting(core.db, 'assessment.minSample', '1');
    assessor = await core.signIn('assessor');
    const { schemes } = expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {}));
    const quarterlyId = schemes.find((s) => s.code === 'quarterly')!.id;
    for (const period of ['2026-Q2', '2026-Q3', '2026-Q4'])
      expectOk(await assessor.call('assessment.compute', { schemeId: quarterlyId, period }));
    Object.assign(ctx, { a: fx.a });
  });
  afterAll(() => core.stop());
  const ctx = { a: '' };

  it.each([
    // Q2: O3 due in Q2 (never answered) is late; O5 was issued in Q2 but is due in Q3.
    ['2026-Q2', 1, 2],
    // Q3: O2 answered late and O5 (issued in Q2) answered late; O1 answered in time. Issued: O1 O2 O4 O6.
    ['2026-Q3', 2, 4],
    // Q4: O4 and O6 (issued in Q3) were due in Q4 and never answered.
    ['2026-Q4', 2, 0],
  ])('%s: %i late, %i issued', async (period, late, issued) => {
    const v = expectOk<'assessment.view'>(await assessor.call('assessment.view', { schemeCode: 'quarterly', period }))!;
    const a = values(v.ranking.find((r) => r.unitId === ctx.a)!);
    expect(a.orders_late).toEqual([late, null]);
    expect(a.orders).toEqual([issued, null]);
  });
});
