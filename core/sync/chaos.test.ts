import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../db/testing';
import { sampleMessage } from '../testing/sync/samples';
import { startTestCounty, waitFor } from '../testing/sync/harness';

/**
 * Chaos: changes up and messages down while the township cuts its connection
 * at random, the county center restarts and the township process is killed
 * with SIGKILL. Sizes come from the environment; `npm run test:soak` runs the
 * full 20,000 / 20,000 / 10 restarts / 5 kills.
 */
const CHANGES = Number(process.env.CHAOS_CHANGES ?? 2000);
const MESSAGES = Number(process.env.CHAOS_MESSAGES ?? 2000);
const RESTARTS = Number(process.env.CHAOS_COUNTY_RESTARTS ?? 3);
const KILLS = Number(process.env.CHAOS_KILLS ?? 2);
const TIMEOUT = Number(process.env.CHAOS_TIMEOUT_MS ?? 85_000);
const SCRIPT = fileURLToPath(new URL('../testing/sync/township-process.ts', import.meta.url));
const T = 'QX-CHAOS';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hash = (rows: unknown[]) =>
  createHash('sha256')
    .update(rows.map((r) => JSON.stringify(r)).join('\n'))
    .digest('hex');
const canonical = (json: string | null) => (json === null ? null : JSON.stringify(JSON.parse(json)));

describe('chaos', () => {
  it(
    `converges after ${CHANGES} changes up, ${MESSAGES} messages down, ${RESTARTS} county restarts and ${KILLS} SIGKILLs`,
    async () => {
      const started = Date.now();
      const countyDir = tempDir('chaos-county-');
      const townDir = tempDir('chaos-town-');
      let county = await startTestCounty(countyDir.path);
      const port = county.port;
      const token = await county.store.addTownship(T, '清溪镇');
      let child: ChildProcess | null = null;
      let generatedOnce = false;
      const spawnTownship = async () => {
        const c = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
          env: {
            ...process.env,
            DATA_DIR: townDir.path,
            COUNTY_URL: county.url,
            TOWNSHIP_ID: T,
            COUNTY_TOKEN: token,
            TARGET_CHANGES: String(CHANGES),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
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
      await spawnTownship();

      let sent = 0;
      let assignments = 0;
      let notices = 0;
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
        await county.store.appendMany(T, items);
        sent += n;
      };

      let restarts = RESTARTS;
      let kills = KILLS;
      while (sent < MESSAGES || restarts > 0 || kills > 0 || !generatedOnce) {
        await send();
        await sleep(50 + Math.random() * 150);
        const roll = Math.random();
        if (restarts > 0 && roll < 0.15) {
          restarts--;
          await county.close();
          await sleep(Math.random() * 300);
          county = await startTestCounty(countyDir.path, port);
        } else if (kills > 0 && roll > 0.9) {
          kills--;
          child!.kill('SIGKILL');
          await new Promise((resolve) => child!.once('exit', resolve));
          await sleep(Math.random() * 300);
          generatedOnce = false;
          await spawnTownship();
        }
        if (Date.now() - started > TIMEOUT) throw new Error('chaos did not finish its schedule in time');
      }

      const town = new Database(join(townDir.path, 'command-room.db'), { readonly: true });
      const townState = () =>
        town.prepare('SELECT acked_seq AS acked, applied_offset AS applied FROM sync_state').get() as {
          acked: number;
          applied: number;
        };
      const lastSeq = () => (town.prepare('SELECT max(seq) FROM outbox').pluck().get() as number) ?? 0;
      await waitFor(
        async () => {
          const s = townState();
          const t = (await county.store.township(T))!;
          return t.lastSeq === lastSeq() && s.acked === t.lastSeq && s.applied === t.lastOffset && t.lastOffset === MESSAGES;
        },
        Math.max(10_000, TIMEOUT - (Date.now() - started)),
        'convergence',
      );
      child!.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));

      // Up: every change exactly once, in order, no gaps, same content.
      const mine = town
        .prepare('SELECT seq, id, entity, entity_id, op, data FROM outbox ORDER BY seq')
        .raw()
        .all() as unknown[][];
      const theirs = county.store.db
        .prepare('SELECT seq, id, entity, entity_id, op, data FROM changes WHERE township_id = ? ORDER BY seq')
        .raw()
        .all(T) as unknown[][];
      expect(mine.length).toBe(CHANGES + assignments * 4);
      expect(mine.map((r) => r[0])).toEqual(mine.map((_, i) => i + 1));
      expect(theirs.length).toBe(mine.length);
      const norm = (rows: unknown[][]) => rows.map((r) => [...r.slice(0, 5), canonical(r[5] as string | null)]);
      expect(hash(norm(theirs))).toBe(hash(norm(mine)));

      // Down: every message exactly once, applied, and each had one effect.
      const inbox = town
        .prepare('SELECT offset, message_id, type, status FROM county_inbox ORDER BY offset')
        .raw()
        .all() as unknown[][];
      const log = county.store.db
        .prepare('SELECT offset, id, type FROM messages WHERE township_id = ? ORDER BY offset')
        .raw()
        .all(T) as unknown[][];
      expect(inbox.length).toBe(MESSAGES);
      expect(inbox.every((r) => r[3] === 'applied')).toBe(true);
      expect(hash(inbox.map((r) => r.slice(0, 3)))).toBe(hash(log));
      expect(town.prepare('SELECT count(*) FROM notices').pluck().get()).toBe(notices);
      expect(town.prepare('SELECT count(DISTINCT county_ref) FROM events WHERE county_ref IS NOT NULL').pluck().get()).toBe(
        assignments,
      );
      expect(town.prepare('SELECT count(*) FROM events WHERE county_ref IS NOT NULL').pluck().get()).toBe(assignments);
      town.close();
      await county.close();
      countyDir.remove();
      townDir.remove();
      console.log(
        `chaos ${CHANGES}/${MESSAGES}, ${RESTARTS} restarts, ${KILLS} kills: ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
    TIMEOUT + 30_000,
  );
});
