import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountyEngine } from '../store/engine';
import { engineTitle, testCountyDatabase, testEngines, type TestCountyDatabase } from '../store/testing';
import { createConsoleUser } from './api/auth';
import { isOverdue } from './api/events';
import { startCountyWithConsole, type CountyWithConsole } from './start';
import type { ConsoleDb } from './store/console-db';
import { eventCategories, eventPage, type EventListFilter } from './store/event-list';
import { signedInConsole, type ConsoleClient, TownshipClient } from './testing/clients';
import { event } from './testing/ranking-fixture';

/** The moment every overdue check below is made at. */
const NOW = Date.parse('2026-03-10T12:00:00+08:00');
const PAST = '2026-03-05T18:00:00+08:00';
const FUTURE = '2026-03-20T18:00:00+08:00';

type Fixture = { townshipId: string; id: string; over: Record<string, unknown> };
const fx = (townshipId: string, id: string, reportedAt: string, category: string, state: string, more = {}): Fixture => ({
  townshipId,
  id,
  over: { reportedAt, category, state, ...more },
});
/**
 * Three townships; equal report moments written with different offsets (E1, E2, F1 and G1 are
 * the same moment); `%` and `_` in titles and serials next to look-alikes LIKE would confuse;
 * deadlines before and after NOW in open and finished states; one category (roads) only in C.
 */
const FIXTURES: Fixture[] = [
  fx('A', 'a-1', '2026-03-01T10:00:00+08:00', 'sanitation', 'in_progress', { handleDueAt: PAST }),
  fx('A', 'a-2', '2026-03-02T10:00:00+08:00', 'sanitation', 'closed', { handleDueAt: PAST }),
  fx('A', 'a-3', '2026-03-03T10:00:00+08:00', 'water', 'in_progress', { handleDueAt: FUTURE }),
  fx('A', 'a-4', '2026-03-04T10:00:00+08:00', 'water', 'registered', { title: '完成率100%达标' }),
  fx('A', 'a-5', '2026-03-04T11:00:00+08:00', 'water', 'registered', { title: '完成率100达标' }),
  fx('A', 'E1', '2026-03-06T10:00:00+08:00', 'sanitation', 'rejected', { handleDueAt: PAST }),
  fx('A', 'E2', '2026-03-06T02:00:00Z', 'sanitation', 'in_progress'),
  fx('B', 'F1', '2026-03-06T02:00:00.000Z', 'water', 'escalated', { handleDueAt: PAST }),
  fx('B', 'b-1', '2026-03-07T10:00:00+08:00', 'sanitation', 'archived', { serial: 'QX_001' }),
  fx('B', 'b-2', '2026-03-07T09:00:00+08:00', 'sanitation', 'in_progress', {
    serial: 'QXa001',
    handleDueAt: '2026-03-10T11:59:59.999+08:00',
  }),
  fx('B', 'b-3', '2026-03-08T10:00:00+08:00', 'water', 'merged', { handleDueAt: PAST, title: '百分号%与下划线_' }),
  fx('B', 'b-4', '2026-03-09T10:00:00+08:00', 'water', 'in_progress', { handleDueAt: '2026-03-10T12:00:00.000+08:00' }),
  fx('C', 'G1', '2026-03-06T10:00:00.000+08:00', 'roads', 'in_progress', { handleDueAt: PAST }),
  fx('C', 'c-1', '2026-02-28T10:00:00+08:00', 'roads', 'closed'),
];
const FULL = FIXTURES.map((f) => ({ townshipId: f.townshipId, ...event(f.id, f.over) }));

/** What events.list did before it was a query: filter, sort and page in memory. */
function reference(filter: EventListFilter, limit: number, offset: number, now: number) {
  const search = filter.search?.trim();
  const rows = FULL.filter((e) => !filter.townshipId || e.townshipId === filter.townshipId)
    .filter((e) => !filter.state || e.state === filter.state)
    .filter((e) => !filter.category || e.category === filter.category)
    .filter((e) => filter.overdue === undefined || isOverdue(e as Parameters<typeof isOverdue>[0], now) === filter.overdue)
    .filter((e) => !search || e.title.includes(search) || e.serial.includes(search))
    .sort(
      (a, b) =>
        Date.parse(b.reportedAt) - Date.parse(a.reportedAt) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
        (a.townshipId < b.townshipId ? -1 : a.townshipId > b.townshipId ? 1 : 0),
    );
  return { total: rows.length, ids: rows.slice(offset, offset + limit).map((e) => e.id) };
}

