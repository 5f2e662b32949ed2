import { createHash } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../common/protocol';
import { getScheme, listRunsOfPeriod, listScores } from '../../db/queries/assessment';
import { findUnitByName, listUnits } from '../../db/queries/org';
import { getOrder, listAnswers } from '../../db/queries/supervision';
import { getSyncState, recoveredCounts } from '../../db/queries/sync';
import { tempDir } from '../../db/testing';
import { DATABASE_FILE } from '../app';
import { protocolAnswer, protocolOrder } from '../supervision/case-file';
import { expectOk } from '../testing/core';
import { startTestCounty, startTestTownship, waitFor, type TestTownship } from '../testing/sync/harness';

// A restore taken back from the county rebuilds supervision orders, their answers and assessment
// results too (PROTOCOL.md `recover`: records are whole, an upsert replaces), against the real county.

let county: Awaited<ReturnType<typeof startTestCounty>>;
beforeAll(async () => {
  county = await startTestCounty();
});
afterAll(async () => {
  await county.close();
  county.remove();
});

/** Key order never matters to a record: hash it with its keys sorted, at every level. */
function recordHash(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(sorted(value)))
    .digest('hex');
}

/** What the county holds of a township: the last applied record of each entity, through `recover`. */
async function countyRecords(townshipId: string): Promise<Map<string, Record<string, unknown>>> {
  const held = new Map<string, Record<string, unknown>>();
  for (let after = 0; ;) {
    const reply = await county.store.recover(townshipId, { after, limit: 500 });
    if (!reply.ok) throw new Error(reply.message);
    for (const c of reply.changes as Change[]) if (c.data) held.set(`${c.entity}:${c.entityId}`, c.data);
    if (!reply.more || reply.changes.length === 0) return held;
    after = reply.changes.at(-1)!.seq;
  }
}

describe('a restore takes back orders, answers and assessment results', () => {
  it('rebuilds them from the county, equal record for record', async () => {
    const T = 'QX-CASES';
    const token = await county.store.addTownship(T, '清溪镇');
    const dir = tempDir('restore-cases-');
    const link = { sync: { county: { url: county.url, townshipId: T, token } }, dataDir: dir.path };
    let township: TestTownship = startTestTownship(link);
    const synced = async () => {
      const seq = township.app.sync.status().lastSeq;
      return getSyncState(township.app.db).ackedSeq === seq && (await county.store.township(T))!.lastSeq === seq;
    };
    try {
      await waitFor(() => township.app.sync.client.connected, 10_000, 'the link');
      const backup = join(dir.path, 'backup.db');
      await township.app.db.backup(backup);

      // After the backup: an order issued, answered and accepted; an assessment published.
      const director = await township.signIn('director');
      const handler = await township.signIn('unit_handler');
      const assessor = await township.signIn('assessor');
      const unitId = findUnitByName(township.app.db, '综合行政执法队')!.id;
      const order = expectOk(
        await director.call('supervision.issue', {
          strength: 'order',
          targetKind: 'unit',
          targetId: unitId,
          unitIds: [unitId],
          problem: '夜间施工噪声投诉反复出现',
          requirements: '三日内整改并反馈',
          dueAt: Date.now() + 3 * 86_400_000,
          photos: [],
        }),
        'supervision.issue',
      );
      expectOk(await handler.call('supervision.answer', { id: order.id, text: '已约谈施工方，调整作业时间', photos: [] }));
      expectOk(await director.call('supervision.decide', { id: order.id, decision: 'accept', note: '同意销号' }));
      const { schemes } = expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {}));
      const scheme = schemes.find((s) => s.code === 'quarterly')!;
      const run = expectOk<'assessment.compute'>(
        await assessor.call('assessment.compute', { schemeId: scheme.id, period: '2026-Q3' }),
      );
      expectOk(await assessor.call('assessment.review', { runId: run.id }));
      expectOk(await director.call('assessment.publish', { runId: run.id }));
      await waitFor(synced, 15_000, 'the push');
      const before = {
        order: protocolOrder(township.app.db, getOrder(township.app.db, order.id)!),
        scores: listScores(township.app.db, run.id)
          .map((s) => [s.unitId, s.score, s.rank])
          .sort(),
      };
      township.app.close();

      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir.path, DATABASE_FILE + suffix), { force: true });
      copyFileSync(backup, join(dir.path, DATABASE_FILE));
      township = startTestTownship(link);
      const db = township.app.db;
      expect(getOrder(db, order.id)).toBeUndefined();
      await waitFor(() => getSyncState(db).recoverTarget === 0 && synced(), 20_000, 'the recovery');

      const held = await countyRecords(T);
      const rebuilt = getOrder(db, order.id)!;
      expect(rebuilt).toBeDefined();
      expect(rebuilt.state).toBe('accepted');
      expect(recordHash(protocolOrder(db, rebuilt))).toBe(recordHash(held.get(`supervision_order:${order.id}`)));
      expect(recordHash(protocolOrder(db, rebuilt))).toBe(recordHash(before.order));
      const answers = listAnswers(db, order.id);
      expect(answers).toHaveLength(1);
      expect(answers[0]!.decision).toBe('accepted');
      expect(recordHash(protocolAnswer(db, answers[0]!, rebuilt))).toBe(
        recordHash(held.get(`supervision_answer:${answers[0]!.id}`)),
      );

      // Results: the published run is back with each unit's score and rank, as the county holds them.
      const runs = listRunsOfPeriod(db, '2026-Q3', 'quarterly');
      expect(runs.map((r) => [r.revision, r.state])).toEqual([[1, 'published']]);
      expect(getScheme(db, runs[0]!.schemeId)?.code).toBe('quarterly');
      const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
      const local = listScores(db, runs[0]!.id).map((s) => ({
        schemeId: runs[0]!.schemeId,
        period: '2026-Q3',
        unit: names.get(s.unitId),
        score: s.score,
        rank: s.rank,
        revision: 1,
      }));
      const county_ = [...held.entries()]
        .filter(([key]) => key.startsWith('assessment_result:'))
        .map(([, r]) => ({
          schemeId: r.schemeId,
          period: r.period,
          unit: r.unit,
          score: r.score,
          rank: r.rank,
          revision: r.revision,
        }));
      expect(local.length).toBeGreaterThan(0);
      expect(local.map(recordHash).sort()).toEqual(county_.map(recordHash).sort());
      expect(
        listScores(db, runs[0]!.id)
          .map((s) => [s.unitId, s.score, s.rank])
          .sort(),
      ).toEqual(before.scores);
      expect(recoveredCounts(db).notApplied).toBe(0);
    } finally {
      township.stop();
      dir.remove();
    }
  }, 90_000);
});
