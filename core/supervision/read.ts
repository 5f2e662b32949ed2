import type { FileOut, OrderDetail, OrderDraft, OrderRow, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { DEFAULT_COLOUR, ORDER_ACTIONS, type OrderStrength, type OrderTarget } from '../../common/supervision';
import { getEvent, listEventUnits } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import {
  getFinding,
  getOrder,
  getSupervisionAttachment,
  listAnswers,
  listOrders,
  listOrderUnitIds,
  listSupervisionAttachments,
  nextOrderOf,
  orderIdOfAnswer,
  type OrderRecord,
} from '../../db/queries/supervision';
import { getUser } from '../../db/queries/users';
import type { Role } from '../../common/roles';
import { formatChinaTime } from '../calendar';
import { caseTimeline, toAttachment } from '../case-file/timeline';
import { requireActor, type ServiceContext } from '../context';
import { readStoredFile } from '../events/attachments';
import { workingCalendar } from '../calendar/cache';
import { orderRefusal, requireOrder } from './orders';

export function orderWarning(o: OrderRecord, now: number): 'none' | 'yellow' | 'red' {
  if (o.state !== 'open') return 'none';
  if (now > o.dueAt) return 'red';
  return now >= o.yellowAt ? 'yellow' : 'none';
}

/** What the order is about, in words: the event's serial and title, the unit's name, the finding's place. */
export function targetLabel(ctx: ServiceContext, kind: OrderTarget, id: string): string {
  if (kind === 'event') {
    const e = getEvent(ctx.db, id);
    return e ? `${e.serial} ${e.title}` : id;
  }
  if (kind === 'unit') return getUnit(ctx.db, id)?.name ?? id;
  const f = getFinding(ctx.db, id);
  return f ? `${f.place}（暗访 ${formatChinaTime(f.foundAt).slice(0, 10)}）` : id;
}

function toRow(ctx: ServiceContext, o: OrderRecord, unitIds: string[]): OrderRow {
  const now = ctx.now();
  return {
    id: o.id,
    serial: o.serial,
    strength: o.strength,
    colour: o.colour,
    targetKind: o.targetKind,
    targetId: o.targetId,
    targetLabel: targetLabel(ctx, o.targetKind, o.targetId),
    unitNames: unitIds.map((id) => getUnit(ctx.db, id)?.name ?? id),
    problem: o.problem,
    dueAt: o.dueAt,
    issuedAt: o.issuedAt,
    issuerName: o.issuerName,
    state: o.state,
    source: o.source,
    warning: orderWarning(o, now),
    overdue: o.state === 'open' && now > o.dueAt,
    previousId: o.previousId,
  };
}

/** Unit handlers see only the orders addressed to their unit. */
function visibleUnitFilter(role: Role, unitId: string | null, asked: string | undefined): string | undefined {
  if (role !== 'unit_handler') return asked;
  if (!unitId) throw new AppError('FORBIDDEN', 'Your account belongs to no unit; ask the administrator to set it.');
  return unitId;
}

export function list(ctx: ServiceContext, input: ParsedInputOf<'supervision.list'>): { rows: OrderRow[]; total: number } {
  const actor = requireActor(ctx);
  const f = input.filter;
  const unitId = visibleUnitFilter(actor.role, actor.unitId, f.unitId);
  if (actor.role === 'unit_handler' && f.unitId && f.unitId !== actor.unitId) return { rows: [], total: 0 };
  const { rows, total } = listOrders(
    ctx.db,
    {
      state: f.state,
      strength: f.strength,
      colour: f.colour,
      unitId,
      targetKind: f.targetKind,
      targetId: f.targetId,
      ...(f.overdue ? { overdueAt: ctx.now() } : {}),
    },
    input.offset,
    input.limit,
  );
  return { rows: rows.map((o) => toRow(ctx, o, listOrderUnitIds(ctx.db, o.id))), total };
}

export function requireVisibleOrder(ctx: ServiceContext, id: string): { order: OrderRecord; unitIds: string[] } {
  const actor = requireActor(ctx);
  const order = requireOrder(ctx, id);
  const unitIds = listOrderUnitIds(ctx.db, order.id);
  if (actor.role === 'unit_handler' && !(actor.unitId && unitIds.includes(actor.unitId)))
    throw new AppError('FORBIDDEN', 'This order is not addressed to your unit.');
  return { order, unitIds };
}

export function get(ctx: ServiceContext, input: { id: string }): OrderDetail {
  const actor = requireActor(ctx);
  const { order, unitIds } = requireVisibleOrder(ctx, input.id);
  const answers = listAnswers(ctx.db, order.id);
  const unitName = (id: string | null) => (id ? (getUnit(ctx.db, id)?.name ?? id) : null);
  const previous = order.previousId ? getOrder(ctx.db, order.previousId) : undefined;
  const pendingUnits = new Set(answers.filter((a) => a.decision === null).map((a) => a.unitId));
  return {
    ...toRow(ctx, order, unitIds),
    requirements: order.requirements,
    units: unitIds.map((id) => ({ id, name: unitName(id) ?? id, answered: pendingUnits.has(id) })),
    countyRef: order.countyRef,
    closedAt: order.closedAt,
    previous: previous ? { id: previous.id, serial: previous.serial } : null,
    next: nextOrderOf(ctx.db, order.id) ?? null,
    answers: answers.map((a) => ({
      id: a.id,
      unitId: a.unitId,
      unitName: unitName(a.unitId) ?? '',
      text: a.text,
      answeredByName: getUser(ctx.db, a.answeredBy)?.displayName ?? '',
      answeredAt: a.answeredAt,
      late: a.late === 1,
      decision: a.decision,
      decidedAt: a.decidedAt,
      decisionNote: a.decisionNote,
      attachments: listSupervisionAttachments(ctx.db, 'answer', a.id).map(toAttachment),
    })),
    timeline: caseTimeline(ctx.db, 'supervision_order', order.id, unitName),
    attachments: listSupervisionAttachments(ctx.db, 'order', order.id).map(toAttachment),
    allowedActions: ORDER_ACTIONS.filter((action) => orderRefusal(action, actor, order, unitIds, answers) === null),
  };
}

/** Deadlines a draft proposes: working days from now by strength (a chase is quick, a flagged order gets time). */
const DRAFT_WORKING_DAYS: Record<OrderStrength, number> = { chase: 1, order: 3, flagged: 5 };

export function draftDue(ctx: ServiceContext, strength: OrderStrength): number {
  return workingCalendar(ctx.db).addWorkingDays(ctx.now(), DRAFT_WORKING_DAYS[strength]);
}

const REQUIREMENTS: Record<OrderTarget, string> = {
  event: '请承办单位接单后立即处置，于期限内办结并书面反馈整改情况（附现场照片）。逾期未反馈的，将提级督办并纳入月度考核。',
  unit: '请单位主要负责人高度重视，逐件梳理超期未办事项，制定整改措施，于期限内书面反馈整改情况。',
  finding: '请于期限内完成整改，并书面反馈整改情况（附整改前后对比照片）。',
};

/** A pre-filled order: the facts of the target in the problem, its units as addressees. */
export function draft(ctx: ServiceContext, input: ParsedInputOf<'supervision.draft'>): OrderDraft {
  const { targetKind, targetId, strength } = input;
  const base = { strength, colour: DEFAULT_COLOUR[strength], targetKind, targetId, dueAt: draftDue(ctx, strength) };
  if (targetKind === 'event') {
    const e = getEvent(ctx.db, targetId);
    if (!e) throw new AppError('NOT_FOUND', 'That event does not exist.');
    const units = listEventUnits(ctx.db, e.id).filter((u) => u.state !== 'withdrawn');
    const lead = units.find((u) => u.role === 'lead');
    const facts = [
      `事件 ${e.serial}「${e.title}」`,
      e.handleDueAt ? `办理期限 ${formatChinaTime(e.handleDueAt).slice(0, 16)}` : null,
      e.handleDueAt && ctx.now() > e.handleDueAt ? '目前已超期未办结' : null,
      e.returnCount > 0 ? `已被退单 ${e.returnCount} 次` : null,
      e.reworkCount > 0 ? `已返工 ${e.reworkCount} 次` : null,
      e.riskColour === 'red' ? '风险等级为红色' : null,
    ].filter(Boolean);
    return {
      ...base,
      targetLabel: `${e.serial} ${e.title}`,
      unitIds: lead ? [lead.unitId, ...units.filter((u) => u.role === 'assist').map((u) => u.unitId)] : [],
      problem: `${facts.join('，')}。`,
      requirements: REQUIREMENTS.event,
    };
  }
  if (targetKind === 'unit') {
    const unit = getUnit(ctx.db, targetId);
    if (!unit) throw new AppError('NOT_FOUND', 'That unit does not exist.');
    return {
      ...base,
      targetLabel: unit.name,
      unitIds: [unit.id],
      problem: `${unit.name}近期承办事件超期情况较多，按期办结率偏低。`,
      requirements: REQUIREMENTS.unit,
    };
  }
  const f = getFinding(ctx.db, targetId);
  if (!f) throw new AppError('NOT_FOUND', 'That inspection finding does not exist.');
  return {
    ...base,
    targetLabel: f.place,
    unitIds: [f.unitId],
    problem: `${formatChinaTime(f.foundAt).slice(0, 16)}，暗访发现${f.place}：${f.problem}`,
    requirements: REQUIREMENTS.finding,
  };
}

export function attachment(ctx: ServiceContext, input: { id: string }): FileOut {
  const actor = requireActor(ctx);
  const record = getSupervisionAttachment(ctx.db, input.id);
  if (!record) throw new AppError('NOT_FOUND', 'That attachment does not exist.');
  // The same visibility as what it belongs to.
  if (record.ownerKind === 'order') requireVisibleOrder(ctx, record.ownerId);
  else if (record.ownerKind === 'answer') {
    requireVisibleOrder(ctx, orderIdOfAnswer(ctx.db, record.ownerId) ?? '');
  } else if (actor.role === 'unit_handler') {
    throw new AppError('FORBIDDEN', 'Inspection findings are for the command room.');
  }
  return { name: record.name, mime: record.mime, dataBase64: readStoredFile(ctx.dataDir, record).toString('base64') };
}
