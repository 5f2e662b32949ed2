import { join } from 'node:path';
import type { Result } from '../common/errors';
import type { PushMessage } from '../common/topics';
import { enableWal, migrate, openDatabase, type Db } from '../db';
import { sealAuditChain } from '../db/queries/audit';
import { createBackupManager, type BackupManager } from './backups/manager';
import { backupBeforeMigration, checkDatabaseAtStart, recordRestore } from './backups/startup';
import { restoreBackupFiles } from './backups/store';
import { sweepSessionsAtStart } from '../db/queries/auth';
import { idleTimeoutMs } from './auth/auth-service';
import { scopePush } from './auth/push-scope';
import { newId, type ConnectionState } from './context';
import { createCoalescer } from './alarms/coalesce';
import { seedAssessmentSchemes } from './assessment/seed';
import { seedDemoTownship, type SeedReport } from './demo/seed';
import { hasTownship } from '../db/queries/setup';
import { createSetupGate } from './setup/gate';
import { seedReferenceData } from './events/reference-seed';
import { runWarningTick } from './events/warning-tick';
import { createRouter } from './router';
import { supervisionWarningTicker } from './supervision/warning-tick';
import type { PrintPdf } from './print/pdf';
import { startSync, type SyncController, type SyncOptions } from './sync';

export const DATABASE_FILE = 'command-room.db';

export interface StartOptions {
  /** Folder holding command-room.db (created if missing). */
  dataDir: string;
  /**
   * `--demo`: seed the demo township when the database is empty (default false:
   * an empty database gets the first-run setup page).
   */
  seedDemo?: boolean;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
  /** How many demo events the demo township gets (default 3,000). */
  demoEvents?: number;
  /** How often warnings are re-checked; 0 turns the timer off (tests tick by hand). */
  tickMs?: number;
  /** The shell's HTML → PDF printer (Electron's printToPDF, Chromium in the webhost). */
  printPdf?: PrintPdf;
  /** How often to look whether the daily backup is due (default 15 min); 0 turns it off. */
  backupCheckMs?: number;
  /**
   * Called after a restore has swapped the database files, with the core
   * closed: the webhost starts a new core, Electron relaunches the app.
   */
  onRestart?: () => void;
  /** At most one `alarms.changed` push per this many ms (default 250); 0 pushes each at once. */
  coalesceMs?: number;
  /** County sync: the link from the environment, the token store of the shell, demo defaults. */
  sync?: SyncOptions;
}

/** One client connection (a window, a browser tab): it holds at most one session. */
export interface Connection {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Whether a session is attached now: the webhost keeps tighter limits on sockets without one. */
  readonly signedIn: boolean;
  /** Detaches the connection's session, if any: it can be resumed on another connection. */
  close(): void;
}

export interface CoreApp {
  readonly dbPath: string;
  readonly db: Db;
  /** What the demo seed created on this start, or null. */
  readonly seeded: SeedReport | null;
  /** The one-time code for the first-run setup from another machine; null once a township exists. */
  readonly setupCode: string | null;
  /**
   * `peer.local`: the connection comes from the machine itself (default: it does not);
   * `peer.address`: where it comes from (an IP address; 'local' for the Electron window).
   */
  connect(push: (message: PushMessage) => void, peer?: { local?: boolean; address?: string }): Connection;
  /** Re-checks deadlines now and pushes the events whose warning changed. */
  tick(): void;
  readonly backups: BackupManager;
  /** The county sync (link state, unsent changes); off until configured. */
  readonly sync: SyncController;
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
    // A damaged file is refused before anything writes to it (DB_DAMAGED names the newest good backup).
    checkDatabaseAtStart(db, options.dataDir, dbPath);
    backupBeforeMigration(db, options.dataDir, now());
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  enableWal(db);
  sealAuditChain(db);
  recordRestore(db, options.dataDir, now());
  seedReferenceData(db);
  seedAssessmentSchemes(db, now());
  const seeded = options.seedDemo === true ? seedDemoTownship(db, now(), options.demoEvents) : null;
  const setupGate = createSetupGate(!hasTownship(db), options.demoEvents);
  // Sessions left open by a restart stay resumable until they idle out.
  sweepSessionsAtStart(db, now(), idleTimeoutMs(db));