describe.each(testEngines())('county console events list on $kind', (engineCase) => {
  if (engineCase.skip) {
    it.skip(engineTitle(engineCase), () => {});
    return;
  }
  let county: CountyWithConsole;
  let engine: CountyEngine;
  let database: TestCountyDatabase;
  let console_: ConsoleClient;
  const townships: TownshipClient[] = [];

  const page = async (filter: EventListFilter, limit = 500, offset = 0, now = NOW) => {
    const p = await eventPage(engine, filter, { limit, offset }, now);
    return { total: p.total, ids: p.rows.map((r) => r.id) };
  };

  beforeAll(async () => {
    database = await testCountyDatabase(engineCase.kind);
    county = await startCountyWithConsole({ ...database.options, port: 0, log: () => {}, watchMs: 0 });
    engine = county.store.engine;
    for (const [id, name] of [
      ['A', '甲镇'],
      ['B', '乙镇'],
      ['C', '丙镇'],
    ] as const) {
      const t = new TownshipClient(county.url, id, await county.store.addTownship(id, name));
      townships.push(t);
      await t.connect();
      const mine = FULL.filter((e) => e.townshipId === id).map(({ townshipId: _, ...data }) => ({
        entity: 'event',
        entityId: data.id,
        data,
      }));
      expect(await t.push(mine)).toMatchObject({ ok: true, applied: mine.length });
    }
    await createConsoleUser(engine, {
      username: 'disp',
      displayName: '县调度员',
      role: 'county_dispatcher',
      password: 'county2026ok',
    });
    console_ = await signedInConsole(county.url, 'disp', 'county2026ok');
  });
  afterAll(async () => {
    console_?.close();
    townships.forEach((t) => t.close());
    await county?.close();
    await database?.remove();
  });

  it('sorts newest report first as a moment, equal moments by id then township', async () => {
    expect(await page({})).toEqual({
      total: 14,
      ids: ['b-4', 'b-3', 'b-1', 'b-2', 'E1', 'E2', 'F1', 'G1', 'a-5', 'a-4', 'a-3', 'a-2', 'a-1', 'c-1'],
    });
  });

  it('filters by each field alone', async () => {
    expect(await page({ townshipId: 'B' })).toEqual({ total: 5, ids: ['b-4', 'b-3', 'b-1', 'b-2', 'F1'] });
    expect(await page({ state: 'in_progress' })).toEqual({ total: 6, ids: ['b-4', 'b-2', 'E2', 'G1', 'a-3', 'a-1'] });
    expect(await page({ category: 'roads' })).toEqual({ total: 2, ids: ['G1', 'c-1'] });
    expect(await page({ search: '下划线' })).toEqual({ total: 1, ids: ['b-3'] });
    // Serials count too: the fixture's serial is its id unless given.
    expect(await page({ search: 'c-' })).toEqual({ total: 1, ids: ['c-1'] });
  });

  it('overdue means a deadline before now in a state not done, at the given now', async () => {
    // b-4 is due exactly at NOW (not overdue yet); b-2 a millisecond before it.
    expect(await page({ overdue: true })).toEqual({ total: 4, ids: ['b-2', 'F1', 'G1', 'a-1'] });
    expect((await page({ overdue: false })).ids).toEqual(['b-4', 'b-3', 'b-1', 'E1', 'E2', 'a-5', 'a-4', 'a-3', 'a-2', 'c-1']);
    // A day later b-4 is overdue too; a-3 not before 03-20.
    expect((await page({ overdue: true }, 500, 0, NOW + 86_400_000)).ids).toEqual(['b-4', 'b-2', 'F1', 'G1', 'a-1']);
    expect((await page({ overdue: true }, 500, 0, Date.parse('2026-03-05T00:00:00Z'))).ids).toEqual([]);
  });

  it('takes % and _ in the search literally', async () => {
    expect(await page({ search: '100%' })).toEqual({ total: 1, ids: ['a-4'] });
    expect(await page({ search: '%' })).toEqual({ total: 2, ids: ['b-3', 'a-4'] });
    expect(await page({ search: '_' })).toEqual({ total: 2, ids: ['b-3', 'b-1'] });
    expect(await page({ search: 'QX_' })).toEqual({ total: 1, ids: ['b-1'] });
    expect(await page({ search: '  QX_0  ' })).toEqual({ total: 1, ids: ['b-1'] });
    expect(await page({ search: '率1_0' })).toEqual({ total: 0, ids: [] });
    // A search counts beside its page; past the last match it counts on its own.
    expect(await page({ search: '%' }, 1, 1)).toEqual({ total: 2, ids: ['a-4'] });
    expect(await page({ search: '%' }, 5, 2)).toEqual({ total: 2, ids: [] });
    expect(await page({ search: '率1_0' }, 5, 3)).toEqual({ total: 0, ids: [] });
  });

  it('combines filters', async () => {
    expect(await page({ townshipId: 'A', category: 'sanitation', overdue: false })).toEqual({
      total: 3,
      ids: ['E1', 'E2', 'a-2'],
    });
    expect(await page({ townshipId: 'B', state: 'in_progress', overdue: true, search: 'QX' })).toEqual({
      total: 1,
      ids: ['b-2'],
    });
    expect(await page({ category: 'water', search: '完成率' })).toEqual({ total: 2, ids: ['a-5', 'a-4'] });
  });

  it('pages with offset and limit, the total counting every match', async () => {
    const all = (await page({})).ids;
    expect(await page({}, 3, 0)).toEqual({ total: 14, ids: all.slice(0, 3) });
    expect(await page({}, 3, 3)).toEqual({ total: 14, ids: all.slice(3, 6) });
    expect(await page({}, 5, 12)).toEqual({ total: 14, ids: all.slice(12) });
    expect(await page({}, 5, 14)).toEqual({ total: 14, ids: [] });
    expect(await page({ category: 'sanitation' }, 2, 2)).toEqual({ total: 6, ids: ['E1', 'E2'] });
  });

  it('answers every combination of filters as the in-memory list did', async () => {
    const cases: EventListFilter[] = [];
    for (const townshipId of [undefined, 'A', 'B'])
      for (const state of [undefined, 'in_progress', 'closed'])
        for (const category of [undefined, 'water', 'sanitation'])
          for (const overdue of [undefined, true, false])
            for (const search of [undefined, '%', '_', '完成率', ''])
              cases.push({ townshipId, state, category, overdue, search });
    for (const [i, filter] of cases.entries()) {
      const [limit, offset] = i % 3 === 0 ? [2, 1] : [500, 0];
      expect(await page(filter, limit, offset), JSON.stringify(filter)).toEqual(reference(filter, limit, offset, NOW));
    }
  });

  it('lists every category of the township and state, from a distinct query', async () => {
    expect(await eventCategories(engine, {})).toEqual(['roads', 'sanitation', 'water']);
    expect(await eventCategories(engine, { townshipId: 'A' })).toEqual(['sanitation', 'water']);
    expect(await eventCategories(engine, { state: 'closed' })).toEqual(['roads', 'sanitation']);
  });

  it('events.list keeps its shape and filters through the console API', async () => {
    const all = await console_.value<{ total: number; categories: string[]; rows: Record<string, unknown>[] }>('events.list', {
      limit: 2,
    });
    expect(all.total).toBe(14);
    expect(all.categories).toEqual(['roads', 'sanitation', 'water']);
    expect(all.rows).toEqual([
      {
        townshipId: 'B',
        townshipName: '乙镇',
        id: 'b-4',
        serial: 'b-4',
        title: '排名测试 b-4',
        category: 'water',
        state: 'in_progress',
        countyState: null,
        priority: 'normal',
        source: 'hotline_12345',
        reportedAt: '2026-03-09T10:00:00+08:00',
        handleDueAt: '2026-03-10T12:00:00.000+08:00',
        overdue: true,
      },
      expect.objectContaining({ id: 'b-3', handleDueAt: PAST, overdue: false }),
    ]);
    const filtered = await console_.value<{ total: number; categories: string[]; rows: { id: string }[] }>('events.list', {
      townshipId: 'A',
      overdue: true,
      search: '排名',
    });
    // Overdue at the real clock: a-3 (due 2026-03-20) too, once that day has passed.
    const a3 = Date.now() > Date.parse(FUTURE) ? [{ id: 'a-3' }] : [];
    expect(filtered).toMatchObject({ total: 1 + a3.length, categories: ['sanitation', 'water'], rows: [...a3, { id: 'a-1' }] });
    expect(await console_.call('events.list', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('reads the page and the categories through the new indexes', async () => {
    // The SQL the list really runs, caught on its way to the engine.
    const asked: { sql: string; params: readonly unknown[] }[] = [];
    const spy: ConsoleDb = {
      kind: engine.kind,
      query: (sql, params = []) => {
        asked.push({ sql, params });
        return engine.query(sql, params);
      },
      run: (sql, params) => engine.run(sql, params),
      transaction: (fn) => engine.transaction(fn),
    };
    const sqlite = engineCase.kind === 'sqlite';
    // PostgreSQL plans by statistics, and a table of 14 rows is read whole: forbid that, in one
    // transaction so the settings stay on the connection that explains.
    const explain = async (filter: EventListFilter, which: 'page' | 'categories') => {
      asked.length = 0;
      await (which === 'page' ? eventPage(spy, filter, { limit: 10, offset: 0 }, NOW) : eventCategories(spy, filter));
      const { sql, params } = which === 'page' ? asked.find((q) => q.sql.includes('ORDER BY'))! : asked[0]!;
      return sqlite
        ? (await engine.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail).join(' | ')
        : engine.transaction(async (tx) => {
            for (const off of ['seqscan', 'bitmapscan', 'sort']) await tx.run(`SET LOCAL enable_${off} = off`);
            return JSON.stringify(await tx.query(`EXPLAIN (FORMAT JSON) ${sql}`, params));
          });
    };
    const county = await explain({}, 'page');
    expect(county).toContain('console_events_reported');
    expect(county).not.toContain('TEMP B-TREE');
    expect(await explain({}, 'categories')).toContain('console_events_category');
    if (sqlite) {
      // One township's page: its events by the entity index, sorted, not every township's walked in order.
      expect(await explain({ townshipId: 'A', category: 'water' }, 'page')).toBe(
        'SEARCH records USING INDEX console_records_entity (entity=? AND township_id=?) | USE TEMP B-TREE FOR ORDER BY',
      );
      expect(await explain({}, 'categories')).not.toMatch(/SCAN records|TEMP B-TREE/);
    }
  });

  // Last: it adds an event the expectations above do not count.
  it('finds text JSON escapes (quotes, backslashes, control characters) and astral characters, and only in title or serial', async () => {
    const c = townships.find((t) => t.townshipId === 'C')!;
    const data = event('c-9', {
      title: '标题含"引号"与\\反斜杠\t制表 🚒 消防',
      serial: 'QX-"9"',
      description: '仅在描述里的词：描述专有',
      reportedAt: '2026-03-09T12:00:00+08:00',
    });
    expect(await c.push([{ entity: 'event', entityId: 'c-9', data }])).toMatchObject({ ok: true, rejected: [] });
    for (const search of ['"引号"', '\\反斜杠', '\t制表', '🚒', '-"9"', '消防']) {
      expect(await page({ search }), search).toEqual({ total: 1, ids: ['c-9'] });
    }
    expect(await page({ search: '描述专有' })).toEqual({ total: 0, ids: [] });
    expect(await page({ search: '季度排名测试数据' })).toEqual({ total: 0, ids: [] });
  });
});
