import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrate';
import { openDatabase, type Db } from '../../db/open';
import { everyTableRow, tempDir } from '../../db/testing';
import { brokenReferences, countSearch, eventRowids, schemaObjectsOf } from '../../db/testing-history';
import { seedDemoTownship } from '../demo/seed';
import { DEMO_PAST_ALARMS } from '../demo/demo-supervision';
import { seedReferenceData } from '../events/reference-seed';
import { ftsQueries } from '../events/search-text';

describe('migration 0020 rebuilds the events table for the 历史导入 source', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'app.db'));
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('keeps every row, rowid, index, trigger and reference of a working database', () => {
    const migrations = loadMigrations();
    const rebuild = migrations.findIndex((m) => m.name === 'history-import');
    expect(rebuild).toBeGreaterThan(0);
    // Today's demo is seeded onto the schema just before the rebuild: so the rebuild stays the last
    // migration that today's demo needs, and a later migration the demo writes to goes before it.
    migrate(db, migrations.slice(0, rebuild));
    seedReferenceData(db);
    seedDemoTownship(db, Date.now(), 400);
    const rowsBefore = everyTableRow(db);
    const rowidsBefore = eventRowids(db);
    const objectsBefore = schemaObjectsOf(db, 'events');
    const search = ftsQueries('垃圾');
    const foundBefore = countSearch(db, search);
    // The demo's events and its one past detector alarm, with orders, assessments and notices around them.
    expect(rowidsBefore.length).toBe(400 + DEMO_PAST_ALARMS);
    expect(foundBefore).toBeGreaterThan(0);

    migrate(db, migrations);

    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(brokenReferences(db)).toEqual([]);
    expect(eventRowids(db)).toEqual(rowidsBefore);
    expect(schemaObjectsOf(db, 'events')).toEqual(objectsBefore);
    const rowsAfter = everyTableRow(db);
    // Every row as it was; the deadline rules gain their origin (the township's own until the county sends its).
    for (const [table, rows] of rowsBefore)
      expect(rowsAfter.get(table), table).toEqual(table === 'deadline_rules' ? rows.map((r) => [...r, 'local']) : rows);
    expect(countSearch(db, search)).toBe(foundBefore);
  });
});
