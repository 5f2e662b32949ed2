import { z } from 'zod';
import { PRIORITIES } from '../events';
import {
  MAX_REVIEW_WINDOW_MS,
  IMPROVEMENT_KINDS,
  REVIEW_ACTIONS,
  REVIEW_READERS,
  REVIEW_STATES,
  REVIEW_STEP_KINDS,
} from '../reviews';
import { ROOM } from '../roles';
import { ORDER_STATES } from '../supervision';
import { FileOut, TimelineEntry } from './case-file';
import { method } from './define';
import { Id, Millis } from './shared';

const Text = (min: number, max: number) => z.string().trim().min(min).max(max);
const Year = z.number().int().min(2000).max(2100);

export const ReviewRow = z.object({
  id: Id,
  serial: z.string(),
  title: z.string(),
  scope: z.enum(['event', 'set']),
  state: z.enum(REVIEW_STATES),
  events: z.number().int(),
  openedAt: Millis,
  /** Improvement actions not yet done nor turned into an order. */
  openImprovements: z.number().int(),
});
export type ReviewRow = z.infer<typeof ReviewRow>;

/** One timed step of a covered event, assembled from its records. */
export const ReviewStep = z.object({
  eventId: Id,
  eventSerial: z.string(),
  kind: z.enum(REVIEW_STEP_KINDS),
  at: Millis,
  unitName: z.string().nullable(),
  actorName: z.string(),
  /** How long the step took from the moment it is measured from (the report, or the dispatch to this unit). */
  tookMs: z.number().int().nullable(),
  /** The time the deadline allowed for it, when there is one. */
  allowedMs: z.number().int().nullable(),
  late: z.boolean(),
});
export type ReviewStep = z.infer<typeof ReviewStep>;

export const ReviewEvent = z.object({
  id: Id,
  serial: z.string(),
  title: z.string(),
  priority: z.enum(PRIORITIES),
  state: z.string(),
  reportedAt: Millis,
  closedAt: Millis.nullable(),
});

export const Improvement = z.object({
  id: Id,
  kind: z.enum(IMPROVEMENT_KINDS),
  measure: z.string(),
  unitId: Id,
  unitName: z.string(),
  dueAt: Millis,
  doneAt: Millis.nullable(),
  doneNote: z.string(),
  /** The supervision order this action became, with its state. */
  order: z.object({ id: Id, serial: z.string(), state: z.enum(ORDER_STATES) }).nullable(),
  /** For a rule change: the category whose deadline or routing rule it changes. */
  ruleCategory: z.object({ id: Id, name: z.string() }).nullable(),
});
export type Improvement = z.infer<typeof Improvement>;

export const ReviewDetail = ReviewRow.extend({
  categoryName: z.string().nullable(),
  windowFrom: Millis.nullable(),
  windowTo: Millis.nullable(),
  wentWell: z.string(),
  wentBadly: z.string(),
  conclusion: z.string(),
  openedByName: z.string().nullable(),
  concludedAt: Millis.nullable(),
  closedAt: Millis.nullable(),
  coveredEvents: z.array(ReviewEvent),
  steps: z.array(ReviewStep),
  improvements: z.array(Improvement),
  timeline: z.array(TimelineEntry),
  /** Exactly the moves this user may make now, decided by the core. */
  allowedActions: z.array(z.enum(REVIEW_ACTIONS)),
});
export type ReviewDetail = z.infer<typeof ReviewDetail>;

/** An event a review may be opened for: 特急, or escalated to the county at some point. */
export const ReviewCandidate = z.object({
  id: Id,
  serial: z.string(),
  title: z.string(),
  priority: z.enum(PRIORITIES),
  escalated: z.boolean(),
  reportedAt: Millis,
  /** Closed events are reviewed whole; an open one can be reviewed as it stands. */
  closedAt: Millis.nullable(),
  /** Serials of reviews already covering it. */
  reviewedIn: z.array(z.string()),
});
export type ReviewCandidate = z.infer<typeof ReviewCandidate>;

export const OpenReview = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('event'), eventId: Id, title: Text(4, 200).optional() }),
  z.strictObject({
    scope: z.literal('set'),
    title: Text(4, 200),
    categoryId: Id,
    from: Millis,
    to: Millis,
  }),
]);
export type OpenReview = z.input<typeof OpenReview>;

const ImprovementResult = z.object({ id: Id, improvementId: Id });

