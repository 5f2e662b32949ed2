import type { CallContact, OutputOf, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { EventState } from '../../common/events';
import { getEvent, saveEvent } from '../../db/queries/events';
import { ackAlarms, alarmOfEvent } from '../../db/queries/alarms';
import { getIncident, insertCall, listCalls, setIncidentOutcome, type IncidentRecord } from '../../db/queries/iot';
import { getVillage, listUnits } from '../../db/queries/org';
import { findCategoryByCode, listRoutingRules } from '../../db/queries/reference';
import { requireActor, type ServiceContext } from '../context';
import { act } from '../events/lifecycle';
import { recordEventChange } from '../events/case-file';
import type { IncidentSnapshot } from './alarms';

/** Verification happens before the event is dispatched or closed. */
const VERIFYING: readonly EventState[] = ['reported', 'registered'];

function requireIncident(ctx: ServiceContext, eventId: string): { incident: IncidentRecord; snapshot: IncidentSnapshot } {
  const incident = getIncident(ctx.db, eventId);
  if (!incident) throw new AppError('NOT_FOUND', 'That event did not come from an IoT alarm; open it from the queue instead.');
  return { incident, snapshot: JSON.parse(incident.snapshot) as IncidentSnapshot };
}

/** Who to call, in order: the resident (when there is a number), then family and neighbours, then village staff. */
export function callList(s: IncidentSnapshot): CallContact[] {
  const people = [
    ...(s.residentPhone ? [{ name: s.residentName || '住户', relation: 'resident' as const, phone: s.residentPhone }] : []),
    ...s.contacts,
  ];
  return people.map((p, index) => ({ index, ...p }));
}

/** The fire team: the fire category's first routing rule, else a unit named like one. */
function fireUnitId(ctx: ServiceContext): string | null {
  const fire = findCategoryByCode(ctx.db, 'fire');
  const routed = fire ? listRoutingRules(ctx.db, fire.id)[0]?.unitId : undefined;
  return routed ?? listUnits(ctx.db).find((u) => u.name.includes('消防'))?.id ?? null;
}

function villageUnitId(ctx: ServiceContext, villageId: string | null): string | null {
  return villageId ? (listUnits(ctx.db).find((u) => u.kind === 'village' && u.villageId === villageId)?.id ?? null) : null;
}

export function incident(ctx: ServiceContext, input: { eventId: string }): OutputOf<'iot.incident'> {
  requireActor(ctx);
  const { incident: i, snapshot } = requireIncident(ctx, input.eventId);
  const event = getEvent(ctx.db, i.eventId)!;
  const previous = i.previousEventId ? getEvent(ctx.db, i.previousEventId) : undefined;
  const contacts = callList(snapshot);
  const calls = listCalls(ctx.db, i.eventId);
  const called = new Set(calls.map((c) => c.contactIndex));
  return {
    eventId: event.id,
    serial: event.serial,
    title: event.title,
    state: event.state,
    deviceCode: i.deviceCode,
    deviceKind: i.kind,
    address: snapshot.address,
    villageId: event.villageId,
    villageName: event.villageId ? (getVillage(ctx.db, event.villageId)?.name ?? null) : snapshot.villageName,
    residentName: snapshot.residentName,
    firstAt: i.firstAt,
    lastAt: i.lastAt,
    alarmCount: i.alarmCount,
    realarm: i.realarm === 1,
    previous: previous ? { eventId: previous.id, serial: previous.serial, state: previous.state } : null,
    outcome: i.outcome,
    contacts,
    calls: calls.map((c) => ({
      id: c.id,
      contactIndex: c.contactIndex,
      contactName: c.contactName,
      relation: c.relation,
      outcome: c.outcome,
      note: c.note,
      at: c.at,
    })),
    nextContact: contacts.find((c) => !called.has(c.index))?.index ?? null,
    fireUnitId: fireUnitId(ctx),
    villageUnitId: villageUnitId(ctx, event.villageId),
    canResolve: VERIFYING.includes(event.state) && i.outcome === null,
  };
}

function requireVerifying(ctx: ServiceContext, eventId: string) {
  const found = requireIncident(ctx, eventId);
  const event = getEvent(ctx.db, eventId)!;
  if (!VERIFYING.includes(event.state) || found.incident.outcome !== null)
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Event ${event.serial} has already been closed or dispatched; its verification is over. Reload it.`,
    );
  return { ...found, event };
}

/**
 * One call, in order: each earlier contact must have been tried (reached or
 * not) before the next one is called, so the timeline shows the resident →
 * neighbour → village staff sequence the procedure asks for.
 */
export function recordCall(ctx: ServiceContext, input: ParsedInputOf<'iot.recordCall'>): OutputOf<'iot.recordCall'> {
  const actor = requireActor(ctx);
  const { snapshot, event } = requireVerifying(ctx, input.eventId);
  const contacts = callList(snapshot);
  const contact = contacts[input.contactIndex];
  if (!contact)
    throw new AppError('BAD_INPUT', 'That contact is not on this detector’s list; reload the event.', [
      { path: 'contactIndex', message: 'no such contact' },
    ]);
  const called = new Set(listCalls(ctx.db, event.id).map((c) => c.contactIndex));
  const skipped = contacts.find((c) => c.index < contact.index && !called.has(c.index));
  if (skipped)
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Call ${skipped.name} first: the resident, then neighbours, then village staff, and record each call.`,
    );
  const id = ctx.newId();
  insertCall(ctx.db, {
    id,
    eventId: event.id,
    contactIndex: contact.index,
    contactName: contact.name,
    relation: contact.relation,
    outcome: input.outcome,
    note: input.note,
    userId: actor.userId,
    at: ctx.now(),
  });
  recordEventChange(ctx, event.id, {
    kind: 'iot_call',
    fromState: event.state,
    toState: event.state,
    unitId: null,
    note: input.note,
    payload: JSON.stringify({
      contactIndex: contact.index,
      contactName: contact.name,
      relation: contact.relation,
      outcome: input.outcome,
    }),
  });
  return { id };
}

