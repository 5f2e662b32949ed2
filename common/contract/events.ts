import { z } from 'zod';
import {
  EVENT_ACTIONS,
  EVENT_STATES,
  PRIORITIES,
  REQUEST_TYPES,
  RESOLVED_LEVELS,
  RETURN_REASONS,
  RISK_COLOURS,
  SATISFACTIONS,
  ALL_SOURCES,
  SOURCES,
  WARNINGS,
} from '../events';
import { ERROR_CODES } from '../errors';
import { ANY_ROLE, CASE_READERS, ROOM } from '../roles';
import { Attachment, FileOut, Photos, TimelineEntry } from './case-file';
import { method } from './define';
import { Empty, Id, Millis, Name } from './shared';

const Note = z.string().trim().max(2000);
const Reason = z.string().trim().min(2).max(500);

export const EventUnit = z.object({
  unitId: Id,
  unitName: z.string(),
  role: z.enum(['lead', 'assist']),
  state: z.enum(['pending', 'signed', 'fed_back', 'returned', 'withdrawn']),
  instructions: z.string(),
  dispatchedAt: Millis,
  signDueAt: Millis,
  handleDueAt: Millis,
  signedAt: Millis.nullable(),
  feedbackAt: Millis.nullable(),
  warning: z.enum(WARNINGS),
});
export type EventUnit = z.infer<typeof EventUnit>;

export const QueueRow = z.object({
  id: Id,
  serial: z.string(),
  title: z.string(),
  categoryName: z.string(),
  villageName: z.string().nullable(),
  gridName: z.string().nullable(),
  priority: z.enum(PRIORITIES),
  riskColour: z.enum(RISK_COLOURS),
  state: z.enum(EVENT_STATES),
  leadUnitName: z.string().nullable(),
  handleDueAt: Millis.nullable(),
  warning: z.enum(WARNINGS),
  source: z.enum(ALL_SOURCES),
  reportedAt: Millis,
  /** Masked in lists: 138****5678. */
  reporterPhone: z.string().nullable(),
});
export type QueueRow = z.infer<typeof QueueRow>;

