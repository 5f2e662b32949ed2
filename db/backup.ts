import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import type { Db } from './open';
import { sql } from './statements';

/** Forces a file's bytes to the disk, so a backup said to be written survives a power cut. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Leaves a copy in rollback-journal mode: it opens read-only anywhere (a WAL
 * file needs a writable -shm next to it) and is one self-contained file.
 */
function finishCopy(temporary: string, file: string): void {
  const copy = new Database(temporary);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fsyncFile(temporary);
  renameSync(temporary, file);
}

/**
 * An online backup with SQLite's backup API (better-sqlite3 `db.backup()`):
 * copies the pages in steps between which the app keeps working, and sees
 * the writes made meanwhile. Written under a temporary name and renamed, so
 * a half-written backup never carries a real name.
 */
export async function onlineBackup(db: Db, file: string): Promise<void> {
  const temporary = `${file}.partial`;
  rmSync(temporary, { force: true });
  try {
    await db.backup(temporary);
    finishCopy(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * A synchronous consistent copy (`VACUUM INTO`), for the moment before a
 * migration: start-up is synchronous and nobody else writes yet.
 */
export function snapshotInto(db: Db, file: string): void {
  const temporary = `${file}.partial`;
  rmSync(temporary, { force: true });
  try {
    sql(db, 'VACUUM INTO ?').run(temporary);
    finishCopy(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** `PRAGMA quick_check`: 'ok', or what is wrong (first lines); of one table when named. */
export function quickCheck(db: Db, table?: string): string {
  const rows = db.pragma(table === undefined ? 'quick_check(20)' : `quick_check(${table})`) as { quick_check: string }[];
  return rows.map((r) => r.quick_check).join('; ');
}

export function tableExists(db: Db, name: string): boolean {
  return sql(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * The outbox's seq span above `after` and the highest seq AUTOINCREMENT handed
 * out: a sound outbox has no gaps (hi - lo + 1 = n) and no seq given out past
 * its last row. `lo`/`hi` are null when it is empty, `handedOut` undefined when
 * none was ever handed out.
 */
export function outboxSequence(
  db: Db,
  after = 0,
): {
  lo: number | null;
  hi: number | null;
  n: number;
  handedOut: number | undefined;
} {
  const span = sql<{ lo: number | null; hi: number | null; n: number }>(
    db,
    'SELECT min(seq) AS lo, max(seq) AS hi, count(*) AS n FROM outbox WHERE seq > ?',
  ).get(after)!;
  const handedOut = sql<{ seq: number }>(db, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get()?.seq;
  return { ...span, handedOut };
}

/**
 * The seq up to which the county holds the township's changes: acknowledged,
 * or being taken back from the county after a restore. Below it the outbox may
 * have holes: `recover` does not give back the changes the county refused.
 */
export function countyHeldSeq(db: Db): number {
  if (!tableExists(db, 'sync_state')) return 0;
  // The check runs before migrations: a file older than revision 2 has no recovery columns.
  const recovery = sql(db, "SELECT 1 FROM pragma_table_info('sync_state') WHERE name = 'recover_target'").get() !== undefined;
  const row = sql<{ acked: number; target: number }>(
    db,
    `SELECT acked_seq AS acked, ${recovery ? 'recover_target' : '0'} AS target FROM sync_state WHERE id = 1`,
  ).get();
  return row ? Math.max(row.acked, row.target) : 0;
}

export interface DatabaseFileCheck {
  ok: boolean;
  /** 'ok' or why not. */
  problem: string;
  schemaVersion: number;
  /** SHA-256 names of the attachment files the database refers to. */
  attachments: string[];
  auditHead: { seq: number; hash: string };
}

/** Opens a database file read-only and checks it: quick_check, schema version, what it refers to. */
export function inspectDatabaseFile(file: string): DatabaseFileCheck {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problem = quickCheck(db);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const attachments = tableExists(db, 'attachments')
      ? sql<{ sha256: string }>(db, 'SELECT DISTINCT sha256 FROM attachments')
          .all()
          .map((r) => r.sha256)
      : [];
    // SELECT *: a backup from before the audit chain has no hash column.
    const last = tableExists(db, 'audit_log')
      ? sql<{ seq: number; hash?: string | null }>(db, 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get()
      : undefined;
    const head = last ? { seq: last.seq, hash: last.hash ?? '' } : undefined;
    return { ok: problem === 'ok', problem, schemaVersion, attachments, auditHead: head ?? { seq: 0, hash: '' } };
  } catch (error) {
    return {
      ok: false,
      problem: error instanceof Error ? error.message : String(error),
      schemaVersion: 0,
      attachments: [],
      auditHead: { seq: 0, hash: '' },
    };
  } finally {
    db?.close();
  }
}
