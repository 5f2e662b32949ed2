import { join } from 'node:path';
import type { Result } from '../common/errors';
import type { PushMessage } from '../common/topics';
import { enableWal, migrate, openDatabase, type Db } from '../db';
import { closeDanglingSessions } from '../db/queries/sessions';
import { newId, type ConnectionState } from './context';
import { seedAssessmentSchemes } from './assessment/seed';
import { seedDemoTownship, type SeedReport } from './demo/seed';
import { seedReferenceData } from './events/reference-seed';
import { runWarningTick } from './events/warning-tick';
import { createDispatcher } from './dispatcher';
import type { PrintPdf } from './print/pdf';

export const DATABASE_FILE = 'command-room.db';

export interface StartOptions {
  /** Folder holding command-room.db (created if missing). */
  dataDir: string;
  /** Seed the demo township when the database is empty (default true). */
  seedDemo?: boolean;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
  /** How many demo events the demo township gets (default 3,000). */
  demoEvents?: number;
  /** How often warnings are re-checked; 0 turns the timer off (tests tick by hand). */
  tickMs?: number;
  /** The shell's HTML → PDF printer (Electron's printToPDF, Chromium in the webhost). */
  printPdf?: PrintPdf;
}

/** One client connection (a window, a browser tab): it holds at most one session. */
export interface Connection {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Ends the connection's session, if any. */
  close(): void;
}

export interface CoreApp {
  readonly dbPath: string;
  readonly db: Db;
  /** What the demo seed created on this start, or null. */
  readonly seeded: SeedReport | null;
  connect(push: (message: PushMessage) => void): Connection;
  /** Re-checks deadlines now and pushes the events whose warning changed. */
  tick(): void;
  close(): void;
}

/**
 * Opens the database, brings its schema up to date (or refuses a newer one
 * with DB_TOO_NEW), seeds the demo township on first start, and hands out
 * connections for the shells.
 */
export function startCore(options: StartOptions): CoreApp {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[core] ${message}`, error ?? ''));
  const dbPath = join(options.dataDir, DATABASE_FILE);
  const db = openDatabase(dbPath, { wal: false });
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  enableWal(db);
  seedReferenceData(db);
  seedAssessmentSchemes(db, now());
  const seeded = options.seedDemo === false ? null : seedDemoTownship(db, now(), options.demoEvents);
  closeDanglingSessions(db, now());

  const live = new Map<ConnectionState, (message: PushMessage) => void>();
  const dispatcher = createDispatcher({
    db,
    dataDir: options.dataDir,
    now,
    log,
    printPdf: options.printPdf,
    broadcast: (message) => broadcastAll(message),
    notifySessionsEnded: (ids, reason) => {
      const ended = new Set(ids);
      for (const [state, push] of live) {
        if (state.sessionId && ended.has(state.sessionId)) {
          state.sessionId = null;
          push({ topic: 'session.ended', payload: { reason } });
        }
      }
    },
  });

  const broadcastAll = (message: PushMessage) => {
    for (const [state, push] of live) if (state.sessionId) push(message);
  };
  const tick = () => {
    try {
      const ids = runWarningTick(db, now());
      for (let i = 0; i < ids.length; i += 1000)
        broadcastAll({ topic: 'events.changed', payload: { ids: ids.slice(i, i + 1000), reason: 'warning' } });
    } catch (error) {
      log('the warning tick failed', error);
    }
  };
  tick();
  const ticker = options.tickMs === 0 ? null : setInterval(tick, options.tickMs ?? 30_000);
  ticker?.unref();

  return {
    dbPath,
    db,
    seeded,
    connect(push) {
      const state: ConnectionState = { id: newId(), sessionId: null };
      live.set(state, push);
      return {
        call: async (method, input) => dispatcher.dispatch(state, method, input),
        close: () => {
          live.delete(state);
          dispatcher.disconnect(state);
        },
      };
    },
    tick,
    close() {
      if (ticker) clearInterval(ticker);
      for (const state of live.keys()) dispatcher.disconnect(state);
      live.clear();
      db.close();
    },
  };
}
