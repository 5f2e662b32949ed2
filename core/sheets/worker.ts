/**
 * The spreadsheet reader's worker thread: a crafted or huge file costs this
 * thread (which the core kills after its time limit, within its memory
 * limit), never the core's, where everyone else's calls are answered. It
 * stays up between imports: starting it costs more than reading most files.
 */
import { parentPort } from 'node:worker_threads';
import { decodeText, readCsv, SheetLimitError } from './csv';
import { readXlsx, type SheetLimits } from './xlsx';

export interface SheetJob extends SheetLimits {
  kind: 'csv' | 'xlsx';
  bytes: Uint8Array;
}

export type SheetReply = { ok: true; rows: string[][] } | { ok: false; limit: boolean; message: string };

async function run(job: SheetJob): Promise<SheetReply> {
  try {
    const rows =
      job.kind === 'csv'
        ? readCsv(decodeText(job.bytes), { maxRows: job.maxRows, maxCells: job.maxColumns })
        : await readXlsx(job.bytes, job);
    if (job.kind === 'csv') {
      for (const row of rows)
        for (const cell of row)
          if (cell.length > job.maxCellLength) throw new SheetLimitError(`a cell is longer than ${job.maxCellLength} characters`);
    }
    return { ok: true, rows };
  } catch (error) {
    return {
      ok: false,
      limit: error instanceof SheetLimitError,
      message: (error instanceof Error ? error.message : String(error)).slice(0, 300),
    };
  }
}

parentPort!.on('message', (message: { id: number; job: SheetJob | null }) => {
  // A job of null is the warm-up: answer as soon as the modules are loaded.
  if (!message.job) parentPort!.postMessage({ id: message.id, reply: { ok: true, rows: [] } });
  else void run(message.job).then((reply) => parentPort!.postMessage({ id: message.id, reply }));
});
