import { REQUEST_TYPES, type EventState, type Priority, type RequestType, type RiskColour } from '../../../common/events';
import { getEvent, insertEvent, listEventUnits, saveEvent, type EventRecord } from '../../../db/queries/events';
import { findGridByName, findVillageByName } from '../../../db/queries/org';
import { findCategoryByCode, listCategories } from '../../../db/queries/reference';
import { workingCalendar } from '../../calendar/cache';
import { warningSchedule } from '../../calendar/event-deadlines';
import { indexForSearch, initialLifecycle, nextSerial } from '../../events/intake';
import { recordEventChange } from '../../events/case-file';
import { Rejection, type ApplyContext } from '../apply-context';

export interface CountyEventInput {
  title: string;
  description: string;
  categoryCode: string;
  requestType: string;
  source: 'county_assignment' | 'iot_alarm';
  priority: Priority;
  riskColour: RiskColour;
  village: string;
  grid: string;
  address: string;
  lat?: number;
  lng?: number;
  reporterName?: string;
  reporterPhone?: string;
  reportedAt: string;
  countyRef: string | null;
  state: 'reported' | 'registered';
}

/** A category by its code, or by its name, or else the catch-all 民生诉求 (said on the timeline). */
function resolveCategory(ctx: ApplyContext, code: string): { id: string; note: string } {
  const byCode = findCategoryByCode(ctx.db, code);
  if (byCode) return { id: byCode.id, note: '' };
  const all = listCategories(ctx.db);
  const byName = all.find((c) => c.name === code);
  if (byName) return { id: byName.id, note: '' };
  const fallback = all.find((c) => c.code === 'livelihood') ?? all[0];
  if (!fallback) throw new Rejection('NOT_FOUND', 'No category exists here to file the event under.');
  return { id: fallback.id, note: `县级分类“${code}”本地无对应，暂归入“${fallback.name}”` };
}

/**
 * Registers an event that came from the county through the same bookkeeping
 * as an intake: serial, search index, timeline, audit and outbox rows.
 */
export function createCountyEvent(ctx: ApplyContext, input: CountyEventInput): EventRecord {
  const category = resolveCategory(ctx, input.categoryCode);
  const village = input.village ? findVillageByName(ctx.db, input.village) : undefined;
  const grid = village && input.grid ? findGridByName(ctx.db, village.id, input.grid) : undefined;
  const now = ctx.now();
  const reportedAt = Math.min(Number.isFinite(Date.parse(input.reportedAt)) ? Date.parse(input.reportedAt) : now, now);
  const unknownPlace = [input.village && !village ? input.village : '', input.grid && !grid ? input.grid : '']
    .filter(Boolean)
    .join(' ');
  const event: Omit<EventRecord, 'rowid'> = {
    id: ctx.newId(),
    serial: nextSerial(ctx, now),
    title: input.title.slice(0, 200) || '县级交办事件',
    description: input.description,
    categoryId: category.id,
    requestType: (REQUEST_TYPES as readonly string[]).includes(input.requestType)
      ? (input.requestType as RequestType)
      : 'request',
    source: input.source,
    priority: input.priority,
    riskColour: input.riskColour,
    villageId: village?.id ?? null,
    gridId: grid?.id ?? null,
    address: unknownPlace && !input.address.includes(unknownPlace) ? `${unknownPlace} ${input.address}`.trim() : input.address,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    reporterName: input.reporterName ?? null,
    reporterPhone: input.reporterPhone ?? null,
    reportedAt,
    state: input.state,
    ...initialLifecycle(now, null, input.countyRef),
  };
  const rowid = insertEvent(ctx.db, event);
  indexForSearch(ctx, rowid, event);
  recordEventChange(ctx, event.id, {
    kind: 'create',
    fromState: null,
    toState: 'reported',
    unitId: null,
    note: category.note,
    payload: JSON.stringify({ source: event.source, priority: event.priority, countyMessage: ctx.message.id }),
  });
  if (input.state === 'registered') {
    recordEventChange(ctx, event.id, {
      kind: 'register',
      fromState: 'reported',
      toState: 'registered',
      unitId: null,
      note: '县级交办，自动立案',
      payload: '{}',
    });
  }
  return getEvent(ctx.db, event.id)!;
}

/** A state change decided by the county, with its timeline entry and outbox rows. */
export function countyMove(
  ctx: ApplyContext,
  event: EventRecord,
  change: { kind: string; to: EventState; note: string; owner?: 'township' | 'county'; payload?: Record<string, unknown> },
): void {
  const from = event.state;
  const now = ctx.now();
  event.state = change.to;
  if (change.owner) event.owner = change.owner;
  if (change.to === 'closed' && event.closedAt === null) Object.assign(event, { closedAt: now, resolvedLevel: 'county' });
  const lead = listEventUnits(ctx.db, event.id).find((u) => u.role === 'lead' && u.state !== 'withdrawn');
  Object.assign(event, warningSchedule(workingCalendar(ctx.db), event.priority === 'critical', event, lead, now), {
    updatedAt: now,
  });
  saveEvent(ctx.db, event);
  recordEventChange(ctx, event.id, {
    kind: change.kind,
    fromState: from,
    toState: change.to,
    unitId: null,
    note: change.note,
    payload: JSON.stringify({ countyMessage: ctx.message.id, ...(change.payload ?? {}) }),
  });
}
