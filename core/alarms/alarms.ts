import type { OutputOf, ParsedInputOf } from '../../common/contract';
import { MAX_ALARM_ROWS } from '../../common/contract/alarms';
import type { EventRecord } from '../../db/queries/events';
import {
  ackAlarms,
  alarmOfEvent,
  countUnackedAlarms,
  getMute,
  insertAlarm,
  listUnackedAlarms,
  reraiseAlarm,
  setMute,
} from '../../db/queries/alarms';
import { getIncident } from '../../db/queries/iot';
import { audit, requireActor, type ServiceContext } from '../context';

/**
 * Sounds the alarm for a 特急 or IoT event, inside the caller's transaction:
 * a new alarm, or the event's old one sounding again (a repeat from its
 * detector) even if someone had acknowledged it.
 */
export function raiseAlarm(ctx: ServiceContext, event: Pick<EventRecord, 'id' | 'source'>): void {
  const now = ctx.now();
  const existing = alarmOfEvent(ctx.db, event.id);
  if (existing) reraiseAlarm(ctx.db, existing.id, now);
  else
    insertAlarm(ctx.db, {
      id: ctx.newId(),
      eventId: event.id,
      kind: event.source === 'iot_alarm' ? 'iot' : 'critical_event',
      realarm: getIncident(ctx.db, event.id)?.realarm ?? 0,
      count: 1,
      raisedAt: now,
      lastAt: now,
      ackedAt: null,
      ackedBy: null,
    });
  ctx.publish({ topic: 'alarms.changed', payload: {} });
}

export function listAlarms(ctx: ServiceContext): OutputOf<'alarms.list'> {
  const actor = requireActor(ctx);
  const until = getMute(ctx.db, actor.userId);
  return {
    alarms: listUnackedAlarms(ctx.db, MAX_ALARM_ROWS).map((a) => ({
      id: a.id,
      eventId: a.eventId,
      serial: a.serial,
      title: a.title,
      address: a.address,
      state: a.state,
      kind: a.kind,
      realarm: a.realarm === 1,
      count: a.count,
      raisedAt: a.raisedAt,
      lastAt: a.lastAt,
    })),
    total: countUnackedAlarms(ctx.db),
    mutedUntil: until !== null && until > ctx.now() ? until : null,
  };
}

/** Each acknowledgement is a row (user, time, how many alarms it silenced) and one audit entry. */
export function acknowledge(ctx: ServiceContext, input: ParsedInputOf<'alarms.ack'>): OutputOf<'alarms.ack'> {
  const actor = requireActor(ctx);
  const acked = ackAlarms(ctx.db, 'all' in input ? 'all' : input.ids, {
    userId: actor.userId,
    at: ctx.now(),
    newId: ctx.newId,
  });
  if (acked.length > 0) {
    audit(ctx, {
      action: 'acknowledge',
      entity: 'alarm',
      entityId: acked.length === 1 ? acked[0]!.id : null,
      summary: { count: acked.length, eventIds: acked.slice(0, 20).map((a) => a.eventId) },
    });
    ctx.publish({ topic: 'alarms.changed', payload: {} });
  }
  return { acked: acked.length };
}

/** Mutes are per user: every window of this user falls silent, colleagues still hear it. */
export function mute(ctx: ServiceContext, input: ParsedInputOf<'alarms.mute'>): OutputOf<'alarms.mute'> {
  const actor = requireActor(ctx);
  const now = ctx.now();
  const until = input.minutes === 0 ? null : now + input.minutes * 60_000;
  setMute(ctx.db, actor.userId, until, now);
  audit(ctx, { action: input.minutes === 0 ? 'unmute' : 'mute', entity: 'alarm', summary: { minutes: input.minutes } });
  ctx.publish({ topic: 'alarms.changed', payload: {} });
  return { mutedUntil: until };
}
