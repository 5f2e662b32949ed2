import type { Db } from '../../db';
import { getEvent, insertEventAction, listEventUnits, type EventActionRecord, type EventRecord } from '../../db/queries/events';
import { getGrid, getUnit, getVillage } from '../../db/queries/org';
import { getCategory } from '../../db/queries/reference';
import { raiseAlarm } from '../alarms/alarms';
import { audit, type ServiceContext } from '../context';
import { enqueueChange, isoChina } from '../outbox';

const iso = (ms: number | null) => (ms === null ? undefined : isoChina(ms));

/** The `event` record of PROTOCOL.md: names where the county needs names, ids as global strings. */
export function protocolEvent(db: Db, e: EventRecord): Record<string, unknown> {
  const units = listEventUnits(db, e.id).filter((u) => u.state !== 'withdrawn');
  const unitName = (id: string) => getUnit(db, id)?.name ?? id;
  return {
    id: e.id,
    serial: e.serial,
    title: e.title,
    description: e.description,
    category: getCategory(db, e.categoryId)?.code ?? e.categoryId,
    requestType: e.requestType,
    source: e.source,
    priority: e.priority,
    riskColour: e.riskColour,
    village: e.villageId ? (getVillage(db, e.villageId)?.name ?? e.villageId) : '',
    grid: e.gridId ? (getGrid(db, e.gridId)?.name ?? e.gridId) : '',
    address: e.address,
    ...(e.lat !== null ? { lat: e.lat } : {}),
    ...(e.lng !== null ? { lng: e.lng } : {}),
    ...(e.reporterName ? { reporterName: e.reporterName } : {}),
    ...(e.reporterPhone ? { reporterPhone: e.reporterPhone } : {}),
    reportedAt: isoChina(e.reportedAt),
    state: e.state,
    ...(e.leadUnitId ? { leadUnit: unitName(e.leadUnitId) } : {}),
    assistingUnits: units.filter((u) => u.role === 'assist').map((u) => unitName(u.unitId)),
    ...(e.signDueAt !== null ? { signDueAt: iso(e.signDueAt) } : {}),
    ...(e.handleDueAt !== null ? { handleDueAt: iso(e.handleDueAt) } : {}),
    ...(e.resolvedLevel ? { resolvedLevel: e.resolvedLevel } : {}),
    ...(e.satisfaction ? { satisfaction: e.satisfaction } : {}),
    ...(e.mergedInto ? { mergedInto: e.mergedInto } : {}),
    ...(e.countyRef ? { countyRef: e.countyRef } : {}),
  };
}

export function protocolAction(a: EventActionRecord, unitName: string | null): Record<string, unknown> {
  return {
    id: a.id,
    eventId: a.eventId,
    kind: a.kind,
    actor: a.actorName,
    actorRole: a.actorRole ?? 'system', // PROTOCOL.md wants a string; system and county moves have no user role
    ...(unitName ? { unit: unitName } : {}),
    ...(a.note ? { note: a.note } : {}),
    at: isoChina(a.at),
    payload: JSON.parse(a.payload) as Record<string, unknown>,
  };
}

/**
 * The bookkeeping of every event action, in the caller's transaction: the
 * timeline entry, the audit row, and the outbox rows for the county.
 */
export function recordEventChange(
  ctx: ServiceContext,
  eventId: string,
  action: Omit<EventActionRecord, 'id' | 'eventId' | 'actorId' | 'actorName' | 'actorRole' | 'at'>,
): EventActionRecord {
  const actor = ctx.actor;
  const entry: EventActionRecord = {
    id: ctx.newId(),
    eventId,
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? 'system',
    actorRole: actor?.role ?? null,
    at: ctx.now(),
    ...action,
  };
  insertEventAction(ctx.db, entry);
  const event = getEvent(ctx.db, eventId)!;
  audit(ctx, {
    action: action.kind,
    entity: 'event',
    entityId: eventId,
    summary: {
      serial: event.serial,
      from: action.fromState,
      to: action.toState,
      ...JSON.parse(action.payload),
      ...(action.note ? { note: action.note } : {}),
    },
  });
  enqueueChange(ctx, 'event', eventId, protocolEvent(ctx.db, event));
  enqueueChange(
    ctx,
    'event_action',
    entry.id,
    protocolAction(entry, entry.unitId ? (getUnit(ctx.db, entry.unitId)?.name ?? null) : null),
  );
  ctx.publish({ topic: 'events.changed', payload: { ids: [eventId], reason: action.kind === 'create' ? 'created' : 'action' } });
  if (action.kind === 'create' && event.priority === 'critical') raiseAlarm(ctx, event);
  return entry;
}
