/**
 * The query-plan harness every feature's plan test shares: each case runs a
 * real query function on a migrated, seeded database while its SQL is
 * captured, and the plan of the statement it prepared must use the named
 * index and scan none of the feature's tables. Not used by production code.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../db';
import { migrate } from '../../db/migrate';
import { openDatabase } from '../../db/open';
import { seedPlanDatabase } from '../../db/plan-seed';
import { queryPlan, statementsRunBy, tempDir } from '../../db/testing';

export interface PlanCase {
  name: string;
  /** Calls the real query function. */
  run: (db: Db) => unknown;
  index: RegExp;
  /** Which of the statements `run` prepares is explained (default the only one), and how many it prepares (default 1). */
  statement?: number;
  statements?: number;
}

/** One test per case, in the calling `describe`; `tables` names the tables none of the plans may scan. */
export function itUsesIndexes(cases: PlanCase[], tables: RegExp): void {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let db: Db;
  beforeAll(() => {
    dir = tempDir();
    file = join(dir.path, 'plans.db');
    db = openDatabase(file);
    migrate(db);
    seedPlanDatabase(db);
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });
  const scan = new RegExp(`\\bSCAN (${tables.source})\\b(?! USING)`);

  it.each(cases)('$name uses an index', ({ run, index, statement = 0, statements = 1 }) => {
    const texts = statementsRunBy(file, run);
    expect(texts).toHaveLength(statements);
    const plan = queryPlan(db, texts[statement]!);
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(scan);
  });
}
