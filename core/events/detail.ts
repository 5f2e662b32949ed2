import type { OutputOf, ParsedInputOf } from '../../common/contract';
import type { EventDetail } from '../../common/contract/events';
import { EVENT_ACTIONS } from '../../common/events';
import { AppError } from '../../common/errors';
import { getEvent, listAttachments } from '../../db/queries/events';
import { getGrid, getUnit, getVillage } from '../../db/queries/org';
import { getCategory } from '../../db/queries/reference';
import { warningLevel } from '../calendar';
import { caseTimeline, toAttachment } from '../case-file/timeline';
import { requireActor, type ServiceContext } from '../context';
import { workingCalendar } from '../calendar/cache';
import { WARNING_NAMES } from '../calendar/event-deadlines';
import { readAttachment } from './attachments';
import { requireSituation } from './lifecycle';
import { refusal } from './rules';
import { nameFor, phoneFor } from '../safety/personal-data';

export function eventDetail(ctx: ServiceContext, input: { id: string }): EventDetail {
  const actor = requireActor(ctx);
  const situation = requireSituation(ctx, input.id);
  const { event } = situation;
  // A handler reads what is assigned to the unit now: a withdrawn assignment ends the unit's access.
  if (actor.role === 'unit_handler' && !situation.units.some((u) => u.unitId === actor.unitId && u.state !== 'withdrawn')) {
    throw new AppError('FORBIDDEN', 'This event is not assigned to your unit (any more).');
  }
  const calendar = workingCalendar(ctx.db);
  const now = ctx.now();
  const unitName = (id: string | null) => (id ? (getUnit(ctx.db, id)?.name ?? null) : null);
  const attachments = listAttachments(ctx.db, event.id);
  const merged = event.mergedInto ? getEvent(ctx.db, event.mergedInto) : undefined;
  const calendarTime = event.priority === 'critical';

  return {
    id: event.id,
    serial: event.serial,
    title: event.title,
    description: event.description,
    categoryId: event.categoryId,
    categoryName: getCategory(ctx.db, event.categoryId)?.name ?? '',
    requestType: event.requestType,
    source: event.source,
    priority: event.priority,
    riskColour: event.riskColour,
    villageId: event.villageId,
    villageName: event.villageId ? (getVillage(ctx.db, event.villageId)?.name ?? null) : null,
    gridId: event.gridId,
    gridName: event.gridId ? (getGrid(ctx.db, event.gridId)?.name ?? null) : null,
    address: event.address,
    lat: event.lat,
    lng: event.lng,
    reporterName: nameFor(actor.role, event.reporterName),
    reporterPhone: phoneFor(actor.role, event.reporterPhone),
    reportedAt: event.reportedAt,
    state: event.state,
    leadUnitId: event.leadUnitId,
    signDueAt: event.signDueAt,
    handleDueAt: event.handleDueAt,
    warning: WARNING_NAMES[event.warning],
    resolvedLevel: event.resolvedLevel,
    satisfaction: event.satisfaction,
    mergedInto: merged ? { id: merged.id, serial: merged.serial } : null,
    owner: event.owner,
    returnCount: event.returnCount,
    reworkCount: event.reworkCount,
    units: situation.units
      .filter((u) => u.state !== 'withdrawn')
      .map((u) => {
        const sign = warningLevel(
          calendar,
          { startAt: u.dispatchedAt, dueAt: u.signDueAt, doneAt: u.signedAt, calendarTime },
          now,
        );
        const handle = warningLevel(
          calendar,
          { startAt: u.dispatchedAt, dueAt: u.handleDueAt, doneAt: u.feedbackAt, calendarTime },
          now,
        );
        const worst = [sign, handle].includes('red') ? 'red' : [sign, handle].includes('yellow') ? 'yellow' : 'none';
        return {
          unitId: u.unitId,
          unitName: unitName(u.unitId) ?? '',
          role: u.role,
          state: u.state,
          instructions: u.instructions,
          dispatchedAt: u.dispatchedAt,
          signDueAt: u.signDueAt,
          handleDueAt: u.handleDueAt,
          signedAt: u.signedAt,
          feedbackAt: u.feedbackAt,
          warning: u.state === 'returned' ? 'none' : worst,
        };
      }),
    timeline: caseTimeline(ctx.db, 'event', event.id, unitName, (entryId) => attachments.filter((x) => x.actionId === entryId)),
    attachments: attachments.map(toAttachment),
    pendingExtension: situation.pendingExtension
      ? {
          id: situation.pendingExtension.id,
          unitName: unitName(situation.pendingExtension.unitId) ?? '',
          reason: situation.pendingExtension.reason,
          requestedDue: situation.pendingExtension.requestedDue,
        }
      : null,
    allowedActions: EVENT_ACTIONS.filter((action) => refusal(action, actor, situation) === null),
  };
}

/** An attachment's bytes, for whoever may see its event (the same visibility check as the event itself). */
export function eventAttachment(ctx: ServiceContext, input: ParsedInputOf<'events.attachment'>): OutputOf<'events.attachment'> {
  const file = readAttachment(ctx, input.id);
  eventDetail(ctx, { id: file.eventId });
  return { name: file.name, mime: file.mime, dataBase64: file.dataBase64 };
}
