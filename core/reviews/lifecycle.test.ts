import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewDetail } from '../../common/contract';
import { REVIEW_ACTIONS, REVIEW_STATES, REVIEW_TRANSITIONS, type ReviewAction } from '../../common/reviews';
import { listOutbox } from '../../db/queries/outbox';
import type { Connection } from '../app';
import { databaseDigest, errorCode, expectOk } from '../testing/core';
import { DAY, startReviewWorld, type ReviewWorld, type WalkedReview } from '../testing/review-fixtures';

let w: ReviewWorld;
beforeAll(async () => {
  w = await startReviewWorld();
}, 60_000);
afterAll(() => w.core.stop());

const get = async (id: string, who: Connection = w.director) =>
  expectOk<'reviews.get'>(await who.call('reviews.get', { id })) as ReviewDetail;

function moveInput(action: ReviewAction, r: WalkedReview): [string, Record<string, unknown>] {
  const id = r.id;
  switch (action) {
    case 'write_findings':
      return ['reviews.writeFindings', { id, wentWell: '信息报送及时', wentBadly: '协助单位到场晚' }];
    case 'add_improvement':
      return [
        'reviews.addImprovement',
        {
          id,
          kind: 'routing_rule',
          measure: '电力类事件同时派供电所',
          unitId: w.assistUnitId,
          dueAt: w.core.clock.now + 5 * DAY,
        },
      ];
    case 'order_improvement':
      return ['reviews.orderImprovement', { improvementId: r.improvementId }];
    case 'complete_improvement':
      return ['reviews.completeImprovement', { improvementId: r.ruleImprovementId, note: '规则已调整' }];
    case 'conclude':
      return ['reviews.conclude', { id, conclusion: '处置基本及时，协同环节需加强' }];
    case 'close':
      return ['reviews.close', { id }];
  }
}

describe('the review lifecycle, table-driven over states × actions × roles', () => {
  const actors = ['operator', 'director', 'handler', 'assessor', 'viewer', 'admin'] as const;
  const roleOf = {
    operator: 'operator',
    director: 'director',
    handler: 'unit_handler',
    assessor: 'assessor',
    viewer: 'viewer',
    admin: 'admin',
  } as const;
  const cases = REVIEW_STATES.flatMap((state) =>
    REVIEW_ACTIONS.flatMap((action) => actors.map((who) => ({ state, action, who }))),
  );

  it.each(cases)('$action on a $state review by $who', async ({ state, action, who }) => {
    const r = await w.reviewIn(state);
    const t = REVIEW_TRANSITIONS[action];
    const legal = t.from.includes(state) && t.roles.includes(roleOf[who]);
    // A review closes only once its actions are settled; settle them where the table lets anyone.
    if (action === 'close' && state === 'concluded') await w.settle(r);
    // The walk moves the clock on; a first call touches the caller's session, before the digest.
    expectOk(await w[who].call('auth.me', {}));
    const before = databaseDigest(w.core.db);
    const [method, input] = moveInput(action, r);
    const result = await w[who].call(method, input);
    if (legal) {
      expect(errorCode(result)).toBeNull();
      expect((await get(r.id)).state).toBe(t.to ?? state);
    } else {
      expect(['FORBIDDEN', 'ILLEGAL_TRANSITION']).toContain(errorCode(result));
      expect(databaseDigest(w.core.db)).toEqual(before);
    }
  });

  it('offers exactly the moves the core allows', async () => {
    const open = await w.reviewIn('open');
    expect((await get(open.id, w.operator)).allowedActions).toEqual([
      'write_findings',
      'add_improvement',
      'complete_improvement',
    ]);
    expect((await get(open.id)).allowedActions).toEqual([...REVIEW_ACTIONS.filter((a) => a !== 'close')]);
    expect((await get(open.id, w.assessor)).allowedActions).toEqual([]);
    const closed = await w.reviewIn('closed');
    expect((await get(closed.id)).allowedActions).toEqual([]);
  });

  it('lets the assessors read but not the units or the wall, and only the director opens', async () => {
    const r = await w.reviewIn('open');
    expect(errorCode(await w.assessor.call('reviews.get', { id: r.id }))).toBeNull();
    expect(errorCode(await w.handler.call('reviews.get', { id: r.id }))).toBe('FORBIDDEN');
    expect(errorCode(await w.viewer.call('reviews.list', {}))).toBe('FORBIDDEN');
    const eventId = await w.criticalEvent();
    expectOk(await w.operator.call('auth.me', {}));
    const before = databaseDigest(w.core.db);
    expect(errorCode(await w.operator.call('reviews.open', { scope: 'event', eventId }))).toBe('FORBIDDEN');
    expect(databaseDigest(w.core.db)).toEqual(before);
  });
});

