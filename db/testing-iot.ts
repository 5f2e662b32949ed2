/** Test support for the IoT alarm tests (core/iot/iot.test.ts): what they read back from the database. */
import type { Db } from './open';
import { sql } from './statements';

/** The village committee's unit of a village (undefined when it has none). */
export function villageUnitOf(db: Db, villageId: string): string | undefined {
  return sql<{ id: string }>(db, "SELECT id FROM units WHERE kind = 'village' AND village_id = ?").get(villageId)?.id;
}

/** Every alarm acknowledgement as stored, by its count. */
export function storedAlarmAcks(db: Db): { userId: string; at: number; count: number }[] {
  return sql<{ userId: string; at: number; count: number }>(
    db,
    'SELECT user_id AS userId, at, count FROM alarm_acks ORDER BY count',
  ).all();
}

/** The contact snapshot an incident took when its alarm came in (undefined when there is no incident). */
export function incidentSnapshot(db: Db, eventId: string): string | undefined {
  return sql<{ snapshot: string }>(db, 'SELECT snapshot FROM iot_incidents WHERE event_id = ?').get(eventId)?.snapshot;
}
