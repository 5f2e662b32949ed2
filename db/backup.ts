import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import type { Db } from './open';

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
    db.prepare('VACUUM INTO ?').run(temporary);
    finishCopy(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** `PRAGMA quick_check`: 'ok', or what is wrong (first lines). */
export function quickCheck(db: Db): string {
  const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
  return rows.map((r) => r.quick_check).join('; ');
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
    const has = (table: string) =>
      db!.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
    const attachments = has('attachments')
      ? (db.prepare('SELECT DISTINCT sha256 FROM attachments').pluck().all() as string[])
      : [];
    // SELECT *: a backup from before the audit chain has no hash column.
    const last = has('audit_log')
      ? (db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
          { seq: number; hash?: string | null } | undefined)
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