/** A settled incident no longer needs its alarm: settling it acknowledges it, recorded like any acknowledgement. */
function silence(ctx: ServiceContext, eventId: string, userId: string): void {
  const alarm = alarmOfEvent(ctx.db, eventId);
  if (alarm && alarm.ackedAt === null) {
    ackAlarms(ctx.db, [alarm.id], { userId, at: ctx.now(), newId: ctx.newId });
    ctx.publish({ topic: 'alarms.changed', payload: {} });
  }
}

export function resolve(ctx: ServiceContext, input: ParsedInputOf<'iot.resolve'>): OutputOf<'iot.resolve'> {
  const actor = requireActor(ctx);
  const { event } = requireVerifying(ctx, input.eventId);
  const calls = listCalls(ctx.db, event.id);
  if (input.decision === 'false_alarm') {
    if (calls.some((c) => c.outcome === 'confirmed_fire'))
      throw new AppError('ILLEGAL_TRANSITION', 'A call confirmed a fire: dispatch the fire team instead of closing.');
    if (!calls.some((c) => c.outcome === 'false_alarm'))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        'Close as a false alarm only after a call in which someone confirmed it (record that call first); otherwise dispatch.',
      );
    const from = event.state;
    const now = ctx.now();
    Object.assign(event, {
      state: 'closed',
      resolvedLevel: 'township',
      closedAt: now,
      yellowAt: null,
      redAt: null,
      updatedAt: now,
    });
    saveEvent(ctx.db, event);
    setIncidentOutcome(ctx.db, event.id, 'false_alarm');
    recordEventChange(ctx, event.id, {
      kind: 'false_alarm',
      fromState: from,
      toState: 'closed',
      unitId: null,
      note: input.note,
      payload: JSON.stringify({ calls: calls.length }),
    });
    silence(ctx, event.id, actor.userId);
    return { state: 'closed' };
  }

  const lead = input.fireUnitId ?? fireUnitId(ctx);
  if (!lead)
    throw new AppError(
      'NOT_FOUND',
      'There is no fire team (消防) in the directory; add it as a unit or choose the unit to dispatch.',
    );
  const village = villageUnitId(ctx, event.villageId);
  if (event.state === 'reported') act(ctx, { action: 'register', id: event.id });
  const done = act(ctx, {
    action: 'dispatch',
    id: event.id,
    leadUnitId: lead,
    assistUnitIds: village && village !== lead ? [village] : [],
    instructions: input.note || '物联感知报警，请立即出警核实处置，并通知村社到场。',
  });
  setIncidentOutcome(ctx.db, event.id, 'dispatched');
  silence(ctx, event.id, actor.userId);
  return { state: done.state };
}
