import { z } from 'zod';
import { WARNINGS } from '../events';
import { CASE_READERS, ROOM } from '../roles';
import {
  FINDING_STATES,
  ORDER_ACTIONS,
  ORDER_COLOURS,
  ORDER_SOURCES,
  ORDER_STATES,
  ORDER_STRENGTHS,
  ORDER_TARGETS,
  SUGGESTION_KINDS,
} from '../supervision';
import { method } from './define';
import { Attachment, FileOut, Photos, TimelineEntry } from './case-file';
import { Empty, Id, Millis } from './shared';

const Text = (min: number, max: number) => z.string().trim().min(min).max(max);
const UnitIds = z
  .array(Id)
  .min(1)
  .max(20)
  .refine((ids) => new Set(ids).size === ids.length, 'a unit is listed twice');

export const OrderDraft = z.object({
  strength: z.enum(ORDER_STRENGTHS),
  colour: z.enum(ORDER_COLOURS),
  targetKind: z.enum(ORDER_TARGETS),
  targetId: Id,
  targetLabel: z.string(),
  unitIds: z.array(Id),
  problem: z.string(),
  requirements: z.string(),
  dueAt: Millis,
});
export type OrderDraft = z.infer<typeof OrderDraft>;

export const NewOrder = z.strictObject({
  strength: z.enum(ORDER_STRENGTHS),
  /** Defaults from the strength; only the director may raise it. */
  colour: z.enum(ORDER_COLOURS).optional(),
  targetKind: z.enum(ORDER_TARGETS),
  targetId: Id,
  unitIds: UnitIds,
  problem: Text(4, 4000),
  requirements: Text(4, 4000),
  dueAt: Millis,
  photos: Photos,
});
export type NewOrder = z.input<typeof NewOrder>;

export const OrderRow = z.object({
  id: Id,
  serial: z.string(),
  strength: z.enum(ORDER_STRENGTHS),
  colour: z.enum(ORDER_COLOURS),
  targetKind: z.enum(ORDER_TARGETS),
  targetId: z.string(),
  targetLabel: z.string(),
  unitNames: z.array(z.string()),
  problem: z.string(),
  dueAt: Millis,
  issuedAt: Millis,
  issuerName: z.string(),
  state: z.enum(ORDER_STATES),
  source: z.enum(ORDER_SOURCES),
  warning: z.enum(WARNINGS),
  overdue: z.boolean(),
  previousId: Id.nullable(),
});
export type OrderRow = z.infer<typeof OrderRow>;

export const OrderAnswer = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  text: z.string(),
  answeredByName: z.string(),
  answeredAt: Millis,
  late: z.boolean(),
  decision: z.enum(['accepted', 'rejected']).nullable(),
  decidedAt: Millis.nullable(),
  decisionNote: z.string().nullable(),
  attachments: z.array(Attachment),
});
export type OrderAnswer = z.infer<typeof OrderAnswer>;

