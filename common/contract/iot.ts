import { z } from 'zod';
import { EVENT_STATES } from '../events';
import { CALL_OUTCOMES, CONTACT_RELATIONS, DEVICE_KINDS, IOT_DECISIONS } from '../iot';
import { ROOM } from '../roles';
import { method } from './define';
import { ById, Id, Millis, Name, Nothing, Phone } from './shared';

/** Keep the registry: the admin sets it up, the operator keeps it current. */
const KEEPERS = ['admin', 'operator'] as const;
const READERS = ['admin', 'operator', 'director'] as const;

export const DeviceContact = z.strictObject({
  name: Name(30),
  relation: z.enum(CONTACT_RELATIONS),
  phone: Phone,
});
export type DeviceContact = z.infer<typeof DeviceContact>;

export const DEVICE_CODE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{1,63}$/;

/** One detector as entered by hand or read from a row of an import file. */
export const DeviceInput = z
  .strictObject({
    code: z.string().trim().regex(DEVICE_CODE, 'device code: 2–64 letters, digits or _ . : -'),
    kind: z.enum(DEVICE_KINDS).default('smoke'),
    villageId: Id.nullable(),
    address: Name(200),
    residentName: z.string().trim().max(30).default(''),
    residentPhone: z.union([Phone, z.literal('')]).default(''),
    contacts: z.array(DeviceContact).max(10).default([]),
    installedAt: Millis.nullable().default(null),
    note: z.string().trim().max(500).default(''),
  })
  .refine((d) => d.residentPhone !== '' || d.contacts.length > 0, {
    path: ['contacts'],
    message: 'give the resident’s phone or at least one emergency contact: someone must be called when it alarms',
  });
export type DeviceInput = z.infer<typeof DeviceInput>;

export const Device = z.object({
  id: Id,
  code: z.string(),
  kind: z.enum(DEVICE_KINDS),
  villageId: Id.nullable(),
  villageName: z.string().nullable(),
  address: z.string(),
  residentName: z.string(),
  /** Masked (138****5678) for roles that do not call residents. */
  residentPhone: z.string(),
  contacts: z.array(z.object({ name: z.string(), relation: z.enum(CONTACT_RELATIONS), phone: z.string() })),
  installedAt: Millis.nullable(),
  note: z.string(),
  updatedAt: Millis,
});
export type Device = z.infer<typeof Device>;

/** Why an import row was refused: the renderer words it by code, `reason` is the core's English. */
export const IMPORT_ERROR_CODES = [
  'missing_column',
  'no_rows',
  'required',
  'bad_code',
  'bad_phone',
  'needs_phone',
  'bad_date',
  'unknown_kind',
  'unknown_village',
  'unknown_relation',
  'duplicate_code',
  'invalid',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export const ImportRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.enum(IMPORT_ERROR_CODES),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const CallContact = z.object({
  index: z.number().int(),
  name: z.string(),
  relation: z.enum(['resident', ...CONTACT_RELATIONS]),
  phone: z.string(),
});
export type CallContact = z.infer<typeof CallContact>;

export const IncidentCall = z.object({
  id: Id,
  contactIndex: z.number().int(),
  contactName: z.string(),
  relation: z.string(),
  outcome: z.enum(CALL_OUTCOMES),
  note: z.string(),
  at: Millis,
});

export const Incident = z.object({
  eventId: Id,
  serial: z.string(),
  title: z.string(),
  state: z.enum(EVENT_STATES),
  deviceCode: z.string(),
  deviceKind: z.string(),
  address: z.string(),
  villageId: Id.nullable(),
  villageName: z.string().nullable(),
  residentName: z.string(),
  firstAt: Millis,
  lastAt: Millis,
  alarmCount: z.number().int(),
  realarm: z.boolean(),
  previous: z.object({ eventId: Id, serial: z.string(), state: z.enum(EVENT_STATES) }).nullable(),
  outcome: z.enum(['false_alarm', 'dispatched']).nullable(),
  /** Who to call, in order: the resident, family and neighbours, village staff. */
  contacts: z.array(CallContact),
  calls: z.array(IncidentCall),
  /** The next contact in order nobody has called yet, or null. */
  nextContact: z.number().int().nullable(),
  /** Suggested units for a dispatch: the fire team and the village's own unit. */
  fireUnitId: Id.nullable(),
  villageUnitId: Id.nullable(),
  canResolve: z.boolean(),
});
export type Incident = z.infer<typeof Incident>;

export const iotContract = {
  'iot.devices': method({
    summary: 'The detector registry, a page at a time, optionally of one village or matching a code, address or name.',
    input: z.strictObject({
      villageId: Id.optional(),
      search: z.string().trim().max(60).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ rows: z.array(Device), total: z.number().int() }),
    roles: READERS,
    kind: 'read',
  }),
  'iot.saveDevice': method({
    summary: 'Adds a detector, or changes one when `id` is given.',
    input: z.strictObject({ id: Id.optional(), device: DeviceInput }),
    output: z.object({ id: Id }),
    roles: KEEPERS,
    kind: 'write',
  }),
  'iot.deleteDevice': method({
    summary: 'Removes a detector from the registry; its past alarms and events stay.',
    input: ById,
    output: Nothing,
    roles: KEEPERS,
    kind: 'write',
  }),
  'iot.importDevices': method({
    summary:
      'Imports detectors from an Excel (.xlsx) or CSV file: every row checked, every bad row listed, and nothing imported unless all rows are good.',
    input: z.strictObject({
      fileName: z.string().trim().min(1).max(200),
      dataBase64: z
        .string()
        .min(4)
        .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
    }),
    output: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      errors: z.array(ImportRowError),
    }),
    roles: KEEPERS,
    kind: 'job',
  }),
  'iot.injectTestAlarm': method({
    summary: 'Raises a test alarm from a registered detector, exactly as if the county had sent it (admin only).',
    input: z.strictObject({
      deviceCode: z.string().trim().min(1).max(64),
      kind: z.enum(['smoke', 'gas', 'heat']).default('smoke'),
    }),
    output: z.object({ eventId: Id, attached: z.boolean() }),
    roles: ['admin'],
    kind: 'write',
  }),
  'iot.incident': method({
    summary: 'An IoT event for verification: the device, who to call in order, the calls made, the outcome.',
    input: z.strictObject({ eventId: Id }),
    output: Incident,
    roles: READERS,
    kind: 'read',
  }),
  'iot.recordCall': method({
    summary: 'Records one verification call (resident → neighbour → village staff) on the event’s timeline.',
    input: z.strictObject({
      eventId: Id,
      contactIndex: z.number().int().min(0).max(20),
      outcome: z.enum(CALL_OUTCOMES),
      note: z.string().trim().max(500).default(''),
    }),
    output: z.object({ id: Id }),
    roles: ROOM,
    kind: 'write',
  }),
  'iot.resolve': method({
    summary: 'Ends the verification: close as a false alarm (误报) or dispatch to the fire team and the village.',
    input: z.strictObject({
      eventId: Id,
      decision: z.enum(IOT_DECISIONS),
      note: z.string().trim().max(500).default(''),
      /** Dispatch only: the lead unit, default the fire team. */
      fireUnitId: Id.optional(),
    }),
    output: z.object({ state: z.enum(EVENT_STATES) }),
    roles: ROOM,
    kind: 'write',
  }),
} as const;
