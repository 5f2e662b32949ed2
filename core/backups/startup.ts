import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '../../common/contract/backups';
import { AppError } from '../../common/errors';
import {
  countyHeldSeq,
  loadMigrations,
  outboxSequence,
  quickCheck,
  schemaVersion,
  tableExists,
  type Db,
  type Migration,
} from '../../db';
import { appendAudit } from '../../db/queries/audit';
import { endAllSessions } from '../../db/queries/auth';
import { isoChina } from '../../common/china-time';
import { newestGoodBackup, RESTORE_NOTE, writeBackupNow } from './store';

/** A damaged database: startCore refuses it, untouched, and names the newest good backup. */
export class DatabaseDamagedError extends AppError {
  constructor(
    readonly problem: string,
    readonly dbPath: string,
    readonly newestBackup: BackupInfo | null,
  ) {
    super(
      'DB_DAMAGED',
      `The database ${dbPath} is damaged (${problem}). The app has not written to it. ` +
        (newestBackup
          ? `The newest good backup is ${newestBackup.name} of ${isoChina(newestBackup.createdAt).slice(0, 16).replace('T', ' ')}: restore it (the damaged file is kept aside).`
          : 'No good backup was found; contact support with this file.'),
    );
    this.name = 'DatabaseDamagedError';
  }
}

/**
 * Up to this size the whole file is checked at every start (a township's
 * database stays far below it for years). A bigger file would delay the
 * start by many seconds: then the tables that are evidence or drive sync are
 * checked at start, and the whole file once a day, when the daily backup's
 * copy (page for page the same) is verified.
 */
export const FULL_CHECK_BYTES = 512 * 1024 * 1024;
const CRITICAL_TABLES = ['audit_log', 'outbox', 'users', 'sessions', 'settings', 'township'];

/** Why the database cannot be trusted, or null. Reads only. */
export function databaseProblem(db: Db, fullCheckBytes = FULL_CHECK_BYTES): string | null {
  try {
    const pages = db.pragma('page_count', { simple: true }) as number;
    if (pages === 0) return null; // a new, empty file
    const bytes = pages * (db.pragma('page_size', { simple: true }) as number);
    if (bytes <= fullCheckBytes) {
      const check = quickCheck(db);
      if (check !== 'ok') return `quick_check: ${check}`;
    } else {
      for (const table of CRITICAL_TABLES.filter((t) => tableExists(db, t))) {
        const check = quickCheck(db, table);
        if (check !== 'ok') return `quick_check(${table}): ${check}`;
      }
    }
    if (tableExists(db, 'outbox')) {
      // Unsent changes must be whole; what the county holds it can give back (a restore may leave holes there).
      const { handedOut, ...o } = outboxSequence(db, countyHeldSeq(db));
      const high = handedOut ?? 0;
      if (o.n > 0 && o.hi! - o.lo! + 1 !== o.n) return `the sync outbox has gaps (${o.n} changes between ${o.lo} and ${o.hi})`;
      if (o.n > 0 && high < o.hi!) return `the sync outbox sequence (${high}) is behind its last change (${o.hi})`;
    }
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Throws DatabaseDamagedError when the file is damaged; never writes. */
export function checkDatabaseAtStart(db: Db, dataDir: string, dbPath: string, fullCheckBytes = FULL_CHECK_BYTES): void {
  const problem = databaseProblem(db, fullCheckBytes);
  if (problem) throw new DatabaseDamagedError(problem, dbPath, newestGoodBackup(dataDir));
}

/** Before pending migrations run on an existing database, a verified backup of it as it is. */
export function backupBeforeMigration(
  db: Db,
  dataDir: string,
  at: number,
  migrations: Migration[] = loadMigrations(),
): BackupInfo | null {
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from === 0 || from >= latest) return null; // new database, up to date, or too new (migrate refuses it)
  const info = writeBackupNow(db, dataDir, 'pre_migration', at);
  if (!info.verified)
    throw new AppError(
      'BACKUP_FAILED',
      `The backup before upgrading the database failed (${info.problem}); nothing was upgraded.`,
    );
  return info;
}

/** After a restore: the audit row goes into the restored database, at its first start. */
export function recordRestore(db: Db, dataDir: string, at: number): void {
  const note = join(dataDir, RESTORE_NOTE);
  if (!existsSync(note)) return;
  const { name, keptAside } = JSON.parse(readFileSync(note, 'utf8')) as { name: string; keptAside: string };
  db.transaction(() => {
    appendAudit(db, {
      at,
      actorId: null,
      actorName: 'system',
      role: null,
      action: 'restore',
      entity: 'backup',
      entityId: name,
      summary: JSON.stringify({ restoredFrom: name, keptAside }),
    });
    // A restore signs everyone out: the sessions in the backup are not resumable.
    endAllSessions(db, at, 'closed');
  })();
  rmSync(note, { force: true });
}