export const OrderDetail = OrderRow.extend({
  requirements: z.string(),
  units: z.array(z.object({ id: Id, name: z.string(), answered: z.boolean() })),
  countyRef: z.string().nullable(),
  closedAt: Millis.nullable(),
  previous: z.object({ id: Id, serial: z.string() }).nullable(),
  next: z.object({ id: Id, serial: z.string() }).nullable(),
  answers: z.array(OrderAnswer),
  timeline: z.array(TimelineEntry),
  attachments: z.array(Attachment),
  /** Exactly the moves this user may make now, decided by the core. */
  allowedActions: z.array(z.enum(ORDER_ACTIONS)),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

export const OrderFilter = z.strictObject({
  state: z.enum(ORDER_STATES).optional(),
  strength: z.enum(ORDER_STRENGTHS).optional(),
  colour: z.enum(ORDER_COLOURS).optional(),
  unitId: Id.optional(),
  overdue: z.boolean().optional(),
  targetKind: z.enum(ORDER_TARGETS).optional(),
  targetId: Id.optional(),
});
export type OrderFilter = z.infer<typeof OrderFilter>;

export const SupervisionSuggestion = z.object({
  kind: z.enum(SUGGESTION_KINDS),
  /** The facts that made it a candidate, for the list. */
  facts: z.object({
    eventId: Id.optional(),
    serial: z.string().optional(),
    title: z.string().optional(),
    dueAt: Millis.optional(),
    returnCount: z.number().int().optional(),
    reworkCount: z.number().int().optional(),
    lastActionAt: Millis.optional(),
    unitId: Id.optional(),
    unitName: z.string().optional(),
    overdue: z.number().int().optional(),
    total: z.number().int().optional(),
    rate: z.number().optional(),
    orderId: Id.optional(),
    orderSerial: z.string().optional(),
  }),
  draft: OrderDraft,
});
export type SupervisionSuggestion = z.infer<typeof SupervisionSuggestion>;

export const SupervisionSettings = z.strictObject({
  /** A unit is suggested when its overdue rate over the last 30 days reaches this (0–1)… */
  overdueRateThreshold: z.number().min(0.01).max(1),
  /** …over at least this many dispatched events. */
  overdueRateMinCount: z.number().int().min(1).max(1000),
});
export type SupervisionSettings = z.infer<typeof SupervisionSettings>;

export const InspectionFinding = z.object({
  id: Id,
  foundAt: Millis,
  place: z.string(),
  villageId: Id.nullable(),
  villageName: z.string().nullable(),
  unitId: Id,
  unitName: z.string(),
  problem: z.string(),
  inspector: z.string(),
  state: z.enum(FINDING_STATES),
  order: z.object({ id: Id, serial: z.string(), state: z.enum(ORDER_STATES) }).nullable(),
  closedAt: Millis.nullable(),
  attachments: z.array(Attachment),
});
export type InspectionFinding = z.infer<typeof InspectionFinding>;

export const NewInspectionFinding = z.strictObject({
  foundAt: Millis,
  place: Text(2, 200),
  villageId: Id.nullable().optional(),
  unitId: Id,
  problem: Text(4, 4000),
  inspector: Text(1, 60),
  photos: Photos,
});
export type NewInspectionFinding = z.input<typeof NewInspectionFinding>;

export const supervisionContract = {
  'supervision.list': method({
    summary: 'Supervision orders for the filters, newest first; unit handlers see only their unit’s orders.',
    input: z.strictObject({
      filter: OrderFilter.default({}),
      offset: z.number().int().min(0).max(1_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ rows: z.array(OrderRow), total: z.number().int() }),
    roles: CASE_READERS,
    kind: 'read',
  }),
  'supervision.get': method({
    summary: 'One order with its units, answers, timeline and the moves this user may make.',
    input: z.strictObject({ id: Id }),
    output: OrderDetail,
    roles: CASE_READERS,
    kind: 'read',
  }),
  'supervision.draft': method({
    summary: 'A pre-filled order for a target (an event, a unit or a finding) and a strength.',
    input: z.strictObject({ targetKind: z.enum(ORDER_TARGETS), targetId: Id, strength: z.enum(ORDER_STRENGTHS) }),
    output: OrderDraft,
    roles: ROOM,
    kind: 'read',
  }),
  'supervision.issue': method({
    summary: 'Issue a chase notice (operators and the director) or an order / flagged order (the director).',
    input: NewOrder,
    output: z.object({ id: Id, serial: z.string() }),
    roles: ROOM,
    kind: 'write',
  }),
  'supervision.answer': method({
    summary: 'A unit’s rectification report (整改反馈) with photos; late when after the deadline.',
    input: z.strictObject({ id: Id, text: Text(2, 4000), photos: Photos }),
    output: z.object({ id: Id, state: z.enum(ORDER_STATES), late: z.boolean() }),
    roles: ['unit_handler'],
    kind: 'write',
  }),
  'supervision.decide': method({
    summary: 'Accept (销号) or reject an answered order; a rejection re-issues it one strength higher (再督办).',
    input: z.discriminatedUnion('decision', [
      z.strictObject({ id: Id, decision: z.literal('accept'), note: z.string().trim().max(2000).default('') }),
      z.strictObject({
        id: Id,
        decision: z.literal('reject'),
        note: Text(2, 2000),
        /** The re-issued order's deadline and requirements. */
        dueAt: Millis,
        requirements: Text(4, 4000).optional(),
      }),
    ]),
    output: z.object({ id: Id, state: z.enum(ORDER_STATES), reissued: z.object({ id: Id, serial: z.string() }).nullable() }),
    roles: ['director'],
    kind: 'write',
  }),
  'supervision.suggestions': method({
    summary:
      'Candidates for supervision: overdue events, events returned or reworked twice, red-risk events without progress for 24 h, units with a high overdue rate.',
    input: Empty,
    output: z.object({ suggestions: z.array(SupervisionSuggestion), settings: SupervisionSettings }),
    roles: ROOM,
    kind: 'read',
  }),
  'supervision.setSettings': method({
    summary: 'The overdue-rate threshold for unit suggestions.',
    input: SupervisionSettings,
    output: SupervisionSettings,
    roles: ['director', 'admin'],
    kind: 'write',
  }),
  'supervision.findings': method({
    summary: 'Undercover inspection findings (常态暗访), newest first.',
    input: z.strictObject({ state: z.enum(FINDING_STATES).optional() }),
    output: z.array(InspectionFinding),
    roles: ['operator', 'director', 'assessor'],
    kind: 'read',
  }),
  'supervision.recordFinding': method({
    summary: 'Record an inspection finding with photos.',
    input: NewInspectionFinding,
    output: z.object({ id: Id }),
    roles: ROOM,
    kind: 'write',
  }),
  'supervision.orderFindings': method({
    summary: 'Turn open findings into rectification orders (交办整改): one order per unit.',
    input: z.strictObject({
      findingIds: z.array(Id).min(1).max(100),
      strength: z.enum(ORDER_STRENGTHS).default('order'),
      requirements: Text(4, 4000),
      dueAt: Millis,
    }),
    output: z.array(z.object({ id: Id, serial: z.string(), unitId: Id })),
    roles: ROOM,
    kind: 'write',
  }),
  'supervision.orderPdf': method({
    summary: 'The printed order as an A4 PDF (base64).',
    input: z.strictObject({ id: Id }),
    output: FileOut,
    roles: ['operator', 'director', 'assessor', 'unit_handler'],
    kind: 'read',
  }),
  'supervision.ledger': method({
    summary: 'The supervision ledger (督办台账) as an Excel workbook (base64), for an issue period.',
    input: z.strictObject({ from: Millis.optional(), to: Millis.optional() }),
    output: FileOut,
    roles: ['operator', 'director', 'assessor'],
    kind: 'read',
  }),
  'supervision.attachment': method({
    summary: 'The bytes of one photo of an order, answer or finding, as base64.',
    input: z.strictObject({ id: Id }),
    output: FileOut,
    roles: CASE_READERS,
    kind: 'read',
  }),
} as const;
