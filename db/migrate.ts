import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../common/errors';
import type { Db } from './open';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/**
 * Where the .sql files live: next to this module in the source tree, and next
 * to the bundle in the Electron build (the build copies them there).
 */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

/** Reads `NNNN-name.sql` files; versions must run 1, 2, 3 … without gaps. */
export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new AppError('MIGRATION_FAILED', `Migration file name "${file}" is not NNNN-name.sql.`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new AppError(
        'MIGRATION_FAILED',
        `Migrations must be numbered 1, 2, 3 … without gaps; found ${m.version} at position ${index + 1}.`,
      );
    }
  });
  return migrations;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrateReport {
  from: number;
  to: number;
  applied: number[];
}

/**
 * Applies every pending migration in one transaction: either the database
 * moves to the newest version or it stays exactly as it was.
 */
export function migrate(db: Db, migrations: Migration[] = loadMigrations()): MigrateReport {
  const from = schemaVersion(db);
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  if (from > latest) {
    throw new AppError(
      'DB_TOO_NEW',
      `The database is at schema version ${from}, but this app knows only up to ${latest}. It was written by a newer version of Command Room: install that version (or newer) to open it. The database was not changed.`,
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, applied: [] };

  let current: Migration | undefined;
  // A migration that rebuilds a table (SQLite's documented 12-step ALTER) drops the old one:
  // with foreign keys on, that DROP would first delete every row and cascade into the child
  // tables. So they are off while migrations run (the pragma is a no-op inside a transaction),
  // and every reference is checked before the commit instead.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        current = migration;
        db.exec(migration.sql);
      }
      const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (broken.length > 0) {
        const first = broken[0]!;
        throw new Error(`${broken.length} rows of ${first.table} point at missing ${first.parent} rows`);
      }
      db.pragma(`user_version = ${latest}`);
    }).immediate();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'MIGRATION_FAILED',
      `Upgrading the database failed at migration ${current?.version}-${current?.name}: ${reason}. Nothing was changed; the database is still at version ${from}.`,
    );
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return { from, to: latest, applied: pending.map((m) => m.version) };
}
