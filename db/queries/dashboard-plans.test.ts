import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATES } from '../../common/contract';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { tempDir } from '../testing';
import * as q from './dashboard';
import { queueConditions, type QueueQuery } from './queue';

const open = [...OPEN_STATES];

/** Each dashboard query, run once on an empty database while its SQL is captured, and the index its plan must use. */
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
  let db: Db;
  const plan = (sql: string, params: unknown) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as { detail: string }[]).map((r) => r.detail).join(' | ');

  beforeAll(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'plans.db'));
    migrate(db);
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  it.each(QUERIES)('$name uses an index', ({ run, index }) => {
    const captured: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      captured.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      run(db);
    } finally {
      db.prepare = prepare;
    }
    expect(captured.length).toBeGreaterThan(0);
    const plans = captured.map((sql) =>
      plan(
        sql,
        (sql.match(/\?/g) ?? []).map(() => 1),
      ),
    );
    expect(plans[0]).toMatch(index);
    for (const p of plans) expect(p).not.toMatch(/SCAN (e|events|a|event_actions)\b(?! USING)/);
  });

  it.each(QUEUE_COUNTS)('queue count, $name, uses an index', ({ q: query, index }) => {
    const { where, params } = queueConditions(query);
    const p = plan(`SELECT count(*) FROM events e ${where}`, params);
    expect(p).toMatch(index);
    expect(p).not.toMatch(/SCAN e\b(?! USING)/);
  });
});
