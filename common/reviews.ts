import type { Role } from './roles';

/*
 * After-action reviews (复盘) of a 特急 or escalated event, or of a set of
 * events (one category in a window, e.g. a storm's 48 hours): the timeline
 * assembled from the records, what went well and what did not, and
 * improvement actions that become supervision orders or rule changes.
 * Local records: not part of the county protocol.
 */

/** open (复盘中) → concluded (已形成结论) → closed (已办结: every improvement action done or ordered). */
export const REVIEW_STATES = ['open', 'concluded', 'closed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_ACTIONS = [
  'write_findings',
  'add_improvement',
  'order_improvement',
  'complete_improvement',
  'conclude',
  'close',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** What an improvement action changes: a supervision order for a unit, a deadline rule, a routing rule, or anything else. */
export const IMPROVEMENT_KINDS = ['supervision', 'deadline_rule', 'routing_rule', 'other'] as const;
export type ImprovementKind = (typeof IMPROVEMENT_KINDS)[number];

export interface ReviewTransition {
  from: readonly ReviewState[];
  /** The state after the move; null when the move leaves the state as it is. */
  to: ReviewState | null;
  roles: readonly Role[];
}

const DRAFTERS: readonly Role[] = ['operator', 'director'];

/**
 * The review lifecycle as data. The director opens a review (not a move on
 * an existing one), operators draft its findings and improvement actions,
 * the director alone turns an action into a supervision order, concludes,
 * and closes once every action is done or ordered.
 */
export const REVIEW_TRANSITIONS: Record<ReviewAction, ReviewTransition> = {
  write_findings: { from: ['open'], to: null, roles: DRAFTERS },
  add_improvement: { from: ['open', 'concluded'], to: null, roles: DRAFTERS },
  order_improvement: { from: ['open', 'concluded'], to: null, roles: ['director'] },
  complete_improvement: { from: ['open', 'concluded'], to: null, roles: DRAFTERS },
  conclude: { from: ['open'], to: 'concluded', roles: ['director'] },
  close: { from: ['concluded'], to: 'closed', roles: ['director'] },
};

/** Who reads reviews: the room and the assessors. */
export const REVIEW_READERS: readonly Role[] = ['operator', 'director', 'assessor'];

/** A set of events is at most this wide (a storm's 48 hours fits with room to spare). */
export const MAX_REVIEW_WINDOW_MS = 7 * 86_400_000;
/** A set review covers at most this many events. */
export const MAX_REVIEW_EVENTS = 200;

export const REVIEW_STATE_WORDS: Record<ReviewState, string> = { open: '复盘中', concluded: '已形成结论', closed: '已办结' };
export const IMPROVEMENT_WORDS: Record<ImprovementKind, string> = {
  supervision: '督办整改',
  deadline_rule: '调整时限规则',
  routing_rule: '调整派遣规则',
  other: '其他措施',
};

/** The steps of an event the review timeline shows, each timed. */
export const REVIEW_STEP_KINDS = ['report', 'dispatch', 'sign', 'feedback', 'escalate', 'close'] as const;
export type ReviewStepKind = (typeof REVIEW_STEP_KINDS)[number];
export const STEP_WORDS: Record<ReviewStepKind, string> = {
  report: '首次上报',
  dispatch: '派遣',
  sign: '签收',
  feedback: '反馈',
  escalate: '上报县级',
  close: '办结',
};

/** The serial of a review: one series per year, 复盘〔2026〕2号. */
export function reviewSerial(year: number, number: number): string {
  return `复盘〔${year}〕${number}号`;
}
