import type { InspectionFinding, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { DEFAULT_COLOUR, ISSUERS } from '../../common/supervision';
import { getUnit, getVillage } from '../../db/queries/org';
import {
  getFinding,
  getOrder,
  insertFinding,
  listFindings,
  listSupervisionAttachments,
  setFinding,
  type FindingRecord,
} from '../../db/queries/supervision';
import { formatChinaTime } from '../calendar';
import { audit, requireActor, type ServiceContext } from '../context';
import { createOrder, storeAttachments } from './orders';
import { toAttachment } from '../case-file/timeline';

export function findings(ctx: ServiceContext, input: ParsedInputOf<'supervision.findings'>): InspectionFinding[] {
  return listFindings(ctx.db, input.state).map((f) => {
    const order = f.orderId ? getOrder(ctx.db, f.orderId) : undefined;
    return {
      id: f.id,
      foundAt: f.foundAt,
      place: f.place,
      villageId: f.villageId,
      villageName: f.villageId ? (getVillage(ctx.db, f.villageId)?.name ?? null) : null,
      unitId: f.unitId,
      unitName: getUnit(ctx.db, f.unitId)?.name ?? '',
      problem: f.problem,
      inspector: f.inspector,
      state: f.state,
      order: order ? { id: order.id, serial: order.serial, state: order.state } : null,
      closedAt: f.closedAt,
      attachments: listSupervisionAttachments(ctx.db, 'finding', f.id).map(toAttachment),
    };
  });
}

export function recordFinding(ctx: ServiceContext, input: ParsedInputOf<'supervision.recordFinding'>): { id: string } {
  const actor = requireActor(ctx);
  if (!getUnit(ctx.db, input.unitId)) throw new AppError('NOT_FOUND', 'That unit does not exist. Reload the directory.');
  if (input.villageId && !getVillage(ctx.db, input.villageId))
    throw new AppError('NOT_FOUND', 'That village does not exist. Reload the directory.');
  if (input.foundAt > ctx.now())
    throw new AppError('BAD_INPUT', 'A finding cannot be dated in the future.', [{ path: 'foundAt', message: 'in the future' }]);
  const record: FindingRecord = {
    id: ctx.newId(),
    foundAt: input.foundAt,
    place: input.place,
    villageId: input.villageId ?? null,
    unitId: input.unitId,
    problem: input.problem,
    inspector: input.inspector,
    recordedBy: actor.userId,
    recordedAt: ctx.now(),
    orderId: null,
    state: 'open',
    closedAt: null,
  };
  insertFinding(ctx.db, record);
  if (input.photos.length) storeAttachments(ctx, 'finding', record.id, input.photos);
  audit(ctx, {
    action: 'supervision.recordFinding',
    entity: 'inspection_finding',
    entityId: record.id,
    summary: { place: record.place, unitId: record.unitId, photos: input.photos.length },
  });
  ctx.publish({ topic: 'supervision.changed', payload: { ids: [record.id] } });
  return { id: record.id };
}

/** 交办整改: the chosen open findings become one rectification order per unit. */
export function orderFindings(
  ctx: ServiceContext,
  input: ParsedInputOf<'supervision.orderFindings'>,
): { id: string; serial: string; unitId: string }[] {
  const actor = requireActor(ctx);
  if (!ISSUERS[input.strength].includes(actor.role))
    throw new AppError('FORBIDDEN', 'Only the director issues supervision orders; operators may send chase notices (催办).');
  if (input.dueAt <= ctx.now())
    throw new AppError('BAD_INPUT', 'The deadline must be in the future.', [{ path: 'dueAt', message: 'deadline in the past' }]);
  const chosen = [...new Set(input.findingIds)].map((id) => {
    const f = getFinding(ctx.db, id);
    if (!f) throw new AppError('NOT_FOUND', 'One of the chosen findings does not exist. Reload the list.');
    if (f.state !== 'open')
      throw new AppError('ILLEGAL_TRANSITION', `The finding at ${f.place} has already been turned into an order.`);
    return f;
  });
  const byUnit = new Map<string, FindingRecord[]>();
  for (const f of chosen) byUnit.set(f.unitId, [...(byUnit.get(f.unitId) ?? []), f]);
  return [...byUnit].map(([unitId, list]) => {
    const problem = list
      .map(
        (f, i) =>
          `${list.length > 1 ? `${i + 1}. ` : ''}${formatChinaTime(f.foundAt).slice(0, 16)}，暗访发现${f.place}：${f.problem}`,
      )
      .join('\n');
    const order = createOrder(ctx, {
      strength: input.strength,
      colour: DEFAULT_COLOUR[input.strength],
      targetKind: 'finding',
      targetId: list[0]!.id,
      unitIds: [unitId],
      problem,
      requirements: input.requirements,
      dueAt: input.dueAt,
      issuerName: actor.displayName,
      issuedBy: actor.userId,
    });
    for (const f of list.slice(1)) setFinding(ctx.db, f.id, { orderId: order.id, state: 'ordered', closedAt: null });
    return { id: order.id, serial: order.serial, unitId };
  });
}
