import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getSyncState, listRefused } from '../../db/queries/sync';
import { tempDir } from '../../db/testing';
import {
  countyChangeRows,
  countyEventCounts,
  countyMessageLog,
  noticeCount,
  outboxSequenceMark,
  storedInboxRows,
  storedOutboxRows,
  storedSyncState,
} from '../../db/testing-sync';
import { DATABASE_FILE } from '../app';
import { sampleMessage } from '../testing/sync/samples';
import { startTestCounty, waitFor } from '../testing/sync/harness';
import { spawnTownshipProcess, stopTownshipProcess } from '../testing/sync/township-child';

/**
 * Chaos: changes up and messages down while the township cuts its connection
 * at random, the county center restarts, the township process is killed with
 * SIGKILL, the county refuses about 2 % of the changes, the township is
 * restored from an older backup (and recovers what the county held), and
 * too-deep and too-large messages come down. Sizes come from the environment;
 * `npm run test:soak:sync` runs the full 20,000 / 20,000 / 10 restarts /
 * 5 kills / 3 restores.
 */
const CHANGES = Number(process.env.CHAOS_CHANGES ?? 2000);
const MESSAGES = Number(process.env.CHAOS_MESSAGES ?? 2000);
const RESTARTS = Number(process.env.CHAOS_COUNTY_RESTARTS ?? 3);
const KILLS = Number(process.env.CHAOS_KILLS ?? 2);
const RESTORES = Number(process.env.CHAOS_RESTORES ?? 1);
const HOSTILE = Number(process.env.CHAOS_HOSTILE_MESSAGES ?? 1);
const REFUSE_PERCENT = Number(process.env.CHAOS_REFUSE_PERCENT ?? 2);
const TIMEOUT = Number(process.env.CHAOS_TIMEOUT_MS ?? 110_000);
const T = 'QX-CHAOS';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const hash = (rows: unknown[]) => sha(rows.map((r) => JSON.stringify(r)).join('\n'));
const canonical = (json: string | null) => (json === null ? null : JSON.stringify(JSON.parse(json)));
/** The county refuses a change by its id, so a change resent after a lost ack meets the same fate. */
const refusedById = (id: string) => parseInt(sha(id).slice(0, 8), 16) % 10_000 < REFUSE_PERCENT * 100;
const tooDeep = () => {
  let deep: Record<string, unknown> = { title: '深', body: '' };
  for (let i = 0; i < 3000; i++) deep = { nested: deep };
  return deep;
};

