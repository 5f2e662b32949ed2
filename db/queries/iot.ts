import type { AlarmKind, CallOutcome, ContactRelation, DeviceKind } from '../../common/iot';
import type { EventState } from '../../common/events';
import type { Db } from '../open';

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
  const rows = db
    .prepare(`SELECT ${DEVICE_COLUMNS} FROM iot_devices ${where} ORDER BY code LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: f.limit, offset: f.offset }) as DeviceRow[];
  const total = db.prepare(`SELECT count(*) FROM iot_devices ${where}`).pluck().get(params) as number;
  return { rows: rows.map(toDevice), total };
}

export function getDevice(db: Db, id: string): DeviceRecord | undefined {
  const row = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM iot_devices WHERE id = ?`).get(id) as DeviceRow | undefined;
  return row && toDevice(row);
}

export function findDeviceByCode(db: Db, code: string): DeviceRecord | undefined {
  const row = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM iot_devices WHERE code = ?`).get(code) as DeviceRow | undefined;
  return row && toDevice(row);
}

export function insertDevice(db: Db, d: DeviceRecord): void {
  db.prepare(
    `INSERT INTO iot_devices (id, code, kind, village_id, address, resident_name, resident_phone, contacts, installed_at, note, created_at, updated_at)
     VALUES (@id, @code, @kind, @villageId, @address, @residentName, @residentPhone, @contacts, @installedAt, @note, @createdAt, @updatedAt)`,
  ).run(deviceParams(d));
}

export function updateDevice(db: Db, d: DeviceRecord): void {
  db.prepare(
    `UPDATE iot_devices SET code = @code, kind = @kind, village_id = @villageId, address = @address, resident_name = @residentName,
       resident_phone = @residentPhone, contacts = @contacts, installed_at = @installedAt, note = @note, updated_at = @updatedAt
     WHERE id = @id`,
  ).run(deviceParams(d));
}

export function deleteDevice(db: Db, id: string): number {
  return db.prepare('DELETE FROM iot_devices WHERE id = ?').run(id).changes;
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
  return db
    .prepare(
      `SELECT ${INCIDENT_COLUMNS}, (SELECT state FROM events WHERE id = event_id) AS state
       FROM iot_incidents WHERE device_code = ? ORDER BY last_at DESC LIMIT 1`,
    )
    .get(deviceCode) as (IncidentRecord & { state: EventState }) | undefined;
}

export function getIncident(db: Db, eventId: string): IncidentRecord | undefined {
  return db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM iot_incidents WHERE event_id = ?`).get(eventId) as
    IncidentRecord | undefined;
}

export function insertIncident(db: Db, i: IncidentRecord): void {
  db.prepare(
    `INSERT INTO iot_incidents (event_id, device_code, device_id, kind, first_at, last_at, alarm_count, previous_event_id, realarm, outcome, snapshot)
     VALUES (@eventId, @deviceCode, @deviceId, @kind, @firstAt, @lastAt, @alarmCount, @previousEventId, @realarm, @outcome, @snapshot)`,
  ).run(i);
}

/** One more alarm on an open incident; returns the new count. */
export function repeatIncident(db: Db, eventId: string, at: number): number {
  return db
    .prepare(
      'UPDATE iot_incidents SET alarm_count = alarm_count + 1, last_at = max(last_at, ?) WHERE event_id = ? RETURNING alarm_count',
    )
    .pluck()
    .get(at, eventId) as number;
}

export function setIncidentOutcome(db: Db, eventId: string, outcome: 'false_alarm' | 'dispatched'): void {
  db.prepare('UPDATE iot_incidents SET outcome = ? WHERE event_id = ?').run(outcome, eventId);
}

