import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACE, type ChangeEntity } from '../common/protocol';
import { DEMO_COUNTY } from '../common/protocol/demo';
import { startCountyServer, type CountyServer } from './server';
import {
  changeSeqs,
  countRecords,
  engineTitle,
  recordIds,
  testCountyDatabase,
  testEngines,
  type TestCountyDatabase,
} from './store/testing';

// PROTOCOL.md revision 2 in the reference county: refusals, ownership, limits, status, recover, tokens.

const AT = '2026-11-30T09:15:00+08:00';
/** Valid records of PROTOCOL.md (the county may not import the app's test samples). */
function sampleRecord(entity: ChangeEntity, n = 1): { data: Record<string, unknown> } {
  const id = uuidv7();
  const records: Record<ChangeEntity, Record<string, unknown>> = {
    event: {
      id,
      serial: `QX-${n}`,
      title: `测试事件 ${n}`,
      description: '描述',
      category: 'fire',
      requestType: 'request',
      source: 'grid_report',
      priority: 'normal',
      riskColour: 'green',
      village: '清溪村',
      grid: '',
      address: '清溪村1号',
      reportedAt: AT,
      state: 'reported',
      assistingUnits: [],
    },
    event_action: { id, eventId: uuidv7(), kind: 'register', actor: '王敏', actorRole: 'operator', at: AT, payload: {} },
    supervision_order: {
      id,
      serial: `督〔2026〕${n}号`,
      strength: 'order',
      colour: 'yellow',
      target: { kind: 'unit', id: 'u1' },
      units: ['综合行政执法队'],
      problem: '问题',
      requirements: '要求',
      dueAt: AT,
      issuedBy: '县社会治理中心',
      issuedAt: AT,
      state: 'open',
    },
    supervision_answer: { id, orderId: uuidv7(), unit: '综合行政执法队', text: '已整改', at: AT },
    assessment_result: {
      id,
      schemeId: 's1',
      period: '2026-11',
      unit: '综合行政执法队',
      score: 90,
      rank: 1,
      indicators: {},
      revision: 0,
      publishedAt: AT,
    },
    daily_figures: {
      date: new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
      received: n % 50,
      closed: 0,
      overdue: 0,
      byLevel: { grid: 0, village: 0, township: 0, county: 0 },
    },
  };
  return { data: records[entity] };
}

