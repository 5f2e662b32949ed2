/**
 * The big events database for bench/events.ts: built once per size with the
 * demo generator and the bulk writer, cached under the system temp folder,
 * and copied for each run so that the writes of one run never leak into the next.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Role } from '../common/roles';
import { DATABASE_FILE, startCore, type Connection, type CoreApp } from '../core/app';
import { generateDemoEvents } from '../core/demo/demo-events';
import { DEMO_PASSWORD, DEMO_USERS } from '../core/demo/demo-township';
import { bigrams, searchableText } from '../core/events/search-text';
import { loadMigrations, openDatabase, type Db } from '../db';
import { prepareBulkWriter, raiseSerialCounters, type ImportedEvent } from '../db/queries/bulk';
import { plainEventInsert, vacuumInto } from '../db/testing-bench';

/** The same fixed moment as core/testing/core.ts: generated warnings are computed against it. */
export const BENCH_NOW = Date.UTC(2026, 10, 30, 1, 0, 0);
export const CACHE_DIR = join(tmpdir(), 'command-room-bench');
/** Ten years of history: ~275 events a day at 1M, far from the 9,999-a-day limit of the serial. */
const DAYS = 3650;
const CHUNK = 5_000;
export const TRANSACTION = 5_000;

setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

/**
 * A full garbage collection, then one turn of the event loop. better-sqlite3
 * frees a statement's native memory only when V8 has collected its wrapper
 * and the weak callbacks have run after that turn; a small JS heap rarely
 * prompts such a collection. The suite settles between cases, never inside one.
 */
export async function settle(): Promise<void> {
  fullGc();
  await new Promise((resolve) => setImmediate(resolve));
}
export const rssMb = () => Number((process.memoryUsage().rss / 1024 / 1024).toFixed(1));

export interface BenchCore {
  app: CoreApp;
  db: Db;
  clock: { now: number };
  signIn(role: Role): Promise<Connection>;
  close(): void;
}

/** The real core on a data folder that outlives it (startTestCore always starts on a fresh temp folder). */
export function startBenchCore(dataDir: string): BenchCore {
  const clock = { now: BENCH_NOW };
  const app = startCore({
    dataDir,
    seedDemo: true,
    demoEvents: 0,
    now: () => clock.now,
    log: (message, error) => console.error(`[core] ${message}`, error ?? ''),
    tickMs: 0,
  });
  return {
    app,
    db: app.db,
    clock,
    async signIn(role) {
      const user = DEMO_USERS.find((u) => u.role === role)!;
      const connection = app.connect(() => {});
      const result = await connection.call('auth.login', { username: user.username, password: DEMO_PASSWORD });
      if (!result.ok) throw new Error(`sign-in as ${role} failed: ${result.error.code}`);
      return connection;
    },
    close: () => app.close(),
  };
}

export interface BuildStats {
  events: number;
  actions: number;
  builtAt: string;
  buildSeconds: number;
  generateSeconds: number;
  /** Per transaction of TRANSACTION events, ms: the bulk writer (event + units + actions + 2 FTS rows). */
  writeMs: number[];
  /** The same events' rows alone, plain INSERT INTO events, into a copy of the same seeded database. */
  baselineMs: number[];
  maxEventsPerDay: number;
  /** Highest RSS of the building process, MB (generation, writer and the baseline connection). */
  peakRssMb: number;
}

/**
 * Every chunk spans the same ten years up to BENCH_NOW, so states and warnings
 * are those of one long-running installation (old events closed, recent ones
 * open); per-day serial numbers are then renumbered across chunks.
 */
function renumber(item: ImportedEvent, perDay: Map<string, number>): void {
  const e = item.event;
  const [, prefix, day] = /^(.*)-(\d{8})-\d+$/.exec(e.serial)!;
  const n = (perDay.get(day!) ?? 0) + 1;
  if (n > 9999) throw new Error(`more than 9,999 events on ${day}: the serial would change shape`);
  perDay.set(day!, n);
  e.serial = `${prefix}-${day}-${String(n).padStart(4, '0')}`;
  if (e.countyRef) e.countyRef = `LJ-${day}-${String(n).padStart(5, '0')}`;
  item.searchText = searchableText(e);
  item.searchBigrams = bigrams(item.searchText);
}

