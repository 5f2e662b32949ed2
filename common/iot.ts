import { z } from 'zod';

/** Networked detectors the registry knows. Smoke detectors first: the others come later from the county. */
export const DEVICE_KINDS = ['smoke', 'gas', 'heat', 'other'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/**
 * Who an emergency contact is. The resident is called first, then family and
 * neighbours, then village staff: the registry keeps contacts in that order.
 */
export const CONTACT_RELATIONS = ['family', 'neighbour', 'village_staff', 'other'] as const;
export type ContactRelation = (typeof CONTACT_RELATIONS)[number];
export const RELATION_RANK: Record<ContactRelation, number> = { family: 1, neighbour: 1, village_staff: 2, other: 3 };

/** The outcome of one verification call. */
export const CALL_OUTCOMES = ['reached', 'no_answer', 'confirmed_fire', 'false_alarm'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** How an IoT incident ended: closed as a false alarm (误报) or dispatched to the fire team and the village. */
export const IOT_DECISIONS = ['false_alarm', 'dispatch'] as const;
export type IotDecision = (typeof IOT_DECISIONS)[number];

export const ALARM_KINDS = ['critical_event', 'iot'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** How long a user may silence the alarm; 0 lifts a mute. */
export const MUTE_MINUTES = [0, 15, 30, 60] as const;

/** Repeats from one device within this window attach to its open event. */
export const REPEAT_WINDOW_MS = 30 * 60_000;

const Text = (max: number) => z.string().trim().max(max);

/**
 * The `data` of the county's `iot_alarm` message (PROTOCOL.md). Lenient where
 * the protocol is silent (resident as a name or a person, contacts without a
 * relation), and unknown fields are kept and ignored.
 */
export const IotAlarmMessage = z
  .object({
    id: z.string().trim().min(1).max(100),
    deviceId: z.string().trim().min(1).max(64),
    kind: z.string().trim().min(1).max(32),
    at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 time'),
    address: Text(200).default(''),
    village: Text(60).default(''),
    resident: z.union([Text(60), z.object({ name: Text(60), phone: Text(30).optional() }).passthrough()]).optional(),
    contacts: z
      .array(z.object({ name: Text(60), relation: Text(30).optional(), phone: Text(30) }).passthrough())
      .max(20)
      .default([]),
  })
  .passthrough();
export type IotAlarmMessage = z.infer<typeof IotAlarmMessage>;
