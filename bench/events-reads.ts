/**
 * The read cases of bench/events.ts: each goes through the service (a signed-in
 * connection) beside the same question as raw SQL, with the SQL whose plans we report.
 */
import { contract } from '../common/contract';
import type { ServiceContext } from '../core/context';
import { resolveQueueQuery } from '../core/events/queue';
import { ftsQueries } from '../core/events/search-text';
import type { Db } from '../db';
import { queueConditions, queuePageSql } from '../db/queries/queue';

export interface ReadCase {
  name: string;
  measures: string;
  limitMs: number;
  subject: () => Promise<unknown>;
  baseline: () => unknown;
  /** Proves that subject and baseline answer the same question. */
  check?: () => Promise<void>;
  /** Another raw form of the same question, timed once. */
  naive?: () => unknown;
  sql: { label: string; sql: string; params: unknown }[];
}

export type QueueCall = (input: unknown) => Promise<{ rows: unknown[]; total: number }>;

const COLUMNS = `e.id, e.serial, e.title, c.name AS categoryName, v.name AS villageName, g.name AS gridName, e.priority,
  e.risk_colour AS riskColour, e.state, lu.name AS leadUnitName, e.handle_due_at AS handleDueAt, e.warning, e.source,
  e.reported_at AS reportedAt, e.reporter_phone AS reporterPhone`;
const JOINS = `JOIN categories c ON c.id = e.category_id LEFT JOIN villages v ON v.id = e.village_id
  LEFT JOIN grids g ON g.id = e.grid_id LEFT JOIN units lu ON lu.id = e.lead_unit_id`;

export function planOf(db: Db, sql: string, params: unknown): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as Record<string, unknown>) as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

export function readCases(db: Db, queue: QueueCall, at: { villageId: string; categoryId: string; family: string[] }): ReadCase[] {
  /** The QueueQuery the service builds for an input: the SQL below is exactly the SQL it runs. */
  const operator = { userId: '-', username: 'operator', displayName: '-', role: 'operator', unitId: null, sessionId: '-' };
  const ctx = { db, actor: { ...operator, mustChangePassword: false }, now: () => Date.now() } as unknown as ServiceContext;
  const resolve = (input: unknown) => resolveQueueQuery(ctx, contract['events.queue'].input.parse(input));

  /**
   * events.queue beside the same SQL run raw (the page + total it builds, prepared once). A hand-written
   * form with the joins before the ORDER BY … LIMIT (no page subquery) is timed once for comparison.
   */
  const queueCase = (name: string, filter: Record<string, unknown>): ReadCase => {
    const input = { filter: { view: 'all', ...filter }, sort: 'due', limit: 50 };
    const q = resolve(input);
    const { where, params } = queueConditions(q);
    const service = queuePageSql(q);
    const page = db.prepare(service.sql);
    const total = db.prepare(`SELECT count(*) FROM events e ${where}`).pluck();
    const order = service.sql.slice(service.sql.lastIndexOf('ORDER BY'));
    const naive = db.prepare(`SELECT ${COLUMNS} FROM events e ${JOINS} ${where} ${order} LIMIT 50`);
    return {
      name,
      measures: `events.queue (operator) vs the same SQL raw (queuePageSql page + count, sort '${q.sort}'), prepared once`,
      limitMs: filter.search ? 50 : 10,
      subject: () => queue(input),
      baseline: () => [page.all(service.params), total.get(params)],
      naive: () => naive.all(params),
      check: async () => {
        const got = await queue(input);
        const want = (page.all(service.params) as { id: string }[]).map((r) => r.id).join();
        const same = got.total === total.get(params) && (got.rows as { id: string }[]).map((r) => r.id).join() === want;
        if (!same) throw new Error(`${name}: service ≠ raw SQL`);
      },
      sql: [
        { label: 'service page', sql: service.sql, params: service.params },
        { label: 'service total', sql: `SELECT count(*) FROM events e ${where}`, params },
        { label: 'hand-written page', sql: naive.source, params },
      ],
    };
  };

  const place = { villageId: at.villageId, categoryId: at.categoryId };
  const fts3 = ftsQueries('垃圾堆');
  const countSql = 'SELECT state, count(*) FROM events GROUP BY state';
  const countPrepared = db.prepare(countSql);
  const oneState = db.prepare('SELECT count(*) FROM events WHERE state = ?').pluck();
  const oneStateInput = { filter: { view: 'all', states: ['archived'] }, limit: 1 };
  const oneStatePage = queuePageSql(resolve(oneStateInput));
  const ftsLimit = db.prepare(
    `SELECT ${COLUMNS} FROM (SELECT rowid AS rid FROM events_fts WHERE events_fts MATCH ? LIMIT 50) f
     JOIN events e ON e.rowid = f.rid ${JOINS}`,
  );
  return [
    queueCase(`queue page: in_progress + village + category (${at.family.length - 1} subcategories), by due`, {
      states: ['in_progress'],
      ...place,
    }),
    queueCase('queue page: archived + village + category, by due (largest state)', { states: ['archived'], ...place }),
    queueCase('queue page: default view (all, by due) = the opening screen', {}),
    {
      name: 'counts by state: GROUP BY over all events',
      measures: 'no service method exists: db.prepare(sql).all() per call, as db/queries does, vs a prepared statement',
      limitMs: 30,
      subject: async () => db.prepare(countSql).all(),
      baseline: () => countPrepared.all(),
      sql: [{ label: 'raw SQL', sql: countSql, params: {} }],
    },
    {
      name: 'count of one state: events.queue total (archived, limit 1)',
      measures: 'events.queue {states:[archived], limit:1} = a 1-row page by due + total, vs raw count(*) WHERE state = ?',
      limitMs: 30,
      subject: () => queue(oneStateInput),
      baseline: () => oneState.get('archived'),
      sql: [
        { label: 'service page', sql: oneStatePage.sql, params: oneStatePage.params },
        { label: 'raw SQL', sql: 'SELECT count(*) FROM events WHERE state = ?', params: ['archived'] },
      ],
    },
    queueCase("search 3 characters '垃圾堆' (trigram FTS)", { search: '垃圾堆' }),
    {
      name: "search '垃圾堆' vs raw FTS MATCH … LIMIT 50 (no sort, no total)",
      measures: 'the same events.queue search vs raw FTS LIMIT 50 joined to events: what the page order and the total cost',
      limitMs: 50,
      subject: () => queue({ filter: { view: 'all', search: '垃圾堆' } }),
      baseline: () => ftsLimit.all(fts3.trigram),
      sql: [{ label: 'raw SQL', sql: ftsLimit.source, params: [fts3.trigram] }],
    },
    queueCase("search 2 characters '消防' (bigram FTS)", { search: '消防' }),
  ];
}