describe('the preconditions of a move refuse and change nothing', () => {
  it('concludes only with findings, closes only with every action settled, orders only a supervision action once', async () => {
    const eventId = await w.criticalEvent();
    const { id } = expectOk<'reviews.open'>(await w.director.call('reviews.open', { scope: 'event', eventId }));
    let before = databaseDigest(w.core.db);
    expect(errorCode(await w.director.call('reviews.conclude', { id, conclusion: '尚无结论依据' }))).toBe('ILLEGAL_TRANSITION');
    expect(databaseDigest(w.core.db)).toEqual(before);

    const { improvementId: rule } = expectOk<'reviews.addImprovement'>(
      await w.operator.call('reviews.addImprovement', {
        id,
        kind: 'deadline_rule',
        measure: '调整特急类签收时限',
        unitId: w.leadUnitId,
        dueAt: w.core.clock.now + 3 * DAY,
      }),
    );
    before = databaseDigest(w.core.db);
    expect(errorCode(await w.director.call('reviews.orderImprovement', { improvementId: rule }))).toBe('BAD_INPUT');
    expect(databaseDigest(w.core.db)).toEqual(before);

    expectOk(await w.operator.call('reviews.writeFindings', { id, wentWell: '出警快', wentBadly: '反馈慢' }));
    expectOk(await w.director.call('reviews.conclude', { id, conclusion: '反馈环节需提速' }));
    before = databaseDigest(w.core.db);
    expect(errorCode(await w.director.call('reviews.close', { id }))).toBe('ILLEGAL_TRANSITION');
    expect(databaseDigest(w.core.db)).toEqual(before);
    expectOk(await w.operator.call('reviews.completeImprovement', { improvementId: rule, note: '已调整' }));
    before = databaseDigest(w.core.db);
    expect(errorCode(await w.operator.call('reviews.completeImprovement', { improvementId: rule, note: '再次' }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(databaseDigest(w.core.db)).toEqual(before);
    expectOk(await w.director.call('reviews.close', { id }));
  });

  it.each([
    ['an ordinary event', async () => ({ scope: 'event', eventId: await w.newEvent() }), 'BAD_INPUT'],
    ['an unknown event', async () => ({ scope: 'event', eventId: '0193f1c2-0000-7000-8000-0000000000ff' }), 'NOT_FOUND'],
    [
      'a window wider than 7 days',
      async () => ({ scope: 'set', title: '台风期间复盘', categoryId: w.categoryId, from: 0, to: 8 * DAY }),
      'BAD_INPUT',
    ],
    [
      'a window with no events',
      async () => ({ scope: 'set', title: '台风期间复盘', categoryId: w.categoryId, from: DAY, to: 2 * DAY }),
      'BAD_INPUT',
    ],
    ['an unknown field', async () => ({ scope: 'event', eventId: await w.criticalEvent(), extra: 1 }), 'BAD_INPUT'],
  ])('refuses to open a review of %s and writes nothing', async (_what, input, code) => {
    const value = await input();
    const before = databaseDigest(w.core.db);
    expect(errorCode(await w.director.call('reviews.open', value))).toBe(code);
    expect(databaseDigest(w.core.db)).toEqual(before);
  });

  it('opens a review of an escalated event and of a category’s events in a window, and sends nothing to the county', async () => {
    const escalated = await w.eventIn('escalated');
    w.core.clock.advance(60_000);
    const from = w.core.clock.now;
    const a = await w.newEvent({ title: '暴雨积水一' });
    w.core.clock.advance(3_600_000);
    const b = await w.newEvent({ title: '暴雨积水二' });
    w.core.clock.advance(3_600_000);
    const seq = listOutbox(w.core.db, 0, 100_000).at(-1)?.seq ?? 0;
    const one = expectOk<'reviews.open'>(await w.director.call('reviews.open', { scope: 'event', eventId: escalated }));
    expect((await get(one.id)).steps.map((s) => s.kind)).toEqual(['report', 'escalate']);
    const set = expectOk<'reviews.open'>(
      await w.director.call('reviews.open', {
        scope: 'set',
        title: '暴雨48小时垃圾积水类事件复盘',
        categoryId: w.categoryId,
        from,
        to: w.core.clock.now,
      }),
    );
    const detail = await get(set.id);
    expect(detail.coveredEvents.map((e) => e.id)).toEqual([a, b]);
    expect(detail.categoryName).toBeTruthy();
    const candidates = expectOk<'reviews.candidates'>(await w.director.call('reviews.candidates', {}));
    const c = candidates.find((x) => x.id === escalated)!;
    expect(c.escalated).toBe(true);
    expect(c.reviewedIn).toEqual([one.serial]);
    expect(candidates.some((x) => x.id === a)).toBe(false);
    // Local records: opening reviews queues nothing for the county.
    expect(listOutbox(w.core.db, seq, 100_000)).toEqual([]);
  });
});
