import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RiskDetail } from '../../common/contract';
import { RISK_ACTIONS, RISK_STATES, RISK_TRANSITIONS, type RiskAction, type RiskState } from '../../common/risk';
import { listOutbox } from '../../db/queries/outbox';
import type { Connection } from '../app';
import { databaseDigest, errorCode, expectOk } from '../testing/core';
import { PNG_1PX } from '../testing/event-fixtures';
import { DAY, startRiskWorld, type RiskWorld, type WalkedRisk } from '../testing/risk-fixtures';
import { addMonthsChina } from './assessments';

let w: RiskWorld;
beforeAll(async () => {
  w = await startRiskWorld();
}, 60_000);
afterAll(() => w.core.stop());

const get = async (id: string, who: Connection = w.director) =>
  expectOk<'risk.get'>(await who.call('risk.get', { id })) as RiskDetail;

const NO_SUCH = '0193f1c2-0000-7000-8000-0000000000ff';

function moveInput(action: RiskAction, r: WalkedRisk): [string, Record<string, unknown>] {
  const id = r.id;
  switch (action) {
    case 'identify':
      return ['risk.identify', { id, risks: '补偿标准争议' }];
    case 'record_method':
      return [
        'risk.recordMethod',
        { id, method: 'hearing', heldOn: w.core.clock.now - DAY, participants: '群众代表 20 人', summary: '听证会意见基本一致' },
      ];
    case 'rate':
      return ['risk.rate', { id, level: 'low', reason: '风险可控' }];
    case 'decide':
      return ['risk.decide', { id, decision: 'implemented', reason: '风险可控，同意实施' }];
    case 'add_task':
      return ['risk.addTask', { id, measure: '设立矛盾调处点', unitId: w.leadUnitId, dueAt: w.core.clock.now + 5 * DAY }];
    case 'complete_task':
      return ['risk.completeTask', { taskId: r.taskId, note: '已完成' }];
    case 'review':
      return ['risk.review', { id, reviewId: r.reviewId ?? NO_SUCH, finding: '运行平稳，无信访' }];
    case 'terminate':
      return ['risk.review', { id, reviewId: r.reviewId ?? NO_SUCH, finding: '出现群体性矛盾', terminate: true }];
  }
}

describe('the risk-assessment lifecycle, table-driven over states × actions × roles', () => {
  const actors = ['operator', 'director', 'handler', 'assessor', 'viewer', 'admin'] as const;
  const roleOf = {
    operator: 'operator',
    director: 'director',
    handler: 'unit_handler',
    assessor: 'assessor',
    viewer: 'viewer',
    admin: 'admin',
  } as const;
  // A mitigation task exists from 风险评估 on; 风险识别 has none to complete.
  const cases = RISK_STATES.flatMap((state) =>
    RISK_ACTIONS.filter((action) => !(action === 'complete_task' && state === 'identifying')).flatMap((action) =>
      actors.map((who) => ({ state, action, who })),
    ),
  );

  it.each(cases)('$action on a $state assessment by $who', async ({ state, action, who }) => {
    const r = await w.riskIn(state as RiskState);
    const t = RISK_TRANSITIONS[action];
    const legal = t.from.includes(state) && t.roles.includes(roleOf[who]);
    const before = databaseDigest(w.core.db);
    const [method, input] = moveInput(action, r);
    const result = await w[who].call(method, input);
    if (legal) {
      expect(errorCode(result)).toBeNull();
      const expected = t.to ?? (action === 'decide' ? 'implemented' : state);
      expect((await get(r.id)).state).toBe(expected);
    } else {
      expect(['FORBIDDEN', 'ILLEGAL_TRANSITION']).toContain(errorCode(result));
      expect(databaseDigest(w.core.db)).toEqual(before);
    }
  });

  it('offers exactly the moves the core allows', async () => {
    const rated = await w.riskIn('rated');
    expect((await get(rated.id, w.operator)).allowedActions).toEqual(['add_task', 'complete_task']);
    expect((await get(rated.id)).allowedActions).toEqual(['decide', 'add_task', 'complete_task']);
    expect((await get(rated.id, w.assessor)).allowedActions).toEqual([]);
    const implemented = await w.riskIn('implemented');
    expect((await get(implemented.id)).allowedActions).toEqual(['add_task', 'complete_task', 'review', 'terminate']);
  });

  it('lets the assessors read but not the units or the wall', async () => {
    const r = await w.riskIn('assessing');
    expect(errorCode(await w.assessor.call('risk.get', { id: r.id }))).toBeNull();
    expect(errorCode(await w.handler.call('risk.get', { id: r.id }))).toBe('FORBIDDEN');
    expect(errorCode(await w.viewer.call('risk.list', {}))).toBe('FORBIDDEN');
  });
});