export const EventDetail = z.object({
  id: Id,
  serial: z.string(),
  title: z.string(),
  description: z.string(),
  categoryId: Id,
  categoryName: z.string(),
  requestType: z.enum(REQUEST_TYPES),
  source: z.enum(ALL_SOURCES),
  priority: z.enum(PRIORITIES),
  riskColour: z.enum(RISK_COLOURS),
  villageId: Id.nullable(),
  villageName: z.string().nullable(),
  gridId: Id.nullable(),
  gridName: z.string().nullable(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  reportedAt: Millis,
  state: z.enum(EVENT_STATES),
  leadUnitId: Id.nullable(),
  signDueAt: Millis.nullable(),
  handleDueAt: Millis.nullable(),
  warning: z.enum(WARNINGS),
  resolvedLevel: z.enum(RESOLVED_LEVELS).nullable(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  mergedInto: z.object({ id: Id, serial: z.string() }).nullable(),
  owner: z.enum(['township', 'county']),
  returnCount: z.number().int(),
  reworkCount: z.number().int(),
  units: z.array(EventUnit),
  timeline: z.array(TimelineEntry),
  attachments: z.array(Attachment),
  pendingExtension: z.object({ id: Id, unitName: z.string(), reason: z.string(), requestedDue: Millis }).nullable(),
  /** Exactly the actions this user may take now, decided by the core. */
  allowedActions: z.array(z.enum(EVENT_ACTIONS)),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const QUEUE_VIEWS = ['all', 'my_todo', 'today', 'due_soon', 'overdue', 'returned'] as const;
/** The most rows one export writes: more is a sign the filter is wrong. */
export const EXPORT_MAX_ROWS = 100_000;
export const QUEUE_SORTS = ['due', 'reported_desc', 'reported', 'priority'] as const;

export const QueueFilter = z.strictObject({
  view: z.enum(QUEUE_VIEWS).default('all'),
  states: z.array(z.enum(EVENT_STATES)).max(EVENT_STATES.length).optional(),
  categoryId: Id.optional(),
  villageId: Id.optional(),
  unitId: Id.optional(),
  priority: z.enum(PRIORITIES).optional(),
  source: z.enum(ALL_SOURCES).optional(),
  warning: z.enum(WARNINGS).optional(),
  reportedFrom: Millis.optional(),
  reportedTo: Millis.optional(),
  /** Closed (办结) within [closedFrom, closedTo). */
  closedFrom: Millis.optional(),
  closedTo: Millis.optional(),
  /** Handling deadline within [dueFrom, dueTo). */
  dueFrom: Millis.optional(),
  dueTo: Millis.optional(),
  resolvedLevel: z.enum(RESOLVED_LEVELS).optional(),
  search: z.string().trim().max(50).optional(),
});
export type QueueFilter = z.infer<typeof QueueFilter>;

export const Category = z.object({
  id: Id,
  parentId: Id.nullable(),
  code: z.string(),
  name: z.string(),
  /** Disabled by the administrator: still named on the events that have it, no longer offered for new ones. */
  disabled: z.boolean(),
});
export const MatterTemplate = z.object({
  id: Id,
  name: z.string(),
  categoryId: Id.nullable(),
  instructions: z.string(),
  units: z.array(z.object({ unitId: Id, role: z.enum(['lead', 'assist']) })),
});
export type MatterTemplate = z.infer<typeof MatterTemplate>;

const Coordinates = {
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
};
const ChinaPhone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, 'phone must be 5–20 digits');

export const NewEvent = z.strictObject({
  title: Name(80),
  description: z.string().trim().min(1).max(4000),
  categoryId: Id,
  requestType: z.enum(REQUEST_TYPES),
  source: z.enum(SOURCES),
  priority: z.enum(PRIORITIES),
  riskColour: z.enum(RISK_COLOURS).default('green'),
  villageId: Id.nullable().optional(),
  gridId: Id.nullable().optional(),
  address: z.string().trim().max(200).default(''),
  ...Coordinates,
  reporterName: z.string().trim().max(40).nullable().optional(),
  reporterPhone: ChinaPhone.nullable().optional(),
  reportedAt: Millis.optional(),
  photos: Photos,
  /** Register at once (the operator took the report and accepts it). */
  register: z.boolean().default(false),
});
export type NewEvent = z.input<typeof NewEvent>;

const UnitAssignment = z.strictObject({ leadUnitId: Id, assistUnitIds: z.array(Id).max(10).default([]) });

/** One schema per action, told apart by `action`: each form is validated on its own terms. */
export const EventActionInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('register'), id: Id, note: Note.optional() }),
  z.strictObject({ action: z.literal('reject'), id: Id, reason: Reason }),
  z.strictObject({ action: z.literal('merge'), id: Id, intoId: Id, note: Note.optional() }),
  z.strictObject({ action: z.literal('answer'), id: Id, answer: Reason }),
  z.strictObject({
    action: z.literal('dispatch'),
    id: Id,
    ...UnitAssignment.shape,
    instructions: Note.default(''),
    templateId: Id.optional(),
    /** The director may set the handling deadline by hand. */
    handleDueAt: Millis.optional(),
  }),
  z.strictObject({ action: z.literal('sign'), id: Id, note: Note.optional() }),
  z.strictObject({ action: z.literal('return'), id: Id, reasonCode: z.enum(RETURN_REASONS), reason: Reason }),
  z.strictObject({
    action: z.literal('arbitrate'),
    id: Id,
    decision: z.enum(['uphold', 'overrule']),
    note: Reason,
  }),
  z.strictObject({ action: z.literal('feedback'), id: Id, text: z.string().trim().min(2).max(4000), photos: Photos }),
  z.strictObject({ action: z.literal('verify'), id: Id, resolvedLevel: z.enum(RESOLVED_LEVELS), note: Note.optional() }),
  z.strictObject({ action: z.literal('rework'), id: Id, reason: Reason }),
  z.strictObject({ action: z.literal('callback'), id: Id, satisfaction: z.enum(SATISFACTIONS), note: Note.optional() }),
  z.strictObject({ action: z.literal('reopen'), id: Id, reason: Reason }),
  z.strictObject({ action: z.literal('escalate'), id: Id, reason: Reason }),
  z.strictObject({ action: z.literal('requestExtension'), id: Id, requestedDue: Millis, reason: Reason }),
  z.strictObject({ action: z.literal('decideExtension'), id: Id, approve: z.boolean(), note: Note.optional() }),
]);
export type EventActionInput = z.input<typeof EventActionInput>;

/** 批量派遣 / 批量立案 / 批量催办: one action for many events, run through the ordinary moves. */
export const BATCH_ACTIONS = ['register', 'dispatch', 'chase'] as const;
export const BATCH_MAX = 200;
export const BatchAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('register'), note: Note.optional() }),
  z.strictObject({ action: z.literal('dispatch'), ...UnitAssignment.shape, instructions: Note.default('') }),
  /** A chase notice (催办) to each event's units, worded from its own facts. */
  z.strictObject({ action: z.literal('chase'), requirements: z.string().trim().min(4).max(4000).optional() }),
]);
export const BatchInput = z.strictObject({
  ids: z
    .array(Id)
    .min(1)
    .max(BATCH_MAX)
    .refine((ids) => new Set(ids).size === ids.length, 'an event is listed twice'),
  batch: BatchAction,
});
export type BatchInput = z.input<typeof BatchInput>;
/** An event the batch may not move, with the reason as a code, the event's state and the core's sentence. */
export const BatchRefusal = z.object({
  id: Id,
  serial: z.string(),
  title: z.string(),
  state: z.enum(EVENT_STATES).nullable(),
  code: z.enum(ERROR_CODES),
  message: z.string(),
});
export type BatchRefusal = z.infer<typeof BatchRefusal>;
export const BatchCheck = z.object({
  movable: z.array(z.object({ id: Id, serial: z.string(), title: z.string() })),
  refused: z.array(BatchRefusal),
});
export type BatchCheck = z.infer<typeof BatchCheck>;

