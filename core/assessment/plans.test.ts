import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorKey } from '../../common/assessment';
import { migrate, openDatabase, type Db } from '../../db';
import { tempDir } from '../testing/core';
import { aggregateSql, evidenceSql, indicator } from './indicators';

/** Each indicator reads its period through an index, never by scanning every event. */
const EXPECTED: Record<IndicatorKey, RegExp> = {
  sign_on_time: /event_units_by_dispatched/,
  closed_on_time: /event_units_by_handle_due/,
  closure: /event_units_by_dispatched/,
  rework: /event_units_by_dispatched/,
  return: /COVERING INDEX event_actions_dispatches[\s\S]*SEARCH r USING COVERING INDEX event_actions_returns/,
  extension: /event_units_by_dispatched/,
  satisfaction: /COVERING INDEX event_actions_callbacks/,
  // By issue time, or by unit first (supervision's own index) when the query is for one unit.
  orders: /supervision_orders_by_issued|supervision_order_units_by_unit/,
  orders_late: /supervision_orders_by_issued|supervision_order_units_by_unit/,
  findings: /inspection_findings_by_(found|unit)/,
};

describe('assessment query plans', () => {
  const dir = tempDir('assessment-plans-');
  let db: Db;
  beforeAll(() => {
    db = openDatabase(join(dir.path, 'plans.db'));
    migrate(db);
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  const plan = (sql: string) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ start: 0, end: 1, unit: 'u', limit: 10, offset: 0 }) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');

  it.each(Object.entries(EXPECTED))('%s uses its index', (key, index) => {
    const d = indicator(key as IndicatorKey);
    const noScan = /SCAN (e|eu|d|c|o|f|ou|events|event_units|event_actions)\b(?! USING)/;
    expect(plan(aggregateSql(d))).toMatch(index);
    expect(plan(aggregateSql(d))).not.toMatch(noScan);
    // Counting never visits the wide rows of the events table, only its narrow covering index.
    expect(plan(aggregateSql(d))).not.toMatch(/sqlite_autoindex_events_1/);
    if (d.refKind === 'event' && d.key !== 'return') expect(plan(aggregateSql(d))).toMatch(/COVERING INDEX/);
    expect(plan(evidenceSql(d))).toMatch(index);
    expect(plan(evidenceSql(d))).not.toMatch(noScan);
  });

  it.each([
    [
      'runs of a period',
      'SELECT * FROM assessment_runs WHERE period = ? AND scheme_code = ? ORDER BY revision DESC',
      /assessment_runs_by_period/,
    ],
    ['items of a run', 'SELECT * FROM assessment_items WHERE run_id = ? ORDER BY unit_id, created_at', /assessment_items_by_run/],
    ['values of a unit', 'SELECT * FROM assessment_values WHERE run_id = ? AND unit_id = ?', /PRIMARY KEY/],
    ['scores of a run', 'SELECT * FROM assessment_scores WHERE run_id = ?', /PRIMARY KEY/],
    ['evidence of an item', 'SELECT * FROM assessment_evidence WHERE item_id = ? ORDER BY at', /assessment_evidence_by_item/],
    ['events received', 'SELECT count(*) FROM events WHERE reported_at >= ? AND reported_at < ?', /events_by_reported/],
  ])('%s uses an index', (_name, sql, index) => {
    const detail = (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x')) as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(detail).toMatch(index);
  });
});
