import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { tempDir } from '../testing';

/** Every campaign list query is served by an index, never a scan of its table. */
const QUERIES: { name: string; sql: string; index: RegExp }[] = [
  { name: 'campaigns, newest first', sql: 'SELECT id FROM campaigns ORDER BY starts_at DESC', index: /campaigns_by_start/ },
  {
    name: 'targets',
    sql: 'SELECT * FROM campaign_targets WHERE campaign_id = ? ORDER BY sort',
    index: /campaign_targets_by_campaign/,
  },
  {
    name: 'tasks',
    sql: 'SELECT * FROM campaign_tasks WHERE campaign_id = ? ORDER BY due_at, rowid',
    index: /campaign_tasks_by_campaign/,
  },
  {
    name: 'reports of a unit',
    sql: 'SELECT * FROM campaign_reports WHERE campaign_id = ? AND unit_id = ? ORDER BY at DESC',
    index: /campaign_reports_by_campaign/,
  },
  {
    name: 'tagged hazards',
    sql: 'SELECT COUNT(*) FROM campaign_events ce JOIN events e ON e.id = ce.event_id WHERE ce.campaign_id = ?',
    index: /campaign_events_by_campaign/,
  },
  {
    name: 'timeline',
    sql: 'SELECT * FROM campaign_actions WHERE campaign_id = ? ORDER BY at, rowid',
    index: /campaign_actions_by_campaign/,
  },
];

describe('campaign query plans', () => {
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

  it.each(QUERIES)('$name uses an index', ({ sql, index }) => {
    const params = (sql.match(/\?/g) ?? []).map(() => 1);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/\bSCAN campaign\w*\b(?! USING)/);
  });
});
