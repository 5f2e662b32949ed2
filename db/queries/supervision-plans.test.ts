import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { PLAN_SEED as S, seedPlanDatabase } from '../plan-seed';
import { queryPlan, statementsRunBy, tempDir } from '../testing';
import {
  findingsOfOrder,
  findOrderByCountyRef,
  listAnswers,
  listFindings,
  listOrders,
  listSupervisionAttachments,
  nextOrderOf,
  ordersTurningWarning,
  type OrderQuery,
} from './supervision';
import { listTimeline } from './timeline';
import { bouncedEvents, overdueEvents, redRiskEvents, unitOverdueCounts } from './supervision-suggestions';

/**
 * Every supervision list query is served by an index, never a scan of its table. `run` calls the
 * real query function; its statement number `statement` (of `statements`, default the only one) is explained.
 */
const QUERIES: { name: string; run: (db: Db) => unknown; index: RegExp; statement?: number; statements?: number }[] = [
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
    // listOrders runs the page, then the count.
    const run = (db: Db) => listOrders(db, q, 0, 50);
    return [
      { name, run, index, statement: 0, statements: 2 },
      { name: `${name} (count)`, run, index, statement: 1, statements: 2 },
    ];
  }),
  {
    name: 'order timeline',
    run: (db) => listTimeline(db, 'supervision_order', 'o'),
    index: /supervision_order_actions_by_order/,
  },
  { name: 'answers of an order', run: (db) => listAnswers(db, 'o'), index: /supervision_answers_by_order/ },
  {
    name: 'attachments of an answer',
    run: (db) => listSupervisionAttachments(db, 'answer', 'a'),
    index: /supervision_attachments_by_owner/,
  },
  { name: 'findings, newest first', run: (db) => listFindings(db), index: /inspection_findings_by_found/ },
  { name: 'findings of an order', run: (db) => findingsOfOrder(db, 'o'), index: /inspection_findings_by_order/ },
  { name: 'the order re-issuing one', run: (db) => nextOrderOf(db, 'o'), index: /supervision_orders_by_previous/ },
  { name: 'a county order by its id', run: (db) => findOrderByCountyRef(db, 'c'), index: /supervision_orders_by_county_ref/ },
  {
    name: 'orders turning yellow or red (tick)',
    run: (db) => ordersTurningWarning(db, 0, S.now),
    index: /supervision_orders_by_state_yellow[\s\S]*supervision_orders_by_state_due/,
  },
  { name: 'suggestions: overdue events', run: (db) => overdueEvents(db, S.now), index: /events_by_(warning|state_due)/ },
  { name: 'suggestions: bounced events', run: (db) => bouncedEvents(db), index: /events_bounced/ },
  { name: 'suggestions: red-risk events', run: (db) => redRiskEvents(db), index: /events_red_risk/ },
  {
    name: 'suggestions: unit overdue rate',
    run: (db) => unitOverdueCounts(db, S.now, 0),
    index: /event_units_by_dispatched/,
  },
];

describe('supervision query plans', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let db: Db;
  beforeAll(() => {
    dir = tempDir();
    file = join(dir.path, 'plans.db');
    db = openDatabase(file);
    migrate(db);
    seedPlanDatabase(db);
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  it.each(QUERIES)('$name uses an index', ({ run, index, statement = 0, statements = 1 }) => {
    const texts = statementsRunBy(file, run);
    expect(texts).toHaveLength(statements);
    const plan = queryPlan(db, texts[statement]!);
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/\bSCAN (supervision_\w+|inspection_findings|events|event_units)\b(?! USING)/);
  });
});
