import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './testing';
import { migrate } from './migrate';
import { openDatabase, type Db } from './open';

/** Each list query must be served by an index, not a scan of the whole table. */
const LIST_QUERIES: { name: string; sql: string; index: RegExp }[] = [
  { name: 'grids of a village', sql: 'SELECT * FROM grids WHERE village_id = ? ORDER BY name', index: /grids_by_village/ },
  { name: 'users of a unit', sql: 'SELECT * FROM users WHERE unit_id = ?', index: /users_by_unit/ },
  {
    name: 'open sessions of a user',
    sql: 'SELECT id FROM sessions WHERE user_id = ? AND ended_at IS NULL',
    index: /sessions_by_user/,
  },
  { name: 'audit page', sql: 'SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?', index: /INTEGER PRIMARY KEY/ },
  {
    name: 'audit page by entity',
    sql: 'SELECT * FROM audit_log WHERE entity = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    index: /audit_by_entity/,
  },
  { name: 'user by name', sql: 'SELECT * FROM users WHERE username = ?', index: /autoindex_users/ },
];

describe('query plans', () => {
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

  it.each(LIST_QUERIES)('$name uses an index', ({ sql, index }) => {
    const params = (sql.match(/\?/g) ?? []).map(() => 1);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/^SCAN (grids|users|sessions|audit_log)\b/);
  });
});
