import { z } from 'zod';
import { EVENT_STATES } from '../events';
import { ALARM_KINDS, MUTE_MINUTES } from '../iot';
import { method } from './define';
import { Empty, Id, Millis } from './shared';

/** The roles whose screens sound the alarm: the command room on duty. */
export const ALARM_ROLES = ['operator', 'director'] as const;

export const AlarmRow = z.object({
  id: Id,
  eventId: Id,
  serial: z.string(),
  title: z.string(),
  address: z.string(),
  state: z.enum(EVENT_STATES),
  kind: z.enum(ALARM_KINDS),
  /** A detector that alarmed again after its last event: a warning in its own right. */
  realarm: z.boolean(),
  count: z.number().int(),
  raisedAt: Millis,
  lastAt: Millis,
});
export type AlarmRow = z.infer<typeof AlarmRow>;

export const MAX_ALARM_ROWS = 50;

export const alarmsContract = {
  'alarms.list': method({
    summary: 'The unacknowledged alarms (newest first, at most 50, with the total) and this user’s mute.',
    input: Empty,
    output: z.object({ alarms: z.array(AlarmRow), total: z.number().int(), mutedUntil: Millis.nullable() }),
    roles: ALARM_ROLES,
    kind: 'read',
  }),
  'alarms.ack': method({
    summary: 'Acknowledges alarms (or all of them): recorded with the user and the time; the sound stops.',
    input: z.union([z.strictObject({ ids: z.array(Id).min(1).max(1000) }), z.strictObject({ all: z.literal(true) })]),
    output: z.object({ acked: z.number().int() }),
    roles: ALARM_ROLES,
    kind: 'write',
  }),
  'alarms.mute': method({
    summary: 'Silences the alarm for this user for 15, 30 or 60 minutes (0 lifts the mute); alarms still show.',
    input: z.strictObject({ minutes: z.literal(MUTE_MINUTES) }),
    output: z.object({ mutedUntil: Millis.nullable() }),
    roles: ALARM_ROLES,
    kind: 'write',
  }),
} as const;
