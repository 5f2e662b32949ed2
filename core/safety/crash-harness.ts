/**
 * The parent side of the crash test: runs the real core in a child process
 * (crash-worker.ts) doing a stream of user actions, kills it with SIGKILL at
 * a random moment, and after every kill checks that each action the child
 * reported as committed is there in full and that nothing is half there.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db';
import { DATABASE_FILE } from '../app';
import { CRASH_GENERATORS, type Committed } from './crash-actions';
import { crashInvariants } from './crash-checks';
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
  committed: number;
  /** Kills that hit the child before it was ready (during start, migrations, sealing). */
  killedDuringStart: number;
  errors: string[];
  problems: string[];
  ms: number;
}

const WORKER = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));

interface RunOutcome {
  committed: Committed[];
  ready: boolean;
  errors: string[];
}

function runOnce(dataDir: string, seed: number, killAfterMs: number, beforeReady: boolean): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let ready = false;
    let timer: NodeJS.Timeout | null = null;
    const kill = () => child.kill('SIGKILL');
    if (beforeReady) timer = setTimeout(kill, killAfterMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!ready && out.startsWith('READY\n')) {
        ready = true;
        if (!beforeReady) timer = setTimeout(kill, killAfterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const guard = setTimeout(kill, 60_000 + killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
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
  for (let kill = 1; kill <= options.kills; kill += 1) {
    // Now and then the kill lands during start-up (opening, migrating, sealing, seeding).
    const beforeReady = kill > 1 && random() < 0.15;
    const delay = beforeReady ? 150 + Math.floor(random() * 900) : Math.floor(random() * maxRun);
    const run = await runOnce(options.dataDir, Math.floor(random() * 2 ** 31), delay, beforeReady);
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
      return { kills: kill, committed: committed.length, killedDuringStart, errors, problems, ms: Date.now() - started };
    }
  }
  return { kills: options.kills, committed: committed.length, killedDuringStart, errors, problems: [], ms: Date.now() - started };
}
