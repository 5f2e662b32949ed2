import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AggregateRow, PeriodTotals } from '../../db/queries/assessment-indicators';
import type { WorkerJob } from './worker';

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

/** Computes a period's aggregates in a worker thread with its own read-only connection. */
export function aggregateInWorker(job: WorkerJob): Promise<{ rows: AggregateRow[]; totals: PeriodTotals }> {
  const { url, execArgv } = workerEntry();
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: job, execArgv });
    let settled = false;
    worker.once(
      'message',
      (message: { ok: true; result: { rows: AggregateRow[]; totals: PeriodTotals } } | { ok: false; message: string }) => {
        settled = true;
        if (message.ok) resolve(message.result);
        else reject(new Error(`the assessment worker failed: ${message.message}`));
      },
    );
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the assessment worker stopped (exit code ${code}) without an answer`));
    });
  });
}
