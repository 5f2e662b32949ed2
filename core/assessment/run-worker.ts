import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AggregateRow, PeriodTotals } from '../../db/queries/assessment-indicators';
import type { WorkerJob } from './worker';

type Result = { rows: AggregateRow[]; totals: PeriodTotals };
type Answer = { ok: true; result: Result } | { ok: false; message: string };

/** How long an idle worker thread is kept for the next job before it is let go. */
export const WORKER_IDLE_MS = 120_000;

/**
 * Where the worker's code is. From sources (tests, `npm run serve` under tsx)
 * it is worker.ts, loaded through tsx; in the Electron bundle it is
 * `assessment-worker.js`, a second entry of electron/vite.config.ts emitted
 * next to main.js (and next to the chunk holding this code).
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  const bundled = new URL('./assessment-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.js') && existsSync(fileURLToPath(bundled))) return { url: bundled, execArgv: [] };
  return { url: new URL('./worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

/**
 * Starting a thread costs more than counting a quarter does from sources (the
 * TypeScript loader compiles the worker's modules again in every new thread),
 * and tens of milliseconds even bundled; so a thread that finished a job is
 * kept, unreferenced (it never holds the process open), for the next one, and
 * ends after WORKER_IDLE_MS without work. Jobs that arrive while it is busy get
 * threads of their own; only one idle thread is kept.
 */
let idle: { worker: Worker; timer: NodeJS.Timeout } | null = null;

function takeWorker(): Worker {
  if (idle) {
    const { worker, timer } = idle;
    idle = null;
    clearTimeout(timer);
    worker.ref();
    return worker;
  }
  const { url, execArgv } = workerEntry();
  const worker = new Worker(url, { execArgv });
  // A thread that dies while idle is forgotten, never handed a job it cannot answer.
  worker.once('exit', () => {
    if (idle?.worker !== worker) return;
    clearTimeout(idle.timer);
    idle = null;
  });
  return worker;
}

function release(worker: Worker): void {
  if (idle) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const timer = setTimeout(() => {
    if (idle?.worker === worker) idle = null;
    void worker.terminate();
  }, WORKER_IDLE_MS);
  timer.unref();
  idle = { worker, timer };
}

/** Computes a period's aggregates in a worker thread with its own read-only connection. */
export function aggregateInWorker(job: WorkerJob): Promise<Result> {
  const worker = takeWorker();
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (message: Answer) => {
      done();
      release(worker);
      if (message.ok) resolve(message.result);
      else reject(new Error(`the assessment worker failed: ${message.message}`));
    };
    const onError = (error: Error) => {
      done();
      void worker.terminate();
      reject(error);
    };
    const onExit = (code: number) => {
      done();
      if (idle?.worker === worker) idle = null;
      reject(new Error(`the assessment worker stopped (exit code ${code}) without an answer`));
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job);
  });
}
