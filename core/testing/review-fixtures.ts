/**
 * Test fixtures for after-action reviews: the events world plus a 特急 event
 * walked through report, dispatch, sign-for, feedback and close with time
 * passing between the steps, and reviews walked into any state through the
 * real contract. Not used by production code.
 */
import type { ReviewState } from '../../common/reviews';
import type { PrintPdf } from '../print/pdf';
import { expectOk } from './core';
import { startEventsWorld, type EventsWorld } from './event-fixtures';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export interface WalkedReview {
  id: string;
  /** An open supervision improvement action. */
  improvementId: string;
  /** An open improvement action of another kind (a rule change). */
  ruleImprovementId: string;
}

export interface ReviewWorld extends EventsWorld {
  /** A 特急 event reported, dispatched, signed for, fed back and closed, an hour or so between steps. */
  criticalEvent(title?: string): Promise<string>;
  reviewIn(state: ReviewState): Promise<WalkedReview>;
  /** Orders the supervision action and completes the rule change, so that the review may close. */
  settle(r: WalkedReview): Promise<void>;
}

export async function startReviewWorld(options: { printPdf?: PrintPdf } = {}): Promise<ReviewWorld> {
  const world = await startEventsWorld(options);
  const { director, operator, handler, core } = world;
  const criticalEvent = async (title = '清溪村变压器起火') => {
    const id = await world.newEvent({ title, priority: 'critical', register: true });
    core.clock.advance(10 * 60_000);
    await world.act(director, {
      action: 'dispatch',
      id,
      leadUnitId: world.leadUnitId,
      assistUnitIds: [world.assistUnitId],
      instructions: '立即赶赴现场处置',
    });
    core.clock.advance(20 * 60_000);
    await world.act(handler, { action: 'sign', id });
    core.clock.advance(5 * HOUR);
    await world.act(handler, { action: 'feedback', id, text: '明火已扑灭，线路已抢修', photos: [] });
    core.clock.advance(HOUR);
    await world.act(director, { action: 'verify', id, resolvedLevel: 'township' });
    return id;
  };
  // Closing needs every improvement action done or turned into an order.
  const settle = async (r: WalkedReview) => {
    expectOk(await director.call('reviews.orderImprovement', { improvementId: r.improvementId }));
    expectOk(await operator.call('reviews.completeImprovement', { improvementId: r.ruleImprovementId, note: '规则已修改' }));
  };
  return {
    ...world,
    criticalEvent,
    async reviewIn(state) {
      const eventId = await criticalEvent();
      const { id } = expectOk<'reviews.open'>(await director.call('reviews.open', { scope: 'event', eventId }));
      const add = async (kind: string, measure: string) =>
        expectOk<'reviews.addImprovement'>(
          await operator.call('reviews.addImprovement', {
            id,
            kind,
            measure,
            unitId: world.leadUnitId,
            dueAt: core.clock.now + 10 * DAY,
          }),
        ).improvementId;
      const walked: WalkedReview = {
        id,
        improvementId: await add('supervision', '执法队夜间值班到岗时间整改'),
        ruleImprovementId: await add('deadline_rule', '特急类签收时限由1小时缩短为30分钟'),
      };
      expectOk(await operator.call('reviews.writeFindings', { id, wentWell: '派遣及时', wentBadly: '签收后到场慢' }));
      if (state === 'open') return walked;
      expectOk(await director.call('reviews.conclude', { id, conclusion: '总体处置及时，到场环节需改进' }));
      if (state === 'concluded') return walked;
      await settle(walked);
      expectOk(await director.call('reviews.close', { id }));
      return walked;
    },
    settle,
  };
}
