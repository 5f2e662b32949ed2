/**
 * Test support for the end-to-end tests (e2e/*.e2e.test.ts): what they read
 * back from the room's database behind the browser. Not used by production code.
 */
import type { Db } from './open';
import { sql } from './statements';

/** The states of the events with these serials, in the order SQLite finds them. */
export function eventStatesOfSerials(db: Db, serials: readonly string[]): string[] {
  const placeholders = serials.map(() => '?').join(',');
  return sql<{ state: string }>(db, `SELECT state FROM events WHERE serial IN (${placeholders})`)
    .all(...serials)
    .map((r) => r.state);
}

/** How many timeline entries of one kind the events with these serials have. */
export function actionCountOfSerials(db: Db, serials: readonly string[], kind: string): number {
  const placeholders = serials.map(() => '?').join(',');
  return sql<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM event_actions a JOIN events e ON e.id = a.event_id WHERE e.serial IN (${placeholders}) AND a.kind = ?`,
  ).get(...serials, kind)!.n;
}

/** The kinds of an event's timeline entries, oldest first. */
export function actionKindsOfSerial(db: Db, serial: string): string[] {
  return sql<{ kind: string }>(
    db,
    'SELECT kind FROM event_actions a JOIN events e ON e.id = a.event_id WHERE e.serial = ? ORDER BY a.rowid',
  )
    .all(serial)
    .map((r) => r.kind);
}

/** The event an IoT alarm opened (the first in the alarm log). */
export function eventOfAlarmFrom(
  db: Db,
  deviceCode: string,
): { id: string; priority: string; state: string; source: string } | undefined {
  return sql<{ id: string; priority: string; state: string; source: string }>(
    db,
    'SELECT e.id, e.priority, e.state, e.source FROM iot_alarm_log l JOIN events e ON e.id = l.event_id WHERE l.device_code = ?',
  ).get(deviceCode);
}

/** How many audit rows record this action. */
export function auditActionCount(db: Db, action: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action)!.n;
}

export function unitIdByName(db: Db, name: string): string | undefined {
  return sql<{ id: string }>(db, 'SELECT id FROM units WHERE name = ?').get(name)?.id;
}

/** How many units still work on the event with this serial (withdrawn ones not counted). */
export function liveUnitCountOfSerial(db: Db, serial: string): number {
  return sql<{ n: number }>(
    db,
    "SELECT count(*) AS n FROM event_units u JOIN events e ON e.id = u.event_id WHERE e.serial = ? AND u.state <> 'withdrawn'",
  ).get(serial)!.n;
}
