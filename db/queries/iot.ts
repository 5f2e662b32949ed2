import type { EventState } from '../../common/events';
import type { CallOutcome, ContactRelation, DeviceKind } from '../../common/iot';
import type { Db } from '../open';
import { sql } from '../statements';

// Detector devices, their incidents (one per event they raised), the alarm
// log and the verification calls. The audible alarms of the room are in alarms.ts.

// Devices -------------------------------------------------------------------------

export interface DeviceRecord {
  id: string;
  code: string;
  kind: DeviceKind;
  villageId: string | null;
  address: string;
  residentName: string;
  residentPhone: string;
  contacts: { name: string; relation: ContactRelation; phone: string }[];
  installedAt: number | null;
  note: string;
  createdAt: number;
  updatedAt: number;
}

const DEVICE_COLUMNS = `id, code, kind, village_id AS villageId, address, resident_name AS residentName,
  resident_phone AS residentPhone, contacts, installed_at AS installedAt, note, created_at AS createdAt, updated_at AS updatedAt`;

type DeviceRow = Omit<DeviceRecord, 'contacts'> & { contacts: string };
const toDevice = (r: DeviceRow): DeviceRecord => ({ ...r, contacts: JSON.parse(r.contacts) as DeviceRecord['contacts'] });
const deviceParams = (d: DeviceRecord) => ({ ...d, contacts: JSON.stringify(d.contacts) });

export interface DeviceFilter {
  villageId?: string | undefined;
  search?: string | undefined;
  offset: number;
  limit: number;
}

