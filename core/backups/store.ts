/**
 * The backup folder: `<dataDir>/backups/` holds `<name>.db` (a verified copy
 * in rollback-journal mode), `<name>.json` (its manifest) and `attachments/`,
 * a content-addressed pool of the photo files the backups refer to. Photos
 * are immutable and named by their SHA-256, so each is copied once, however
 * many backups refer to it, and a file is dropped from the pool only when no
 * kept backup refers to it any more.
 */
import {
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { BackupName, type BackupInfo, type BackupKind } from '../../common/contract/backups';
import { AppError } from '../../common/errors';
import { fsyncFile, inspectDatabaseFile, onlineBackup, snapshotInto, type Db } from '../../db';
import { attachmentPath } from '../events/attachments';
import { isoChina } from '../../common/china-time';
import { backupsToKeep } from './rotation';

export const BACKUP_FOLDER = 'backups';

export function backupsDir(dataDir: string): string {
  return join(dataDir, BACKUP_FOLDER);
}

function poolPath(dataDir: string, sha256: string): string {
  return join(backupsDir(dataDir), 'attachments', sha256.slice(0, 2), sha256);
}

/** `command-room-20261130-083000-daily`, in China time; a suffix when the second is taken. */
export function backupName(dataDir: string, at: number, kind: BackupKind): string {
  const stamp = isoChina(at).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  for (let n = 1; ; n += 1) {
    const name = `command-room-${stamp}${n === 1 ? '' : `-${n}`}-${kind}`;
    if (!existsSync(join(backupsDir(dataDir), `${name}.db`))) return name;
  }
}

/** Copies a file under a temporary name and renames it (reflink where the file system can). */
function copyDurably(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const temporary = `${to}.partial`;
  copyFileSync(from, temporary, constants.COPYFILE_FICLONE);
  fsyncFile(temporary);
  renameSync(temporary, to);
}

/** Puts the photos a backup refers to into the pool; returns how many were missing from the data folder. */
function poolAttachments(dataDir: string, shas: string[]): number {
  let missing = 0;
  for (const sha of shas) {
    const target = poolPath(dataDir, sha);
    if (existsSync(target)) continue;
    const source = attachmentPath(dataDir, sha);
    if (!existsSync(source)) {
      missing += 1;
      continue;
    }
    copyDurably(source, target);
    if (createHash('sha256').update(readFileSync(target)).digest('hex') !== sha) {
      rmSync(target, { force: true });
      missing += 1;
    }
  }
  return missing;
}

/** Verifies a freshly written backup file, pools its photos and writes its manifest. */
function seal(dataDir: string, name: string, kind: BackupKind, at: number, expectedVersion: number): BackupInfo {
  const file = join(backupsDir(dataDir), `${name}.db`);
  const check = inspectDatabaseFile(file);
  const versionOk = check.schemaVersion === expectedVersion;
  const missing = check.ok ? poolAttachments(dataDir, check.attachments) : 0;
  const info: BackupInfo = {
    name,
    kind,
    createdAt: at,
    size: statSync(file).size,
    schemaVersion: check.schemaVersion,
    auditHead: check.auditHead,
    attachments: check.attachments.length,
    missingAttachments: missing,
    verified: check.ok && versionOk,
    problem: !check.ok ? check.problem : versionOk ? 'ok' : `schema version ${check.schemaVersion}, expected ${expectedVersion}`,
  };
  const manifest = join(backupsDir(dataDir), `${name}.json`);
  writeFileSync(`${manifest}.partial`, JSON.stringify(info, null, 2));
  fsyncFile(`${manifest}.partial`);
  renameSync(`${manifest}.partial`, manifest);
  return info;
}

const versionOf = (db: Db) => db.pragma('user_version', { simple: true }) as number;

/** An online backup of the running database (daily and manual ones). */
export async function writeBackup(db: Db, dataDir: string, kind: BackupKind, at: number): Promise<BackupInfo> {
  mkdirSync(backupsDir(dataDir), { recursive: true });
  const name = backupName(dataDir, at, kind);
  await onlineBackup(db, join(backupsDir(dataDir), `${name}.db`));
  return seal(dataDir, name, kind, at, versionOf(db));
}

/** The synchronous backup taken at start-up before pending migrations run. */
export function writeBackupNow(db: Db, dataDir: string, kind: BackupKind, at: number): BackupInfo {
  mkdirSync(backupsDir(dataDir), { recursive: true });
  const name = backupName(dataDir, at, kind);
  snapshotInto(db, join(backupsDir(dataDir), `${name}.db`));
  return seal(dataDir, name, kind, at, versionOf(db));
}

/** Every backup with a manifest, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && BackupName.safeParse(basename(f, '.json')).success)
    .flatMap((f) => {
      try {
        const info = JSON.parse(readFileSync(join(dir, f), 'utf8')) as BackupInfo;
        return existsSync(join(dir, `${info.name}.db`)) ? [info] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** The newest backup that was verified when written and still passes quick_check now. */
export function newestGoodBackup(dataDir: string): BackupInfo | null {
  for (const info of listBackups(dataDir)) {
    if (info.verified && inspectDatabaseFile(join(backupsDir(dataDir), `${info.name}.db`)).ok) return info;
  }
  return null;
}

/** Deletes the backups the rotation lets go, then the pooled photos no kept backup refers to. */
export function rotateBackups(dataDir: string): string[] {
  const all = listBackups(dataDir);
  const keep = backupsToKeep(all);
  const dropped = all.filter((b) => !keep.has(b.name));
  for (const b of dropped) {
    rmSync(join(backupsDir(dataDir), `${b.name}.json`), { force: true });
    rmSync(join(backupsDir(dataDir), `${b.name}.db`), { force: true });
  }
  if (dropped.some((b) => b.attachments > 0)) {
    const needed = new Set(
      all
        .filter((b) => keep.has(b.name))
        .flatMap((b) => inspectDatabaseFile(join(backupsDir(dataDir), `${b.name}.db`)).attachments),
    );
    const pool = join(backupsDir(dataDir), 'attachments');
    if (existsSync(pool))
      for (const prefix of readdirSync(pool))
        for (const file of readdirSync(join(pool, prefix)))
          if (!needed.has(file)) rmSync(join(pool, prefix, file), { force: true });
  }
  return dropped.map((b) => b.name);
}

/**
 * Puts a backup in place of the (closed) database: the current file is kept
 * aside as `command-room.db.before-restore-<time>`, the backup is copied in
 * under a temporary name and renamed, and its photos come back from the pool.
 * Returns the name of the file kept aside.
 */
export function restoreBackupFiles(dataDir: string, dbFile: string, name: string, at: number): string {
  if (!BackupName.safeParse(name).success) throw new AppError('BAD_INPUT', `"${name}" is not the name of a backup.`);
  const source = join(backupsDir(dataDir), `${name}.db`);
  if (!existsSync(source)) throw new AppError('NOT_FOUND', `The backup ${name} is not in the backup folder any more.`);
  const check = inspectDatabaseFile(source);
  if (!check.ok) throw new AppError('BACKUP_FAILED', `The backup ${name} is damaged (${check.problem}); choose another one.`);
  const aside = keptAsideName(dbFile, at);
  // The copy is complete and on disk before the current file moves: a failure up to here changes nothing.
  const incoming = `${dbFile}.restoring`;
  copyDurably(source, incoming);
  if (existsSync(dbFile)) renameSync(dbFile, aside);
  for (const suffix of ['-wal', '-shm']) if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, aside + suffix);
  renameSync(incoming, dbFile);
  for (const sha of check.attachments) {
    const target = attachmentPath(dataDir, sha);
    if (!existsSync(target) && existsSync(poolPath(dataDir, sha))) copyDurably(poolPath(dataDir, sha), target);
  }
  writeFileSync(join(dataDir, RESTORE_NOTE), JSON.stringify({ name, keptAside: basename(aside), at }));
  return basename(aside);
}

/** Where a restore keeps the database it replaces. */
export function keptAsideName(dbFile: string, at: number): string {
  return `${dbFile}.before-restore-${isoChina(at).slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
}

/** Left by a restore for the next start, which writes the audit row into the restored database. */
export const RESTORE_NOTE = 'restore-note.json';
