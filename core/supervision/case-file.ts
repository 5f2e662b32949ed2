import type { Db } from '../../db';
import { getEvent } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import { listOrderUnitIds, type AnswerRecord, type OrderRecord } from '../../db/queries/supervision';
import type { TimelineEntryRecord } from '../../db/queries/timeline';
import { recordChange, type CaseKind } from '../case-file/record-change';
import type { ServiceContext } from '../context';
import { recordEventChange } from '../events/case-file';
import { isoChina } from '../../common/china-time';

const unitName = (db: Db, id: string) => getUnit(db, id)?.name ?? id;

/** The `supervision_order` record of PROTOCOL.md; units by name, as in the `event` record. */
export function protocolOrder(db: Db, o: OrderRecord): Record<string, unknown> {
  return {
    id: o.id,
    serial: o.serial,
    strength: o.strength,
    colour: o.colour,
    target: { kind: o.targetKind, id: o.targetId },
    units: listOrderUnitIds(db, o.id).map((id) => unitName(db, id)),
    problem: o.problem,
    requirements: o.requirements,
    dueAt: isoChina(o.dueAt),
    issuedBy: o.issuerName,
    issuedAt: isoChina(o.issuedAt),
    state: o.state,
  };
}

/**
 * The `supervision_answer` record of PROTOCOL.md; `accepted` once the
 * director has decided, and never on an answer to a county order: that
 * decision is the issuer's (PROTOCOL.md "Ownership").
 */
export function protocolAnswer(db: Db, a: AnswerRecord, order: OrderRecord): Record<string, unknown> {
  return {
    id: a.id,
    // The county knows its own orders by its own id.
    orderId: order.countyRef ?? a.orderId,
    unit: unitName(db, a.unitId),
    text: a.text,
    at: isoChina(a.answeredAt),
    ...(a.decision && order.source === 'township' ? { accepted: a.decision === 'accepted' } : {}),
  };
}

/** What an order's event timeline entry is called, by the order's own step. */
const EVENT_KINDS: Record<string, (o: OrderRecord) => string> = {
  issue: (o) => (o.strength === 'chase' ? 'chase' : 'supervise'),
  reissue: () => 'supervise',
  receive: (o) => (o.strength === 'chase' ? 'chase' : 'supervise'),
  answer: () => 'supervise_answer',
  accept: () => 'supervise_accept',
  reject: () => 'supervise_reject',
};

/** An order as a case file: the order, and the answers this step wrote or decided (sent up with it). */
export interface OrderCase {
  order: OrderRecord;
  answers: AnswerRecord[];
  /** The step's own payload, repeated on the target event's timeline. */
  stepPayload: Record<string, unknown>;
}

/** Supervision orders as a kind of case; an order on an event also writes the event's timeline. */
export const ORDER_CASE: CaseKind<OrderCase> = {
  timeline: 'supervision_order',
  entity: 'supervision_order',
  caseId: (c) => c.order.id,
  systemActor: (c) => (c.order.source === 'county' ? c.order.issuerName || '县级社会治理中心' : 'system'),
  audit: (_c, change) => ({
    action: `supervision.${change.kind}`,
    summary: { ...change.payload, from: change.fromState, to: change.toState, ...(change.note ? { note: change.note } : {}) },
  }),
  outbox: (db, { order, answers }) => [
    // A county order belongs to the county (PROTOCOL.md "Ownership"): only the answers to it go up.
    ...(order.source === 'township'
      ? [{ entity: 'supervision_order' as const, id: order.id, data: protocolOrder(db, order) }]
      : []),
    ...answers.map((a) => ({ entity: 'supervision_answer' as const, id: a.id, data: protocolAnswer(db, a, order) })),
  ],
  push: (c) => ({ topic: 'supervision.changed', payload: { ids: [c.order.id] } }),
  after: (ctx, { order, stepPayload }, change) => {
    if (order.targetKind !== 'event') return;
    const event = getEvent(ctx.db, order.targetId);
    if (!event) return;
    recordEventChange(ctx, event.id, {
      kind: EVENT_KINDS[change.kind]!(order),
      fromState: event.state,
      toState: event.state,
      unitId: change.unitId ?? null,
      note: change.note ?? '',
      payload: JSON.stringify({
        orderId: order.id,
        orderSerial: order.serial,
        strength: order.strength,
        step: change.kind,
        ...stepPayload,
      }),
    });
  },
};

export interface OrderStep {
  kind: 'issue' | 'reissue' | 'receive' | 'answer' | 'accept' | 'reject';
  fromState: string | null;
  unitId?: string | null;
  note?: string;
  payload?: Record<string, unknown>;
  /** Answers written or decided by this step, sent up with the order. */
  answers?: AnswerRecord[];
}

/** An order step through the case-file bookkeeping; the payload names the order for the audit trail. */
export function recordOrderChange(ctx: ServiceContext, order: OrderRecord, step: OrderStep): TimelineEntryRecord {
  const stepPayload = step.payload ?? {};
  return recordChange(
    ctx,
    ORDER_CASE,
    { order, answers: step.answers ?? [], stepPayload },
    {
      kind: step.kind,
      fromState: step.fromState,
      toState: order.state,
      unitId: step.unitId ?? null,
      note: step.note ?? '',
      payload: { serial: order.serial, strength: order.strength, ...stepPayload },
    },
  );
}
