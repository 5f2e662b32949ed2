/**
 * The assessment's worker thread: it opens its own read-only connection to the
 * database file (WAL lets it read while the main thread writes) and computes
 * the aggregates of a period, so the app never freezes while a quarter over a
 * million events is counted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { IndicatorKey } from '../../common/assessment';
import { openDatabase } from '../../db/open';
import { computeAggregates } from '../../db/queries/assessment-indicators';

export interface WorkerJob {
  dbPath: string;
  keys: IndicatorKey[];
  start: number;
  end: number;
}

const job = workerData as WorkerJob;
const db = openDatabase(job.dbPath, { readonly: true });
try {
  parentPort!.postMessage({ ok: true, result: computeAggregates(db, job.keys, job.start, job.end) });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
} finally {
  db.close();
}
