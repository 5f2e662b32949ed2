import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxSeqs, tempDir } from '../../db/testing';
import { storedEventRow } from '../../db/testing-events';
import {
  actionCountOf,
  countyChangeRows,
  countyRecordCount,
  outboxSeqsOf,
  outboxSequenceMark,
  storedOutboxRows,
  storedSyncState,
} from '../../db/testing-sync';
import { appendOutbox } from '../../db/queries/outbox';
import { findCategoryByCode } from '../../db/queries/reference';
import { getSyncState } from '../../db/queries/sync';
import { DATABASE_FILE } from '../app';
import { expectOk } from '../testing/core';
import { sampleRecord } from '../testing/sync/samples';
import { startTestCounty, startTestTownship, waitFor, type TestTownship } from '../testing/sync/harness';
import { spawnTownshipProcess, stopTownshipProcess } from '../testing/sync/township-child';

// A restore taken back from the county (PROTOCOL.md `status` / `recover`), against the real county.

let county: Awaited<ReturnType<typeof startTestCounty>>;
beforeAll(async () => {
  county = await startTestCounty();
});
afterAll(async () => {
  await county.close();
  county.remove();
});

const sha = (s: string | null) =>
  createHash('sha256')
    .update(s ?? '')
    .digest('hex');
const canonical = (json: string | null) => (json === null ? null : JSON.stringify(JSON.parse(json)));

/** Every change the county applied for a township is in the township's outbox at the same seq, same id, same record. */
function expectNothingLost(db: Database.Database, townshipId: string): void {
  const held = countyChangeRows(county.store.db, townshipId).filter((c) => c.status === 'applied');
  const local = new Map(storedOutboxRows(db).map((r) => [r.seq, r]));
  const missing = held.filter((c) => {
    const l = local.get(c.seq);
    return !l || l.id !== c.id || sha(canonical(l.data)) !== sha(canonical(c.data));
  });
  expect(missing.map((c) => c.seq)).toEqual([]);
}

async function backupTo(township: TestTownship, file: string): Promise<void> {
  await township.app.db.backup(file);
}

function restore(dir: string, backup: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, DATABASE_FILE + suffix), { force: true });
  copyFileSync(backup, join(dir, DATABASE_FILE));
}

const dayOf = (n: number) => `2026-10-${String(n).padStart(2, '0')}`;

/**
 * A township synced with the county, backed up after its first changes, then
 * after five more (taken by the county) restored from that backup and started
 * again: the county holds changes the township no longer has.
 */