function deviceWhere(f: DeviceFilter): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.villageId) {
    clauses.push('village_id = @villageId');
    params.villageId = f.villageId;
  }
  if (f.search) {
    clauses.push("(code LIKE @like ESCAPE '\\' OR address LIKE @like ESCAPE '\\' OR resident_name LIKE @like ESCAPE '\\')");
    params.like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** A page of the registry in code order (the code's unique index serves the order; a village uses its own index). */
export function listDevices(db: Db, f: DeviceFilter): { rows: DeviceRecord[]; total: number } {
  const { where, params } = deviceWhere(f);
  const rows = sql<DeviceRow>(
    db,
    `SELECT ${DEVICE_COLUMNS} FROM iot_devices ${where} ORDER BY code LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: f.limit, offset: f.offset });
  const total = sql<{ n: number }>(db, `SELECT count(*) AS n FROM iot_devices ${where}`).get(params)!.n;
  return { rows: rows.map(toDevice), total };
}

export function getDevice(db: Db, id: string): DeviceRecord | undefined {
  const row = sql<DeviceRow>(db, `SELECT ${DEVICE_COLUMNS} FROM iot_devices WHERE id = ?`).get(id);
  return row && toDevice(row);
}

export function findDeviceByCode(db: Db, code: string): DeviceRecord | undefined {
  const row = sql<DeviceRow>(db, `SELECT ${DEVICE_COLUMNS} FROM iot_devices WHERE code = ?`).get(code);
  return row && toDevice(row);
}

export function insertDevice(db: Db, d: DeviceRecord): void {
  sql(
    db,
    `INSERT INTO iot_devices (id, code, kind, village_id, address, resident_name, resident_phone, contacts, installed_at, note, created_at, updated_at)
     VALUES (@id, @code, @kind, @villageId, @address, @residentName, @residentPhone, @contacts, @installedAt, @note, @createdAt, @updatedAt)`,
  ).run(deviceParams(d));
}

export function updateDevice(db: Db, d: DeviceRecord): void {
  sql(
    db,
    `UPDATE iot_devices SET code = @code, kind = @kind, village_id = @villageId, address = @address, resident_name = @residentName,
       resident_phone = @residentPhone, contacts = @contacts, installed_at = @installedAt, note = @note, updated_at = @updatedAt
     WHERE id = @id`,
  ).run(deviceParams(d));
}

export function deleteDevice(db: Db, id: string): number {
  return sql(db, 'DELETE FROM iot_devices WHERE id = ?').run(id).changes;
}

// Incidents -----------------------------------------------------------------------

export interface IncidentRecord {
  eventId: string;
  deviceCode: string;
  deviceId: string | null;
  kind: string;
  firstAt: number;
  lastAt: number;
  alarmCount: number;
  previousEventId: string | null;
  realarm: 0 | 1;
  outcome: 'false_alarm' | 'dispatched' | null;
  /** JSON: address, village name, resident, contacts as they were when the alarm came. */
  snapshot: string;
}

const INCIDENT_COLUMNS = `event_id AS eventId, device_code AS deviceCode, device_id AS deviceId, kind, first_at AS firstAt,
  last_at AS lastAt, alarm_count AS alarmCount, previous_event_id AS previousEventId, realarm, outcome, snapshot`;

/** The device's most recent incident, with its event's state. */
export function latestIncident(db: Db, deviceCode: string): (IncidentRecord & { state: EventState }) | undefined {
  return sql<IncidentRecord & { state: EventState }>(
    db,
    `SELECT ${INCIDENT_COLUMNS}, (SELECT state FROM events WHERE id = event_id) AS state
     FROM iot_incidents WHERE device_code = ? ORDER BY last_at DESC LIMIT 1`,
  ).get(deviceCode);
}

export function getIncident(db: Db, eventId: string): IncidentRecord | undefined {
  return sql<IncidentRecord>(db, `SELECT ${INCIDENT_COLUMNS} FROM iot_incidents WHERE event_id = ?`).get(eventId);
}

export function insertIncident(db: Db, i: IncidentRecord): void {
  sql(
    db,
    `INSERT INTO iot_incidents (event_id, device_code, device_id, kind, first_at, last_at, alarm_count, previous_event_id, realarm, outcome, snapshot)
     VALUES (@eventId, @deviceCode, @deviceId, @kind, @firstAt, @lastAt, @alarmCount, @previousEventId, @realarm, @outcome, @snapshot)`,
  ).run(i);
}

/** One more alarm on an open incident; returns the new count (0 when the event has no incident). */
export function repeatIncident(db: Db, eventId: string, at: number): number {
  const row = sql<{ alarmCount: number }>(
    db,
    'UPDATE iot_incidents SET alarm_count = alarm_count + 1, last_at = max(last_at, ?) WHERE event_id = ? RETURNING alarm_count AS alarmCount',
  ).get(at, eventId);
  return row?.alarmCount ?? 0;
}

export function setIncidentOutcome(db: Db, eventId: string, outcome: 'false_alarm' | 'dispatched'): void {
  sql(db, 'UPDATE iot_incidents SET outcome = ? WHERE event_id = ?').run(outcome, eventId);
}

export function alarmLogged(db: Db, id: string): { eventId: string } | undefined {
  return sql<{ eventId: string }>(db, 'SELECT event_id AS eventId FROM iot_alarm_log WHERE id = ?').get(id);
}

export function logAlarm(
  db: Db,
  a: {
    id: string;
    deviceCode: string;
    at: number;
    receivedAt: number;
    source: 'county' | 'test';
    eventId: string;
    attached: 0 | 1;
  },
): void {
  sql(
    db,
    `INSERT INTO iot_alarm_log (id, device_code, at, received_at, source, event_id, attached)
     VALUES (@id, @deviceCode, @at, @receivedAt, @source, @eventId, @attached)`,
  ).run(a);
}

// Calls ---------------------------------------------------------------------------

export interface CallRecord {
  id: string;
  eventId: string;
  contactIndex: number;
  contactName: string;
  relation: string;
  outcome: CallOutcome;
  note: string;
  userId: string | null;
  at: number;
}

export function insertCall(db: Db, c: CallRecord): void {
  sql(
    db,
    `INSERT INTO iot_calls (id, event_id, contact_index, contact_name, relation, outcome, note, user_id, at)
     VALUES (@id, @eventId, @contactIndex, @contactName, @relation, @outcome, @note, @userId, @at)`,
  ).run(c);
}

export function listCalls(db: Db, eventId: string): CallRecord[] {
  return sql<CallRecord>(
    db,
    `SELECT id, event_id AS eventId, contact_index AS contactIndex, contact_name AS contactName, relation, outcome, note,
       user_id AS userId, at FROM iot_calls WHERE event_id = ? ORDER BY at, rowid`,
  ).all(eventId);
}
