/**
 * The million-event township of the assessment benchmark: the seeded demo
 * township filled by db/testing-big-township.ts, cached under the system temp
 * folder and keyed by the schema version and the generator's version, so that
 * `npm run bench` builds it once. It is built in a child process (run this file
 * directly: `tsx bench/big-township.ts [events]`), so that the peak RSS the
 * benchmark reports is that of the core working on the file, not of the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DATABASE_FILE } from '../core/app';
import { DEMO_PLACES, DEMO_REPORTERS, DEMO_TEXTS } from '../core/demo/demo-texts';
import { loadMigrations } from '../db';
import { BIG_TOWNSHIP_VERSION, fillBigTownship, type BigTownshipStats } from '../db/testing-big-township';
import { BENCH_NOW, CACHE_DIR, rssMb, startBenchCore } from './events-db';

/**
 * Ten years up to BENCH_NOW, as the events suite: a busy township's ~275 events
 * a day, forty quarters, the latest ones (the benchmark's) the fullest.
 */
const DAYS = 3650;

export interface BigBuild extends BigTownshipStats {
  buildSeconds: number;
  builtAt: string;
  peakRssMb: number;
}

function cacheName(events: number): string {
  return `township-${events}-v${loadMigrations().at(-1)?.version ?? 0}-g${BIG_TOWNSHIP_VERSION}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Builds the file in this process (the child's side). */
function build(events: number, file: string): BigBuild {
  const started = performance.now();
  for (const name of readdirSync(CACHE_DIR)) {
    const pid = /^big-build-(\d+)$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
  }
  const dir = join(CACHE_DIR, `big-build-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const core = startBenchCore(dir);
    const stats = fillBigTownship(core.db, {
      events,
      now: BENCH_NOW,
      days: DAYS,
      texts: DEMO_TEXTS,
      places: DEMO_PLACES,
      reporters: DEMO_REPORTERS,
      onProgress: (n) => {
        if (n % 200_000 === 0 || n === events)
          console.log(
            `  ${n.toLocaleString()} events (${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${rssMb()} MB)`,
          );
      },
    });
    core.close();
    renameSync(join(dir, DATABASE_FILE), file);
    return {
      ...stats,
      buildSeconds: (performance.now() - started) / 1000,
      builtAt: new Date().toISOString(),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The cached township of `events` events, built (in a child process) when
 * missing; older builds of the same size, of another schema or generator, are removed.
 */
export function bigTownship(events: number): { file: string; build: BigBuild; cached: boolean } {
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = cacheName(events);
  const file = join(CACHE_DIR, `${name}.db`);
  const statsFile = join(CACHE_DIR, `${name}.json`);
  if (existsSync(file) && existsSync(statsFile)) {
    return { file, build: JSON.parse(readFileSync(statsFile, 'utf8')) as BigBuild, cached: true };
  }
  for (const old of readdirSync(CACHE_DIR).filter((f) => f.startsWith(`township-${events}-`))) {
    rmSync(join(CACHE_DIR, old), { force: true });
  }
  console.log(`building a township of ${events.toLocaleString()} events into ${file} …`);
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(events)], {
    stdio: 'inherit',
  });
  if (child.status !== 0 || !existsSync(statsFile)) throw new Error(`building the township failed (exit ${child.status})`);
  return { file, build: JSON.parse(readFileSync(statsFile, 'utf8')) as BigBuild, cached: false };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const events = Number(process.argv[2] ?? 1_000_000);
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = cacheName(events);
  const result = build(events, join(CACHE_DIR, `${name}.db`));
  writeFileSync(join(CACHE_DIR, `${name}.json`), JSON.stringify(result));
  console.log(
    `  built in ${result.buildSeconds.toFixed(0)} s (load ${result.loadSeconds.toFixed(0)} s, indexes ${result.indexSeconds.toFixed(0)} s), ` +
      `${result.actions.toLocaleString()} actions, ${result.assignments.toLocaleString()} assignments, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
  );
}
