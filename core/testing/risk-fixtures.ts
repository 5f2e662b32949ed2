/**
 * Test fixtures for risk assessments: the events world plus assessments walked
 * into any state through the real contract. Not used by production code.
 */
import type { NewRisk } from '../../common/contract';
import type { RiskState } from '../../common/risk';
import type { Connection } from '../app';
import type { PrintPdf } from '../print/pdf';
import { expectOk } from './core';
import { startEventsWorld, type EventsWorld } from './event-fixtures';

export const DAY = 86_400_000;

export interface WalkedRisk {
  id: string;
  /** An open mitigation task, from 风险评估 on. */
  taskId: string | null;
  /** A 回头看 review: pending when implemented, recorded when terminated. */
  reviewId: string | null;
}

export interface RiskWorld extends EventsWorld {
  create(who?: Connection, overrides?: Partial<NewRisk>): Promise<{ id: string; serial: string }>;
  riskIn(state: RiskState): Promise<WalkedRisk>;
}

export async function startRiskWorld(options: { printPdf?: PrintPdf } = {}): Promise<RiskWorld> {
  const world = await startEventsWorld(options);
  const { director, operator } = world;
  const create = async (who: Connection = operator, overrides: Partial<NewRisk> = {}) =>
    expectOk<'risk.create'>(
      await who.call('risk.create', {
        title: '清溪村旧村改造征地拆迁项目',
        proposingUnitId: world.leadUnitId,
        kind: 'land',
        scope: '清溪村一组、二组，涉及宅基地 42 宗',
        peopleAffected: 168,
        ...overrides,
      }),
    );
  return {
    ...world,
    create,
    async riskIn(state) {
      const { id } = await create();
      const walked: WalkedRisk = { id, taskId: null, reviewId: null };
      if (state === 'identifying') return walked;
      expectOk(await operator.call('risk.identify', { id, risks: '补偿标准争议；群体性上访风险' }));
      expectOk(
        await operator.call('risk.recordMethod', {
          id,
          method: 'forum',
          heldOn: world.core.clock.now - DAY,
          participants: '村两委、村民代表 12 人',
          summary: '多数代表支持，个别户对补偿标准有异议',
        }),
      );
      walked.taskId = expectOk<'risk.addTask'>(
        await operator.call('risk.addTask', {
          id,
          measure: '逐户上门解释补偿政策',
          unitId: world.assistUnitId,
          dueAt: world.core.clock.now + 10 * DAY,
        }),
      ).taskId;
      if (state === 'assessing') return walked;
      expectOk(await operator.call('risk.rate', { id, level: 'medium', reason: '涉及人数较多，但多数支持' }));
      if (state === 'rated') return walked;
      const decision = state === 'terminated' ? 'implemented' : state;
      expectOk(await director.call('risk.decide', { id, decision, reason: '综合评估后作出决定' }));
      if (state !== 'implemented' && state !== 'terminated') return walked;
      const detail = expectOk<'risk.get'>(await director.call('risk.get', { id }));
      walked.reviewId = detail.reviews[0]!.id;
      if (state === 'terminated')
        expectOk(
          await director.call('risk.review', { id, reviewId: walked.reviewId, finding: '实施中出现群体性矛盾', terminate: true }),
        );
      return walked;
    },
  };
}
