/**
 * Test fixtures for supervision: the events world plus orders walked into any
 * state through the real contract. Not used by production code.
 */
import type { NewOrder } from '../../common/contract';
import type { OrderState } from '../../common/supervision';
import type { Connection } from '../app';
import { startEventsWorld, type EventsWorld } from './event-fixtures';
import { expectOk } from './core';

export const DAY = 86_400_000;

export interface SupervisionWorld extends EventsWorld {
  issue(who: Connection, overrides?: Partial<NewOrder>): Promise<{ id: string; serial: string }>;
  /** A fresh order to the lead unit (综合行政执法队) walked into `state`. */
  orderIn(state: OrderState): Promise<string>;
  answer(id: string, who?: Connection): Promise<void>;
}

export async function startSupervisionWorld(): Promise<SupervisionWorld> {
  const world = await startEventsWorld();
  const issue = async (who: Connection, overrides: Partial<NewOrder> = {}) =>
    expectOk<'supervision.issue'>(
      await who.call('supervision.issue', {
        strength: 'order',
        targetKind: 'unit',
        targetId: world.leadUnitId,
        unitIds: [world.leadUnitId],
        problem: '近期多件事件超期未办结',
        requirements: '请于期限内书面反馈整改情况',
        dueAt: world.core.clock.now + 3 * DAY,
        ...overrides,
      }),
    );
  const answer = async (id: string, who: Connection = world.handler) => {
    expectOk(await who.call('supervision.answer', { id, text: '已逐件梳理并完成整改', photos: [] }));
  };
  return {
    ...world,
    issue,
    answer,
    async orderIn(state) {
      const { id } = await issue(world.director);
      if (state === 'open') return id;
      await answer(id);
      if (state === 'answered') return id;
      if (state === 'accepted') expectOk(await world.director.call('supervision.decide', { id, decision: 'accept' }));
      else
        expectOk(
          await world.director.call('supervision.decide', {
            id,
            decision: 'reject',
            note: '整改不到位',
            dueAt: world.core.clock.now + 2 * DAY,
          }),
        );
      return id;
    },
  };
}
