/**
 * The warm worker thread: a job's failure is reported and the next job still
 * gets its answer; jobs that overlap each get a thread; answers equal what the
 * main connection computes.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_KEYS } from '../../common/assessment';
import { migrate, openDatabase, type Db } from '../../db';
import { computeAggregates } from '../../db/queries/assessment-indicators';
import { seedDemoTownship } from '../demo/seed';
import { seedReferenceData } from '../events/reference-seed';
import { buildFixture, Q3 } from '../testing/assessment-fixtures';
import { tempDir } from '../testing/core';
import { aggregateInWorker } from './run-worker';

describe('the assessment worker thread', () => {
  const dir = tempDir('assessment-worker-');
  const file = join(dir.path, 'quarter.db');
  let db: Db;
  beforeAll(() => {
    db = openDatabase(file);
    migrate(db);
    seedReferenceData(db);
    seedDemoTownship(db, Date.UTC(2026, 10, 30, 1), 0);
    buildFixture(db);
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });
  const job = { dbPath: file, keys: [...INDICATOR_KEYS], start: Q3.start, end: Q3.end };

  it('answers as the main connection would, again and again', async () => {
    const expected = computeAggregates(db, INDICATOR_KEYS, Q3.start, Q3.end);
    expect(expected.rows.length).toBeGreaterThan(5);
    expect(await aggregateInWorker(job)).toEqual(expected);
    expect(await aggregateInWorker(job)).toEqual(expected);
  });

  it('reports a failed job and answers the next one', async () => {
    await expect(aggregateInWorker({ ...job, dbPath: join(dir.path, 'missing.db') })).rejects.toThrow(
      /the assessment worker failed/,
    );
    expect((await aggregateInWorker(job)).rows.length).toBeGreaterThan(5);
  });

  it('answers jobs that overlap', async () => {
    const [a, b, c] = await Promise.all([aggregateInWorker(job), aggregateInWorker(job), aggregateInWorker(job)]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });
});