export const DuplicateCandidate = z.object({
  id: Id,
  serial: z.string(),
  title: z.string(),
  state: z.enum(EVENT_STATES),
  reportedAt: Millis,
  distanceMetres: z.number().nullable(),
  sameGrid: z.boolean(),
  similarity: z.number(),
});

export const eventsContract = {
  'events.reference': method({
    summary: 'Categories, one-matter templates and deadline rules for forms.',
    input: Empty,
    output: z.object({ categories: z.array(Category), templates: z.array(MatterTemplate) }),
    roles: ANY_ROLE,
    kind: 'read',
  }),
  'events.create': method({
    summary: 'Take in a new event (待受理), optionally registering it at once.',
    input: NewEvent,
    output: z.object({ id: Id, serial: z.string() }),
    roles: ROOM,
    kind: 'write',
  }),
  'events.duplicates': method({
    summary:
      'Likely duplicates of an event being taken in: same category, same grid or within ~100 m, within 72 h, similar text.',
    input: z.strictObject({
      categoryId: Id,
      gridId: Id.nullable().optional(),
      ...Coordinates,
      title: z.string().max(80),
      description: z.string().max(4000).default(''),
      reportedAt: Millis.optional(),
      excludeId: Id.optional(),
    }),
    output: z.array(DuplicateCandidate),
    roles: ROOM,
    kind: 'read',
  }),
  'events.queue': method({
    summary: 'A page of the event queue for the filters; unit handlers see only their unit’s events.',
    input: z.strictObject({
      filter: QueueFilter.default({ view: 'all' }),
      sort: z.enum(QUEUE_SORTS).default('due'),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ rows: z.array(QueueRow), total: z.number().int() }),
    roles: CASE_READERS,
    kind: 'read',
  }),
  'events.get': method({
    summary: 'One event with its units, timeline, attachments and the actions this user may take.',
    input: z.strictObject({ id: Id }),
    output: EventDetail,
    roles: CASE_READERS,
    kind: 'read',
  }),
  'events.act': method({
    summary: 'Move an event along its lifecycle; state, role and unit are checked against the transition table.',
    input: EventActionInput,
    output: z.object({ id: Id, state: z.enum(EVENT_STATES) }),
    roles: [...ROOM, 'unit_handler'],
    kind: 'write',
  }),
  'events.routing': method({
    summary: 'Suggested units for dispatching an event (routing rules, locality first) and the deadlines they would get.',
    input: z.strictObject({ id: Id }),
    output: z.object({
      suggestions: z.array(z.object({ unitId: Id, unitName: z.string(), reason: z.enum(['locality', 'category']) })),
      templates: z.array(MatterTemplate),
      signDueAt: Millis,
      handleDueAt: Millis,
    }),
    roles: ROOM,
    kind: 'read',
  }),
  'events.attachment': method({
    summary: 'The bytes of one attachment, as base64.',
    input: z.strictObject({ id: Id }),
    output: FileOut,
    roles: CASE_READERS,
    kind: 'read',
  }),
  'events.batchCheck': method({
    summary: 'Which of the chosen events a batch action may move, and why each of the others may not; writes nothing.',
    input: BatchInput,
    output: BatchCheck,
    roles: ROOM,
    kind: 'read',
  }),
  'events.batch': method({
    summary: 'One action on many events in one transaction: each moves through its ordinary transition, or none does.',
    input: BatchInput,
    output: z.object({ done: z.array(z.object({ id: Id, serial: z.string() })) }),
    roles: ROOM,
    kind: 'write',
  }),
  'events.export': method({
    summary:
      'The queue as filtered, every column, as an Excel workbook (base64) streamed page by page; at most 100,000 rows; audited.',
    input: z.strictObject({ filter: QueueFilter.default({ view: 'all' }), sort: z.enum(QUEUE_SORTS).default('due') }),
    output: FileOut.extend({ rows: z.number().int() }),
    roles: CASE_READERS,
    kind: 'job',
  }),
  'events.sheet': method({
    summary: 'One event as a 事件处置单 (facts, units, timeline, photos listed): Excel or an A4 PDF; audited.',
    input: z.strictObject({ id: Id, format: z.enum(['xlsx', 'pdf']) }),
    output: FileOut,
    roles: CASE_READERS,
    kind: 'job',
  }),
  'events.duplicatesOf': method({
    summary: 'Likely duplicates of an event already taken in (grid app, 12345, county, a sensor), by the same rules as intake.',
    input: z.strictObject({ id: Id }),
    output: z.array(DuplicateCandidate),
    roles: ROOM,
    kind: 'read',
  }),
} as const;