export function alarmLogged(db: Db, id: string): { eventId: string } | undefined {
  return db.prepare('SELECT event_id AS eventId FROM iot_alarm_log WHERE id = ?').get(id) as { eventId: string } | undefined;
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
  db.prepare(
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
  db.prepare(
    `INSERT INTO iot_calls (id, event_id, contact_index, contact_name, relation, outcome, note, user_id, at)
     VALUES (@id, @eventId, @contactIndex, @contactName, @relation, @outcome, @note, @userId, @at)`,
  ).run(c);
}

export function listCalls(db: Db, eventId: string): CallRecord[] {
  return db
    .prepare(
      `SELECT id, event_id AS eventId, contact_index AS contactIndex, contact_name AS contactName, relation, outcome, note,
         user_id AS userId, at FROM iot_calls WHERE event_id = ? ORDER BY at, rowid`,
    )
    .all(eventId) as CallRecord[];
}

// Audible alarms ------------------------------------------------------------------

export interface AlarmRecord {
  id: string;
  eventId: string;
  kind: AlarmKind;
  realarm: 0 | 1;
  count: number;
  raisedAt: number;
  lastAt: number;
  ackedAt: number | null;
  ackedBy: string | null;
}

const ALARM_COLUMNS = `a.id, a.event_id AS eventId, a.kind, a.realarm, a.count, a.raised_at AS raisedAt, a.last_at AS lastAt,
  a.acked_at AS ackedAt, a.acked_by AS ackedBy`;

export function alarmOfEvent(db: Db, eventId: string): AlarmRecord | undefined {
  return db.prepare(`SELECT ${ALARM_COLUMNS} FROM alarms a WHERE a.event_id = ?`).get(eventId) as AlarmRecord | undefined;
}

export function insertAlarm(db: Db, a: AlarmRecord): void {
  db.prepare(
    `INSERT INTO alarms (id, event_id, kind, realarm, count, raised_at, last_at, acked_at, acked_by)
     VALUES (@id, @eventId, @kind, @realarm, @count, @raisedAt, @lastAt, @ackedAt, @ackedBy)`,
  ).run(a);
}

/** Sounds an alarm again: a repeat from its device. */
export function reraiseAlarm(db: Db, id: string, at: number): void {
  db.prepare('UPDATE alarms SET count = count + 1, last_at = ?, acked_at = NULL, acked_by = NULL WHERE id = ?').run(at, id);
}

export type OpenAlarm = AlarmRecord & { serial: string; title: string; address: string; state: EventState };

/** The unacknowledged alarms, newest first, through the partial index. */
export function listUnackedAlarms(db: Db, limit: number): OpenAlarm[] {
  return db
    .prepare(
      `SELECT ${ALARM_COLUMNS}, e.serial, e.title, e.address, e.state
       FROM alarms a INDEXED BY alarms_unacked JOIN events e ON e.id = a.event_id
       WHERE a.acked_at IS NULL ORDER BY a.last_at DESC LIMIT ?`,
    )
    .all(limit) as OpenAlarm[];
}

export function countUnackedAlarms(db: Db): number {
  return db.prepare('SELECT count(*) FROM alarms INDEXED BY alarms_unacked WHERE acked_at IS NULL').pluck().get() as number;
}

/** Acknowledges the given (or all) unacknowledged alarms; each one gets its own ack row. */
export function ackAlarms(
  db: Db,
  ids: string[] | 'all',
  ack: { userId: string; at: number; newId: () => string },
): { id: string; eventId: string; count: number }[] {
  const open =
    ids === 'all'
      ? (db
          .prepare('SELECT id, event_id AS eventId, count FROM alarms INDEXED BY alarms_unacked WHERE acked_at IS NULL')
          .all() as { id: string; eventId: string; count: number }[])
      : ids.flatMap((id) => {
          const row = db
            .prepare('SELECT id, event_id AS eventId, count FROM alarms WHERE id = ? AND acked_at IS NULL')
            .get(id) as { id: string; eventId: string; count: number } | undefined;
          return row ? [row] : [];
        });
  const setAcked = db.prepare('UPDATE alarms SET acked_at = ?, acked_by = ? WHERE id = ?');
  const insertAck = db.prepare('INSERT INTO alarm_acks (id, alarm_id, user_id, at, count) VALUES (?, ?, ?, ?, ?)');
  for (const row of open) {
    setAcked.run(ack.at, ack.userId, row.id);
    insertAck.run(ack.newId(), row.id, ack.userId, ack.at, row.count);
  }
  return open;
}

export function listAlarmAcks(db: Db, alarmId: string): { userId: string; at: number; count: number }[] {
  return db.prepare('SELECT user_id AS userId, at, count FROM alarm_acks WHERE alarm_id = ? ORDER BY at, rowid').all(alarmId) as {
    userId: string;
    at: number;
    count: number;
  }[];
}

export function getMute(db: Db, userId: string): number | null {
  return (db.prepare('SELECT until FROM alarm_mutes WHERE user_id = ?').pluck().get(userId) as number | undefined) ?? null;
}

export function setMute(db: Db, userId: string, until: number | null, at: number): void {
  if (until === null) db.prepare('DELETE FROM alarm_mutes WHERE user_id = ?').run(userId);
  else
    db.prepare(
      'INSERT INTO alarm_mutes (user_id, until, set_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET until = excluded.until, set_at = excluded.set_at',
    ).run(userId, until, at);
}
