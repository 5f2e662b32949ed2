/**
 * The assessment's worker thread: for each job it opens its own read-only
 * connection to the database file (WAL lets it read while the main thread
 * writes), computes the aggregates of a period and closes the connection, so
 * the app never freezes while a quarter over a million events is counted. The
 * thread stays for the next job (core/assessment/run-worker.ts keeps it warm).
 */
import { parentPort } from 'node:worker_threads';
import type { IndicatorKey } from '../../common/assessment';
import { openDatabase } from '../../db/open';
import { computeAggregates } from '../../db/queries/assessment-indicators';

export interface WorkerJob {
  dbPath: string;
  keys: IndicatorKey[];
  start: number;
  end: number;
}

parentPort!.on('message', (job: WorkerJob) => {
  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    db = openDatabase(job.dbPath, { readonly: true });
    parentPort!.postMessage({ ok: true, result: computeAggregates(db, job.keys, job.start, job.end) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  } finally {
    db?.close();
  }
});
