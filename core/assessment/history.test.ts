/**
 * Migration 0011 on a database that already holds events: the back-filled
 * assignment history gives the same numbers as the history the triggers keep
 * on a database that had 0011 from the start.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INDICATOR_KEYS } from '../../common/assessment';
import { loadMigrations, migrate, openDatabase, type Db } from '../../db';
import { computeAggregates } from '../../db/queries/assessment-indicators';
import { listUnits } from '../../db/queries/org';
import { countRows } from '../../db/testing';
import { assignmentsOfEvent, eventIdByTitle, tableExists } from '../../db/testing-assessment';
import { seedDemoTownship } from '../demo/seed';
import { seedReferenceData } from '../events/reference-seed';
import { buildFixture, Q3 } from '../testing/assessment-fixtures';
import { tempDir } from '../testing/core';

const NOW = Date.UTC(2026, 10, 30, 1, 0, 0);
const sorted = (rows: { indicator: string; unitId: string; num: number; den: number }[]) =>
  [...rows].sort((a, b) => `${a.indicator}|${a.unitId}`.localeCompare(`${b.indicator}|${b.unitId}`));

describe('assignment history back-filled by migration 0011', () => {
  const dir = tempDir('assessment-history-');
  const open: Db[] = [];
  afterAll(() => {
    open.forEach((db) => db.close());
    dir.remove();
  });

  /** A township with the hand-built quarter, written before (`late`) or after 0011 arrived. */
  const database = (name: string, late: boolean) => {
    const db = openDatabase(join(dir.path, `${name}.db`));
    open.push(db);
    const migrations = loadMigrations();
    const version = migrations.findIndex((m) => m.name === 'assignment-history');
    migrate(db, late ? migrations.slice(0, version) : migrations);
    seedReferenceData(db);
    seedDemoTownship(db, NOW, 0);
    buildFixture(db);
    if (late) {
      expect(tableExists(db, 'event_assignments')).toBe(false);
      migrate(db, migrations);
    }
    return db;
  };

  it('holds one assignment per unit row, with the times the timeline adds', () => {
    const db = database('late', true);
    expect(countRows(db, 'event_assignments')).toBe(countRows(db, 'event_units'));
    // E3: A returned it and the room redispatched it to B: A's assignment withdrawn then, B's closed.
    const e3 = assignmentsOfEvent(db, eventIdByTitle(db, '事件E3'))
      .sort((x, y) => x.dispatchedAt - y.dispatchedAt)
      .map(({ unitName: name, state, returnedAt, withdrawnAt, closedAt }) => ({
        name,
        state,
        returnedAt,
        withdrawnAt,
        closedAt,
      }));
    const day = 86_400_000;
    const hour = 3_600_000;
    expect(e3).toEqual([
      {
        name: '综合行政执法队',
        state: 'withdrawn',
        returnedAt: Q3.start + 3 * day + hour,
        withdrawnAt: Q3.start + 3 * day + 2 * hour,
        closedAt: null,
      },
      { name: '派出所', state: 'signed', returnedAt: null, withdrawnAt: null, closedAt: Q3.start + 12 * day },
    ]);
  });

  it('computes the same numbers from the back-filled history as from the one the triggers kept', () => {
    const late = open[0] ?? database('late', true);
    const early = database('early', false);
    for (const period of [Q3, { start: Q3.start - 92 * 86_400_000, end: Q3.start }]) {
      const a = computeAggregates(late, INDICATOR_KEYS, period.start, period.end);
      const b = computeAggregates(early, INDICATOR_KEYS, period.start, period.end);
      expect(a.rows.length).toBeGreaterThan(5);
      // Unit ids differ between the two townships: compare by unit name.
      const named = (db: Db, rows: typeof a.rows) => {
        const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
        return sorted(rows.map((r) => ({ ...r, unitId: names.get(r.unitId)! })));
      };
      expect(named(late, a.rows)).toEqual(named(early, b.rows));
    }
  });
});
