import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATES } from '../../common/contract';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { seedPlanDatabase } from '../plan-seed';
import { queryPlan, statementsRunBy, tempDir } from '../testing';
import * as q from './dashboard';
import { queueCount, type QueueQuery } from './queue';

const open = [...OPEN_STATES];

/** Each dashboard query, run on a seeded database while its SQL is captured, and the index its first statement's plan must use. */
const QUERIES: { name: string; run: (db: Db) => unknown; index: RegExp }[] = [
  { name: 'received in a period', run: (db) => q.countReceived(db, 0, 1), index: /COVERING INDEX events_by_reported/ },
  { name: 'closed in a period', run: (db) => q.countClosed(db, 0, 1), index: /COVERING INDEX events_by_closed/ },
  { name: 'overdue in a period', run: (db) => q.countOverdue(db, 0, 1), index: /INDEX events_red_by_due/ },
  { name: 'by state (kept by triggers)', run: (db) => q.countsByState(db), index: /event_counts/ },
  {
    name: 'open by category',
    run: (db) => q.countsByCategory(db, open),
    index: /SEARCH event_counts USING (COVERING )?INDEX sqlite_autoindex_event_counts/,
  },
  {
    name: 'open by village',
    run: (db) => q.countsByVillage(db, open),
    index: /SEARCH event_counts USING (COVERING )?INDEX sqlite_autoindex_event_counts/,
  },
  { name: 'warnings by village', run: (db) => q.warningsByVillage(db, open), index: /INDEX events_by_warning/ },
  { name: 'received per day', run: (db) => q.countsByDay(db, 'reported_at', 0, 1), index: /COVERING INDEX events_by_reported/ },
  { name: 'closed per day', run: (db) => q.countsByDay(db, 'closed_at', 0, 1), index: /COVERING INDEX events_by_closed/ },
  {
    name: 'unit closures',
    run: (db) => q.unitClosures(db, 0, 1),
    index: /COVERING INDEX events_by_closed.*COVERING INDEX event_units_by_event_state/,
  },
  { name: 'levels', run: (db) => q.countsByLevel(db, 0, 1), index: /COVERING INDEX events_by_closed/ },
  { name: 'live feed', run: (db) => q.latestActions(db, 20), index: /COVERING INDEX event_actions_by_at/ },
  { name: 'map points', run: (db) => q.mapPoints(db, open, 400), index: /INDEX events_by_warning/ },
];

/** The queue filters the dashboard links to: counted through an index as well. */
const QUEUE_COUNTS: { name: string; q: QueueQuery; index: RegExp }[] = [
  { name: 'closed between', q: { closedFrom: 0, closedTo: 1, sort: 'due', offset: 0, limit: 1 }, index: /events_by_closed/ },
  {
    name: 'level closed between',
    q: { resolvedLevel: 'grid', closedFrom: 0, closedTo: 1, sort: 'due', offset: 0, limit: 1 },
    index: /events_by_closed/,
  },
  {
    name: 'red, due between',
    q: { warning: 2, dueFrom: 0, dueTo: 1, sort: 'due', offset: 0, limit: 1 },
    index: /INDEX events_(red_by_due|by_due|by_warning)/,
  },
];

describe('dashboard query plans', () => {
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

  it.each(QUERIES)('$name uses an index', ({ run, index }) => {
    const captured = statementsRunBy(file, run);
    expect(captured.length).toBeGreaterThan(0);
    const plans = captured.map((text) => queryPlan(db, text));
    expect(plans[0]).toMatch(index);
    for (const p of plans) expect(p).not.toMatch(/SCAN (e|events|a|event_actions)\b(?! USING)/);
  });

  it.each(QUEUE_COUNTS)('queue count, $name, uses an index', ({ q: query, index }) => {
    const [count, ...rest] = statementsRunBy(file, (conn) => queueCount(conn, query));
    expect(rest).toEqual([]);
    const p = queryPlan(db, count!);
    expect(p).toMatch(index);
    expect(p).not.toMatch(/SCAN e\b(?! USING)/);
  });
});
