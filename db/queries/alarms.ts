import type { EventState } from '../../common/events';
import type { AlarmKind } from '../../common/iot';
import type { Db } from '../open';
import { sql } from '../statements';

// The audible alarms of the room (alarms, alarm_acks, alarm_mutes). Detector
// devices and their incidents live in iot.ts: an alarm sounds for any 特急
// event, whether a detector or a person reported it.

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
  return sql<AlarmRecord>(db, `SELECT ${ALARM_COLUMNS} FROM alarms a WHERE a.event_id = ?`).get(eventId);
}

export function insertAlarm(db: Db, a: AlarmRecord): void {
  sql(
    db,
    `INSERT INTO alarms (id, event_id, kind, realarm, count, raised_at, last_at, acked_at, acked_by)
     VALUES (@id, @eventId, @kind, @realarm, @count, @raisedAt, @lastAt, @ackedAt, @ackedBy)`,
  ).run(a);
}

/** Sounds an alarm again: a repeat from its device. */
export function reraiseAlarm(db: Db, id: string, at: number): void {
  sql(db, 'UPDATE alarms SET count = count + 1, last_at = ?, acked_at = NULL, acked_by = NULL WHERE id = ?').run(at, id);
}

export type OpenAlarm = AlarmRecord & { serial: string; title: string; address: string; state: EventState };

/** The unacknowledged alarms, newest first, through the partial index. */
export function listUnackedAlarms(db: Db, limit: number): OpenAlarm[] {
  return sql<OpenAlarm>(
    db,
    `SELECT ${ALARM_COLUMNS}, e.serial, e.title, e.address, e.state
     FROM alarms a INDEXED BY alarms_unacked JOIN events e ON e.id = a.event_id
     WHERE a.acked_at IS NULL ORDER BY a.last_at DESC LIMIT ?`,
  ).all(limit);
}

export function countUnackedAlarms(db: Db): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM alarms INDEXED BY alarms_unacked WHERE acked_at IS NULL').get()!.n;
}

type AckedAlarm = { id: string; eventId: string; count: number };

/** Acknowledges the given (or all) unacknowledged alarms; each one gets its own ack row. */
export function ackAlarms(db: Db, ids: string[] | 'all', ack: { userId: string; at: number; newId: () => string }): AckedAlarm[] {
  const open =
    ids === 'all'
      ? sql<AckedAlarm>(
          db,
          'SELECT id, event_id AS eventId, count FROM alarms INDEXED BY alarms_unacked WHERE acked_at IS NULL',
        ).all()
      : ids.flatMap((id) => {
          const row = sql<AckedAlarm>(
            db,
            'SELECT id, event_id AS eventId, count FROM alarms WHERE id = ? AND acked_at IS NULL',
          ).get(id);
          return row ? [row] : [];
        });
  const setAcked = sql(db, 'UPDATE alarms SET acked_at = ?, acked_by = ? WHERE id = ?');
  const insertAck = sql(db, 'INSERT INTO alarm_acks (id, alarm_id, user_id, at, count) VALUES (?, ?, ?, ?, ?)');
  for (const row of open) {
    setAcked.run(ack.at, ack.userId, row.id);
    insertAck.run(ack.newId(), row.id, ack.userId, ack.at, row.count);
  }
  return open;
}

/** Until when the user silenced the alarm sound, or null. */
export function getMute(db: Db, userId: string): number | null {
  return sql<{ until: number }>(db, 'SELECT until FROM alarm_mutes WHERE user_id = ?').get(userId)?.until ?? null;
}

export function setMute(db: Db, userId: string, until: number | null, at: number): void {
  if (until === null) sql(db, 'DELETE FROM alarm_mutes WHERE user_id = ?').run(userId);
  else
    sql(
      db,
      'INSERT INTO alarm_mutes (user_id, until, set_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET until = excluded.until, set_at = excluded.set_at',
    ).run(userId, until, at);
}
