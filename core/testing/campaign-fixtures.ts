/**
 * Test fixtures for campaigns: the events world plus campaigns walked into any
 * state through the real contract. 综合行政执法队 (the handler's unit) takes
 * part; 派出所 (the assisting handler's) does not. Not used by production code.
 */
import type { NewCampaign } from '../../common/contract';
import type { CampaignState } from '../../common/campaigns';
import type { PrintPdf } from '../print/pdf';
import { expectOk } from './core';
import { startEventsWorld, type EventsWorld } from './event-fixtures';

export const DAY = 86_400_000;

export interface WalkedCampaign {
  id: string;
  taskId: string;
  targetIds: string[];
}

export interface CampaignWorld extends EventsWorld {
  create(overrides?: Partial<NewCampaign>): Promise<string>;
  campaignIn(state: CampaignState): Promise<WalkedCampaign>;
}

export async function startCampaignWorld(options: { printPdf?: PrintPdf } = {}): Promise<CampaignWorld> {
  const world = await startEventsWorld(options);
  const create = async (overrides: Partial<NewCampaign> = {}) =>
    expectOk<'campaigns.create'>(
      await world.operator.call('campaigns.create', {
        name: '安全生产专项整治',
        startsAt: world.core.clock.now - 10 * DAY,
        endsAt: world.core.clock.now + 20 * DAY,
        leadUnitId: world.leadUnitId,
        unitIds: [],
        targets: [
          { label: '排查隐患', unit: '处', goal: 500 },
          { label: '整改率', unit: '%', goal: 95 },
        ],
        ...overrides,
      }),
    ).id;
  return {
    ...world,
    create,
    async campaignIn(state) {
      const id = await create();
      const { taskId } = expectOk<'campaigns.addTask'>(
        await world.operator.call('campaigns.addTask', {
          id,
          unitId: world.leadUnitId,
          title: '完成辖区企业隐患排查',
          dueAt: world.core.clock.now + 5 * DAY,
        }),
      );
      const detail = expectOk<'campaigns.get'>(await world.director.call('campaigns.get', { id }));
      const walked = { id, taskId, targetIds: detail.targets.map((t) => t.id) };
      if (state === 'planned') return walked;
      expectOk(await world.director.call('campaigns.start', { id }));
      if (state === 'closed') expectOk(await world.director.call('campaigns.close', { id }));
      return walked;
    },
  };
}
