import { z } from 'zod';
import { checkChangeLimits, MAX_ADDRESS_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS } from './limits';

export * from './limits';

/**
 * The county sync wire protocol, version 1 revision 2 (PROTOCOL.md), as zod schemas
 * shared by the township's sync client and the reference county center.
 * Records keep unknown fields (looseObject): PROTOCOL.md says they are kept
 * and ignored, so a newer peer's extra fields never make a change invalid.
 */
export const PROTOCOL_VERSION = 1;
export const NAMESPACE = '/township';
export const MAX_BATCH_CHANGES = 500;
export const MAX_BATCH_BYTES = 512 * 1024;
export const MAX_PULL_LIMIT = 500;

export const WIRE_ERROR_CODES = ['AUTH_FAILED', 'PROTOCOL_UNSUPPORTED', 'SEQ_GAP', 'INVALID', 'TOO_LARGE', 'NOT_OWNER'] as const;
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

const Id = z.string().min(1).max(200);
/** ISO 8601 with an offset (or Z). */
export const IsoTime = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().max(max);

export const HandshakeAuth = z.object({
  protocol: z.number(),
  townshipId: Id,
  token: z.string().min(1).max(500),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const ConnectErrorData = z.object({
  code: z.enum(['AUTH_FAILED', 'PROTOCOL_UNSUPPORTED']),
  message: z.string(),
});

// Records (township → county) ---------------------------------------------------
// PROTOCOL.md "Limits": titles ≤ 200, addresses ≤ 1,000, any other text ≤ 20,000.

export const EventRecord = z.looseObject({
  id: Id,
  serial: Text(MAX_TEXT_CHARS),
  title: Text(MAX_TITLE_CHARS),
  description: Text(MAX_TEXT_CHARS),
  category: Text(MAX_TEXT_CHARS),
  requestType: Text(MAX_TEXT_CHARS),
  source: Text(MAX_TEXT_CHARS),
  priority: z.enum(['normal', 'urgent', 'critical']),
  riskColour: z.enum(['green', 'yellow', 'red']),
  village: Text(MAX_TEXT_CHARS),
  grid: Text(MAX_TEXT_CHARS),
  address: Text(MAX_ADDRESS_CHARS),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  reporterName: Text(MAX_TEXT_CHARS).optional(),
  reporterPhone: Text(MAX_TEXT_CHARS).optional(),
  reportedAt: IsoTime,
  state: Text(MAX_TEXT_CHARS),
  leadUnit: Text(MAX_TEXT_CHARS).optional(),
  assistingUnits: z.array(Text(MAX_TEXT_CHARS)).max(100),
  signDueAt: IsoTime.optional(),
  handleDueAt: IsoTime.optional(),
  resolvedLevel: z.enum(['grid', 'village', 'township', 'county']).optional(),
  satisfaction: Text(MAX_TEXT_CHARS).optional(),
  mergedInto: Id.optional(),
  countyRef: Id.optional(),
});

export const EventActionRecord = z.looseObject({
  id: Id,
  eventId: Id,
  kind: Text(MAX_TEXT_CHARS).min(1),
  actor: Text(MAX_TEXT_CHARS),
  actorRole: Text(MAX_TEXT_CHARS),
  unit: Text(MAX_TEXT_CHARS).optional(),
  note: Text(MAX_TEXT_CHARS).optional(),
  at: IsoTime,
  payload: z.record(z.string(), z.unknown()),
});

export const SupervisionOrderRecord = z.looseObject({
  id: Id,
  serial: Text(MAX_TEXT_CHARS),
  strength: z.enum(['chase', 'order', 'flagged']),
  colour: z.enum(['blue', 'yellow', 'red']),
  target: z.looseObject({ kind: z.enum(['event', 'unit', 'finding']), id: Id }),
  units: z.array(Text(MAX_TEXT_CHARS)).max(100),
  problem: Text(MAX_TEXT_CHARS),
  requirements: Text(MAX_TEXT_CHARS),
  dueAt: IsoTime,
  issuedBy: Text(MAX_TEXT_CHARS),
  issuedAt: IsoTime,
  state: z.enum(['open', 'answered', 'accepted', 'rejected']),
});

export const SupervisionAnswerRecord = z.looseObject({
  id: Id,
  orderId: Id,
  unit: Text(MAX_TEXT_CHARS),
  text: Text(MAX_TEXT_CHARS),
  at: IsoTime,
  accepted: z.boolean().optional(),
});

export const AssessmentResultRecord = z.looseObject({
  id: Id,
  schemeId: Id,
  period: Text(MAX_TEXT_CHARS),
  unit: Text(MAX_TEXT_CHARS),
  score: z.number().min(0).max(100),
  rank: z.number().int().min(1),
  indicators: z.record(z.string(), z.number()),
  revision: z.number().int().min(0),
  publishedAt: IsoTime,
});

const Count = z.number().int().min(0);
export const DailyFiguresRecord = z.looseObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  received: Count,
  closed: Count,
  overdue: Count,
  byLevel: z.looseObject({ grid: Count, village: Count, township: Count, county: Count }),
});

