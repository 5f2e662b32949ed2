import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { tempDir } from '../testing';

/** Every list query of the IoT and alarm tables is served by an index, not a scan. */
const QUERIES: { name: string; sql: string; index: RegExp }[] = [
  { name: 'registry page', sql: 'SELECT * FROM iot_devices ORDER BY code LIMIT 100 OFFSET 0', index: /autoindex_iot_devices/ },
  {
    name: 'registry page of a village',
    sql: 'SELECT * FROM iot_devices WHERE village_id = ? ORDER BY code LIMIT 100',
    index: /iot_devices_by_village/,
  },
  { name: 'device by code', sql: 'SELECT * FROM iot_devices WHERE code = ?', index: /autoindex_iot_devices/ },
  {
    name: "a device's latest incident",
    sql: 'SELECT * FROM iot_incidents WHERE device_code = ? ORDER BY last_at DESC LIMIT 1',
    index: /iot_incidents_by_device_last/,
  },
  {
    name: 'calls of an event',
    sql: 'SELECT * FROM iot_calls WHERE event_id = ? ORDER BY at, rowid',
    index: /iot_calls_by_event/,
  },
  {
    name: 'unacknowledged alarms',
    sql: 'SELECT * FROM alarms INDEXED BY alarms_unacked WHERE acked_at IS NULL ORDER BY last_at DESC LIMIT 50',
    index: /alarms_unacked/,
  },
  { name: 'alarm of an event', sql: 'SELECT * FROM alarms WHERE event_id = ?', index: /autoindex_alarms/ },
  { name: 'acks of an alarm', sql: 'SELECT * FROM alarm_acks WHERE alarm_id = ? ORDER BY at', index: /alarm_acks_by_alarm/ },
  { name: 'alarm log by id', sql: 'SELECT event_id FROM iot_alarm_log WHERE id = ?', index: /autoindex_iot_alarm_log/ },
];

describe('IoT query plans', () => {
  const dir = tempDir();
  let db: Db;
  beforeAll(() => {
    db = openDatabase(join(dir.path, 'plans.db'));
    migrate(db);
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  it.each(QUERIES)('$name uses its index', ({ sql, index }) => {
    const params = (sql.match(/\?/g) ?? []).map(() => 'x');
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/^SCAN \w+$|\| SCAN \w+$/);
  });
});
