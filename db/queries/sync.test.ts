import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { tempDir } from '../testing';

/** The sync's list queries are served by indexes, not scans. */
const QUERIES: { name: string; sql: string; index: RegExp }[] = [
  { name: 'unsent changes', sql: 'SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?', index: /INTEGER PRIMARY KEY/ },
  {
    name: 'county problems',
    sql: `SELECT * FROM county_inbox INDEXED BY county_inbox_not_applied
      WHERE status <> 'applied' AND status IN (SELECT value FROM json_each(?)) AND offset < ? ORDER BY offset DESC LIMIT ?`,
    index: /county_inbox_not_applied/,
  },
  {
    name: 'county inbox incl. applied',
    sql: 'SELECT * FROM county_inbox WHERE status IN (SELECT value FROM json_each(?)) AND offset < ? ORDER BY offset DESC LIMIT ?',
    index: /INTEGER PRIMARY KEY/,
  },
  {
    name: 'county problem count',
    sql: `SELECT count(*) FROM county_inbox INDEXED BY county_inbox_not_applied
      WHERE status <> 'applied' AND status IN ('unknown', 'rejected')`,
    index: /county_inbox_not_applied/,
  },
  {
    name: 'county orders',
    sql: `SELECT * FROM county_inbox INDEXED BY county_inbox_orders
      WHERE type = 'supervision_order' AND offset < ? ORDER BY offset DESC LIMIT ?`,
    index: /county_inbox_orders/,
  },
  { name: 'message seen', sql: 'SELECT 1 FROM county_inbox WHERE message_id = ? LIMIT 1', index: /county_inbox_by_message/ },
  { name: 'notices page', sql: 'SELECT * FROM notices n WHERE n.at < ? ORDER BY n.at DESC LIMIT ?', index: /notices_by_at/ },
  { name: 'assignment seen', sql: 'SELECT id FROM events WHERE county_ref = ? LIMIT 1', index: /events_by_county_ref/ },
];

let dir: ReturnType<typeof tempDir>;
let db: Db;
beforeAll(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'plans.db'));
  migrate(db);
});
afterAll(() => {
  db.close();
  dir.remove();
});

describe('sync query plans', () => {
  it.each(QUERIES)('$name uses its index', ({ sql, index }) => {
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...new Array(sql.split('?').length - 1).fill(1)) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/SCAN (county_inbox|notices|outbox|events)\b(?! USING)/);
  });
});
