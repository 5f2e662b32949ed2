import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { tempDir } from '../testing';
import { orderListSql, type OrderQuery } from './supervision';
import {
  BOUNCED_EVENTS_SQL,
  OVERDUE_EVENTS_SQL,
  RED_RISK_EVENTS_SQL,
  UNIT_OVERDUE_SQL,
  YELLOW_EVENTS_SQL,
  YELLOW_ORDERS_SQL,
} from './supervision-suggestions';

/** Every supervision list query is served by an index, never a scan of its table. */
const QUERIES: { name: string; sql: string; index: RegExp }[] = [
  ...(
    [
      ['all orders, newest first', {}, /supervision_orders_by_issued/],
      ['orders of a unit', { unitId: 'u' }, /supervision_order_units_by_unit/],
      ['orders in a state', { state: 'open' }, /supervision_orders_by_state_/],
      ['overdue orders', { overdueAt: 1 }, /supervision_orders_by_state_due/],
      ['orders on a target', { targetKind: 'event', targetId: 'e' }, /supervision_orders_by_target/],
      ['orders issued in a period (ledger)', { issuedFrom: 1, issuedTo: 2 }, /supervision_orders_by_issued/],
    ] as [string, OrderQuery, RegExp][]
  ).flatMap(([name, q, index]) => {
    const { sql, countSql } = orderListSql(q);
    return [
      { name, sql, index },
      { name: `${name} (count)`, sql: countSql, index },
    ];
  }),
  {
    name: 'order timeline',
    sql: 'SELECT * FROM supervision_order_actions WHERE order_id = ? ORDER BY at, rowid',
    index: /supervision_order_actions_by_order/,
  },
  {
    name: 'answers of an order',
    sql: 'SELECT * FROM supervision_answers WHERE order_id = ? ORDER BY unit_id, answered_at',
    index: /supervision_answers_by_order/,
  },
  {
    name: 'attachments of an answer',
    sql: "SELECT * FROM supervision_attachments WHERE owner_kind = 'answer' AND owner_id = ? ORDER BY at",
    index: /supervision_attachments_by_owner/,
  },
  {
    name: 'findings, newest first',
    sql: 'SELECT * FROM inspection_findings ORDER BY found_at DESC LIMIT 1000',
    index: /inspection_findings_by_found/,
  },
  {
    name: 'findings of an order',
    sql: 'SELECT * FROM inspection_findings WHERE order_id = ?',
    index: /inspection_findings_by_order/,
  },
  {
    name: 'the order re-issuing one',
    sql: 'SELECT id FROM supervision_orders WHERE previous_id = ?',
    index: /supervision_orders_by_previous/,
  },
  {
    name: 'a county order by its id',
    sql: 'SELECT id FROM supervision_orders WHERE county_ref = ?',
    index: /supervision_orders_by_county_ref/,
  },
  {
    name: 'orders turning yellow or red (tick)',
    sql: `SELECT id FROM supervision_orders WHERE state = 'open' AND yellow_at > ? AND yellow_at <= ?
      UNION SELECT id FROM supervision_orders WHERE state = 'open' AND due_at >= ? AND due_at < ?`,
    index: /supervision_orders_by_state_yellow[\s\S]*supervision_orders_by_state_due/,
  },
  { name: 'suggestions: overdue events', sql: OVERDUE_EVENTS_SQL, index: /events_by_(warning|state_due)/ },
  { name: 'suggestions: bounced events', sql: BOUNCED_EVENTS_SQL, index: /events_bounced/ },
  { name: 'suggestions: red-risk events', sql: RED_RISK_EVENTS_SQL, index: /events_red_risk/ },
  { name: 'suggestions: unit overdue rate', sql: UNIT_OVERDUE_SQL, index: /event_units_by_dispatched/ },
  { name: 'suggestions: yellow events', sql: YELLOW_EVENTS_SQL, index: /events_by_(warning|state_due)/ },
  { name: 'suggestions: yellow orders', sql: YELLOW_ORDERS_SQL, index: /supervision_orders_by_state_(yellow|due)/ },
];

describe('supervision query plans', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  beforeAll(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'plans.db'));
    migrate(db);
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  it.each(QUERIES)('$name uses an index', ({ sql, index }) => {
    const params = (sql.match(/\?/g) ?? []).map(() => 1);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/\bSCAN (supervision_\w+|inspection_findings|events|event_units)\b(?! USING)/);
  });
});
