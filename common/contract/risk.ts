import { z } from 'zod';
import { method } from './define';
import { DECISIONS, RISK_ACTIONS, RISK_KINDS, RISK_LEVELS, RISK_METHODS, RISK_READERS, RISK_STATES } from '../risk';
import { ROOM } from '../roles';
import { WARNINGS } from '../events';
import { Attachment, FileOut, Photos, TimelineEntry } from './case-file';
import { Id, Millis } from './shared';

const Text = (min: number, max: number) => z.string().trim().min(min).max(max);
const Year = z.number().int().min(2000).max(2100);

export const RiskRow = z.object({
  id: Id,
  serial: z.string(),
  title: z.string(),
  proposingUnitName: z.string(),
  kind: z.enum(RISK_KINDS),
  peopleAffected: z.number().int(),
  state: z.enum(RISK_STATES),
  level: z.enum(RISK_LEVELS).nullable(),
  createdAt: Millis,
  decidedAt: Millis.nullable(),
  /** Mitigation tasks past their deadline and not done. */
  overdueTasks: z.number().int(),
  /** The next 回头看 not yet held. */
  nextReviewAt: Millis.nullable(),
});
export type RiskRow = z.infer<typeof RiskRow>;

export const RiskMethodEntry = z.object({
  id: Id,
  method: z.enum(RISK_METHODS),
  heldOn: Millis,
  participants: z.string(),
  summary: z.string(),
  attachments: z.array(Attachment),
});
export type RiskMethodEntry = z.infer<typeof RiskMethodEntry>;

export const RiskTask = z.object({
  id: Id,
  measure: z.string(),
  unitId: Id,
  unitName: z.string(),
  dueAt: Millis,
  doneAt: Millis.nullable(),
  doneNote: z.string(),
  warning: z.enum(WARNINGS),
});
export type RiskTask = z.infer<typeof RiskTask>;

export const RiskReview = z.object({
  id: Id,
  dueAt: Millis,
  doneAt: Millis.nullable(),
  finding: z.string(),
  outcome: z.enum(['continue', 'terminate']).nullable(),
});
export type RiskReview = z.infer<typeof RiskReview>;

export const RiskDetail = RiskRow.extend({
  proposingUnitId: Id,
  scope: z.string(),
  risks: z.string(),
  levelReason: z.string(),
  decisionReason: z.string(),
  decidedByName: z.string().nullable(),
  methods: z.array(RiskMethodEntry),
  tasks: z.array(RiskTask),
  reviews: z.array(RiskReview),
  timeline: z.array(TimelineEntry),
  /** Exactly the moves this user may make now, decided by the core. */
  allowedActions: z.array(z.enum(RISK_ACTIONS)),
});
export type RiskDetail = z.infer<typeof RiskDetail>;

export const NewRisk = z.strictObject({
  title: Text(4, 200),
  proposingUnitId: Id,
  kind: z.enum(RISK_KINDS),
  scope: Text(2, 2000),
  peopleAffected: z.number().int().min(0).max(10_000_000),
});
export type NewRisk = z.input<typeof NewRisk>;

export const RiskYearCounts = z.object({
  year: z.number().int(),
  total: z.number().int(),
  implemented: z.number().int(),
  postponed: z.number().int(),
  rejected: z.number().int(),
  terminated: z.number().int(),
});
export type RiskYearCounts = z.infer<typeof RiskYearCounts>;

