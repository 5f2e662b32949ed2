import type { Db } from '../../db';
import { getEvent, listEventUnits, type EventRecord, type EventUnitRecord } from '../../db/queries/events';
import { getGrid, getUnit, getVillage } from '../../db/queries/org';
import { getCategory } from '../../db/queries/reference';
import type { TimelineEntryRecord } from '../../db/queries/timeline';
import { raiseAlarm } from '../alarms/alarms';
import { storePhotos } from './attachments';
import { recordChange, type CaseChange, type CaseKind } from '../case-file/record-change';
import type { ServiceContext } from '../context';
import { isoChina } from '../../common/china-time';

const iso = (ms: number | null) => (ms === null ? undefined : isoChina(ms));

/** An event as a case file: the event and the units on it (withdrawn ones included). */
export interface EventCase {
  event: EventRecord;
  units: EventUnitRecord[];
}

/** The `event` record of PROTOCOL.md: names where the county needs names, ids as global strings. */
export function protocolEvent(db: Db, e: EventRecord, allUnits: EventUnitRecord[]): Record<string, unknown> {
  const units = allUnits.filter((u) => u.state !== 'withdrawn');
  const category = getCategory(db, e.categoryId)?.code ?? e.categoryId;
  const unitName = (id: string) => getUnit(db, id)?.name ?? id;
  return {
    id: e.id,
    serial: e.serial,
    title: e.title,
    description: e.description,
    category,
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

/** The `event_action` record of PROTOCOL.md. */
export function protocolAction(a: TimelineEntryRecord, unitName: string | null): Record<string, unknown> {
  return {
    id: a.id,
    eventId: a.caseId,
    kind: a.kind,
    actor: a.actorName,
    actorRole: a.actorRole ?? 'system', // PROTOCOL.md wants a string; system and county moves have no user role
    ...(unitName ? { unit: unitName } : {}),
    ...(a.note ? { note: a.note } : {}),
    at: isoChina(a.at),
    payload: JSON.parse(a.payload) as Record<string, unknown>,
  };
}

/** Events as a kind of case: their timeline, audit row, county records, push, and the alarm of a 特急 event. */
export const EVENT_CASE: CaseKind<EventCase> = {
  timeline: 'event',
  entity: 'event',
  caseId: (c) => c.event.id,
  audit: (c, change) => ({
    action: change.kind,
    summary: {
      serial: c.event.serial,
      from: change.fromState,
      to: change.toState,
      ...change.payload,
      ...(change.note ? { note: change.note } : {}),
    },
  }),
  // A county-owned event is the county's record (PROTOCOL.md "Ownership"): nothing of it goes up.
  outbox: (db, c, entry) =>
    c.event.owner === 'county'
      ? []
      : [
          { entity: 'event', id: c.event.id, data: protocolEvent(db, c.event, c.units) },
          {
            entity: 'event_action',
            id: entry.id,
            data: protocolAction(entry, entry.unitId ? (getUnit(db, entry.unitId)?.name ?? null) : null),
          },
        ],
  attachPhotos: (ctx, c, entry, photos) => storePhotos(ctx, c.event.id, entry.id, photos),
  push: (c, change) => ({
    topic: 'events.changed',
    payload: { ids: [c.event.id], reason: change.kind === 'create' ? 'created' : 'action' },
  }),
  after: (ctx, c, change) => {
    if (change.kind === 'create' && c.event.priority === 'critical') raiseAlarm(ctx, c.event);
  },
};

/** An event's timeline entry as callers outside the lifecycle write it: the payload as JSON text. */
export type EventChange = Omit<CaseChange, 'payload'> & { payload: string };

/**
 * Records a move on an event that the caller does not hold loaded (a merge
 * target, an order's event, an alarm, a county message): loads it once, then
 * the case-file bookkeeping of `recordChange`.
 */
export function recordEventChange(ctx: ServiceContext, eventId: string, change: EventChange): TimelineEntryRecord {
  const event = getEvent(ctx.db, eventId)!;
  const units = listEventUnits(ctx.db, eventId);
  return recordChange(
    ctx,
    EVENT_CASE,
    { event, units },
    {
      ...change,
      payload: JSON.parse(change.payload) as Record<string, unknown>,
    },
  );
}
