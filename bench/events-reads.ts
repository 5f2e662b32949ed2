/**
 * The read cases of bench/events.ts: each goes through the service (a signed-in
 * connection) beside the same question as raw SQL, with the SQL whose plans we report.
 */
import { contract } from '../common/contract';
import type { ServiceContext } from '../core/context';
import { resolveQueueQuery } from '../core/events/queue';
import { ftsQueries } from '../core/events/search-text';
import type { Db } from '../db';
import { queuePageSql } from '../db/queries/queue';
import { countAndSearchBaselines, queueBaselines } from '../db/testing-bench';

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
    const { service, params, totalSql, page, total, naive } = queueBaselines(db, q);
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
        { label: 'service total', sql: totalSql, params },
        { label: 'hand-written page', sql: naive.source, params },
      ],
    };
  };

  const place = { villageId: at.villageId, categoryId: at.categoryId };
  const fts3 = ftsQueries('垃圾堆');
  const raw = countAndSearchBaselines(db);
  const oneStateInput = { filter: { view: 'all', states: ['archived'] }, limit: 1 };
  const oneStatePage = queuePageSql(resolve(oneStateInput));
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
      subject: async () => raw.countUnprepared(),
      baseline: () => raw.count.all(),
      sql: [{ label: 'raw SQL', sql: raw.countSql, params: {} }],
    },
    {
      name: 'count of one state: events.queue total (archived, limit 1)',
      measures: 'events.queue {states:[archived], limit:1} = a 1-row page by due + total, vs raw count(*) WHERE state = ?',
      limitMs: 30,
      subject: () => queue(oneStateInput),
      baseline: () => raw.oneState.get('archived'),
      sql: [
        { label: 'service page', sql: oneStatePage.sql, params: oneStatePage.params },
        { label: 'raw SQL', sql: raw.oneStateSql, params: ['archived'] },
      ],
    },
    queueCase("search 3 characters '垃圾堆' (trigram FTS)", { search: '垃圾堆' }),
    {
      name: "search '垃圾堆' vs raw FTS MATCH … LIMIT 50 (no sort, no total)",
      measures: 'the same events.queue search vs raw FTS LIMIT 50 joined to events: what the page order and the total cost',
      limitMs: 50,
      subject: () => queue({ filter: { view: 'all', search: '垃圾堆' } }),
      baseline: () => raw.ftsLimit.all(fts3.trigram),
      sql: [{ label: 'raw SQL', sql: raw.ftsLimit.source, params: [fts3.trigram] }],
    },
    queueCase("search 2 characters '消防' (bigram FTS)", { search: '消防' }),
  ];
}
