import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { countRows } from '../db/testing';
import { DATABASE_FILE, startCore } from './app';
import { tempDir } from './testing/core';

describe('starting the core', () => {
  it('creates the demo township once with --demo, and an empty database awaiting setup without it', () => {
    const dir = tempDir();
    try {
      const first = startCore({ dataDir: dir.path, seedDemo: true, tickMs: 0, log: () => {} });
      expect(first.seeded?.villages).toBe(12);
      expect(first.setupCode).toBeNull();
      first.close();
      const second = startCore({ dataDir: dir.path, seedDemo: true, tickMs: 0, log: () => {} });
      expect(second.seeded).toBeNull();
      second.close();
      const empty = tempDir();
      const blank = startCore({ dataDir: empty.path, tickMs: 0, log: () => {} });
      expect(blank.seeded).toBeNull();
      expect(blank.setupCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(countRows(blank.db, 'users')).toBe(0);
      // Reference data comes with every database, demo or not.
      expect(countRows(blank.db, 'categories')).toBeGreaterThan(30);
      expect(countRows(blank.db, 'calendar_days')).toBeGreaterThan(30);
      blank.close();
      empty.remove();
    } finally {
      dir.remove();
    }
  });

  it('refuses a database from a newer version without touching the file', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, DATABASE_FILE);
      const db = openDatabase(file, { wal: false });
      db.pragma('user_version = 999');
      db.close();
      const before = readFileSync(file);
      expect(() => startCore({ dataDir: dir.path, tickMs: 0, log: () => {} })).toThrowError(
        expect.objectContaining({ code: 'DB_TOO_NEW' }),
      );
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(statSync(file).size).toBe(before.length);
    } finally {
      dir.remove();
    }
  });
});