async function restoredTownship(T: string) {
  const token = await county.store.addTownship(T, '清溪镇');
  const dir = tempDir(`${T.toLowerCase()}-`);
  const link = { sync: { county: { url: county.url, townshipId: T, token } }, dataDir: dir.path };
  let township = startTestTownship(link);
  /** `n` daily figures from day `from`, in one transaction; the seq of the last. */
  const write = (from: number, n: number) =>
    township.app.db.transaction(() => {
      let seq = 0;
      for (let day = from; day < from + n; day++)
        seq = appendOutbox(township.app.db, {
          id: uuidv7(),
          entity: 'daily_figures',
          entityId: dayOf(day),
          op: 'upsert',
          at: Date.now(),
          data: JSON.stringify(sampleRecord('daily_figures', day).data),
        });
      return seq;
    })();
  const synced = async () => {
    const seq = township.app.sync.status().lastSeq;
    return getSyncState(township.app.db).ackedSeq === seq && (await county.store.township(T))!.lastSeq === seq;
  };
  const pushed = async (what: string) => {
    township.app.sync.kick();
    await waitFor(synced, 10_000, what);
  };
  write(1, 2);
  await pushed('the first push');
  const backup = join(dir.path, 'backup.db');
  await backupTo(township, backup);
  const atBackup = township.app.sync.status().lastSeq;
  write(3, 5);
  await pushed('the second push');
  const countyLast = (await county.store.township(T))!.lastSeq;
  township.app.close();
  restore(dir.path, backup);
  township = startTestTownship(link);
  return {
    T,
    atBackup,
    countyLast,
    write,
    township: () => township,
    recovered: async () => getSyncState(township.app.db).recoverTarget === 0 && (await synced()),
    /** Seqs 1…last with nothing the county holds lost and nothing refused, on both sides. */
    async expectWhole(last: number) {
      const db = township.app.db;
      expectNothingLost(db, T);
      expect(outboxSeqs(db)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
      expect((await county.store.township(T))!.lastSeq).toBe(last);
      expect(await county.store.refused(T)).toEqual([]);
    },
    stop() {
      township.stop();
      dir.remove();
    },
  };
}

describe('a restore taken back from the county', () => {
  it('recovers the changes a restored backup lost, applies them here, and numbers the next change lastSeq + 1', async () => {
    const T = 'QX-RESTORE';
    const token = await county.store.addTownship(T, '清溪镇');
    const dir = tempDir('restore-town-');
    const link = { sync: { county: { url: county.url, townshipId: T, token } }, dataDir: dir.path };
    let township = startTestTownship(link);
    const synced = async () => {
      const seq = township.app.sync.status().lastSeq;
      return getSyncState(township.app.db).ackedSeq === seq && (await county.store.township(T))!.lastSeq === seq;
    };
    const create = async (title: string) => {
      const operator = await township.signIn('operator');
      return expectOk(
        await operator.call('events.create', {
          title,
          description: '恢复测试',
          categoryId: findCategoryByCode(township.app.db, 'fire')!.id,
          requestType: 'complaint',
          source: 'walk_in',
          priority: 'normal',
          register: true,
        }),
        'events.create',
      ).id;
    };
    try {
      await create('备份前的事件');
      await waitFor(synced, 10_000, 'the first push');
      const backup = join(dir.path, 'backup.db');
      await backupTo(township, backup);
      const before = township.app.sync.status().lastSeq;
      const lost = [await create('备份后的事件一'), await create('备份后的事件二')];
      await waitFor(synced, 10_000, 'the second push');
      const countyLast = (await county.store.township(T))!.lastSeq;
      expect(countyLast).toBeGreaterThan(before);
      township.app.close();

      restore(dir.path, backup);
      township = startTestTownship(link);
      // Local work right after the restore, before the link is up: it must not take the county's seqs.
      const early = township.app.db.transaction(() =>
        appendOutbox(township.app.db, {
          id: uuidv7(),
          entity: 'daily_figures',
          entityId: '2026-12-01',
          op: 'upsert',
          at: Date.now(),
          data: JSON.stringify(sampleRecord('daily_figures', 3).data),
        }),
      )();
      expect(early).toBeLessThanOrEqual(countyLast);
      await waitFor(() => getSyncState(township.app.db).recoverTarget === 0 && synced(), 15_000, 'the recovery');

      const db = township.app.db;
      for (const id of lost) expect(storedEventRow(db, id)?.title, id).toMatch(/^备份后的事件/);
      expect(actionCountOf(db, lost)).toBeGreaterThanOrEqual(4);
      expectNothingLost(db, T);
      // The early local change went up after the county's, with a new seq.
      const figures = outboxSeqsOf(db, 'daily_figures', '2026-12-01');
      expect(figures).toEqual([countyLast + 1]);
      expect(countyRecordCount(county.store.db, '2026-12-01', T)).toBe(1);
      // And the next change is numbered after everything.
      await create('恢复后的事件');
      await waitFor(synced, 10_000, 'the push after recovery');
      const seqs = outboxSeqs(db);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(await county.store.refused(T)).toEqual([]);
      expectNothingLost(db, T);
    } finally {
      township.stop();
      dir.remove();
    }
  }, 60_000);

  it('numbers the changes written while the county answers right after its last seq, leaving no hole', async () => {
    const r = await restoredTownship('QX-RESTORE-BUSY');
    const recover = county.store.recover.bind(county.store);
    try {
      // The room keeps working while the county sends its changes back: three changes per answer.
      const during: number[] = [];
      county.store.recover = (id, request) => {
        if (id === r.T) for (let i = 0; i < 3; i++) during.push(r.write(10 + during.length, 1));
        return recover(id, request);
      };
      await waitFor(r.recovered, 15_000, 'the recovery');

      expect(during.length).toBeGreaterThan(0);
      expect(Math.min(...during)).toBeGreaterThan(r.countyLast);
      await r.expectWhole(r.countyLast + during.length);
    } finally {
      county.store.recover = recover;
      r.stop();
    }
  }, 60_000);

  it('finds a restore out even when the restored township wrote past the county’s last seq before the link came up', async () => {
    const r = await restoredTownship('QX-RESTORE-AHEAD');
    try {
      // Before the link is up the restored room writes more changes than the county holds beyond the backup.
      const ahead = r.countyLast - r.atBackup + 4;
      r.write(10, ahead);
      expect(r.township().app.sync.status().lastSeq).toBeGreaterThan(r.countyLast);
      await waitFor(r.recovered, 15_000, 'the recovery');

      await r.expectWhole(r.countyLast + ahead);
      // The days written after the restore went up after the county's changes, each once.
      for (let day = 10; day < 10 + ahead; day++) expect(countyRecordCount(county.store.db, dayOf(day), r.T)).toBe(1);
    } finally {
      r.stop();
    }
  }, 60_000);

  it('resumes cleanly after a SIGKILL during the recovery', async () => {
    const T = 'QX-KILL';
    const token = await county.store.addTownship(T, '清溪镇');
    const dir = tempDir('restore-kill-');
    const backup = join(dir.path, 'backup.db');
    const township = startTestTownship({ sync: { county: { url: county.url, townshipId: T, token } }, dataDir: dir.path });
    const write = (from: number, n: number) =>
      township.app.db.transaction(() => {
        for (let i = from; i < from + n; i++) {
          const r = sampleRecord('daily_figures', i);
          appendOutbox(township.app.db, {
            id: uuidv7(),
            entity: 'daily_figures',
            entityId: r.entityId,
            op: 'upsert',
            at: Date.now(),
            data: JSON.stringify(r.data),
          });
        }
      })();
    const synced = async () => (await county.store.township(T))!.lastSeq === township.app.sync.status().lastSeq;
    write(1, 100);
    township.app.sync.kick();
    await waitFor(synced, 10_000, 'the first push');
    await township.app.db.backup(backup);
    write(101, 1200);
    township.app.sync.kick();
    await waitFor(synced, 20_000, 'the second push');
    const countyLast = (await county.store.township(T))!.lastSeq;
    township.app.close();
    restore(dir.path, backup);

    const spawnTownship = () =>
      spawnTownshipProcess(
        {
          DATA_DIR: dir.path,
          COUNTY_URL: county.url,
          TOWNSHIP_ID: T,
          COUNTY_TOKEN: token,
          TARGET_CHANGES: '0',
          CUT_MIN_MS: '3600000',
          CUT_MAX_MS: '3600001',
        },
        'ignore',
      );
    // Killed while the county answers the third page: two pages are committed, the rest is not.
    const recover = county.store.recover.bind(county.store);
    let calls = 0;
    let child: ChildProcess = spawnTownship();
    const killed = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    county.store.recover = (id, request) => {
      calls++;
      if (calls === 3) child.kill('SIGKILL');
      return recover(id, request);
    };
    try {
      await killed;
      const peek = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
      const { recoverTarget: target, recovered } = storedSyncState(peek);
      const mid = { target, recovered };
      peek.close();
      expect(mid.target).toBe(countyLast);
      expect(mid.recovered).toBeGreaterThan(100);
      expect(mid.recovered).toBeLessThan(countyLast);

      county.store.recover = recover;
      child = spawnTownship();
      const done = () => {
        const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
        try {
          return storedSyncState(db).recoverTarget === 0;
        } finally {
          db.close();
        }
      };
      await waitFor(done, 30_000, 'the resumed recovery');
      await stopTownshipProcess(child, 'SIGTERM');
      const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
      try {
        expectNothingLost(db, T);
        const seqs = outboxSeqs(db);
        expect(seqs).toEqual(Array.from({ length: countyLast }, (_, i) => i + 1));
        expect(outboxSequenceMark(db)).toBe(countyLast);
      } finally {
        db.close();
      }
    } finally {
      county.store.recover = recover;
      await stopTownshipProcess(child);
      dir.remove();
    }
  }, 90_000);
});
