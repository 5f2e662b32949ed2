import { encodeMessage } from '../../common/messages';
import type { BackupInfo, BackupKind } from '../../common/contract/backups';
import type { PushMessage } from '../../common/topics';
import type { Db } from '../../db';
import { appendAudit } from '../../db/queries/audit';
import { calendarKeys } from './rotation';
import { listBackups, rotateBackups, writeBackup } from './store';

export interface BackupManagerDeps {
  db: Db;
  dataDir: string;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** Pushes to every signed-in connection. */
  publish: (message: PushMessage) => void;
  /** How often to look whether today's backup is due; 0 turns the timer off (tests call tick). */
  checkMs: number;
  /** Closes the core, swaps the files and restarts; called after the restore call has been answered. */
  restore: (name: string, at: number) => void;
}

export interface BackupManager {
  readonly running: boolean;
  readonly lastError: string | null;
  /** A restore was requested: the core is about to close. */
  readonly restoring: boolean;
  /** Starts a backup unless one is running; resolves with it once written, verified and rotated. */
  run(kind: BackupKind): Promise<BackupInfo | null> | null;
  /** Backs up if there is no daily or manual backup of today (China time) yet. */
  tick(): Promise<BackupInfo | null> | null;
  requestRestore(name: string, at: number): void;
  stop(): void;
}

const managers = new WeakMap<Db, BackupManager>();

/** The backup manager of the core that owns this connection (handlers only get the context). */
export function backupManagerOf(db: Db): BackupManager {
  const manager = managers.get(db);
  if (!manager) throw new Error('no backup manager for this database');
  return manager;
}

export function createBackupManager(deps: BackupManagerDeps): BackupManager {
  const { db, dataDir, now, log } = deps;
  let running: Promise<BackupInfo | null> | null = null;
  let lastError: string | null = null;
  let stopped = false;
  let restoring = false;

  const record = (info: BackupInfo) =>
    db.transaction(() =>
      appendAudit(db, {
        at: now(),
        actorId: null,
        actorName: 'system',
        role: null,
        action: 'backup',
        entity: 'backup',
        entityId: info.name,
        summary: JSON.stringify({ kind: info.kind, verified: info.verified, size: info.size, problem: info.problem }),
      }),
    )();

  const run = (kind: BackupKind) => {
    if (running || stopped || restoring) return null;
    running = (async () => {
      try {
        const info = await writeBackup(db, dataDir, kind, now());
        if (stopped) return info;
        record(info);
        const failure = info.verified
          ? null
          : encodeMessage('BACKUP_VERIFY_FAILED', { name: info.name, problem: info.problem ?? '' });
        if (failure) log(failure);
        lastError = failure;
        rotateBackups(dataDir);
        deps.publish({ topic: 'backups.changed', payload: { name: info.name, ok: info.verified } });
        return info;
      } catch (error) {
        lastError = encodeMessage('BACKUP_FAILED', { reason: error instanceof Error ? error.message : String(error) });
        log('the backup failed', error);
        if (!stopped) deps.publish({ topic: 'backups.changed', payload: { name: null, ok: false } });
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const tick = () => {
    const today = calendarKeys(now()).day;
    const done = listBackups(dataDir).some((b) => b.kind !== 'pre_migration' && calendarKeys(b.createdAt).day === today);
    return done ? null : run('daily');
  };

  // The first look comes a minute after start, not during it: start-up stays quick.
  const first = deps.checkMs > 0 ? setTimeout(() => void tick(), Math.min(60_000, deps.checkMs)) : null;
  const timer = deps.checkMs > 0 ? setInterval(() => void tick(), deps.checkMs) : null;
  first?.unref();
  timer?.unref();

  const manager: BackupManager = {
    get running() {
      return running !== null;
    },
    get lastError() {
      return lastError;
    },
    run,
    tick,
    get restoring() {
      return restoring;
    },
    requestRestore(name, at) {
      if (restoring) return;
      restoring = true;
      deps.restore(name, at);
    },
    stop() {
      stopped = true;
      if (first) clearTimeout(first);
      if (timer) clearInterval(timer);
      managers.delete(db);
    },
  };
  managers.set(db, manager);
  return manager;
}