/** A rule change a review asked for, as the category's rules list it. */
export const RuleLink = z.object({
  reviewId: Id,
  serial: z.string(),
  improvementId: Id,
  kind: z.enum(IMPROVEMENT_KINDS),
  measure: z.string(),
  doneAt: Millis.nullable(),
});
export type RuleLink = z.infer<typeof RuleLink>;

export const reviewsContract = {
  'reviews.list': method({
    summary: 'After-action reviews (复盘) opened in a year, newest first.',
    input: z.strictObject({ year: Year.optional() }),
    output: z.array(ReviewRow),
    roles: REVIEW_READERS,
    kind: 'read',
  }),
  'reviews.get': method({
    summary:
      'One review: covered events, the timed steps assembled from their records, findings, improvement actions, timeline and allowed moves.',
    input: z.strictObject({ id: Id }),
    output: ReviewDetail,
    roles: REVIEW_READERS,
    kind: 'read',
  }),
  'reviews.candidates': method({
    summary: 'Events of the last 90 days a review may be opened for: 特急 or escalated.',
    input: z.strictObject({}),
    output: z.array(ReviewCandidate),
    roles: REVIEW_READERS,
    kind: 'read',
  }),
  'reviews.open': method({
    summary:
      'The director opens a review of one 特急 or escalated event, or of a category’s events in a window (at most 7 days).',
    input: OpenReview.refine((v) => v.scope === 'event' || (v.to > v.from && v.to - v.from <= MAX_REVIEW_WINDOW_MS), {
      message: 'the window must end after it starts and span at most 7 days',
      path: ['to'],
    }),
    output: z.object({ id: Id, serial: z.string() }),
    roles: ['director'],
    kind: 'write',
  }),
  'reviews.writeFindings': method({
    summary: 'What went well and what did not.',
    input: z.strictObject({ id: Id, wentWell: Text(2, 4000), wentBadly: Text(2, 4000) }),
    output: z.object({ id: Id }),
    roles: ROOM,
    kind: 'write',
  }),
  'reviews.addImprovement': method({
    summary:
      'An improvement action for an owner unit with a deadline: a supervision order, a deadline or routing rule change, or other.',
    input: z.strictObject({
      id: Id,
      kind: z.enum(IMPROVEMENT_KINDS),
      measure: Text(4, 2000),
      unitId: Id,
      dueAt: Millis,
      /** For a deadline or routing rule change: the top-level category whose rule it changes. */
      ruleCategoryId: Id.optional(),
    }),
    output: ImprovementResult,
    roles: ROOM,
    kind: 'write',
  }),
  'reviews.orderImprovement': method({
    summary: 'The director turns a supervision improvement action into a supervision order (督办) to its unit, linked both ways.',
    input: z.strictObject({ improvementId: Id, requirements: Text(4, 4000).optional() }),
    output: ImprovementResult.extend({ orderId: Id, orderSerial: z.string() }),
    roles: ['director'],
    kind: 'write',
  }),
  'reviews.completeImprovement': method({
    summary: 'Mark an improvement action done (the rule changed, the measure taken).',
    input: z.strictObject({ improvementId: Id, note: Text(2, 2000) }),
    output: ImprovementResult,
    roles: ROOM,
    kind: 'write',
  }),
  'reviews.conclude': method({
    summary: 'The director’s conclusion, once the findings are written.',
    input: z.strictObject({ id: Id, conclusion: Text(4, 4000) }),
    output: z.object({ id: Id, state: z.enum(REVIEW_STATES) }),
    roles: ['director'],
    kind: 'write',
  }),
  'reviews.close': method({
    summary: 'Close a concluded review once every improvement action is done or has become an order.',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id, state: z.enum(REVIEW_STATES) }),
    roles: ['director'],
    kind: 'write',
  }),
  'reviews.forRule': method({
    summary:
      'The rule changes reviews asked for a category’s deadline or routing rules, newest first (the link back from the rules).',
    input: z.strictObject({ categoryId: Id }),
    output: z.array(RuleLink),
    roles: [...REVIEW_READERS, 'admin'],
    kind: 'read',
  }),
  'reviews.reportPdf': method({
    summary: 'The printed review report (复盘报告) as an A4 PDF (base64).',
    input: z.strictObject({ id: Id }),
    output: FileOut,
    roles: REVIEW_READERS,
    kind: 'read',
  }),
} as const;