describe('one assessment from registration to 中止实施', () => {
  it('walks the steps, keeps the files, schedules the reviews, and sends nothing to the county', async () => {
    const seqBefore = listOutbox(w.core.db, 0, 100_000).at(-1)?.seq ?? 0;
    const { id, serial } = await w.create();
    expect(serial).toMatch(/^稳评〔2026〕\d+号$/);
    // Rating before any method is recorded is refused and changes nothing.
    expectOk(await w.operator.call('risk.identify', { id, risks: '补偿标准争议；施工扰民' }));
    let before = databaseDigest(w.core.db);
    expect(errorCode(await w.operator.call('risk.rate', { id, level: 'high', reason: '尚未评估' }))).toBe('ILLEGAL_TRANSITION');
    expect(databaseDigest(w.core.db)).toEqual(before);

    const hearing = expectOk<'risk.recordMethod'>(
      await w.operator.call('risk.recordMethod', {
        id,
        method: 'hearing',
        heldOn: w.core.clock.now - 2 * DAY,
        participants: '村民代表 30 人、律师 1 人',
        summary: '听证会上多数代表同意，3 户对补偿有异议',
        photos: [{ name: '听证会.png', mime: 'image/png', dataBase64: PNG_1PX }],
      }),
    );
    // A method record cannot be dated in the future.
    before = databaseDigest(w.core.db);
    expect(
      errorCode(
        await w.operator.call('risk.recordMethod', {
          id,
          method: 'survey',
          heldOn: w.core.clock.now + DAY,
          participants: '全体村民',
          summary: '问卷调查结果',
        }),
      ),
    ).toBe('BAD_INPUT');
    expect(databaseDigest(w.core.db)).toEqual(before);

    expectOk(await w.operator.call('risk.rate', { id, level: 'medium', reason: '少数户有异议，可化解' }));
    const decidedAt = w.core.clock.now;
    expectOk(
      await w.director.call('risk.decide', { id, decision: 'implemented', reason: '风险可控，同意实施', reviewMonths: [6, 3] }),
    );
    const detail = await get(id);
    expect(detail.state).toBe('implemented');
    expect(detail.decidedByName).toBeTruthy();
    expect(detail.methods).toHaveLength(1);
    expect(detail.methods[0]!.id).toBe(hearing.methodId);
    expect(detail.methods[0]!.attachments).toHaveLength(1);
    const file = expectOk<'risk.attachment'>(
      await w.assessor.call('risk.attachment', { id: detail.methods[0]!.attachments[0]!.id }),
    );
    expect(file.dataBase64).toBe(PNG_1PX);
    expect(detail.reviews.map((v) => v.dueAt)).toEqual([addMonthsChina(decidedAt, 3), addMonthsChina(decidedAt, 6)]);
    expect(detail.nextReviewAt).toBe(addMonthsChina(decidedAt, 3));
    expect(detail.timeline.map((e) => e.kind)).toEqual(['create', 'identify', 'record_method', 'rate', 'decide']);

    // A task overdue warns red; completing it clears the warning.
    const { taskId } = expectOk<'risk.addTask'>(
      await w.operator.call('risk.addTask', {
        id,
        measure: '逐户做好解释工作',
        unitId: w.assistUnitId,
        dueAt: w.core.clock.now + 4 * DAY,
      }),
    );
    w.core.clock.advance(3.5 * DAY);
    expect((await get(id)).tasks[0]!.warning).toBe('yellow');
    w.core.clock.advance(DAY);
    expect((await get(id)).tasks[0]!.warning).toBe('red');
    expect((await get(id)).overdueTasks).toBe(1);
    expectOk(await w.operator.call('risk.completeTask', { taskId, note: '已逐户走访解释' }));
    expect((await get(id)).tasks[0]!.warning).toBe('none');

    // The first 回头看 finds trouble; only the director stops the decision.
    const [first, second] = (await get(id)).reviews;
    before = databaseDigest(w.core.db);
    expect(
      errorCode(await w.operator.call('risk.review', { id, reviewId: first!.id, finding: '出现集体上访', terminate: true })),
    ).toBe('FORBIDDEN');
    expect(databaseDigest(w.core.db)).toEqual(before);
    expectOk(
      await w.director.call('risk.review', { id, reviewId: first!.id, finding: '出现集体上访，决定中止', terminate: true }),
    );
    const stopped = await get(id);
    expect(stopped.state).toBe('terminated');
    expect(stopped.reviews.map((v) => v.id)).toEqual([first!.id]);
    expect(stopped.reviews[0]!.outcome).toBe('terminate');
    expect(second).toBeDefined();

    // Local records: the county hears nothing of them.
    const after = listOutbox(w.core.db, seqBefore, 100_000);
    expect(after).toEqual([]);
    expect(w.core.pushes.some((p) => p.topic === 'risk.changed')).toBe(true);
  });

  it.each([
    ['an unknown unit', { proposingUnitId: NO_SUCH }, 'NOT_FOUND'],
    ['an unknown kind', { kind: 'mining' }, 'BAD_INPUT'],
    ['a blank title', { title: '   ' }, 'BAD_INPUT'],
    ['negative people', { peopleAffected: -1 }, 'BAD_INPUT'],
    ['an unknown field', { extra: 1 }, 'BAD_INPUT'],
  ])('refuses a registration with %s and writes nothing', async (_what, change, code) => {
    const before = databaseDigest(w.core.db);
    const result = await w.operator.call('risk.create', {
      title: '某政策调整',
      proposingUnitId: w.leadUnitId,
      kind: 'policy',
      scope: '全镇',
      peopleAffected: 10,
      ...change,
    });
    expect(errorCode(result)).toBe(code);
    expect(databaseDigest(w.core.db)).toEqual(before);
  });
});
