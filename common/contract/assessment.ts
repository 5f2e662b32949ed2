import { z } from 'zod';
import {
  INDICATOR_KEYS,
  ITEM_KINDS,
  ITEM_STATES,
  PERIOD_KINDS,
  Period,
  RUN_ACTIONS,
  RUN_STATES,
  SchemeIndicators,
  UNIT_GROUPS,
} from '../assessment';
import { FileOut } from './case-file';
import { method } from './define';
import { Empty, Id, Millis, Name } from './shared';

const ASSESSORS = ['assessor', 'director'] as const;
const Reason = z.string().trim().min(2).max(500);

export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const MAX_EVIDENCE_BYTES = 8 * 1024 * 1024;

export const EvidenceUpload = z.strictObject({
  name: z.string().trim().min(1).max(120),
  mime: z.enum(EVIDENCE_TYPES),
  dataBase64: z
    .string()
    .min(4)
    .max(Math.ceil((MAX_EVIDENCE_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
});

export const IndicatorInfo = z.object({
  key: z.enum(INDICATOR_KEYS),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: z.enum(['rate', 'count']),
  lowerIsBetter: z.boolean(),
  definitionZh: z.string(),
  definitionEn: z.string(),
  refKind: z.enum(['event', 'order', 'finding']),
});
export type IndicatorInfo = z.infer<typeof IndicatorInfo>;

export const Scheme = z.object({
  id: Id,
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  periodKind: z.enum(PERIOD_KINDS),
  unitKinds: z.enum(UNIT_GROUPS),
  indicators: SchemeIndicators,
  note: z.string(),
  createdAt: Millis,
  /** 县级方案: sent by the county, read-only here. */
  source: z.enum(['township', 'county']),
  /** The periods a county scheme is for; null for any period of its kind. */
  periods: z.array(z.string()).nullable(),
});
export type Scheme = z.infer<typeof Scheme>;

export const RunSummary = z.object({
  id: Id,
  schemeId: Id,
  schemeCode: z.string(),
  period: z.string(),
  revision: z.number().int(),
  state: z.enum(RUN_STATES),
  reason: z.string(),
  superseded: z.boolean(),
  computedAt: Millis.nullable(),
  reviewedAt: Millis.nullable(),
  publishedAt: Millis.nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const IndicatorValue = z.object({
  indicator: z.enum(INDICATOR_KEYS),
  numerator: z.number(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  points: z.number().nullable(),
  /** Fewer cases than the minimum sample: shown as 样本不足, left out of the unit's weight. */
  sampleShort: z.boolean(),
  weight: z.number(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const RankingRow = z.object({
  unitId: Id,
  unitName: z.string(),
  base: z.number(),
  manual: z.number(),
  score: z.number(),
  rank: z.number().int(),
  previousScore: z.number().nullable(),
  previousRank: z.number().int().nullable(),
  values: z.array(IndicatorValue),
});
export type RankingRow = z.infer<typeof RankingRow>;

export const ManualItem = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  kind: z.enum(ITEM_KINDS),
  points: z.number(),
  reason: z.string(),
  state: z.enum(ITEM_STATES),
  createdBy: z.string(),
  createdAt: Millis,
  decidedBy: z.string().nullable(),
  decidedAt: Millis.nullable(),
  decisionNote: z.string().nullable(),
  evidence: z.array(z.object({ id: Id, name: z.string(), mime: z.string(), size: z.number().int() })),
});
export type ManualItem = z.infer<typeof ManualItem>;

/** A number of a revision that differs from the revision before it: the facts of the period were corrected. */
export const RevisionChange = z.object({
  unitId: Id,
  unitName: z.string(),
  indicator: z.enum(INDICATOR_KEYS),
  before: z.object({ numerator: z.number(), denominator: z.number().nullable() }).nullable(),
  after: z.object({ numerator: z.number(), denominator: z.number().nullable() }),
});
export type RevisionChange = z.infer<typeof RevisionChange>;

export const RunView = z.object({
  run: RunSummary,
  scheme: Scheme,
  revisions: z.array(RunSummary),
  previousPeriod: z.string(),
  ranking: z.array(RankingRow),
  items: z.array(ManualItem),
  received: z.number().int(),
  /** The minimum sample of a rate this run was computed with (0: none). */
  minSample: z.number().int(),
  /** For a revision: the numbers that differ from the revision before it (empty for the first). */
  changes: z.array(RevisionChange),
  /** What the caller may do with this run now; the page shows these and no others. */
  allowedActions: z.array(z.enum(RUN_ACTIONS)),
  /** The last six periods up to this one, from their stored runs (township-wide rates, average score). */
  trend: z.array(
    z.object({
      period: z.string(),
      average: z.number().nullable(),
      closedOnTime: z.number().nullable(),
      closure: z.number().nullable(),
      satisfaction: z.number().nullable(),
    }),
  ),
});
export type RunView = z.infer<typeof RunView>;

export const EvidenceRow = z.object({ id: z.string(), serial: z.string(), title: z.string(), at: Millis, hit: z.boolean() });
export type EvidenceRow = z.infer<typeof EvidenceRow>;

const RunRef = z.strictObject({ runId: Id });

export const assessmentContract = {
  'assessment.schemes': method({
    summary: 'Every version of every assessment scheme, and the definition (口径) of each indicator.',
    input: Empty,
    output: z.object({
      schemes: z.array(Scheme),
      indicators: z.array(IndicatorInfo),
      /** What the caller may do with a period that has no run yet. */
      allowedActions: z.array(z.enum(RUN_ACTIONS)),
    }),
    roles: ASSESSORS,
    kind: 'read',
  }),
  'assessment.saveScheme': method({
    summary: 'Save a scheme as a new version of its family (or a new family); runs keep the version they used.',
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .regex(/^[a-z0-9-]{2,40}$/)
        .optional(),
      name: Name(60),
      periodKind: z.enum(PERIOD_KINDS),
      unitKinds: z.enum(UNIT_GROUPS),
      indicators: SchemeIndicators,
      note: z.string().trim().max(1000).default(''),
    }),
    output: Scheme,
    roles: ['assessor'],
    kind: 'write',
  }),
  'assessment.view': method({
    summary:
      "A period's assessment: the ranking with every unit's indicators, the change against the previous period, manual items.",
    input: z.strictObject({
      schemeCode: z.string().min(1).max(40),
      period: Period,
      revision: z.number().int().positive().optional(),
    }),
    output: RunView.nullable(),
    roles: ASSESSORS,
    kind: 'read',
  }),
  'assessment.compute': method({
    summary: "Compute (or recompute) a period in a worker thread and store the snapshot; creates the period's first run.",
    input: z.strictObject({ schemeId: Id, period: Period }),
    output: RunSummary,
    roles: ['assessor'],
    kind: 'job',
  }),
  'assessment.evidence': method({
    summary: "The events, orders or findings behind one unit's indicator, hits first, paged.",
    input: z.strictObject({
      runId: Id,
      unitId: Id,
      indicator: z.enum(INDICATOR_KEYS),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ refKind: z.enum(['event', 'order', 'finding']), rows: z.array(EvidenceRow), more: z.boolean() }),
    roles: ASSESSORS,
    kind: 'read',
  }),
  'assessment.addItem': method({
    summary: 'Propose a manual bonus or deduction for a unit, with reason and evidence; the director decides.',
    input: z.strictObject({
      runId: Id,
      unitId: Id,
      kind: z.enum(ITEM_KINDS),
      points: z.number().positive().max(100),
      reason: Reason,
      evidence: z.array(EvidenceUpload).max(9).default([]),
    }),
    output: z.object({ id: Id }),
    roles: ['assessor'],
    kind: 'write',
  }),
  'assessment.decideItem': method({
    summary: 'Approve or refuse a manual item; an approved item changes the score at once.',
    input: z.strictObject({ id: Id, approve: z.boolean(), note: z.string().trim().max(500).optional() }),
    output: z.object({ id: Id, state: z.enum(ITEM_STATES) }),
    roles: ['director'],
    kind: 'write',
  }),
  'assessment.evidenceFile': method({
    summary: 'The bytes of one evidence file, as base64.',
    input: z.strictObject({ id: Id }),
    output: FileOut,
    roles: ASSESSORS,
    kind: 'read',
  }),
  'assessment.review': method({
    summary: 'Mark a computed run as reviewed (审核); every manual item must be decided first.',
    input: RunRef,
    output: RunSummary,
    roles: ASSESSORS,
    kind: 'write',
  }),
  'assessment.publish': method({
    summary: 'Publish a reviewed run: it is locked and its results go to the county.',
    input: RunRef,
    output: RunSummary,
    roles: ['director'],
    kind: 'write',
  }),
  'assessment.revise': method({
    summary: 'Open a new revision of a published run, with a reason; the published one stays readable.',
    input: z.strictObject({ runId: Id, reason: Reason }),
    output: RunSummary,
    roles: ASSESSORS,
    kind: 'write',
  }),
  'assessment.judgeReturn': method({
    summary:
      "The director's judgment on a unit's return (退单): unjustified returns count in the return rate (退单率), justified ones do not.",
    input: z.strictObject({
      eventId: Id,
      unitId: Id,
      /** The dispatch the unit returned (the `at` of its row in the return rate's evidence). */
      dispatchedAt: Millis,
      unjustified: z.boolean(),
      note: z.string().trim().max(500).optional(),
    }),
    output: z.object({ eventId: Id, unitId: Id, verdict: z.enum(['justified', 'unjustified']) }),
    roles: ['director'],
    kind: 'write',
  }),
  'assessment.report': method({
    summary: 'The monthly analysis (月报分析) or the ranking (季度排名) of a run as Excel or PDF.',
    input: z.strictObject({ runId: Id, kind: z.enum(['analysis', 'ranking']), format: z.enum(['xlsx', 'pdf']) }),
    output: FileOut,
    roles: ASSESSORS,
    kind: 'read',
  }),
} as const;
