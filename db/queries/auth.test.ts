import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { tempDir } from '../testing';

/** The session look-ups of resuming and of the start-up sweep use their indexes. */
describe('session query plans', () => {
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

  const plan = (sql: string) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

  it.each([
    ['session by resume hash', "SELECT id FROM sessions WHERE resume_hash = 'ab'", /sessions_by_resume_hash/],
    [
      'idle open sessions at start',
      "UPDATE sessions SET ended_at = 1, end_reason = 'expired' WHERE ended_at IS NULL AND last_seen_at < 5",
      /sessions_open_by_last_seen/,
    ],
  ])('%s', (_name, sql, index) => {
    expect(plan(sql)).toMatch(index);
  });
});
