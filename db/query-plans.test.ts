import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './testing';
import { migrate } from './migrate';
import { openDatabase, type Db } from './open';
import { queueConditions, queuePageSql, type QueueQuery } from './queries/queue';

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
  {
    name: 'timeline of an event',
    sql: 'SELECT * FROM event_actions WHERE event_id = ? ORDER BY at, rowid',
    index: /event_actions_by_event/,
  },
  {
    name: 'units on an event',
    sql: 'SELECT * FROM event_units WHERE event_id = ? ORDER BY role DESC',
    index: /autoindex_event_units|event_units_by_event_state/,
  },
  { name: 'counts by state', sql: 'SELECT state, count(*) FROM events GROUP BY state', index: /COVERING INDEX events_by_state/ },
  {
    name: 'duplicates window',
    sql: 'SELECT id FROM events WHERE category_id IN (?, ?) AND reported_at BETWEEN ? AND ?',
    index: /events_by_category_reported/,
  },
  {
    name: 'warning tick (red)',
    sql: 'SELECT id FROM events WHERE red_at IS NOT NULL AND warning < 2 AND red_at < ?',
    index: /events_turning_red/,
  },
  {
    name: 'warning tick (yellow)',
    sql: 'SELECT id FROM events WHERE yellow_at IS NOT NULL AND warning < 1 AND yellow_at <= ?',
    index: /events_turning_yellow/,
  },
];

/** The queue's page query, as the core builds it for typical filters. */
const QUEUE_QUERIES: { name: string; q: Omit<QueueQuery, 'offset' | 'limit'>; index: RegExp }[] = [
  {
    name: 'state + village + category, by due',
    q: { states: ['in_progress'], villageId: 'v', categoryIds: ['c'], sort: 'due' },
    index: /events_by_state_village_category_due/,
  },
  { name: 'states, by due', q: { states: ['dispatched', 'in_progress'], sort: 'due' }, index: /events_by_state/ },
  { name: 'everything, newest first', q: { sort: 'reported_desc' }, index: /events_by_reported/ },
  { name: 'everything, by due (the opening screen)', q: { sort: 'due' }, index: /events_by_due/ },
  { name: 'today', q: { reportedFrom: 1, sort: 'reported_desc' }, index: /events_by_reported/ },
  {
    name: 'a unit’s to-do',
    q: { unitId: 'u', unitStates: ['pending', 'signed'], sort: 'due' },
    index: /event_units_by_unit_state/,
  },
  { name: 'search', q: { ftsTrigram: '"消防通道"', sort: 'due' }, index: /VIRTUAL TABLE INDEX/ },
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

  it.each(QUEUE_QUERIES)('queue: $name uses an index', ({ q, index }) => {
    const { sql, params } = queuePageSql({ ...q, offset: 0, limit: 50 });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/SCAN e\b(?! USING)/);
    // The page is picked first and joined after: the outer loop never walks the events table.
    expect(plan).toMatch(/SCAN page \| SEARCH e USING INTEGER PRIMARY KEY/);
    const { where, params: countParams } = queueConditions({ ...q, offset: 0, limit: 50 });
    const countPlan = (
      db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM events e ${where}`).all(countParams) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    if (Object.keys(countParams).length > 0) expect(countPlan).not.toMatch(/SCAN e\b(?! USING)/);
  });
});