for (const engine of testEngines())
  describe.skipIf(engine.skip !== null)(`revision 2 in the reference county on ${engineTitle(engine)}`, () => {
    let county: CountyServer;
    let database: TestCountyDatabase;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      database = await testCountyDatabase(engine.kind);
      county = await startCountyServer({
        ...database.options,
        port: 0,
        log: process.env.COUNTY_TEST_LOG ? (l) => console.log(l) : () => {},
        watchMs: 50,
      });
    });
    afterAll(async () => {
      sockets.forEach((s) => s.disconnect());
      await county?.close();
      await database?.remove();
    });

    function connect(townshipId: string, token: string): Promise<{ socket: Socket; error?: { code: string } }> {
      const socket = io(`${county.url}${NAMESPACE}`, {
        auth: { protocol: 1, townshipId, token },
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise((resolve) => {
        socket.once('connect', () => resolve({ socket }));
        socket.once('connect_error', (e: Error & { data?: { code: string } }) => resolve({ socket, error: e.data }));
      });
    }

    async function township(id: string): Promise<{ socket: Socket; token: string }> {
      const token = await county.store.addTownship(id, id);
      const { socket, error } = await connect(id, token);
      expect(error).toBeUndefined();
      return { socket, token };
    }

    type Reply = { ok: boolean; applied?: number; rejected?: { seq: number; code: string; message: string }[]; code?: string };
    const ask = async (socket: Socket, event: string, payload: unknown) =>
      (await socket.timeout(10_000).emitWithAck(event, payload)) as Reply & Record<string, unknown>;

    function change(seq: number, entity: ChangeEntity, data: Record<string, unknown>, entityId = String(data.id ?? data.date)) {
      return { seq, id: uuidv7(), entity, entityId, op: 'upsert', at: '2026-11-30T08:15:00+08:00', data };
    }
    const nested = (depth: number) => {
      let value: Record<string, unknown> = { leaf: 1 };
      for (let i = 1; i < depth; i++) value = { a: value };
      return value;
    };

    describe('the protocol', () => {
      it('refuses changes past the limits by INVALID, takes them and goes on, never crashing', async () => {
        const { socket } = await township('LIM');
        const event = () => sampleRecord('event').data;
        const action = () => sampleRecord('event_action').data;
        const cases: [string, Record<string, unknown>, ChangeEntity, 'ok' | 'INVALID'][] = [
          ['a title of 200', { ...event(), title: '题'.repeat(200) }, 'event', 'ok'],
          ['a title of 201', { ...event(), title: '题'.repeat(201) }, 'event', 'INVALID'],
          ['an address of 1,000', { ...event(), address: '址'.repeat(1000) }, 'event', 'ok'],
          ['an address of 1,001', { ...event(), address: '址'.repeat(1001) }, 'event', 'INVALID'],
          ['a description of 20,000', { ...event(), description: 'x'.repeat(20_000) }, 'event', 'ok'],
          ['a description of 20,001', { ...event(), description: 'x'.repeat(20_001) }, 'event', 'INVALID'],
          ['an unknown field of 20,001', { ...event(), extra: 'x'.repeat(20_001) }, 'event', 'INVALID'],
          ['a payload 16 levels deep', { ...action(), payload: nested(15) }, 'event_action', 'ok'],
          ['a payload 17 levels deep', { ...action(), payload: nested(16) }, 'event_action', 'INVALID'],
          ['a payload 3,000 levels deep', { ...action(), payload: nested(3000) }, 'event_action', 'INVALID'],
          [
            'a change over 64 KiB',
            { ...action(), payload: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`p${i}`, 'y'.repeat(10_000)])) },
            'event_action',
            'INVALID',
          ],
        ];
        const reply = await ask(socket, 'push', { changes: cases.map(([, data, entity], i) => change(i + 1, entity, data)) });
        expect(reply).toMatchObject({ ok: true, applied: cases.length });
        const refused = new Map(reply.rejected!.map((r) => [r.seq, r]));
        cases.forEach(([name, , , expected], i) => {
          if (expected === 'ok') expect(refused.has(i + 1), name).toBe(false);
          else expect(refused.get(i + 1), name).toMatchObject({ code: 'INVALID', message: expect.any(String) });
        });
        expect(reply.rejected!.find((r) => r.seq === 10)!.message).toContain('16 levels');
        expect(reply.rejected!.find((r) => r.seq === 11)!.message).toContain('64 KiB');
        // Applied ones are records; refused ones are kept as refused, with their code, and nothing of them applied.
        expect(await countRecords(county.store, 'LIM')).toBe(4);
        expect((await county.store.refused('LIM')).map((r) => r.seq)).toEqual([11, 10, 9, 7, 6, 4, 2]);
        expect(await ask(socket, 'status', {})).toEqual({ ok: true, lastSeq: cases.length, lastOffset: 0 });
        expect(socket.connected).toBe(true);
      });

      it('refuses a push over 512 KiB with TOO_LARGE, taking nothing', async () => {
        const { socket } = await township('BIG');
        const changes = Array.from({ length: 9 }, (_, i) =>
          change(i + 1, 'event', { ...sampleRecord('event').data, description: 'z'.repeat(20_000) }),
        ).map((c) => ({ ...c, data: { ...c.data, notes: Array.from({ length: 3 }, () => 'n'.repeat(19_000)) } }));
        expect(await ask(socket, 'push', { changes })).toMatchObject({ ok: false, code: 'TOO_LARGE' });
        expect((await county.store.township('BIG'))!.lastSeq).toBe(0);
      });

      it('checks ownership on every change: county orders, accepted escalations, accepted on answers', async () => {
        const { socket } = await township('OWN');
        const order = sampleRecord('supervision_order').data;
        await county.store.append('OWN', 'supervision_order', order);
        const accepted = sampleRecord('event').data;
        const returned = sampleRecord('event').data;
        await county.store.append('OWN', 'escalation_reply', { eventId: accepted.id, decision: 'accepted', note: '县级受理' });
        await county.store.append('OWN', 'escalation_reply', { eventId: returned.id, decision: 'returned', note: '下派' });
        const answer = { ...sampleRecord('supervision_answer').data, orderId: order.id };
        const own = sampleRecord('event').data;
        const cases: [string, ReturnType<typeof change>, 'ok' | 'NOT_OWNER'][] = [
          ['an upsert of the county’s order', change(1, 'supervision_order', { ...order, state: 'answered' }), 'NOT_OWNER'],
          ['an answer to the county’s order', change(2, 'supervision_answer', answer), 'ok'],
          ['an answer that accepts itself', change(3, 'supervision_answer', { ...answer, accepted: true }), 'NOT_OWNER'],
          ['an upsert of an accepted escalation', change(4, 'event', { ...accepted, state: 'closed' }), 'NOT_OWNER'],
          [
            'an action on an accepted escalation',
            change(5, 'event_action', { ...sampleRecord('event_action').data, eventId: accepted.id }),
            'NOT_OWNER',
          ],
          ['an upsert of a returned escalation', change(6, 'event', returned), 'ok'],
          ['an upsert of the township’s own event', change(7, 'event', own), 'ok'],
          [
            'an answer to the township’s own order, accepted',
            change(8, 'supervision_answer', { ...sampleRecord('supervision_answer').data, accepted: true }),
            'ok',
          ],
        ];
        const reply = await ask(socket, 'push', { changes: cases.map(([, c]) => c) });
        expect(reply).toMatchObject({ ok: true, applied: 8 });
        const refused = new Map(reply.rejected!.map((r) => [r.seq, r]));
        cases.forEach(([name, c, expected]) => {
          if (expected === 'ok') expect(refused.has(c.seq), name).toBe(false);
          else expect(refused.get(c.seq), name).toMatchObject({ code: 'NOT_OWNER', message: expect.any(String) });
        });
        const records = await recordIds(county.store, 'OWN');
        expect(records).not.toContain(order.id);
        expect(records).not.toContain(accepted.id);
        expect(records).toContain(own.id);
      });

      it('answers status and recovers applied changes exactly as pushed, refused ones left out, in pages', async () => {
        const { socket } = await township('REC');
        expect(await ask(socket, 'status', {})).toEqual({ ok: true, lastSeq: 0, lastOffset: 0 });
        const changes = Array.from({ length: 30 }, (_, i) =>
          i % 10 === 4
            ? change(i + 1, 'event', { ...sampleRecord('event').data, title: 'x'.repeat(300) })
            : change(i + 1, 'daily_figures', sampleRecord('daily_figures', i + 1).data),
        );
        expect((await ask(socket, 'push', { changes })).rejected!.map((r) => r.seq)).toEqual([5, 15, 25]);
        await county.store.append('REC', 'notice', { title: '通知', body: '' });
        expect(await ask(socket, 'status', {})).toEqual({ ok: true, lastSeq: 30, lastOffset: 1 });
        const got: unknown[] = [];
        let after = 0;
        for (let page = 0; ; page++) {
          const r = (await ask(socket, 'recover', { after, limit: 10 })) as Reply & { changes: { seq: number }[]; more: boolean };
          expect(r.ok).toBe(true);
          got.push(...r.changes);
          if (!r.more) break;
          after = r.changes.at(-1)!.seq;
          expect(page).toBeLessThan(5);
        }
        expect(got).toEqual(changes.filter((c) => c.seq % 10 !== 5));
        expect(await ask(socket, 'recover', { after: 28 })).toEqual({ ok: true, changes: changes.slice(28), more: false });
        for (const bad of [null, { after: -1 }, { after: 'x' }, { after: 0, limit: 501 }])
          expect(await ask(socket, 'recover', bad)).toMatchObject({ ok: false, code: 'INVALID' });
      });

      it('serialises the pushes of one township: two connections racing take each change exactly once', async () => {
        const { socket: one, token } = await township('RACE');
        const { socket: two } = await connect('RACE', token);
        const all = Array.from({ length: 200 }, (_, i) => change(i + 1, 'daily_figures', sampleRecord('daily_figures', i).data));
        const replies = await Promise.all(
          Array.from({ length: 40 }, (_, k) => {
            const from = (k * 5) % 190;
            return ask(k % 2 ? one : two, 'push', { changes: all.slice(Math.max(0, from - 3), from + 10) });
          }),
        );
        for (const r of replies) expect(r.ok || r.code === 'SEQ_GAP').toBe(true);
        const seqs = await changeSeqs(county.store, 'RACE');
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
        expect((await county.store.township('RACE'))!.lastSeq).toBe(seqs.length);
      });

      it('rotate-token ends live connections at once; the old token is refused, the new one works', async () => {
        const { socket, token } = await township('ROT');
        const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
        const fresh = await county.store.rotateToken('ROT');
        expect(fresh).not.toBe(token);
        expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r('still connected'), 1000))])).toBe(
          'io server disconnect',
        );
        expect((await connect('ROT', token)).error?.code).toBe('AUTH_FAILED');
        expect((await connect('ROT', fresh)).error).toBeUndefined();
      });

      it('revoke-township ends its connections and refuses it from then on', async () => {
        const { socket, token } = await township('REV');
        const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
        await county.store.revokeTownship('REV');
        expect(await closed).toBe('io server disconnect');
        expect((await connect('REV', token)).error?.code).toBe('AUTH_FAILED');
      });

      it('the CLI rotates a token of a running center: live connections end within the watch interval', async () => {
        const { socket, token } = await township('CLI');
        const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
        // SQLite: the running center notices through the file; PostgreSQL: the CLI tells it through the emitter.
        const cli = (...args: string[]) =>
          promisify(execFile)('npx', ['tsx', 'county/cli/index.ts', '--data-dir', database.options.dataDir ?? '.', ...args], {
            timeout: 60_000,
            env: { ...process.env, COUNTY_DATABASE_URL: database.options.databaseUrl ?? '' },
          });
        const { stdout } = await cli('rotate-token', 'CLI');
        const fresh = stdout.trim();
        expect(fresh).toMatch(/^[A-Za-z0-9_-]{20,}$/);
        expect(await closed).toBe('io server disconnect');
        expect((await connect('CLI', token)).error?.code).toBe('AUTH_FAILED');
        expect((await connect('CLI', fresh)).error).toBeUndefined();
        await cli('revoke-township', 'CLI');
        expect((await connect('CLI', fresh)).error?.code).toBe('AUTH_FAILED');
      }, 120_000);

      it('registers the demo township only when asked (--demo)', async () => {
        expect(await county.store.township(DEMO_COUNTY.townshipId)).toBeUndefined();
        const other = await testCountyDatabase(engine.kind);
        const demo = await startCountyServer({ ...other.options, port: 0, log: () => {}, watchMs: 0, demo: true });
        try {
          expect((await demo.store.township(DEMO_COUNTY.townshipId))?.name).toBe(DEMO_COUNTY.townshipName);
          expect(await demo.store.checkToken(DEMO_COUNTY.townshipId, DEMO_COUNTY.token)).toBe(true);
        } finally {
          await demo.close();
          await other.remove();
        }
      });
    });
  });
