/**
 * The benchmark's big township (db/testing-big-township.ts), built small: its
 * rows hang together (foreign keys, event_units against the assignment
 * history), it holds every case the indicators count, and a quarter of it
 * computes with every indicator populated.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_KEYS, periodBounds } from '../../common/assessment';
import { migrate, openDatabase, type Db } from '../../db';
import { computeAggregates } from '../../db/queries/assessment-indicators';
import { listUnits } from '../../db/queries/org';
import { countRows } from '../../db/testing';
import { fillBigTownship, type BigTownshipStats } from '../../db/testing-big-township';
import { bigTownshipFacts, foreignKeyProblems } from '../../db/testing-big-township-facts';
import { DEMO_PLACES, DEMO_REPORTERS, DEMO_TEXTS } from '../demo/demo-texts';
import { seedDemoTownship } from '../demo/seed';
import { seedReferenceData } from '../events/reference-seed';
import { tempDir } from '../testing/core';

const NOW = Date.UTC(2026, 10, 30, 1, 0, 0);

describe('the big township of the assessment benchmark, built small', () => {
  const dir = tempDir('big-township-');
  let db: Db;
  let stats: BigTownshipStats;
  beforeAll(() => {
    db = openDatabase(join(dir.path, 'big.db'));
    migrate(db);
    seedReferenceData(db);
    seedDemoTownship(db, NOW, 0);
    stats = fillBigTownship(db, {
      events: 6000,
      now: NOW,
      days: 365,
      texts: DEMO_TEXTS,
      places: DEMO_PLACES,
      reporters: DEMO_REPORTERS,
    });
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  it('writes consistent rows with their indexes and triggers back in place', () => {
    expect(stats.events).toBe(6000);
    expect(countRows(db, 'events')).toBe(6000);
    expect(countRows(db, 'event_assignments')).toBe(stats.assignments);
    expect(countRows(db, 'event_actions')).toBe(stats.actions);
    expect(foreignKeyProblems(db)).toEqual([]);
    expect(listUnits(db)).toHaveLength(30);
    const facts = bigTownshipFacts(db);
    expect(facts.unitsWithoutAssignment).toBe(0);
    expect(facts.leadsLeftOpen).toBe(0);
    // The indexes and triggers dropped for the load are back.
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(facts.assignmentTriggers).toBe(4);
  });

  it('holds every case the indicators count', () => {
    const facts = bigTownshipFacts(db);
    expect(facts.returnsByVerdict.accepted).toBeGreaterThan(50);
    expect(facts.returnsByVerdict.justified).toBeGreaterThan(0);
    expect(facts.returnsByVerdict.unjustified).toBeGreaterThan(0);
    expect(facts.reopens).toBeGreaterThan(0);
    expect(facts.approvedExtensions).toBeGreaterThan(50);
    expect(facts.callbacks).toBeGreaterThan(4000);
    expect(facts.assistSigned).toBeGreaterThan(1000);
    expect(facts.answersLate).toBeGreaterThan(0);
    expect(stats.orders).toBeGreaterThan(50);
    expect(stats.findings).toBeGreaterThan(10);
  });

  it('gives a quarter a number for every indicator', () => {
    const { start, end } = periodBounds('2026-Q3');
    const { rows, totals } = computeAggregates(db, INDICATOR_KEYS, start, end);
    expect(totals.received).toBeGreaterThan(1000);
    for (const key of INDICATOR_KEYS) {
      const own = rows.filter((r) => r.indicator === key);
      expect(own.length, key).toBeGreaterThan(0);
      expect(
        own.reduce((sum, r) => sum + r.den, 0),
        key,
      ).toBeGreaterThan(0);
    }
  });
});
