import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountyEngine } from '../store/engine';
import { engineTitle, testCountyDatabase, testEngines, type TestCountyDatabase } from '../store/testing';
import { startCountyWithConsole, type CountyWithConsole } from './start';
import { createConsoleUser } from './api/auth';
import { ConsoleClient, signedInConsole, TownshipClient } from './testing/clients';
import {
  EMPTY_SCORE,
  event,
  MIXED_EXPECTED,
  mixedTownshipRecords,
  PERFECT_EXPECTED,
  perfectTownshipRecords,
  RANKING_PERIOD,
} from './testing/ranking-fixture';

describe.each(testEngines())('county console on $kind', (engineCase) => {
  if (engineCase.skip) {
    it.skip(engineTitle(engineCase), () => {});
    return;
  }
  let county: CountyWithConsole;
  let engine: CountyEngine;
  let database: TestCountyDatabase;
  const townships: Record<string, TownshipClient> = {};
  const consoles: ConsoleClient[] = [];
  const PASSWORD = 'county2026ok';

  const newConsole = () => {
    const c = new ConsoleClient(county.url);
    consoles.push(c);
    return c;
  };
  async function signedIn(username: string) {
    // The handshake carries the session: connected again with it, as a reloaded page is.
    const c = await signedInConsole(county.url, username, PASSWORD);
    consoles.push(c);
    return c;
  }

  beforeAll(async () => {
    database = await testCountyDatabase(engineCase.kind);
    county = await startCountyWithConsole({ ...database.options, port: 0, log: () => {}, watchMs: 0 });
    engine = county.store.engine;
    for (const [id, name] of [
      ['A', '甲镇'],
      ['B', '乙镇'],
      ['C', '丙镇'],
    ] as const) {
      townships[id] = new TownshipClient(county.url, id, await county.store.addTownship(id, name));
    }
    await createConsoleUser(engine, { username: 'admin', displayName: '县管理员', role: 'county_admin', password: PASSWORD });
    await createConsoleUser(engine, { username: 'disp', displayName: '县调度员', role: 'county_dispatcher', password: PASSWORD });
    await createConsoleUser(engine, { username: 'sup', displayName: '县督查员', role: 'county_supervisor', password: PASSWORD });
    await townships.A!.connect();
    await townships.B!.connect();
  });
  afterAll(async () => {
    consoles.forEach((c) => c.close());
    Object.values(townships).forEach((t) => t.close());
    await county?.close();
    await database?.remove();
  });

  describe('console sign-in', () => {
    it('signs in, keeps the session across a reconnect, and holds each role to its permissions', async () => {
      const disp = await signedIn('disp');
      expect(await disp.value('auth.me')).toMatchObject({ user: { username: 'disp', role: 'county_dispatcher' } });
      expect(await disp.call('users.create', { username: 'x1', displayName: 'X', role: 'county_admin' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      const sup = await signedIn('sup');
      expect(
        await sup.call('escalations.decide', { townshipId: 'A', eventId: 'x', decision: 'accepted', note: 'n' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      await disp.value('auth.signOut');
      expect(await disp.call('townships.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    });

    it('a user the admin creates gets a one-time password and must change it first', async () => {
      const admin = await signedIn('admin');
      const { oneTimePassword } = await admin.value<{ oneTimePassword: string }>('users.create', {
        username: 'newbie',
        displayName: '新人',
        role: 'county_supervisor',
      });
      const c = newConsole();
      expect((await c.signIn('newbie', oneTimePassword)).ok).toBe(true);
      expect(await c.call('townships.list')).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
      expect(await c.call('auth.changePassword', { current: oneTimePassword, next: 'short' })).toMatchObject({
        ok: false,
        error: { code: 'WEAK_PASSWORD' },
      });
      await c.value('auth.changePassword', { current: oneTimePassword, next: 'Better2026pass' });
      expect((await c.value<{ townships: unknown[] }>('townships.list')).townships).toHaveLength(3);
    });
  });

  describe('console queries', () => {
    it.runIf(engineCase.kind === 'sqlite')('read county-wide records through the entity index', async () => {
      const plan = await engine.query<{ detail: string }>(
        "EXPLAIN QUERY PLAN SELECT township_id, data, seq FROM records WHERE entity = 'event'",
      );
      // Any index led by `entity` will do (console_records_entity or one of the events list's).
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/^SEARCH records USING INDEX console_\w+ \(entity=\?\)$/);
    });
  });

  describe('console and townships', () => {
    it('assigns an event down: the township is poked and pulls the assignment', async () => {
      const disp = await signedIn('disp');
      const pokes = townships.A!.pokes;
      const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const input = {
        townshipId: 'A',
        title: '县级交办：河道垃圾',
        description: '群众反映河道垃圾堆积',
        category: 'sanitation',
        requestType: 'complaint',
        priority: 'urgent',
        riskColour: 'yellow',
        village: '桃源村',
        address: '桃源村河道',
        handleDueAt: due,
      };
      expect(await disp.call('assignments.create', { ...input, handleDueAt: '2020-01-01T00:00:00+08:00' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
      expect(await disp.call('assignments.create', { ...input, townshipId: 'Z' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const { countyRef, serial } = await disp.value<{ countyRef: string; serial: string }>('assignments.create', input);
      expect(serial).toMatch(/^XJ-\d{8}-001$/);
      await expect.poll(() => townships.A!.pokes).toBeGreaterThan(pokes);
      const messages = await townships.A!.pull();
      expect(messages.at(-1)).toMatchObject({
        type: 'assignment',
        data: { countyRef, title: input.title, source: 'county_assignment', handleDueAt: due },
      });
      // The township registers it and reports back: the console's list ties the two together.
      await townships.A!.push([
        {
          entity: 'event',
          entityId: 'a-ev-1',
          data: { ...messages.at(-1)!.data, id: 'a-ev-1', serial: 'QX-0001', state: 'dispatched' },
        },
      ]);
      const { assignments } = await disp.value<{ assignments: { ref: string; eventId: string; state: string }[] }>(
        'assignments.list',
      );
      expect(assignments[0]).toMatchObject({ ref: countyRef, eventId: 'a-ev-1', state: 'dispatched' });
      type Row = { id: string; connected: boolean; backlog: number; lastPushAt: number | null; lastPullAt: number | null };
      const list = await disp.value<{ townships: Row[] }>('townships.list');
      // The pull said "after 0": the township has not applied the assignment yet.
      expect(list.townships.find((t) => t.id === 'A')).toMatchObject({
        connected: true,
        backlog: 1,
        lastPushAt: expect.any(Number),
      });
      await townships.A!.pull(messages.at(-1)!.offset);
      // Noted beside the pull, not inside it: on PostgreSQL it may land a moment later.
      await expect
        .poll(async () => (await disp.value<{ townships: Row[] }>('townships.list')).townships.find((t) => t.id === 'A'))
        .toMatchObject({ backlog: 0, lastPullAt: expect.any(Number) });
      expect(list.townships.find((t) => t.id === 'C')).toMatchObject({ connected: false, lastPushAt: null });
    });

    it('escalation inbox: accept → escalation_reply, the county owns the event, status_update follows; return → back', async () => {
      const disp = await signedIn('disp');
      const base = event('ESC', { reportedAt: new Date().toISOString() });
      await townships.B!.push([
        {
          entity: 'event',
          entityId: 'b-1',
          data: { ...base, id: 'b-1', serial: 'B-1', state: 'escalated', reportedAt: new Date().toISOString() },
        },
        {
          entity: 'event_action',
          entityId: 'b-1-esc',
          data: {
            id: 'b-1-esc',
            eventId: 'b-1',
            kind: 'escalate',
            actor: '乙镇值班',
            actorRole: 'dispatcher',
            note: '超出本级处置能力',
            at: new Date().toISOString(),
            payload: {},
          },
        },
        { entity: 'event', entityId: 'b-2', data: { ...base, id: 'b-2', serial: 'B-2', state: 'escalated' } },
      ]);
      const { escalations } = await disp.value<{ escalations: { eventId: string; reason: string }[] }>('escalations.list');
      expect(escalations.map((e) => e.eventId).sort()).toEqual(['b-1', 'b-2']);
      expect(escalations.find((e) => e.eventId === 'b-1')?.reason).toBe('超出本级处置能力');

      expect(
        await disp.call('escalations.decide', { townshipId: 'B', eventId: 'b-1', decision: 'accepted', note: '' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
      await disp.value('escalations.decide', { townshipId: 'B', eventId: 'b-1', decision: 'accepted', note: '县级接办' });
      await disp.value('escalations.decide', { townshipId: 'B', eventId: 'b-2', decision: 'returned', note: '请属地处置' });
      expect(
        await disp.call('escalations.decide', { townshipId: 'B', eventId: 'b-1', decision: 'returned', note: 'again' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'ILLEGAL_TRANSITION' },
      });
      expect((await disp.value<{ escalations: unknown[] }>('escalations.list')).escalations).toEqual([]);
      const replies = (await townships.B!.pull()).filter((m) => m.type === 'escalation_reply');
      expect(replies.map((m) => m.data)).toEqual([
        { eventId: 'b-1', decision: 'accepted', note: '县级接办' },
        { eventId: 'b-2', decision: 'returned', note: '请属地处置' },
      ]);
      // The county owns b-1 now: the township may no longer write it.
      const refused = await townships.B!.push([
        { entity: 'event', entityId: 'b-1', data: { ...base, id: 'b-1', serial: 'B-1', state: 'closed' } },
      ]);
      expect(refused.rejected).toEqual([expect.objectContaining({ code: 'NOT_OWNER' })]);
      expect(
        await disp.call('countyEvents.update', { townshipId: 'B', eventId: 'b-2', state: 'closed', note: 'x' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'ILLEGAL_TRANSITION' },
      });
      await disp.value('countyEvents.update', { townshipId: 'B', eventId: 'b-1', state: 'in_progress', note: '县住建局处置中' });
      expect((await townships.B!.pull()).at(-1)).toMatchObject({
        type: 'status_update',
        data: { eventId: 'b-1', state: 'in_progress', note: '县住建局处置中' },
      });
      const detail = await disp.value<{ countyState: { state: string }; decisions: unknown[]; actions: unknown[] }>(
        'events.detail',
        {
          townshipId: 'B',
          eventId: 'b-1',
        },
      );
      expect(detail.countyState.state).toBe('in_progress');
      expect(detail.decisions).toHaveLength(1);
      expect(detail.actions).toHaveLength(1);
      const { refused: list } = await disp.value<{ refused: { code: string }[] }>('townships.refused', { townshipId: 'B' });
      expect(list[0]?.code).toBe('NOT_OWNER');
      const queue = await disp.value<{ total: number; rows: { id: string }[] }>('events.list', {
        townshipId: 'B',
        state: 'escalated',
      });
      expect(queue.rows.map((r) => r.id).sort()).toEqual(['b-1', 'b-2']);
    });

    it('orders get the serial 县督〔year〕N号 and show the township’s answers', async () => {
      const sup = await signedIn('sup');
      const input = {
        townshipId: 'A',
        strength: 'order',
        colour: 'yellow',
        problem: '河道垃圾清理不及时',
        requirements: '三日内清理并反馈',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      };
      const first = await sup.value<{ id: string; serial: string }>('orders.create', input);
      const second = await sup.value<{ serial: string }>('orders.create', input);
      const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
      expect(first.serial).toBe(`县督〔${year}〕1号`);
      expect(second.serial).toBe(`县督〔${year}〕2号`);
      await townships.A!.push([
        {
          entity: 'supervision_answer',
          entityId: 'ans-1',
          data: { id: 'ans-1', orderId: first.id, unit: '甲镇城建办', text: '已清理', at: new Date().toISOString() },
        },
      ]);
      const { orders } = await sup.value<{ orders: { serial: string; answers: { text: string }[] }[] }>('orders.list');
      expect(orders.find((o) => o.serial === first.serial)?.answers.map((a) => a.text)).toEqual(['已清理']);
      await sup.value('notices.create', { townshipIds: ['A', 'B'], title: '防汛通知', body: '做好准备' });
      expect((await townships.A!.pull()).at(-1)).toMatchObject({ type: 'notice', data: { title: '防汛通知' } });
    });

    it('publishes reference data with a version to every township', async () => {
      const admin = await signedIn('admin');
      const first = await admin.value<{ version: number }>('reference.publish', {
        kind: 'holiday_calendar',
        items: [{ date: '2026-10-01', kind: 'holiday' }],
      });
      const second = await admin.value<{ version: number; townships: number }>('reference.publish', {
        kind: 'holiday_calendar',
        items: [],
      });
      expect([first.version, second.version]).toEqual([1, 2]);
      expect(second.townships).toBe(3);
      expect((await townships.B!.pull()).at(-1)).toMatchObject({
        type: 'reference_data',
        data: { kind: 'holiday_calendar', version: 2 },
      });
      const { reference } = await admin.value<{ reference: { kind: string; version: number }[] }>('reference.list');
      expect(reference).toEqual([expect.objectContaining({ kind: 'holiday_calendar', version: 2 })]);
    });
  });

  describe('季度排名', () => {
    it('equals the hand-computed figures, ties share a rank, each figure names its events, Excel holds the same', async () => {
      await townships.C!.connect();
      await townships.A!.push(mixedTownshipRecords('A-R'));
      await townships.C!.push(mixedTownshipRecords('C-R'));
      await townships.B!.push(perfectTownshipRecords('B-R'));
      const disp = await signedIn('disp');
      const { rows } = await disp.value<{
        rows: {
          townshipId: string;
          rank: number;
          score: number;
          events: number;
          indicators: Record<string, { numerator: string[]; denominator: string[] }>;
        }[];
      }>('ranking.compute', { period: RANKING_PERIOD });
      expect(rows.map((r) => [r.townshipId, r.rank, r.score, r.events])).toEqual([
        ['B', 1, PERFECT_EXPECTED.score, PERFECT_EXPECTED.events],
        ['A', 2, MIXED_EXPECTED.score, MIXED_EXPECTED.events],
        ['C', 2, MIXED_EXPECTED.score, MIXED_EXPECTED.events],
      ]);
      const a = rows.find((r) => r.townshipId === 'A')!;
      for (const k of ['onTime', 'overdue', 'rework', 'satisfaction', 'belowCounty'] as const)
        expect([a.indicators[k]!.numerator.length, a.indicators[k]!.denominator.length]).toEqual(MIXED_EXPECTED[k]);
      expect(a.indicators.onTime!.numerator).toEqual(['A-R1', 'A-R4']);
      expect(a.indicators.overdue!.numerator).toEqual(['A-R2', 'A-R3']);
      expect(a.indicators.rework!.numerator).toEqual(['A-R2']);

      const empty = await disp.value<{ rows: { score: number; rank: number }[] }>('ranking.compute', { period: '2024-Q1' });
      expect(empty.rows.map((r) => [r.score, r.rank])).toEqual([
        [EMPTY_SCORE, 1],
        [EMPTY_SCORE, 1],
        [EMPTY_SCORE, 1],
      ]);
      expect(await disp.call('ranking.compute', { period: '2025-Q5' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });

      const { base64 } = await disp.value<{ base64: string }>('ranking.exportXlsx', { period: RANKING_PERIOD });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(3).values).toEqual([undefined, 1, '乙镇', 100, 1, 100, 0, 0, 100, 100]);
      expect(sheet.getRow(4).values).toEqual([undefined, 2, '甲镇', 63.33, 4, 66.67, 50, 33.33, 66.67, 66.67]);
    });

    it('the dashboard sums daily figures per township and the share resolved at or below the township', async () => {
      await townships.A!.push([
        {
          entity: 'daily_figures',
          entityId: 'A:2026-11-29',
          data: {
            date: '2026-11-29',
            received: 5,
            closed: 3,
            overdue: 1,
            byLevel: { grid: 1, village: 1, township: 1, county: 0 },
          },
        },
      ]);
      const disp = await signedIn('disp');
      const d = await disp.value<{
        totals: { townshipId: string; received: number }[];
        levels: Record<string, number>;
        belowCountyShare: number;
      }>('dashboard.figures', { from: '2026-11-01', to: '2026-11-30' });
      expect(d.totals.find((t) => t.townshipId === 'A')).toMatchObject({ received: 5 });
      // Levels from the event records: A-R1 village, A-R2 township, A-R4 county, C likewise, B-R1 grid.
      expect(d.levels).toEqual({ grid: 1, village: 2, township: 2, county: 2 });
      expect(d.belowCountyShare).toBeCloseTo(5 / 7, 6);
    });
  });

  // Last: it slows this address down for every later sign-in of the file.
  describe('console sign-in failures', () => {
    it('refuses calls without a session, wrong passwords, then locks the account at this address', async () => {
      const c = newConsole();
      expect(await c.call('townships.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await c.call('no.such')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(await c.call('auth.signIn', { username: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(await c.signIn('nobody', 'whatever1')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
      await createConsoleUser(engine, { username: 'victim', displayName: 'V', role: 'county_dispatcher', password: PASSWORD });
      for (let i = 0; i < 4; i++)
        expect(await c.signIn('victim', 'wrong-pass1')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
      expect(await c.signIn('victim', 'wrong-pass1')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
      // Locked here, and the address is slowed down after six failures in a row: even the right password is refused.
      const right = await c.signIn('victim', PASSWORD);
      expect(right.ok).toBe(false);
      expect(['RATE_LIMITED', 'ACCOUNT_LOCKED']).toContain(!right.ok && right.error.code);
    });
  });
});
