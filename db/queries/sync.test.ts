import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../migrate';
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
  {
    name: 'notices page',
    sql: 'SELECT * FROM notices n WHERE n.rowid < ? ORDER BY n.rowid DESC LIMIT ?',
    index: /INTEGER PRIMARY KEY/,
  },
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

describe('0018: the leaner county inbox', () => {
  it('keeps every inbox row, notice and read; drops the data of applied messages but county orders', () => {
    const d = tempDir();
    const old = openDatabase(join(d.path, 'upgrade.db'));
    try {
      migrate(
        old,
        loadMigrations().filter((m) => m.version < 18),
      );
      const inbox = old.prepare(
        `INSERT INTO county_inbox (id, offset, message_id, type, at, data, status, reason, entity_id, received_at)
         VALUES (?, ?, ?, ?, '2026-12-01T00:00:00Z', ?, ?, '', ?, 1)`,
      );
      old.transaction(() => {
        old.prepare("INSERT INTO notices (id, inbox_id, title, body, at) VALUES ('n1', 'i1', '通知', '正文', 5)").run();
        inbox.run('i1', 1, 'm1', 'notice', '{"title":"通知"}', 'applied', 'n1');
        inbox.run('i2', 2, 'm2', 'supervision_order', '{"id":"o"}', 'applied', 'o1');
        inbox.run('i3', 3, 'm3', 'assignment', '{"bad":1}', 'rejected', null);
        inbox.run('i4', 4, 'm4', 'future', '{"x":1}', 'unknown', null);
        inbox.run('i5', 5, 'm1', 'notice', '{"title":"通知"}', 'duplicate', null);
        old.prepare("INSERT INTO notice_reads (notice_id, user_id, read_at) VALUES ('n1', 'u1', 6)").run();
      })();
      expect(migrate(old).applied).toContain(20);
      expect(
        old.prepare('SELECT id, offset, message_id, type, data, status, entity_id FROM county_inbox ORDER BY offset').all(),
      ).toEqual([
        { id: 'i1', offset: 1, message_id: 'm1', type: 'notice', data: null, status: 'applied', entity_id: 'n1' },
        {
          id: 'i2',
          offset: 2,
          message_id: 'm2',
          type: 'supervision_order',
          data: '{"id":"o"}',
          status: 'applied',
          entity_id: 'o1',
        },
        { id: 'i3', offset: 3, message_id: 'm3', type: 'assignment', data: '{"bad":1}', status: 'rejected', entity_id: null },
        { id: 'i4', offset: 4, message_id: 'm4', type: 'future', data: '{"x":1}', status: 'unknown', entity_id: null },
        { id: 'i5', offset: 5, message_id: 'm1', type: 'notice', data: null, status: 'duplicate', entity_id: null },
      ]);
      expect(old.prepare('SELECT id, inbox_id, title FROM notices').all()).toEqual([{ id: 'n1', inbox_id: 'i1', title: '通知' }]);
      expect(old.prepare('SELECT notice_id, user_id FROM notice_reads').all()).toEqual([{ notice_id: 'n1', user_id: 'u1' }]);
      // The reads still belong to their notice.
      expect(old.pragma('foreign_key_list(notice_reads)')).toEqual([expect.objectContaining({ table: 'notices', to: 'id' })]);
      expect(old.pragma('foreign_key_check')).toEqual([]);
    } finally {
      old.close();
      d.remove();
    }
  });
});
