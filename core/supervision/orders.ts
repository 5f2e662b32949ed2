import type { ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import {
  DEFAULT_COLOUR,
  ISSUERS,
  ORDER_COLOURS,
  ORDER_TRANSITIONS,
  orderSerial,
  raisedStrength,
  type OrderAction,
  type OrderColour,
  type OrderStrength,
  type OrderTarget,
} from '../../common/supervision';
import { getEvent } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import {
  decideAnswers,
  findingsOfOrder,
  getFinding,
  getOrder,
  insertAnswer,
  insertOrder,
  insertOrderUnit,
  insertSupervisionAttachment,
  listAnswers,
  listOrderUnitIds,
  nextOrderNumber,
  serialTaken,
  setFinding,
  setOrderState,
  type AnswerRecord,
  type OrderRecord,
} from '../../db/queries/supervision';
import { dayIndexOf, dateKeyOfDay } from '../calendar/china-time';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { writePhotoFiles, type PhotoInput } from '../events/attachments';
import { workingCalendar } from '../calendar/cache';
import { yellowMoment } from '../calendar/event-deadlines';
import { recordOrderChange } from './case-file';

export function requireOrder(ctx: ServiceContext, id: string): OrderRecord {
  const order = getOrder(ctx.db, id);
  if (!order) throw new AppError('NOT_FOUND', 'That supervision order does not exist. Reload the list of orders.');
  return order;
}

const STATE_NAMES: Record<string, string> = {
  open: '待整改 (open)',
  answered: '已反馈 (answered)',
  accepted: '已销号 (accepted)',
  rejected: '已退回再督办 (rejected)',
};

/** The year of a moment in China time. */
export function chinaYear(ms: number): number {
  return Number(dateKeyOfDay(dayIndexOf(ms)).slice(0, 4));
}

/**
 * Why this actor may not make this move on this order now, or null when they
 * may. One function serves the move and the list of moves the UI offers.
 */
export function orderRefusal(
  action: OrderAction,
  actor: Actor,
  order: OrderRecord,
  unitIds: string[],
  answers: AnswerRecord[],
): AppError | null {
  const t = ORDER_TRANSITIONS[action];
  if (!t.roles.includes(actor.role))
    return new AppError('FORBIDDEN', `Your role (${actor.role}) may not ${action} supervision orders.`);
  if (t.scope === 'addressee' && !(actor.unitId && unitIds.includes(actor.unitId)))
    return new AppError('FORBIDDEN', 'This order is not addressed to your unit.');
  if (!t.from.includes(order.state))
    return new AppError(
      'ILLEGAL_TRANSITION',
      `Order ${order.serial} is ${STATE_NAMES[order.state]}; it cannot be ${action === 'answer' ? 'answered' : `${action}ed`} now. Reload it to see what can be done.`,
    );
  if (action === 'answer' && answers.some((a) => a.unitId === actor.unitId && a.decision === null))
    return new AppError('ILLEGAL_TRANSITION', 'Your unit has already answered this order; wait for the director’s decision.');
  return null;
}

function storeAttachments(
  ctx: ServiceContext,
  ownerKind: 'order' | 'answer' | 'finding',
  ownerId: string,
  photos: PhotoInput[],
): void {
  for (const { photo, sha256, size } of writePhotoFiles(ctx, photos)) {
    insertSupervisionAttachment(ctx.db, {
      id: ctx.newId(),
      sha256,
      ownerKind,
      ownerId,
      name: photo.name,
      mime: photo.mime,
      size,
      uploadedBy: ctx.actor?.userId ?? null,
      at: ctx.now(),
    });
  }
}
export { storeAttachments };

export function targetExists(ctx: ServiceContext, kind: OrderTarget, id: string): boolean {
  if (kind === 'event') return getEvent(ctx.db, id) !== undefined;
  if (kind === 'unit') return getUnit(ctx.db, id) !== undefined;
  return getFinding(ctx.db, id) !== undefined;
}

export interface OrderSpec {
  strength: OrderStrength;
  colour: OrderColour;
  targetKind: OrderTarget;
  targetId: string;
  unitIds: string[];
  problem: string;
  requirements: string;
  dueAt: number;
  previousId?: string | null;
  source?: 'township' | 'county';
  countyRef?: string | null;
  /** A serial the order already has (the county's); used when free, otherwise the order gets ours. */
  serial?: string;
  issuerName: string;
  issuedBy: string | null;
  photos?: PhotoInput[];
}

/** Creates an order with its units, numbers it, and writes its first timeline step. */
export function createOrder(ctx: ServiceContext, spec: OrderSpec): OrderRecord {
  if (!targetExists(ctx, spec.targetKind, spec.targetId))
    throw new AppError('NOT_FOUND', `The ${spec.targetKind} this order is about does not exist. Reload and choose it again.`);
  for (const id of spec.unitIds)
    if (!getUnit(ctx.db, id)) throw new AppError('NOT_FOUND', 'One of the addressee units does not exist. Reload the directory.');
  const now = ctx.now();
  const year = chinaYear(now);
  const number = nextOrderNumber(ctx.db, year);
  const own = orderSerial(year, number);
  const serial = spec.serial && !serialTaken(ctx.db, spec.serial) ? spec.serial : own;
  const dueAt = spec.dueAt;
  const order: OrderRecord = {
    id: ctx.newId(),
    serial,
    year,
    number,
    strength: spec.strength,
    colour: spec.colour,
    targetKind: spec.targetKind,
    targetId: spec.targetId,
    problem: spec.problem,
    requirements: spec.requirements,
    dueAt,
    issuedBy: spec.issuedBy,
    issuedAt: now,
    state: 'open',
    previousId: spec.previousId ?? null,
    source: spec.source ?? 'township',
    countyRef: spec.countyRef ?? null,
    closedAt: null,
    issuerName: spec.issuerName,
    yellowAt: dueAt > now ? yellowMoment(workingCalendar(ctx.db), false, now, dueAt) : dueAt,
  };
  insertOrder(ctx.db, order);
  for (const unitId of spec.unitIds) insertOrderUnit(ctx.db, order.id, unitId);
  if (spec.photos?.length) storeAttachments(ctx, 'order', order.id, spec.photos);
  // Findings follow their rectification order, also when it is re-issued.
  const findings = spec.previousId
    ? findingsOfOrder(ctx.db, spec.previousId)
    : spec.targetKind === 'finding'
      ? [getFinding(ctx.db, spec.targetId)!]
      : [];
  for (const f of findings) setFinding(ctx.db, f.id, { orderId: order.id, state: 'ordered', closedAt: null });
  recordOrderChange(ctx, order, {
    kind: order.source === 'county' ? 'receive' : order.previousId ? 'reissue' : 'issue',
    fromState: null,
    payload: {
      colour: order.colour,
      dueAt: order.dueAt,
      units: spec.unitIds.length,
      ...(order.previousId ? { previousId: order.previousId } : {}),
    },
  });
  return order;
}

function requireFuture(ctx: ServiceContext, dueAt: number, path = 'dueAt'): void {
  if (dueAt <= ctx.now())
    throw new AppError('BAD_INPUT', 'The deadline must be in the future.', [{ path, message: 'deadline in the past' }]);
}

export function issue(ctx: ServiceContext, input: ParsedInputOf<'supervision.issue'>): { id: string; serial: string } {
  const actor = requireActor(ctx);
  if (!ISSUERS[input.strength].includes(actor.role))
    throw new AppError(
      'FORBIDDEN',
      'Only the director issues supervision orders and flagged orders; operators may send chase notices (催办).',
    );
  const base = DEFAULT_COLOUR[input.strength];
  const colour = input.colour ?? base;
  if (ORDER_COLOURS.indexOf(colour) < ORDER_COLOURS.indexOf(base))
    throw new AppError('BAD_INPUT', `A ${input.strength} is at least ${base}; choose that colour or a higher one.`, [
      { path: 'colour', message: 'below the strength’s colour' },
    ]);
  if (colour !== base && actor.role !== 'director')
    throw new AppError('FORBIDDEN', 'Only the director may raise the colour of an order.');
  requireFuture(ctx, input.dueAt);
  const order = createOrder(ctx, {
    ...input,
    colour,
    issuerName: actor.displayName,
    issuedBy: actor.userId,
    photos: input.photos,
  });
  return { id: order.id, serial: order.serial };
}

export function answer(
  ctx: ServiceContext,
  input: ParsedInputOf<'supervision.answer'>,
): { id: string; state: OrderRecord['state']; late: boolean } {
  const actor = requireActor(ctx);
  const order = requireOrder(ctx, input.id);
  const unitIds = listOrderUnitIds(ctx.db, order.id);
  const refused = orderRefusal('answer', actor, order, unitIds, listAnswers(ctx.db, order.id));
  if (refused) throw refused;
  const now = ctx.now();
  const late = now > order.dueAt;
  const record: AnswerRecord = {
    id: ctx.newId(),
    orderId: order.id,
    unitId: actor.unitId!,
    text: input.text,
    answeredBy: actor.userId,
    answeredAt: now,
    late: late ? 1 : 0,
    decision: null,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  };
  insertAnswer(ctx.db, record);
  if (input.photos.length) storeAttachments(ctx, 'answer', record.id, input.photos);
  const pending = listAnswers(ctx.db, order.id).filter((a) => a.decision === null);
  const from = order.state;
  if (unitIds.every((id) => pending.some((a) => a.unitId === id))) {
    order.state = 'answered';
    setOrderState(ctx.db, order.id, 'answered', null);
  }
  recordOrderChange(ctx, order, {
    kind: 'answer',
    fromState: from,
    unitId: actor.unitId,
    note: input.text,
    payload: { late, photos: input.photos.length },
    answers: [record],
  });
  return { id: order.id, state: order.state, late };
}

export function decide(
  ctx: ServiceContext,
  input: ParsedInputOf<'supervision.decide'>,
): { id: string; state: OrderRecord['state']; reissued: { id: string; serial: string } | null } {
  const actor = requireActor(ctx);
  const order = requireOrder(ctx, input.id);
  const action = input.decision;
  const unitIds = listOrderUnitIds(ctx.db, order.id);
  const refused = orderRefusal(action, actor, order, unitIds, listAnswers(ctx.db, order.id));
  if (refused) throw refused;
  if (input.decision === 'reject') requireFuture(ctx, input.dueAt);

  const now = ctx.now();
  const from = order.state;
  order.state = ORDER_TRANSITIONS[action].to;
  order.closedAt = now;
  setOrderState(ctx.db, order.id, order.state, now);
  const decided = decideAnswers(ctx.db, order.id, action === 'accept' ? 'accepted' : 'rejected', actor.userId, now, input.note);
  const answers = listAnswers(ctx.db, order.id).filter((a) => decided.includes(a.id));

  let reissued: OrderRecord | null = null;
  if (input.decision === 'reject') {
    const strength = raisedStrength(order.strength);
    const colour = ORDER_COLOURS[Math.max(ORDER_COLOURS.indexOf(order.colour), ORDER_COLOURS.indexOf(DEFAULT_COLOUR[strength]))]!;
    recordOrderChange(ctx, order, {
      kind: 'reject',
      fromState: from,
      note: input.note,
      answers,
      payload: { raisedTo: strength },
    });
    reissued = createOrder(ctx, {
      strength,
      colour,
      targetKind: order.targetKind,
      targetId: order.targetId,
      unitIds,
      problem: order.problem,
      requirements: input.requirements ?? order.requirements,
      dueAt: input.dueAt,
      previousId: order.id,
      issuerName: actor.displayName,
      issuedBy: actor.userId,
    });
  } else {
    recordOrderChange(ctx, order, { kind: 'accept', fromState: from, note: input.note, answers });
    for (const finding of findingsOfOrder(ctx.db, order.id))
      setFinding(ctx.db, finding.id, { orderId: order.id, state: 'closed', closedAt: now });
  }
  return { id: order.id, state: order.state, reissued: reissued ? { id: reissued.id, serial: reissued.serial } : null };
}
