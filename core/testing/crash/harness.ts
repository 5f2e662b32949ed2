/**
 * The parent side of the crash test: runs the real core in a child process
 * (crash-worker.ts) doing a stream of user actions, kills it with SIGKILL at
 * a random moment, and after every kill checks that each action the child
 * reported as committed is there in full and that nothing is half there.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase } from '../../../db';
import { DATABASE_FILE } from '../../app';
import { CRASH_GENERATORS, type Committed } from './actions';
import { crashInvariants } from './checks';
import { prng } from './prng';
import { join } from 'node:path';

export interface CrashOptions {
  dataDir: string;
  kills: number;
  seed?: number;
  /** Longest time the child runs after it is ready, in ms (default 400). */
  maxRunMs?: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  kills: number;
  /** Whether the worker ran bundled (fast starts) or through tsx. */
  bundled: boolean;
  committed: number;
  /** Kills that hit the child before it was ready (during start, migrations, sealing). */
  killedDuringStart: number;
  errors: string[];
  problems: string[];
  ms: number;
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const MIGRATIONS = fileURLToPath(new URL('../../../db/migrations', import.meta.url));

/**
 * The worker bundled once per run with esbuild (tsx would transpile the
 * sources again at every one of hundreds of starts): better-sqlite3 stays
 * outside, imported by its absolute path; the migrations sit next to the
 * bundle, where db/migrate.ts looks for them. Null when bundling fails: the
 * worker then runs through tsx.
 */
async function bundleWorker(): Promise<{ command: string[]; remove(): void } | null> {
  const dir = mkdtempSync(join(tmpdir(), 'command-room-crash-worker-'));
  try {
    const { build } = await import('esbuild');
    const sqlite = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
    await build({
      entryPoints: [WORKER],
      outfile: join(dir, 'crash-worker.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      plugins: [
        {
          name: 'native-sqlite',
          setup(b) {
            b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true }));
          },
        },
      ],
    });
    cpSync(MIGRATIONS, join(dir, 'migrations'), { recursive: true });
    return { command: [join(dir, 'crash-worker.mjs')], remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

interface RunOutcome {
  committed: Committed[];
  ready: boolean;
  errors: string[];
}

function runOnce(
  worker: string[],
  dataDir: string,
  seed: number,
  killAfterMs: number,
  beforeReady: boolean,
): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...worker, dataDir, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // If the harness itself ends (a test timeout), the child goes with it.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    let out = '';
    let err = '';
    let ready = false;
    let timer: NodeJS.Timeout | null = null;
    const kill = () => child.kill('SIGKILL');
    if (beforeReady) timer = setTimeout(kill, killAfterMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!ready && out.startsWith('READY\n')) ready = true;
      // The clock starts at the first committed action, so that every run commits something however slow the machine.
      if (ready && !timer && !beforeReady && out.includes('\nC ')) timer = setTimeout(kill, killAfterMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const guard = setTimeout(kill, 60_000 + killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('exit', orphanGuard);
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      const errors = err
        .split('\n')
        .filter((l) => l.startsWith('E ') || l.startsWith('F '))
        .map((l) => l.slice(0, 500));
      if (signal !== 'SIGKILL') errors.push(`the worker ended by itself (code ${code}): ${err.slice(0, 2000)}`);
      // Only whole lines count: a line cut by the kill was never fully reported.
      const lines = out.split('\n').slice(0, -1);
      const committed = lines.filter((l) => l.startsWith('C ')).map((l) => JSON.parse(l.slice(2)) as Committed);
      resolve({ committed, ready, errors });
    });
  });
}

export async function runCrashHarness(options: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const random = prng(options.seed ?? 8);
  const maxRun = options.maxRunMs ?? 400;
  const committed: Committed[] = [];
  const errors: string[] = [];
  let killedDuringStart = 0;
  const bundle = await bundleWorker();
  const worker = bundle?.command ?? ['--import', 'tsx', WORKER];
  try {
    return await killLoop();
  } finally {
    bundle?.remove();
  }

  async function killLoop(): Promise<CrashReport> {
    for (let kill = 1; kill <= options.kills; kill += 1) {
      // Now and then the kill lands during start-up (opening, migrating, sealing, seeding).
      const beforeReady = kill > 1 && random() < 0.15;
      const delay = beforeReady ? 150 + Math.floor(random() * 900) : Math.floor(random() * maxRun);
      const run = await runOnce(worker, options.dataDir, Math.floor(random() * 2 ** 31), delay, beforeReady);
      if (!run.ready) killedDuringStart += 1;
      committed.push(...run.committed);
      errors.push(...run.errors);

      const db = openDatabase(join(options.dataDir, DATABASE_FILE));
      let problems: string[];
      try {
        problems = crashInvariants(db, options.dataDir);
        for (const generator of CRASH_GENERATORS)
          problems.push(
            ...generator.verify(
              db,
              committed.filter((c) => c.generator === generator.name),
            ),
          );
      } finally {
        db.close();
      }
      options.log?.(
        `kill ${kill}/${options.kills}: ${run.ready ? `${run.committed.length} actions` : 'during start'}, ${committed.length} committed in all${problems.length ? `, ${problems.length} problems` : ''}`,
      );
      if (problems.length > 0 || errors.length > 0) {
        return {
          kills: kill,
          bundled: bundle !== null,
          committed: committed.length,
          killedDuringStart,
          errors,
          problems,
          ms: Date.now() - started,
        };
      }
    }
    return {
      kills: options.kills,
      bundled: bundle !== null,
      committed: committed.length,
      killedDuringStart,
      errors,
      problems: [],
      ms: Date.now() - started,
    };
  }
}