export const RECORD_SCHEMAS = {
  event: EventRecord,
  event_action: EventActionRecord,
  supervision_order: SupervisionOrderRecord,
  supervision_answer: SupervisionAnswerRecord,
  assessment_result: AssessmentResultRecord,
  daily_figures: DailyFiguresRecord,
} as const;
export type ChangeEntity = keyof typeof RECORD_SCHEMAS;
export const CHANGE_ENTITIES = Object.keys(RECORD_SCHEMAS) as ChangeEntity[];

/** The envelope of a change; its `data` is checked against the entity's record schema by `parseChange`. */
export const ChangeEnvelope = z
  .object({
    seq: z.number().int().min(1),
    id: Id,
    entity: z.enum(CHANGE_ENTITIES as [ChangeEntity, ...ChangeEntity[]]),
    entityId: Id,
    op: z.enum(['upsert', 'delete']),
    at: IsoTime,
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((c) => (c.op === 'upsert') === (c.data !== undefined), {
    message: 'an upsert carries data, a delete does not',
    path: ['data'],
  });
export type Change = z.infer<typeof ChangeEnvelope>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Envelope and record together. */
export function parseChange(raw: unknown): ParseResult<Change> {
  // Depth and size first: nothing deeper or larger than the limits is ever walked by zod or stringified.
  const limits = checkChangeLimits(raw);
  if (!limits.ok) return limits;
  const envelope = ChangeEnvelope.safeParse(raw);
  if (!envelope.success) return { ok: false, message: describe(envelope.error) };
  const change = envelope.data;
  if (change.data !== undefined) {
    const record = RECORD_SCHEMAS[change.entity].safeParse(change.data);
    if (!record.success) return { ok: false, message: `data of ${change.entity}: ${describe(record.error)}` };
  }
  return { ok: true, value: change };
}

export const PushRequest = z.object({ changes: z.array(z.unknown()).min(1) });
export const REFUSAL_CODES = ['INVALID', 'NOT_OWNER'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];
export const Refusal = z.object({ seq: z.number().int().min(1), code: z.enum(REFUSAL_CODES), message: z.string() });
export type Refusal = z.infer<typeof Refusal>;
export const PushReply = z.union([
  // Revision 2 always lists `rejected`; a revision-1 county omits it.
  z.object({
    ok: z.literal(true),
    applied: z.number().int().min(0),
    rejected: z.array(Refusal).max(MAX_BATCH_CHANGES).optional(),
  }),
  z.object({
    ok: z.literal(false),
    code: z.literal('SEQ_GAP'),
    expected: z.number().int().min(1),
    message: z.string().optional(),
  }),
  z.object({ ok: z.literal(false), code: z.literal('INVALID'), seq: z.number().int(), message: z.string() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type PushReply = z.infer<typeof PushReply>;

// Messages (county → township) -----------------------------------------------------

export const MESSAGE_TYPES = [
  'assignment',
  'iot_alarm',
  'reference_data',
  'supervision_order',
  'escalation_reply',
  'status_update',
  'notice',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The envelope; `type` stays a string so an unknown type can be stored and skipped. */
export const MessageEnvelope = z.object({
  offset: z.number().int().min(1),
  id: Id,
  type: z.string().min(1).max(100),
  at: IsoTime,
  data: z.unknown(),
});
export type Message = z.infer<typeof MessageEnvelope>;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `MessageEnvelope` without zod, for the receiver's hot path (a catch-up
 * checks 100,000 of them): the same rules, the first problem as a message.
 */
export function checkMessageEnvelope(item: unknown): ParseResult<Message> {
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    return { ok: false, message: '(root): expected an object' };
  const m = item as Record<string, unknown>;
  if (typeof m.offset !== 'number' || !Number.isSafeInteger(m.offset) || m.offset < 1)
    return { ok: false, message: 'offset: expected an integer ≥ 1' };
  if (typeof m.id !== 'string' || m.id.length < 1 || m.id.length > 200)
    return { ok: false, message: 'id: expected 1–200 characters' };
  if (typeof m.type !== 'string' || m.type.length < 1 || m.type.length > 100)
    return { ok: false, message: 'type: expected 1–100 characters' };
  if (typeof m.at !== 'string' || !ISO_WITH_OFFSET.test(m.at) || !Number.isFinite(Date.parse(m.at)))
    return { ok: false, message: 'at: expected an ISO 8601 time with its offset' };
  return { ok: true, value: { offset: m.offset, id: m.id, type: m.type, at: m.at, data: m.data } };
}

export const AssignmentData = EventRecord.extend({ countyRef: Id });
export const IotAlarmData = z.looseObject({
  id: Id,
  deviceId: Id,
  kind: Text(50).min(1),
  at: IsoTime,
  address: Text(1000),
  village: Text(200),
  resident: Text(200).optional(),
  contacts: z.array(z.union([Text(200), z.record(z.string(), z.unknown())])).max(20),
});
export const REFERENCE_KINDS = ['categories', 'deadline_rules', 'holiday_calendar', 'scheme', 'units'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];
export const ReferenceData = z.looseObject({
  kind: z.enum(REFERENCE_KINDS),
  version: z.number().int().min(0),
  items: z.array(z.unknown()).max(100_000),
});
export const EscalationReplyData = z.looseObject({
  eventId: Id,
  decision: z.enum(['accepted', 'returned']),
  note: Text(20_000),
});
export const StatusUpdateData = z.looseObject({ eventId: Id, state: Text(50).min(1), note: Text(20_000) });
export const NoticeData = z.looseObject({ title: Text(500).min(1), body: Text(100_000) });

export const MESSAGE_DATA_SCHEMAS = {
  assignment: AssignmentData,
  iot_alarm: IotAlarmData,
  reference_data: ReferenceData,
  supervision_order: SupervisionOrderRecord,
  escalation_reply: EscalationReplyData,
  status_update: StatusUpdateData,
  notice: NoticeData,
} as const satisfies Record<MessageType, z.ZodType>;
export type MessageData<T extends MessageType> = z.infer<(typeof MESSAGE_DATA_SCHEMAS)[T]>;

export function isMessageType(type: string): type is MessageType {
  return (MESSAGE_TYPES as readonly string[]).includes(type);
}

/** Checks a message's data against its type (for a known type). */
export function parseMessageData<T extends MessageType>(type: T, data: unknown): ParseResult<MessageData<T>> {
  const parsed = MESSAGE_DATA_SCHEMAS[type].safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data as MessageData<T> } : { ok: false, message: describe(parsed.error) };
}

export const PullRequest = z.object({
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});
export const PullReply = z.union([
  z.object({ ok: z.literal(true), messages: z.array(z.unknown()), more: z.boolean() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);

// Where do we stand, taking back (revision 2) ------------------------------------------

export const StatusReply = z.union([
  z.object({ ok: z.literal(true), lastSeq: z.number().int().min(0), lastOffset: z.number().int().min(0) }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type StatusReply = z.infer<typeof StatusReply>;
export const MAX_RECOVER_LIMIT = 500;
export const RecoverRequest = z.object({
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_RECOVER_LIMIT).optional(),
});
export const RecoverReply = z.union([
  z.object({ ok: z.literal(true), changes: z.array(z.unknown()), more: z.boolean() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);

/** Byte size of a JSON payload, the way the limit of 512 KiB is measured. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}