  const live = new Map<ConnectionState, (message: PushMessage) => void>();
  const router = createRouter({
    db,
    dataDir: options.dataDir,
    now,
    log,
    printPdf: options.printPdf,
    broadcast: (message) => {
      if (message.topic === 'alarms.changed') alarmPushes.trigger();
      else broadcastAll(message);
      sync.kick(); // a local write may have queued changes for the county
    },
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
    for (const [state, push] of live) {
      if (!state.sessionId) continue;
      const scoped = scopePush(db, state.sessionId, message);
      if (scoped) push(scoped);
    }
  };
  // An alarm storm must not become a push storm: screens reload the alarm list a few times a second at most.
  const alarmPushes = createCoalescer(() => broadcastAll({ topic: 'alarms.changed', payload: {} }), options.coalesceMs ?? 250);
  const supervisionTick = supervisionWarningTicker(db, now());
  const tick = () => {
    router.flushLoginAudit();
    try {
      const ids = runWarningTick(db, now());
      for (let i = 0; i < ids.length; i += 1000)
        broadcastAll({ topic: 'events.changed', payload: { ids: ids.slice(i, i + 1000), reason: 'warning' } });
      const orders = supervisionTick(now());
      for (let i = 0; i < orders.length; i += 1000)
        broadcastAll({ topic: 'supervision.changed', payload: { ids: orders.slice(i, i + 1000) } });
    } catch (error) {
      log('the warning tick failed', error);
    }
  };
  const sync = startSync(
    { db, dataDir: options.dataDir, now, log, publish: (message) => broadcastAll(message), seededDemo: seeded !== null },
    options.sync ?? {},
  );
  tick();
  let closed = false;
  const backups = createBackupManager({
    db,
    dataDir: options.dataDir,
    now,
    log,
    publish: (message) => broadcastAll(message),
    checkMs: options.backupCheckMs ?? 15 * 60_000,
    restore: (name, at) =>
      setImmediate(() => {
        for (const push of live.values()) push({ topic: 'app.restarting', payload: { reason: 'restore' } });
        app.close();
        try {
          restoreBackupFiles(options.dataDir, dbPath, name, at);
        } catch (error) {
          log(`restoring ${name} failed; the database was left as it was`, error);
        }
        options.onRestart?.();
      }),
  });
  const ticker = options.tickMs === 0 ? null : setInterval(tick, options.tickMs ?? 30_000);
  ticker?.unref();

  const app: CoreApp = {
    dbPath,
    db,
    seeded,
    get setupCode() {
      return setupGate.code;
    },
    backups,
    connect(push, peer = {}) {
      const local = peer.local ?? false;
      const state: ConnectionState = {
        id: newId(),
        address: peer.address ?? 'local',
        sessionId: null,
        local,
        setup: setupGate,
      };
      live.set(state, push);
      return {
        call: async (method, input) => {
          const result = await router.route(state, method, input);
          // A resumed session leaves the connection that held it: it gets no more pushes for it.
          if (method === 'auth.resume' && result.ok) {
            for (const other of live.keys()) if (other !== state && other.sessionId === state.sessionId) other.sessionId = null;
          }
          return result;
        },
        get signedIn() {
          return state.sessionId !== null;
        },
        close: () => {
          live.delete(state);
          router.disconnect(state);
        },
      };
    },
    tick,
    sync,
    close() {
      if (closed) return;
      closed = true;
      backups.stop();
      if (ticker) clearInterval(ticker);
      alarmPushes.stop();
      sync.close();
      for (const state of live.keys()) router.disconnect(state);
      live.clear();
      db.close();
    },
  };
  return app;
}
