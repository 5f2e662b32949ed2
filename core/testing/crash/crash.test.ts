import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db';
import { tempDir } from '../../../db/testing';
import { deleteNewestEventActionOutboxRow, deleteOutboxRows } from '../../../db/testing-crash';
import { DATABASE_FILE, startCore } from '../../app';
import { crashWorld, eventLifecycle, supervisionLoop, type Committed } from './actions';
import { crashInvariants } from './checks';
import { prng } from './prng';
import { runCrashHarness } from './harness';

/** CI size; `npm run test:soak` runs 200+ kills. */
const KILLS = Number(process.env.CRASH_KILLS ?? 12);

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs in the middle of real user actions`, { timeout: 240_000 }, async () => {
    const dir = tempDir('command-room-crash-');
    try {
      const report = await runCrashHarness({ dataDir: dir.path, kills: KILLS, seed: Number(process.env.CRASH_SEED ?? 8) });
      expect(report.errors).toEqual([]);
      expect(report.problems).toEqual([]);
      expect(report.kills).toBe(KILLS);
      expect(report.bundled).toBe(true);
      expect(report.committed).toBeGreaterThanOrEqual(KILLS - report.killedDuringStart);
      // And the app starts normally on what is left.
      const app = startCore({ dataDir: dir.path, seedDemo: false, tickMs: 0, log: () => {} });
      app.close();
    } finally {
      dir.remove();
    }
  });

  it('the checks notice an action that is half there', async () => {
    const dir = tempDir('command-room-crash-');
    try {
      const app = startCore({ dataDir: dir.path, seedDemo: true, demoEvents: 0, tickMs: 0, log: () => {} });
      const world = await crashWorld(app, prng(1));
      for (let i = 0; i < 5; i += 1) await eventLifecycle.act(world);
      app.close();
      const db = openDatabase(join(dir.path, DATABASE_FILE));
      expect(crashInvariants(db, dir.path)).toEqual([]);
      deleteNewestEventActionOutboxRow(db);
      const problems = crashInvariants(db, dir.path);
      db.close();
      expect(problems.join('\n')).toMatch(/outbox/);
    } finally {
      dir.remove();
    }
  });

  it('drives the supervision loop and verifies what it committed', async () => {
    const dir = tempDir('command-room-crash-');
    try {
      const app = startCore({ dataDir: dir.path, seedDemo: true, demoEvents: 0, tickMs: 0, log: () => {} });
      const world = await crashWorld(app, prng(3));
      const committed: Committed[] = [];
      for (let i = 0; i < 12; i += 1) committed.push((await supervisionLoop.act(world))!);
      expect(committed.map((c) => c.kind)).toEqual(expect.arrayContaining(['issue', 'answer']));
      expect(supervisionLoop.verify(app.db, committed)).toEqual([]);
      deleteOutboxRows(app.db, 'supervision_order', committed[0]!.entityId);
      expect(supervisionLoop.verify(app.db, committed).join('\n')).toMatch(/no outbox row/);
      app.close();
    } finally {
      dir.remove();
    }
  });
});
