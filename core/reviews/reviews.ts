import type { ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { MAX_REVIEW_EVENTS, REVIEW_STATE_WORDS, REVIEW_TRANSITIONS, reviewSerial, type ReviewAction } from '../../common/reviews';
import { getEvent } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import { getCategory } from '../../db/queries/reference';
import {
  completeImprovement as storeCompletion,
  eventsOfCategoryBetween,
  getImprovement,
  getReview,
  insertImprovement,
  insertReview,
  insertReviewEvent,
  listImprovements,
  listReviewEventIds,
  nextReviewNumber,
  setImprovementOrder,
  updateReview,
  wasEscalated,
  type ImprovementRecord,
  type ReviewRecord,
} from '../../db/queries/reviews';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { chinaYear, issue } from '../supervision/orders';
import { recordReviewChange } from './case-file';

export function requireReview(ctx: ServiceContext, id: string): ReviewRecord {
  const r = getReview(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND', 'That review does not exist. Reload the list of reviews.');
  return r;
}

function requireImprovement(ctx: ServiceContext, id: string): ImprovementRecord {
  const i = getImprovement(ctx.db, id);
  if (!i) throw new AppError('NOT_FOUND', 'That improvement action does not exist. Reload the review.');
  return i;
}

const ACTION_WORDS: Record<ReviewAction, string> = {
  write_findings: 'write the findings of',
  add_improvement: 'add an improvement action to',
  order_improvement: 'turn an improvement action into a supervision order for',
  complete_improvement: 'complete an improvement action of',
  conclude: 'conclude',
  close: 'close',
};

/** Why this actor may not make this move on this review now, or null; one function for the move and the UI. */
export function reviewRefusal(action: ReviewAction, actor: Actor, r: ReviewRecord): AppError | null {
  const t = REVIEW_TRANSITIONS[action];
  if (!t.roles.includes(actor.role))
    return new AppError(
      'FORBIDDEN',
      t.roles.length === 1 && t.roles[0] === 'director'
        ? `Only the director may ${ACTION_WORDS[action]} a review.`
        : `Your role (${actor.role}) may not ${ACTION_WORDS[action]} reviews.`,
    );
  if (!t.from.includes(r.state))
    return new AppError(
      'ILLEGAL_TRANSITION',
      `${r.serial} is ${REVIEW_STATE_WORDS[r.state]} (${r.state}); you cannot ${ACTION_WORDS[action]} it now. Reload it to see what can be done.`,
    );
  return null;
}

function check(ctx: ServiceContext, action: ReviewAction, r: ReviewRecord): Actor {
  const actor = requireActor(ctx);
  const refused = reviewRefusal(action, actor, r);
  if (refused) throw refused;
  return actor;
}

function requireUnit(ctx: ServiceContext, id: string): void {
  if (!getUnit(ctx.db, id))
    throw new AppError('NOT_FOUND', 'That unit is not in the directory. Reload the directory and choose it again.', [
      { path: 'unitId', message: 'unknown unit' },
    ]);
}

/** The covered events of a new review, checked: one 特急 or escalated event, or a category's events in the window. */
function coveredEvents(ctx: ServiceContext, input: ParsedInputOf<'reviews.open'>): { eventIds: string[]; title: string } {
  if (input.scope === 'event') {
    const e = getEvent(ctx.db, input.eventId);
    if (!e) throw new AppError('NOT_FOUND', 'That event does not exist. Reload the list and choose it again.');
    if (e.priority !== 'critical' && !wasEscalated(ctx.db, e.id))
      throw new AppError(
        'BAD_INPUT',
        `${e.serial} is neither 特急 nor escalated; review a set of events (a category in a window) instead.`,
        [{ path: 'eventId', message: 'not 特急 nor escalated' }],
      );
    return { eventIds: [e.id], title: input.title ?? `${e.title}复盘` };
  }
  if (!getCategory(ctx.db, input.categoryId))
    throw new AppError('NOT_FOUND', 'That category does not exist. Reload the categories and choose it again.', [
      { path: 'categoryId', message: 'unknown category' },
    ]);
  if (input.from > ctx.now())
    throw new AppError('BAD_INPUT', 'A review looks back: its window cannot start in the future.', [
      { path: 'from', message: 'in the future' },
    ]);
  const eventIds = eventsOfCategoryBetween(ctx.db, input.categoryId, input.from, input.to, MAX_REVIEW_EVENTS + 1);
  if (eventIds.length === 0)
    throw new AppError(
      'BAD_INPUT',
      'No event of that category was reported in that window; widen it or choose another category.',
      [{ path: 'from', message: 'no events' }],
    );
  if (eventIds.length > MAX_REVIEW_EVENTS)
    throw new AppError('BAD_INPUT', `More than ${MAX_REVIEW_EVENTS} events fall in that window; narrow it.`, [
      { path: 'to', message: 'too many events' },
    ]);
  return { eventIds, title: input.title };
}

export function open(ctx: ServiceContext, input: ParsedInputOf<'reviews.open'>): { id: string; serial: string } {
  const actor = requireActor(ctx);
  const { eventIds, title } = coveredEvents(ctx, input);
  const now = ctx.now();
  const year = chinaYear(now);
  const number = nextReviewNumber(ctx.db, year);
  const r: ReviewRecord = {
    id: ctx.newId(),
    serial: reviewSerial(year, number),
    year,
    number,
    title,
    scope: input.scope,
    categoryId: input.scope === 'set' ? input.categoryId : null,
    windowFrom: input.scope === 'set' ? input.from : null,
    windowTo: input.scope === 'set' ? input.to : null,
    state: 'open',
    wentWell: '',
    wentBadly: '',
    conclusion: '',
    openedBy: actor.userId,
    openedAt: now,
    concludedAt: null,
    closedAt: null,
  };
  insertReview(ctx.db, r);
  for (const id of eventIds) insertReviewEvent(ctx.db, r.id, id);
  recordReviewChange(ctx, r, { kind: 'open', fromState: null, payload: { scope: r.scope, events: eventIds.length } });
  return { id: r.id, serial: r.serial };
}

export function writeFindings(ctx: ServiceContext, input: ParsedInputOf<'reviews.writeFindings'>): { id: string } {
  const r = requireReview(ctx, input.id);
  check(ctx, 'write_findings', r);
  r.wentWell = input.wentWell;
  r.wentBadly = input.wentBadly;
  updateReview(ctx.db, r);
  recordReviewChange(ctx, r, { kind: 'write_findings', fromState: r.state, note: input.wentBadly });
  return { id: r.id };
}

export function addImprovement(
  ctx: ServiceContext,
  input: ParsedInputOf<'reviews.addImprovement'>,
): { id: string; improvementId: string } {
  const r = requireReview(ctx, input.id);
  check(ctx, 'add_improvement', r);
  requireUnit(ctx, input.unitId);
  const now = ctx.now();
  if (input.dueAt <= now)
    throw new AppError('BAD_INPUT', 'The deadline must be in the future.', [{ path: 'dueAt', message: 'deadline in the past' }]);
  if (input.ruleCategoryId !== undefined) {
    if (input.kind !== 'deadline_rule' && input.kind !== 'routing_rule')
      throw new AppError('BAD_INPUT', 'Only a deadline or routing rule change names the category whose rule it changes.', [
        { path: 'ruleCategoryId', message: 'not a rule change' },
      ]);
    const category = getCategory(ctx.db, input.ruleCategoryId);
    if (!category || category.parentId !== null)
      throw new AppError('NOT_FOUND', 'Deadline and routing rules belong to a top-level category; choose one from the list.', [
        { path: 'ruleCategoryId', message: 'not a top-level category' },
      ]);
  }
  const improvementId = ctx.newId();
  insertImprovement(ctx.db, {
    id: improvementId,
    reviewId: r.id,
    kind: input.kind,
    measure: input.measure,
    unitId: input.unitId,
    dueAt: input.dueAt,
    orderId: null,
    ruleCategoryId: input.ruleCategoryId ?? null,
    doneAt: null,
    doneNote: '',
    createdAt: now,
  });
  recordReviewChange(ctx, r, {
    kind: 'add_improvement',
    fromState: r.state,
    unitId: input.unitId,
    note: input.measure,
    payload: {
      improvementId,
      improvementKind: input.kind,
      dueAt: input.dueAt,
      ...(input.ruleCategoryId ? { ruleCategoryId: input.ruleCategoryId } : {}),
    },
  });
  return { id: r.id, improvementId };
}

/**
 * Issues a 督办 order to the action's unit through supervision's own issue
 * path, in this transaction: the order's problem names the review, and the
 * action keeps the order's id (the link back is `improvementOfOrder`).
 */
export function orderImprovement(
  ctx: ServiceContext,
  input: ParsedInputOf<'reviews.orderImprovement'>,
): { id: string; improvementId: string; orderId: string; orderSerial: string } {
  const i = requireImprovement(ctx, input.improvementId);
  const r = requireReview(ctx, i.reviewId);
  check(ctx, 'order_improvement', r);
  if (i.kind !== 'supervision')
    throw new AppError(
      'BAD_INPUT',
      'Only a supervision improvement action becomes an order; a rule change is marked done once made.',
      [{ path: 'improvementId', message: 'not a supervision action' }],
    );
  if (i.orderId !== null) throw new AppError('ILLEGAL_TRANSITION', 'That improvement action is already a supervision order.');
  if (i.doneAt !== null) throw new AppError('ILLEGAL_TRANSITION', 'That improvement action is already done.');
  const [firstEvent] = r.scope === 'event' ? listReviewEventIds(ctx.db, r.id) : [];
  const order = issue(ctx, {
    strength: 'order',
    targetKind: firstEvent ? 'event' : 'unit',
    targetId: firstEvent ?? i.unitId,
    unitIds: [i.unitId],
    problem: `${r.serial}（${r.title}）整改措施：${i.measure}`,
    requirements: input.requirements ?? '请按复盘提出的整改措施限期落实，并反馈整改情况及佐证材料。',
    dueAt: i.dueAt,
    photos: [],
  });
  setImprovementOrder(ctx.db, i.id, order.id);
  recordReviewChange(ctx, r, {
    kind: 'order_improvement',
    fromState: r.state,
    unitId: i.unitId,
    note: i.measure,
    payload: { improvementId: i.id, orderId: order.id, orderSerial: order.serial },
  });
  return { id: r.id, improvementId: i.id, orderId: order.id, orderSerial: order.serial };
}

export function completeImprovement(
  ctx: ServiceContext,
  input: ParsedInputOf<'reviews.completeImprovement'>,
): { id: string; improvementId: string } {
  const i = requireImprovement(ctx, input.improvementId);
  const r = requireReview(ctx, i.reviewId);
  check(ctx, 'complete_improvement', r);
  if (i.doneAt !== null) throw new AppError('ILLEGAL_TRANSITION', 'That improvement action is already done.');
  if (i.orderId !== null)
    throw new AppError(
      'ILLEGAL_TRANSITION',
      'That action became a supervision order; it is done when the order is accepted (销号).',
    );
  const now = ctx.now();
  storeCompletion(ctx.db, i.id, now, input.note);
  recordReviewChange(ctx, r, {
    kind: 'complete_improvement',
    fromState: r.state,
    unitId: i.unitId,
    note: input.note,
    payload: { improvementId: i.id, late: now > i.dueAt },
  });
  return { id: r.id, improvementId: i.id };
}

export function conclude(
  ctx: ServiceContext,
  input: ParsedInputOf<'reviews.conclude'>,
): { id: string; state: ReviewRecord['state'] } {
  const r = requireReview(ctx, input.id);
  check(ctx, 'conclude', r);
  if (!r.wentWell || !r.wentBadly)
    throw new AppError('ILLEGAL_TRANSITION', 'Write what went well and what did not before concluding the review.');
  const from = r.state;
  r.state = REVIEW_TRANSITIONS.conclude.to!;
  r.conclusion = input.conclusion;
  r.concludedAt = ctx.now();
  updateReview(ctx.db, r);
  recordReviewChange(ctx, r, { kind: 'conclude', fromState: from, note: input.conclusion });
  return { id: r.id, state: r.state };
}

export function close(ctx: ServiceContext, input: { id: string }): { id: string; state: ReviewRecord['state'] } {
  const r = requireReview(ctx, input.id);
  check(ctx, 'close', r);
  const pending = listImprovements(ctx.db, r.id).filter((i) => i.doneAt === null && i.orderId === null);
  if (pending.length > 0)
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `${pending.length} improvement action(s) are neither done nor a supervision order; finish them before closing the review.`,
    );
  const from = r.state;
  r.state = REVIEW_TRANSITIONS.close.to!;
  r.closedAt = ctx.now();
  updateReview(ctx.db, r);
  recordReviewChange(ctx, r, { kind: 'close', fromState: from });
  return { id: r.id, state: r.state };
}
