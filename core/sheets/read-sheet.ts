import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../common/errors';
import type { SheetJob, SheetReply } from './worker';
import type { SheetLimits } from './xlsx';

export interface ReadSheetOptions extends Partial<SheetLimits> {
  /** Reading is stopped after this long and the file refused (default 20 s). */
  timeoutMs?: number;
}

/** Heap of the reader's thread: a zip bomb runs out of it instead of the core's memory. */
const WORKER_HEAP_MB = 512;
/** An idle reader goes away after this long; the next import starts a new one. */
const IDLE_MS = 5 * 60_000;

/**
 * From sources (tests, `npm run serve` under tsx) the worker is worker.ts,
 * loaded through tsx; in the Electron bundle it is `sheet-worker.js`, a
 * further entry of electron/vite.config.ts emitted next to main.js.
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  const bundled = new URL('./sheet-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.js') && existsSync(fileURLToPath(bundled))) return { url: bundled, execArgv: [] };
  return { url: new URL('./worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

const badFile = (detail: string) =>
  new AppError('BAD_FILE', `This file cannot be read as a spreadsheet (${detail}). Save it again from Excel as .xlsx or .csv.`);

interface Pending {
  id: number;
  job: SheetJob | null;
  timeoutMs: number;
  resolve(rows: string[][]): void;
  reject(error: Error): void;
}

/**
 * One reader thread, one file at a time: the time limit of a file counts from
 * when its reading starts, and a file that overruns it takes the thread down
 * with it (the next file gets a new one).
 */
class SheetReader {
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private idle: NodeJS.Timeout | null = null;
  private nextId = 1;

  /** The thread is up and has answered once (its modules are loaded). */
  private ready = false;

  isWarm(): boolean {
    return this.worker !== null && this.ready;
  }

  read(job: SheetJob | null, timeoutMs: number): Promise<string[][]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  private start(): Worker {
    const { url, execArgv } = workerEntry();
    const worker = new Worker(url, { execArgv, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.unref();
    this.ready = false;
    worker.on('message', (message: { id: number; reply: SheetReply }) => {
      if (this.worker === worker) this.ready = true;
      const pending = this.current;
      if (!pending || pending.id !== message.id) return;
      this.finish();
      const { reply } = message;
      if (reply.ok) pending.resolve(reply.rows);
      else if (reply.limit)
        pending.reject(new AppError('TOO_LARGE', `This file is too large to import: ${reply.message}. Split it.`));
      else pending.reject(badFile(reply.message));
    });
    const lost = (detail: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const pending = this.current;
      this.finish();
      pending?.reject(badFile(detail));
    };
    worker.on('error', (error) => lost(error.message.slice(0, 200)));
    worker.on('exit', (code) => lost(`the reader stopped with code ${code}`));
    return worker;
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const pending = this.queue.shift()!;
    this.current = pending;
    this.worker ??= this.start();
    const worker = this.worker;
    this.timer = setTimeout(() => {
      // Stop the thread mid-parse: nothing else can interrupt a synchronous loop.
      this.worker = null;
      this.finish();
      void worker.terminate();
      pending.reject(badFile(`reading it took longer than ${Math.round(pending.timeoutMs / 100) / 10} s`));
    }, pending.timeoutMs);
    worker.postMessage({ id: pending.id, job: pending.job });
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    if (this.queue.length > 0) {
      setImmediate(() => this.pump());
      return;
    }
    const worker = this.worker;
    if (worker) {
      this.idle = setTimeout(() => {
        if (this.worker === worker && !this.current) {
          this.worker = null;
          void worker.terminate();
        }
      }, IDLE_MS);
      this.idle.unref();
    }
  }
}

const reader = new SheetReader();

/**
 * Starts the reader thread ahead of the first import (its modules take a
 * moment to load), e.g. when an import dialog opens; resolves once it is up.
 */
export function warmSheetReader(): Promise<void> {
  return reader.read(null, 60_000).then(() => undefined);
}

/**
 * Reads the first worksheet of an .xlsx or a .csv file into rows of cell
 * texts, in a worker thread with a time and memory limit. The caller awaits
 * it outside any transaction, then writes in one.
 */
export function readSheet(fileName: string, bytes: Uint8Array, options: ReadSheetOptions = {}): Promise<string[][]> {
  const name = fileName.toLowerCase();
  const kind = name.endsWith('.csv') ? 'csv' : name.endsWith('.xlsx') ? 'xlsx' : null;
  if (!kind) return Promise.reject(new AppError('UNSUPPORTED_FILE', 'Import an Excel workbook (.xlsx) or a CSV file (.csv).'));
  const job: SheetJob = {
    kind,
    bytes,
    maxRows: options.maxRows ?? 200_001,
    maxColumns: options.maxColumns ?? 64,
    maxCellLength: options.maxCellLength ?? 10_000,
  };
  const timeoutMs = options.timeoutMs ?? 20_000;
  // Starting the thread is not the file's time: warm it first, then time the reading alone.
  if (reader.isWarm()) return reader.read(job, timeoutMs);
  return warmSheetReader().then(() => reader.read(job, timeoutMs));
}
