import type { Db } from '../../db';
import { getEvent } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import {
  insertOrderAction,
  listOrderUnitIds,
  type AnswerRecord,
  type OrderActionRecord,
  type OrderRecord,
} from '../../db/queries/supervision';
import { audit, type ServiceContext } from '../context';
import { recordEventChange } from '../events/records';
import { enqueueChange, isoChina } from '../outbox';

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

/** The `supervision_answer` record of PROTOCOL.md; `accepted` once the director has decided. */
export function protocolAnswer(db: Db, a: AnswerRecord, order: OrderRecord): Record<string, unknown> {
  return {
    id: a.id,
    // The county knows its own orders by its own id.
    orderId: order.countyRef ?? a.orderId,
    unit: unitName(db, a.unitId),
    text: a.text,
    at: isoChina(a.answeredAt),
    ...(a.decision ? { accepted: a.decision === 'accepted' } : {}),
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

export interface OrderStep {
  kind: 'issue' | 'reissue' | 'receive' | 'answer' | 'accept' | 'reject';
  fromState: string | null;
  unitId?: string | null;
  note?: string;
  payload?: Record<string, unknown>;
  /** Answers written or decided by this step, sent up with the order. */
  answers?: AnswerRecord[];
}

/**
 * The bookkeeping of every order step, in the caller's transaction: the
 * order's timeline entry, the event's timeline entry when the order targets an
 * event, the audit row, the outbox rows, and the push after commit.
 */
export function recordOrderChange(ctx: ServiceContext, order: OrderRecord, step: OrderStep): OrderActionRecord {
  const actor = ctx.actor;
  const payload = { serial: order.serial, strength: order.strength, ...(step.payload ?? {}) };
  const entry: OrderActionRecord = {
    id: ctx.newId(),
    orderId: order.id,
    kind: step.kind,
    fromState: step.fromState,
    toState: order.state,
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? (order.source === 'county' ? order.issuerName || '县级社会治理中心' : 'system'),
    actorRole: actor?.role ?? null,
    unitId: step.unitId ?? null,
    note: step.note ?? '',
    payload: JSON.stringify(payload),
    at: ctx.now(),
  };
  insertOrderAction(ctx.db, entry);
  audit(ctx, {
    action: `supervision.${step.kind}`,
    entity: 'supervision_order',
    entityId: order.id,
    summary: { ...payload, from: step.fromState, to: order.state, ...(step.note ? { note: step.note } : {}) },
  });
  // A county order belongs to the county (PROTOCOL.md "Ownership"): only the answers to it go up.
  if (order.source === 'township') enqueueChange(ctx, 'supervision_order', order.id, protocolOrder(ctx.db, order));
  for (const answer of step.answers ?? [])
    enqueueChange(ctx, 'supervision_answer', answer.id, protocolAnswer(ctx.db, answer, order));

  if (order.targetKind === 'event') {
    const event = getEvent(ctx.db, order.targetId);
    if (event) {
      recordEventChange(ctx, event.id, {
        kind: EVENT_KINDS[step.kind]!(order),
        fromState: event.state,
        toState: event.state,
        unitId: step.unitId ?? null,
        note: step.note ?? '',
        payload: JSON.stringify({
          orderId: order.id,
          orderSerial: order.serial,
          strength: order.strength,
          step: step.kind,
          ...(step.payload ?? {}),
        }),
      });
    }
  }
  ctx.publish({ topic: 'supervision.changed', payload: { ids: [order.id] } });
  return entry;
}
