import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { openDatabase, type Db } from './open';
import { PLAN_SEED as S, seedPlanDatabase } from './plan-seed';
import { listAudit } from './queries/audit';
import { countsByState } from './queries/dashboard';
import { eventsDueForWarning, listEventUnits } from './queries/events';
import { listTimeline } from './queries/timeline';
import { findGridByName, unitReferences } from './queries/org';
import { duplicateCandidates, queueCount, queuePage, type QueueQuery } from './queries/queue';
import { endUserSessions } from './queries/auth';
import { findUserByUsername } from './queries/users';
import { queryPlan, statementsRunBy, tempDir } from './testing';

/**
 * Each list query must be served by an index, not a scan of the whole table.
 * `run` calls the real query function; the statements it prepared are explained,
 * the first one must use `index` (every one in `indexes`), none may scan.
 */
const LIST_QUERIES: { name: string; run: (db: Db) => unknown; index: RegExp; indexes?: RegExp[] }[] = [
  // The grid lookup production runs is by (village_id, name): the UNIQUE constraint's index serves it, as grids_by_village would.
  {
    name: 'grids of a village',
    run: (db) => findGridByName(db, S.villageId, S.gridName),
    index: /SEARCH grids USING INDEX (sqlite_autoindex_grids_\d+|grids_by_village) \(village_id=\? AND name=\?\)/,
  },
  { name: 'users of a unit', run: (db) => unitReferences(db, S.unitId), index: /users_by_unit/ },
  {
    name: 'open sessions of a user',
    run: (db) => endUserSessions(db, S.userId, S.now, 'logout'),
    index: /sessions_by_user/,
    // The UPDATE that ends them finds them the same way.
    indexes: [/sessions_by_user/, /sessions_by_user/],
  },
  { name: 'audit page', run: (db) => listAudit(db, { beforeSeq: 10, limit: 5 }), index: /INTEGER PRIMARY KEY/ },
  {
    name: 'audit page by entity',
    run: (db) => listAudit(db, { entity: 'event', beforeSeq: 10, limit: 5 }),
    index: /audit_by_entity/,
  },
  { name: 'user by name', run: (db) => findUserByUsername(db, S.username), index: /autoindex_users/ },
  { name: 'timeline of an event', run: (db) => listTimeline(db, 'event', S.eventId), index: /event_actions_by_event/ },
  {
    name: 'units on an event',
    run: (db) => listEventUnits(db, S.eventId),
    index: /autoindex_event_units|event_units_by_event_state/,
  },
  // The counts by state come from event_counts (kept by triggers, migration 0004), no longer from a GROUP BY over events.
  {
    name: 'counts by state',
    run: (db) => countsByState(db),
    index: /SCAN event_counts USING (COVERING )?INDEX sqlite_autoindex_event_counts/,
  },
  {
    name: 'duplicates window',
    run: (db) => duplicateCandidates(db, S.categoryIds, S.now - 86_400_000, S.now, null),
    index: /events_by_category_reported/,
  },
  // One UNION statement serves both halves of the tick: each half through its own partial index.
  { name: 'warning tick (red)', run: (db) => eventsDueForWarning(db, S.now), index: /events_turning_red/ },
  { name: 'warning tick (yellow)', run: (db) => eventsDueForWarning(db, S.now), index: /events_turning_yellow/ },
];

/** The queue's page and count queries, as the core builds them for typical filters. */
const QUEUE_QUERIES: { name: string; q: Omit<QueueQuery, 'offset' | 'limit'>; index: RegExp }[] = [
  {
    name: 'state + village + category, by due',
    q: { states: ['in_progress'], villageId: 'v', categoryIds: ['c'], sort: 'due' },
    index: /events_by_state_village_category_due/,
  },
  { name: 'states, by due', q: { states: ['dispatched', 'in_progress'], sort: 'due' }, index: /events_by_state/ },
  { name: 'everything, newest first', q: { sort: 'reported_desc' }, index: /events_by_reported/ },
  { name: 'everything, by due (the opening screen)', q: { sort: 'due' }, index: /events_by_due/ },
  { name: 'today', q: { reportedFrom: 1, sort: 'reported_desc' }, index: /events_by_reported/ },
  {
    name: 'a unit’s to-do',
    q: { unitId: 'u', unitStates: ['pending', 'signed'], sort: 'due' },
    index: /event_units_by_unit_state/,
  },
  { name: 'search', q: { ftsTrigram: '"消防通道"', sort: 'due' }, index: /VIRTUAL TABLE INDEX/ },
];

describe('query plans', () => {
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

  it.each(LIST_QUERIES)('$name uses an index', ({ run, index, indexes }) => {
    const statements = statementsRunBy(file, run);
    expect(statements.length).toBeGreaterThan(0);
    const plans = statements.map((text) => queryPlan(db, text));
    expect(plans[0]).toMatch(index);
    (indexes ?? []).forEach((each, i) => expect(plans[i]).toMatch(each));
    for (const plan of plans) {
      expect(plan).not.toMatch(/^SCAN (grids|users|sessions|audit_log)\b/);
      expect(plan).not.toMatch(/\bSCAN (grids|users|sessions|audit_log|events|event_actions|event_units)\b(?! USING)/);
    }
  });

  it.each(QUEUE_QUERIES)('queue: $name uses an index', ({ q, index }) => {
    const query: QueueQuery = { ...q, offset: 0, limit: 50 };
    const [pageSql, ...rest] = statementsRunBy(file, (conn) => queuePage(conn, query));
    expect(rest).toEqual([]);
    const plan = queryPlan(db, pageSql!);
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/SCAN e\b(?! USING)/);
    // The page is picked first and joined after: the outer loop never walks the events table.
    expect(plan).toMatch(/SCAN page \| SEARCH e USING INTEGER PRIMARY KEY/);
    const [countSql, ...more] = statementsRunBy(file, (conn) => queueCount(conn, query));
    expect(more).toEqual([]);
    expect(countSql).toMatch(/^SELECT count\(\*\) AS n FROM events e /);
    if (/WHERE/.test(countSql!)) expect(queryPlan(db, countSql!)).not.toMatch(/SCAN e\b(?! USING)/);
  });
});