async function build(count: number, file: string): Promise<BuildStats> {
  const started = performance.now();
  const dir = workFolder(`build-${count}`);
  try {
    const core = startBenchCore(dir.path);
    const baselineFile = join(dir.path, 'baseline.db');
    vacuumInto(core.db, baselineFile); // the seeded township, same ids, no events
    const baseline = openDatabase(baselineFile);
    const write = prepareBulkWriter(core.db);
    const plain = plainEventInsert(baseline);
    const perDay = new Map<string, number>();
    const stats: BuildStats = {
      events: 0,
      actions: 0,
      builtAt: new Date().toISOString(),
      buildSeconds: 0,
      generateSeconds: 0,
      writeMs: [],
      baselineMs: [],
      maxEventsPerDay: 0,
      peakRssMb: 0,
    };
    for (let chunk = 0; stats.events < count; chunk++) {
      await settle(); // the last chunk, and the statements the generator prepared for it (two per dispatch)
      let t = performance.now();
      const { items } = generateDemoEvents(core.db, {
        count: Math.min(CHUNK, count - stats.events),
        days: DAYS,
        now: BENCH_NOW,
        seed: 20261130 + chunk,
      });
      for (const item of items) renumber(item, perDay);
      stats.generateSeconds += (performance.now() - t) / 1000;
      for (let i = 0; i < items.length; i += TRANSACTION) {
        const slice = items.slice(i, i + TRANSACTION);
        t = performance.now();
        core.db.transaction(() => slice.forEach(write))();
        stats.writeMs.push(performance.now() - t);
        t = performance.now();
        baseline.transaction(() => slice.forEach((item) => plain.run(item.event)))();
        stats.baselineMs.push(performance.now() - t);
      }
      stats.events += items.length;
      stats.actions += items.reduce((sum, item) => sum + item.actions.length, 0);
      const seconds = (performance.now() - started) / 1000;
      if (chunk % 20 === 19 || stats.events >= count)
        console.log(`  built ${stats.events.toLocaleString()} events (${seconds.toFixed(0)} s, RSS ${rssMb()} MB)`);
    }
    raiseSerialCounters(core.db, perDay);
    stats.maxEventsPerDay = Math.max(...perDay.values());
    baseline.close();
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    renameSync(join(dir.path, DATABASE_FILE), file);
    stats.buildSeconds = (performance.now() - started) / 1000;
    stats.peakRssMb = process.resourceUsage().maxRSS / 1024;
    return stats;
  } finally {
    dir.remove();
  }
}

/**
 * The cached database of `count` events (built when missing or when `rebuild`), and how it was built.
 * The schema version is part of the name: a new migration means a new build, so the bulk-import
 * figures always come from the current schema; older builds of the same size are removed.
 */
export async function eventsDatabase(
  count: number,
  rebuild: boolean,
): Promise<{ file: string; stats: BuildStats; cached: boolean }> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = `events-${count}-v${loadMigrations().at(-1)?.version ?? 0}`;
  const file = join(CACHE_DIR, `${name}.db`);
  const statsFile = join(CACHE_DIR, `${name}.json`);
  if (!rebuild && existsSync(file) && existsSync(statsFile)) {
    return { file, stats: JSON.parse(readFileSync(statsFile, 'utf8')) as BuildStats, cached: true };
  }
  for (const old of readdirSync(CACHE_DIR).filter((f) => new RegExp(`^events-${count}(-v\\d+)?\\.(db|json)$`).test(f))) {
    rmSync(join(CACHE_DIR, old), { force: true });
  }
  console.log(`building ${count.toLocaleString()} events into ${file} …`);
  const stats = await build(count, file);
  writeFileSync(statsFile, JSON.stringify(stats));
  console.log(`  build took ${stats.buildSeconds.toFixed(1)} s (generation ${stats.generateSeconds.toFixed(1)} s)`);
  return { file, stats, cached: false };
}

/**
 * A working folder named after this process, removed on Ctrl-C or `timeout`;
 * folders left by a process that is gone (killed hard) are removed first.
 */
function workFolder(prefix: string): { path: string; remove(): void } {
  for (const name of readdirSync(CACHE_DIR)) {
    const pid = /^(?:run|build-\d+)-(\d+)-/.exec(name)?.[1];
    if (!pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
    }
  }
  const path = mkdtempSync(join(CACHE_DIR, `${prefix}-${process.pid}-`));
  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(path, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  return {
    path,
    remove() {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** A throw-away copy of the cached database with the core started on it. */
export function startOnCopy(file: string): BenchCore & { remove(): void } {
  const dir = workFolder('run');
  copyFileSync(file, join(dir.path, DATABASE_FILE));
  const core = startBenchCore(dir.path);
  return { ...core, remove: () => dir.remove() };
}
