/**
 * The raw-SQL baselines of bench/assessment.ts: the same work as the app's
 * road, written by hand on the main connection, so that the benchmark reports
 * what the app's road costs over plain SQL. Not used by production code.
 */
import type { Db } from './open';
import { aggregateSql, INDICATORS } from './queries/assessment-indicators';
import { sql } from './statements';

/** Every indicator's aggregates and the events received, as one UNION ALL statement. */
export function rawPeriodAggregates(db: Db, start: number, end: number): unknown[] {
  return sql(
    db,
    [
      ...INDICATORS.map((d) => `SELECT '${d.key}' AS indicator, * FROM (${aggregateSql(d)})`),
      "SELECT 'received', NULL, count(*), NULL FROM events WHERE reported_at >= @start AND reported_at < @end",
    ].join('\nUNION ALL\n'),
  ).all({ start, end });
}

/** Assignments dispatched within [start, end). */
export function assignmentsDispatchedIn(db: Db, start: number, end: number): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM event_assignments WHERE dispatched_at >= ? AND dispatched_at < ?').get(
    start,
    end,
  )!.n;
}

/** The stored values of the newest run, read straight from the table. */
export function rawLatestRunValues(db: Db): unknown[] {
  return sql(
    db,
    'SELECT * FROM assessment_values WHERE run_id = (SELECT id FROM assessment_runs ORDER BY created_at DESC LIMIT 1)',
  ).all();
}

/** The unit given the most events within [start, end). */
export function busiestUnitIn(db: Db, start: number, end: number): string {
  return sql<{ unitId: string }>(
    db,
    `SELECT unit_id AS unitId FROM event_units WHERE dispatched_at >= ? AND dispatched_at < ?
     GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1`,
  ).get(start, end)!.unitId;
}

/** The drill-down page written by hand: a unit's newest assignments of the period with their titles. */
export function rawUnitEventsPage(db: Db, start: number, end: number, unit: string): unknown[] {
  return sql(
    db,
    `SELECT e.id, e.serial, e.title FROM event_units eu JOIN events e ON e.id = eu.event_id
     WHERE eu.dispatched_at >= @start AND eu.dispatched_at < @end AND eu.unit_id = @unit
     ORDER BY eu.dispatched_at DESC LIMIT 50`,
  ).all({ start, end, unit });
}
