import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { tempDir } from '../testing';

/** Every risk-register list query is served by an index, never a scan of its table. */
const QUERIES: { name: string; sql: string; index: RegExp }[] = [
  {
    name: 'the register of a year',
    sql: 'SELECT id FROM risk_assessments WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC, id DESC',
    index: /risk_assessments_by_created/,
  },
  {
    name: 'conclusions of a year',
    sql: `SELECT state, COUNT(*) AS n FROM risk_assessments
     WHERE decided_at >= ? AND decided_at < ? AND state IN ('implemented', 'postponed', 'rejected', 'terminated') GROUP BY state`,
    index: /risk_assessments_by_decided/,
  },
  {
    name: 'method records',
    sql: 'SELECT * FROM risk_methods WHERE assessment_id = ? ORDER BY held_on, rowid',
    index: /risk_methods_by_assessment/,
  },
  {
    name: 'mitigation tasks',
    sql: 'SELECT * FROM risk_tasks WHERE assessment_id = ? ORDER BY due_at, rowid',
    index: /risk_tasks_by_assessment/,
  },
  {
    name: 'reviews',
    sql: 'SELECT * FROM risk_reviews WHERE assessment_id = ? ORDER BY due_at, rowid',
    index: /risk_reviews_by_assessment/,
  },
  {
    name: 'timeline',
    sql: 'SELECT * FROM risk_assessment_actions WHERE assessment_id = ? ORDER BY at, rowid',
    index: /risk_assessment_actions_by_assessment/,
  },
  {
    name: 'files of a method record',
    sql: 'SELECT * FROM risk_attachments WHERE method_id = ? ORDER BY at',
    index: /risk_attachments_by_method/,
  },
];

describe('risk-register query plans', () => {
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
    expect(plan).not.toMatch(/\bSCAN risk_\w+\b(?! USING)/);
  });
});
