import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../common/errors';
import { tempDir } from './testing';
import { loadMigrations, migrate, schemaVersion, type Migration } from './migrate';
import { openDatabase, type Db } from './open';

const tableNames = (db: Db) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();

describe('migration runner', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'test.db'));
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('opens with WAL, synchronous=FULL and foreign keys on', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('brings a fresh database to the newest version with strict tables', () => {
    const migrations = loadMigrations();
    const report = migrate(db, migrations);
    expect(report.from).toBe(0);
    expect(report.to).toBe(migrations.length);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['audit_log', 'grids', 'sessions', 'settings', 'township', 'units', 'users', 'villages']),
    );
    const nonStrict = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND sql NOT LIKE '%) STRICT' AND sql NOT LIKE '%) STRICT, WITHOUT ROWID'",
      )
      .pluck()
      .all();
    expect(nonStrict).toEqual([]);
  });

  it('does nothing when run again', () => {
    migrate(db);
    const before = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    const report = migrate(db);
    expect(report.applied).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()).toBe(before);
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    migrate(db);
    db.pragma('user_version = 99');
    db.exec("INSERT INTO settings (key, value) VALUES ('marker', 'kept')");
    let caught: unknown;
    try {
      migrate(db);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('DB_TOO_NEW');
    expect((caught as AppError).message).toMatch(/newer version/);
    expect(schemaVersion(db)).toBe(99);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'marker'").pluck().get()).toBe('kept');
  });

  it('rolls back every pending migration when one fails', () => {
    const good: Migration = { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER) STRICT;' };
    const alsoGood: Migration = {
      version: 2,
      name: 'also-good',
      sql: 'CREATE TABLE b (y INTEGER) STRICT; INSERT INTO b VALUES (1);',
    };
    const bad: Migration = {
      version: 3,
      name: 'bad',
      sql: 'CREATE TABLE c (z INTEGER) STRICT; INSERT INTO missing_table VALUES (1);',
    };
    expect(() => migrate(db, [good, alsoGood, bad])).toThrowError(/3-bad/);
    expect(schemaVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);

    migrate(db, [good]);
    expect(() => migrate(db, [good, alsoGood, bad])).toThrowError(expect.objectContaining({ code: 'MIGRATION_FAILED' }));
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['a']);
  });

  it('refuses migration files that skip a number or are misnamed', () => {
    const migrations = join(dir.path, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001-one.sql'), 'SELECT 1;');
    writeFileSync(join(migrations, '0003-three.sql'), 'SELECT 1;');
    expect(() => loadMigrations(migrations)).toThrowError(/without gaps/);
    writeFileSync(join(migrations, '0002 two.sql'), 'SELECT 1;');
    expect(() => loadMigrations(migrations)).toThrowError(/NNNN-name/);
  });
});
