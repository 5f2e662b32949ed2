import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorKey } from '../../common/assessment';
import { migrate, openDatabase, type Db } from '../../db';
import { aggregateSql, evidenceSql, indicator } from '../../db/queries/assessment-indicators';
import { queryPlan } from '../../db/testing';
import { tempDir } from '../testing/core';

/**
 * Each indicator reads its period through an index, never by scanning every
 * event. Since 0011 the event indicators read the assignment history
 * (event_assignments) instead of event_units and the event timeline.
 */
const EXPECTED: Record<IndicatorKey, RegExp> = {
  sign_on_time: /event_assignments_by_sign_due/,
  closed_on_time: /event_assignments_by_handle_due[\s\S]*event_assignments_by_prev_due/,
  closure: /event_assignments_by_handle_due[\s\S]*event_assignments_by_prev_due/,
  rework: /event_assignments_by_dispatched/,
  return: /event_assignments_by_dispatched/,
  extension: /event_assignments_by_dispatched[\s\S]*extension_requests_approved/,
  satisfaction: /COVERING INDEX event_actions_callbacks[\s\S]*event_assignments_leads/,
  // By issue time, or by unit first (supervision's own index) when the query is for one unit.
  orders: /supervision_orders_by_issued|supervision_order_units_by_unit/,
  // Orders count in the period they were due in.
  orders_late: /supervision_orders_by_due/,
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

  const plan = (sql: string) => queryPlan(db, sql);

  it.each(Object.entries(EXPECTED))('%s uses its index', (key, index) => {
    const d = indicator(key as IndicatorKey);
    // 应办结 reads two index ranges into a co-routine `a`; scanning that co-routine is not a table scan.
    const noScan = d.source.startsWith('(SELECT')
      ? /SCAN (event_units|event_actions|event_assignments|events)\b(?! USING)/
      : /SCAN (e|eu|a|d|c|o|f|ou|l|x|events|event_units|event_actions|event_assignments)\b(?! USING)/;
    expect(plan(aggregateSql(d))).toMatch(index);
    expect(plan(aggregateSql(d))).not.toMatch(noScan);
    // Counting never visits the wide rows of the events table.
    expect(plan(aggregateSql(d))).not.toMatch(/events|sqlite_autoindex_events_1/);
    if (d.refKind === 'event') expect(plan(aggregateSql(d))).toMatch(/COVERING INDEX/);
    expect(plan(evidenceSql(d))).toMatch(index);
    expect(plan(evidenceSql(d))).not.toMatch(noScan);
  });

  it('looks up the lead at the time of a call-back once per call-back, not once per clause', () => {
    // Flattened, the correlated subquery would run for the WHERE and again for the GROUP BY.
    expect(plan(aggregateSql(indicator('satisfaction'))).match(/event_assignments_leads/g)).toHaveLength(1);
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
    expect(queryPlan(db, sql)).toMatch(index);
  });
});
