import type { Improvement, ReviewCandidate, ReviewDetail, ReviewRow, RuleLink } from '../../common/contract';
import { REVIEW_ACTIONS } from '../../common/reviews';
import { getEvent } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import { getCategory } from '../../db/queries/reference';
import {
  improvementsOfRule,
  listImprovements,
  listReviewEventIds,
  listReviews,
  reviewCandidates,
  reviewSerialsOfEvent,
  type ImprovementRecord,
  type ReviewRecord,
} from '../../db/queries/reviews';
import { getOrder } from '../../db/queries/supervision';
import { getUser } from '../../db/queries/users';
import { caseTimeline } from '../case-file/timeline';
import { requireActor, type ServiceContext } from '../context';
import { chinaYearRange } from '../risk/read';
import { chinaYear } from '../supervision/orders';
import { requireReview, reviewRefusal } from './reviews';
import { reviewSteps } from './steps';

const DAY = 86_400_000;
const unitName = (ctx: ServiceContext, id: string | null) => (id ? (getUnit(ctx.db, id)?.name ?? id) : null);
const isOpen = (i: ImprovementRecord) => i.doneAt === null && i.orderId === null;

function toRow(ctx: ServiceContext, r: ReviewRecord): ReviewRow {
  return {
    id: r.id,
    serial: r.serial,
    title: r.title,
    scope: r.scope,
    state: r.state,
    events: listReviewEventIds(ctx.db, r.id).length,
    openedAt: r.openedAt,
    openImprovements: listImprovements(ctx.db, r.id).filter(isOpen).length,
  };
}

export function list(ctx: ServiceContext, input: { year?: number }): ReviewRow[] {
  const { from, to } = chinaYearRange(input.year ?? chinaYear(ctx.now()));
  return listReviews(ctx.db, from, to).map((r) => toRow(ctx, r));
}

export function toImprovement(ctx: ServiceContext, i: ImprovementRecord): Improvement {
  const order = i.orderId ? getOrder(ctx.db, i.orderId) : undefined;
  return {
    id: i.id,
    kind: i.kind,
    measure: i.measure,
    unitId: i.unitId,
    unitName: unitName(ctx, i.unitId)!,
    dueAt: i.dueAt,
    doneAt: i.doneAt,
    doneNote: i.doneNote,
    order: order ? { id: order.id, serial: order.serial, state: order.state } : null,
    ruleCategory: i.ruleCategoryId
      ? { id: i.ruleCategoryId, name: getCategory(ctx.db, i.ruleCategoryId)?.name ?? i.ruleCategoryId }
      : null,
  };
}

export function get(ctx: ServiceContext, input: { id: string }): ReviewDetail {
  const actor = requireActor(ctx);
  const r = requireReview(ctx, input.id);
  const eventIds = listReviewEventIds(ctx.db, r.id);
  return {
    ...toRow(ctx, r),
    categoryName: r.categoryId ? (getCategory(ctx.db, r.categoryId)?.name ?? null) : null,
    windowFrom: r.windowFrom,
    windowTo: r.windowTo,
    wentWell: r.wentWell,
    wentBadly: r.wentBadly,
    conclusion: r.conclusion,
    openedByName: r.openedBy ? (getUser(ctx.db, r.openedBy)?.displayName ?? null) : null,
    concludedAt: r.concludedAt,
    closedAt: r.closedAt,
    coveredEvents: eventIds.flatMap((id) => {
      const e = getEvent(ctx.db, id);
      return e
        ? [
            {
              id: e.id,
              serial: e.serial,
              title: e.title,
              priority: e.priority,
              state: e.state,
              reportedAt: e.reportedAt,
              closedAt: e.closedAt,
            },
          ]
        : [];
    }),
    steps: reviewSteps(ctx.db, eventIds),
    improvements: listImprovements(ctx.db, r.id).map((i) => toImprovement(ctx, i)),
    timeline: caseTimeline(ctx.db, 'review', r.id, (id) => unitName(ctx, id)),
    allowedActions: REVIEW_ACTIONS.filter((a) => reviewRefusal(a, actor, r) === null),
  };
}

/** The rule changes reviews asked for a category's rules: the link back from the deadline and routing rules. */
export function forRule(ctx: ServiceContext, input: { categoryId: string }): RuleLink[] {
  return improvementsOfRule(ctx.db, input.categoryId).map((i) => ({
    reviewId: i.reviewId,
    serial: i.serial,
    improvementId: i.id,
    kind: i.kind,
    measure: i.measure,
    doneAt: i.doneAt,
  }));
}

/** 特急 or escalated events of the last 90 days, newest first, with the reviews already covering them. */
export function candidates(ctx: ServiceContext): ReviewCandidate[] {
  return reviewCandidates(ctx.db, ctx.now() - 90 * DAY, 200).map((c) => ({
    id: c.id,
    serial: c.serial,
    title: c.title,
    priority: c.priority,
    escalated: c.escalated === 1,
    reportedAt: c.reportedAt,
    closedAt: c.closedAt,
    reviewedIn: reviewSerialsOfEvent(ctx.db, c.id),
  }));
}