describe('chaos', () => {
  it(
    `converges after ${CHANGES} changes up (${REFUSE_PERCENT} % refused), ${MESSAGES} messages down (${HOSTILE * 2} hostile), ` +
      `${RESTARTS} county restarts, ${KILLS} SIGKILLs and ${RESTORES} restores from a backup`,
    async () => {
      const started = Date.now();
      const countyDir = tempDir('chaos-county-');
      const townDir = tempDir('chaos-town-');
      const backupDir = tempDir('chaos-backup-');
      const townFile = (suffix = '') => join(townDir.path, DATABASE_FILE + suffix);
      let county = await startTestCounty(countyDir.path);
      const port = county.port;
      const token = await county.store.addTownship(T, '清溪镇');
      // The county refuses ~2 % of the changes: it finds them nested too deep (INVALID), as a real one would.
      const injectRefusals = () => {
        const push = county.store.push.bind(county.store);
        county.store.push = (id, request) => {
          const changes = (request as { changes?: { id: string; data?: unknown }[] }).changes;
          if (!Array.isArray(changes)) return push(id, request);
          return push(id, {
            changes: changes.map((c) => (refusedById(c.id) && c.data !== undefined ? { ...c, data: tooDeep() } : c)),
          });
        };
      };
      injectRefusals();

      let child: ChildProcess | null = null;
      let generatedOnce = false;
      const spawnTownship = async () => {
        const c = spawnTownshipProcess({
          DATA_DIR: townDir.path,
          COUNTY_URL: county.url,
          TOWNSHIP_ID: T,
          COUNTY_TOKEN: token,
          TARGET_CHANGES: String(CHANGES),
        });
        child = c;
        await new Promise<void>((resolve, reject) => {
          c.stdout!.on('data', (chunk: Buffer) => {
            const text = chunk.toString();
            if (text.includes('ready')) resolve();
            if (text.includes('generated')) generatedOnce = true;
          });
          c.once('exit', (code) => reject(new Error(`township exited early (${code})`)));
        });
        c.removeAllListeners('exit');
      };
      const killTownship = () => stopTownshipProcess(child);
      let opened: Database.Database | null = null;
      try {
        await spawnTownship();

        let sent = 0;
        let assignments = 0;
        let notices = 0;
        let hostileSent = 0;
        const send = async () => {
          const n = Math.min(100, MESSAGES - sent);
          if (n <= 0) return;
          const items = Array.from({ length: n }, (_, i) => {
            const k = sent + i;
            const type = k % 10 === 0 ? 'assignment' : 'notice';
            if (type === 'assignment') assignments++;
            else notices++;
            return { type, data: sampleMessage(type, k) };
          });
          // Now and then a message too deep or too large to take: stored as rejected, the loop goes on.
          if (hostileSent < HOSTILE && Math.random() < 0.3) {
            items.push(
              { type: 'notice', data: tooDeep() },
              { type: 'notice', data: { title: '巨大', body: 'x'.repeat(9 << 20) } },
            );
            hostileSent++;
          }
          await county.store.appendMany(T, items);
          sent += n;
        };

        // Backups are copies of the township's files taken while it is down (a SIGKILL: crash-consistent).
        let backups = 0;
        const takeBackup = async () => {
          await killTownship();
          for (const suffix of ['', '-wal'])
            if (existsSync(townFile(suffix))) copyFileSync(townFile(suffix), join(backupDir.path, `b${suffix}`));
          backups++;
          await spawnTownship();
        };
        const restoreBackup = async () => {
          await killTownship();
          for (const suffix of ['', '-wal', '-shm']) rmSync(townFile(suffix), { force: true });
          for (const suffix of ['', '-wal'])
            if (existsSync(join(backupDir.path, `b${suffix}`)))
              copyFileSync(join(backupDir.path, `b${suffix}`), townFile(suffix));
          generatedOnce = false;
          await spawnTownship();
        };

        let restarts = RESTARTS;
        let kills = KILLS;
        let restores = RESTORES;
        let backupDue = RESTORES > 0;
        while (sent < MESSAGES || restarts > 0 || kills > 0 || restores > 0 || hostileSent < HOSTILE || !generatedOnce) {
          await send();
          if (hostileSent < HOSTILE && sent >= MESSAGES) {
            await county.store.appendMany(T, [
              { type: 'notice', data: tooDeep() },
              { type: 'notice', data: { title: '巨大', body: 'x'.repeat(9 << 20) } },
            ]);
            hostileSent++;
          }
          await sleep(50 + Math.random() * 150);
          const roll = Math.random();
          if (backupDue && roll < 0.3) {
            backupDue = false;
            await takeBackup();
          } else if (restores > 0 && !backupDue && roll > 0.7) {
            // A restore takes the township back to the last backup; the next one is taken after it.
            restores--;
            await restoreBackup();
            backupDue = restores > 0;
          } else if (restarts > 0 && roll < 0.45) {
            restarts--;
            await county.close();
            await sleep(Math.random() * 300);
            county = await startTestCounty(countyDir.path, port);
            injectRefusals();
          } else if (kills > 0 && roll > 0.9) {
            kills--;
            await killTownship();
            await sleep(Math.random() * 300);
            generatedOnce = false;
            await spawnTownship();
          }
          if (Date.now() - started > TIMEOUT) throw new Error('chaos did not finish its schedule in time');
        }
        const hostile = hostileSent * 2;

        const town = new Database(townFile(), { readonly: true });
        opened = town;
        // The outbox's high-water mark: after a restore its last seqs may be ones the county refused.
        const lastSeq = () => outboxSequenceMark(town) ?? 0;
        const state = async () => ({
          town: storedSyncState(town),
          lastError: getSyncState(town).lastError,
          lastSeq: lastSeq(),
          county: await county.store.township(T),
        });
        await waitFor(
          async () => {
            const s = storedSyncState(town);
            const t = (await county.store.township(T))!;
            return (
              s.recoverTarget === 0 &&
              t.lastSeq === lastSeq() &&
              s.acked === t.lastSeq &&
              s.applied === t.lastOffset &&
              t.lastOffset === MESSAGES + hostile
            );
          },
          Math.max(20_000, TIMEOUT - (Date.now() - started)),
          'convergence',
        ).catch(async (error: Error) => {
          throw new Error(`${error.message}: ${JSON.stringify(await state())}`);
        });
        await stopTownshipProcess(child, 'SIGTERM');

        // Up. Every change the county took is in the township's outbox at its seq with its id; the ones it
        // applied with the same record (nothing the county held was lost by a restore: compared by hashes).
        const mine = new Map(storedOutboxRows(town).map((r) => [r.seq, r]));
        const theirs = countyChangeRows(county.store.db, T);
        expect(theirs.map((c) => c.seq)).toEqual(theirs.map((_, i) => i + 1));
        const applied = theirs.filter((c) => c.status === 'applied');
        const lost = applied.filter((c) => {
          const m = mine.get(c.seq);
          return (
            !m ||
            m.id !== c.id ||
            m.entity !== c.entity ||
            m.entity_id !== c.entity_id ||
            sha(canonical(m.data) ?? '') !== sha(canonical(c.data) ?? '')
          );
        });
        expect(lost.map((c) => c.seq)).toEqual([]);
        expect(hash(applied.map((c) => [c.seq, c.id, canonical(c.data)]))).toBe(
          hash(applied.map((c) => [c.seq, mine.get(c.seq)!.id, canonical(mine.get(c.seq)!.data)])),
        );
        // Refused: exactly the changes the county chose, each on the county's list; on the township's list
        // too, unless a restore took the township back before it heard of the refusal (recover leaves refused
        // changes out, so a restored township cannot list them again: the county's admin still sees them).
        const refused = theirs.filter((c) => c.status === 'refused');
        expect(refused.every((c) => refusedById(c.id))).toBe(true);
        expect(applied.some((c) => refusedById(c.id) && c.data !== null)).toBe(false);
        if (CHANGES >= 1000) expect(refused.length).toBeGreaterThan(0);
        expect((await county.store.refused(T, 1_000_000)).map((r) => r.seq).sort((a, b) => a - b)).toEqual(
          refused.map((c) => c.seq),
        );
        const listed = new Set(listRefused(town, ['open'], Number.MAX_SAFE_INTEGER, 1_000_000).map((r) => r.seq));
        const unlisted = refused.filter((c) => !listed.has(c.seq));
        expect(unlisted.filter((c) => mine.has(c.seq) && mine.get(c.seq)!.id === c.id).map((c) => c.seq)).toEqual([]);
        if (RESTORES === 0) expect(unlisted).toEqual([]);
        // A seq the township does not hold is one the county refused and a restore took away.
        const missing = [...Array(lastSeq()).keys()].map((i) => i + 1).filter((seq) => !mine.has(seq));
        expect(missing.every((seq) => refused.some((c) => c.seq === seq))).toBe(true);
        expect(storedOutboxRows(town).filter((r) => r.entity === 'daily_figures').length).toBeGreaterThanOrEqual(CHANGES);

        // Down: every message exactly once, in order; the hostile ones rejected, every other applied with one effect.
        const inbox = storedInboxRows(town);
        const log = countyMessageLog(county.store.db, T);
        expect(inbox.length).toBe(MESSAGES + hostile);
        expect(hash(inbox.map((r) => [r.offset, r.message_id, r.type]))).toBe(hash(log.map((r) => [r.offset, r.id, r.type])));
        const rejected = inbox.filter((r) => r.status !== 'applied');
        expect(rejected.map((r) => r.reason.split(':')[0]).sort()).toEqual(
          [...Array<string>(hostileSent).fill('TOO_DEEP'), ...Array<string>(hostileSent).fill('TOO_LARGE')].sort(),
        );
        expect(noticeCount(town)).toBe(notices);
        expect(countyEventCounts(town)).toEqual({ rows: assignments, refs: assignments });
        console.log(
          `chaos ${CHANGES}/${MESSAGES}, ${RESTARTS} county restarts, ${KILLS} kills, ${RESTORES} restores (${backups} backups), ` +
            `${refused.length} refused (${unlisted.length} taken away by a restore), ${hostile} hostile messages: ` +
            `${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        await stopTownshipProcess(child);
        opened?.close();
        await county.close();
        countyDir.remove();
        townDir.remove();
        backupDir.remove();
      }
    },
    TIMEOUT + 60_000,
  );
});