export const riskContract = {
  'risk.list': method({
    summary: 'The risk-assessment register (稳评台账) of a year, newest first.',
    input: z.strictObject({ year: Year.optional() }),
    output: z.array(RiskRow),
    roles: RISK_READERS,
    kind: 'read',
  }),
  'risk.get': method({
    summary: 'One assessment with its method records, tasks, reviews, timeline and the moves this user may make.',
    input: z.strictObject({ id: Id }),
    output: RiskDetail,
    roles: RISK_READERS,
    kind: 'read',
  }),
  'risk.create': method({
    summary: 'Register a major decision for assessment (operators draft).',
    input: NewRisk,
    output: z.object({ id: Id, serial: z.string() }),
    roles: ROOM,
    kind: 'write',
  }),
  'risk.identify': method({
    summary: '风险识别: name the risks; the assessment moves on to 风险评估.',
    input: z.strictObject({ id: Id, risks: Text(4, 4000) }),
    output: z.object({ id: Id, state: z.enum(RISK_STATES) }),
    roles: ROOM,
    kind: 'write',
  }),
  'risk.recordMethod': method({
    summary: 'A method record of the assessment (公示, 听证, 问卷, 座谈, 走访) with its files.',
    input: z.strictObject({
      id: Id,
      method: z.enum(RISK_METHODS),
      heldOn: Millis,
      participants: Text(2, 1000),
      summary: Text(4, 4000),
      photos: Photos,
    }),
    output: z.object({ id: Id, methodId: Id }),
    roles: ROOM,
    kind: 'write',
  }),
  'risk.rate': method({
    summary: 'The risk level (high / medium / low) with its reasons, once at least one method is recorded.',
    input: z.strictObject({ id: Id, level: z.enum(RISK_LEVELS), reason: Text(4, 4000) }),
    output: z.object({ id: Id, state: z.enum(RISK_STATES) }),
    roles: ROOM,
    kind: 'write',
  }),
  'risk.decide': method({
    summary: 'The director’s conclusion (实施 / 暂缓实施 / 不予实施) with a reason; 实施 schedules the 回头看 reviews.',
    input: z.strictObject({
      id: Id,
      decision: z.enum(DECISIONS),
      reason: Text(4, 4000),
      /** Months after the decision at which 回头看 reviews fall due (only for 实施). */
      reviewMonths: z
        .array(z.number().int().min(1).max(60))
        .max(6)
        .refine((m) => new Set(m).size === m.length, 'a month is listed twice')
        .default([3, 6]),
    }),
    output: z.object({ id: Id, state: z.enum(RISK_STATES) }),
    roles: ['director'],
    kind: 'write',
  }),
  'risk.addTask': method({
    summary: 'A mitigation measure for an owner unit with a deadline.',
    input: z.strictObject({ id: Id, measure: Text(4, 2000), unitId: Id, dueAt: Millis }),
    output: z.object({ id: Id, taskId: Id }),
    roles: ROOM,
    kind: 'write',
  }),
  'risk.completeTask': method({
    summary: 'Mark a mitigation measure done.',
    input: z.strictObject({ taskId: Id, note: Text(2, 2000) }),
    output: z.object({ id: Id, taskId: Id }),
    roles: ROOM,
    kind: 'write',
  }),
  'risk.review': method({
    summary: '回头看: the finding of a scheduled review; with terminate the director turns the decision to 中止实施.',
    input: z.strictObject({ id: Id, reviewId: Id, finding: Text(4, 4000), terminate: z.boolean().default(false) }),
    output: z.object({ id: Id, state: z.enum(RISK_STATES) }),
    roles: ROOM,
    kind: 'write',
  }),
  'risk.yearCounts': method({
    summary: 'This year’s conclusions by kind (实施, 暂缓实施, 不予实施, 中止实施), for the dashboard.',
    input: z.strictObject({ year: Year.optional() }),
    output: RiskYearCounts,
    roles: RISK_READERS,
    kind: 'read',
  }),
  'risk.reportPdf': method({
    summary: 'The printed 社会稳定风险评估报告 as an A4 PDF (base64).',
    input: z.strictObject({ id: Id }),
    output: FileOut,
    roles: RISK_READERS,
    kind: 'read',
  }),
  'risk.ledger': method({
    summary: 'The register ledger (稳评台账) of a year as an Excel workbook (base64).',
    input: z.strictObject({ year: Year.optional() }),
    output: FileOut,
    roles: RISK_READERS,
    kind: 'read',
  }),
  'risk.attachment': method({
    summary: 'The bytes of one file of a method record, as base64.',
    input: z.strictObject({ id: Id }),
    output: FileOut,
    roles: RISK_READERS,
    kind: 'read',
  }),
} as const;
