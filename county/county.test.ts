import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACE } from '../common/protocol';
import { startCountyServer, type CountyServer } from './server';
import {
  countChanges,
  countRecords,
  engineTitle,
  testCountyDatabase,
  testEngines,
  tokenHashes,
  type TestCountyDatabase,
} from './store/testing';

for (const engine of testEngines())
  describe.skipIf(engine.skip !== null)(`the county center on ${engineTitle(engine)}`, () => {
    let county: CountyServer;
    let database: TestCountyDatabase;
    let tokenA: string;
    let tokenB: string;
    const sockets: Socket[] = [];
    const logLines: string[] = [];

    beforeAll(async () => {
      database = await testCountyDatabase(engine.kind);
      county = await startCountyServer({ ...database.options, port: 0, log: (line) => logLines.push(line), watchMs: 0 });
      tokenA = await county.store.addTownship('A', '甲镇');
      tokenB = await county.store.addTownship('B', '乙镇');
    });
    afterAll(async () => {
      sockets.forEach((s) => s.disconnect());
      await county?.close();
      await database?.remove();
    });

    function connect(auth: unknown): Promise<{ socket: Socket; error?: { code: string; message: string } }> {
      const socket = io(`${county.url}${NAMESPACE}`, { auth: auth as object, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      return new Promise((resolve) => {
        socket.once('connect', () => resolve({ socket }));
        socket.once('connect_error', (e: Error & { data?: { code: string; message: string } }) =>
          resolve({ socket, error: e.data }),
        );
      });
    }

    const change = (seq: number, over: Record<string, unknown> = {}) => ({
      seq,
      id: `c-${seq}`,
      entity: 'daily_figures',
      entityId: `2026-11-${String((seq % 28) + 1).padStart(2, '0')}`,
      op: 'upsert',
      at: '2026-11-30T08:15:00+08:00',
      data: {
        date: '2026-11-30',
        received: seq,
        closed: 0,
        overdue: 0,
        byLevel: { grid: 0, village: 0, township: 0, county: 0 },
      },
      ...over,
    });

    describe('the protocol', () => {
      it.each([
        ['no auth at all', undefined, 'AUTH_FAILED'],
        ['no token', { protocol: 1, townshipId: 'A' }, 'AUTH_FAILED'],
        ['a wrong token', { protocol: 1, townshipId: 'A', token: 'not-the-token' }, 'AUTH_FAILED'],
        ['an unknown township', { protocol: 1, townshipId: 'Z', token: 'whatever-token' }, 'AUTH_FAILED'],
        ['another township’s token', { protocol: 1, townshipId: 'A', token: '<B>' }, 'AUTH_FAILED'],
        ['an unsupported protocol', { protocol: 2, townshipId: 'A', token: '<A>' }, 'PROTOCOL_UNSUPPORTED'],
      ])('refuses %s', async (_name, auth, code) => {
        const filled = auth && JSON.parse(JSON.stringify(auth).replace('<A>', tokenA).replace('<B>', tokenB));
        const { error } = await connect(filled);
        expect(error?.code).toBe(code);
        expect(error?.message).toEqual(expect.any(String));
      });

      it('applies each change once, whatever the redelivery, and reports gaps', async () => {
        const { socket, error } = await connect({ protocol: 1, townshipId: 'A', token: tokenA });
        expect(error).toBeUndefined();
        const push = (changes: unknown[]) => socket.timeout(5000).emitWithAck('push', { changes });
        // Every change delivered 1–4 times, in overlapping batches.
        for (let seq = 1; seq <= 40; seq++) {
          const times = (seq % 4) + 1;
          for (let t = 0; t < times; t++)
            expect(await push([change(Math.max(1, seq - t)), change(seq)])).toEqual({ ok: true, applied: seq, rejected: [] });
        }
        expect(await countChanges(county.store, 'A')).toBe(40);
        expect(await push([change(45)])).toEqual({ ok: false, code: 'SEQ_GAP', expected: 41 });
        // Revision 2: a refused change is stored as refused and the push goes on past it.
        expect(await push([change(41), change(42, { data: { date: 'x' } }), change(43)])).toEqual({
          ok: true,
          applied: 43,
          rejected: [{ seq: 42, code: 'INVALID', message: expect.stringContaining('date') }],
        });
        expect((await county.store.township('A'))!.lastSeq).toBe(43);
        expect(await county.store.refused('A')).toEqual([
          { seq: 42, entity: 'daily_figures', entityId: expect.any(String), code: 'INVALID', message: expect.any(String) },
        ]);
        // Taken means taken: resending the refused one is skipped, not refused again.
        expect(await push([change(42), change(43)])).toEqual({ ok: true, applied: 43, rejected: [] });
        expect(await socket.timeout(5000).emitWithAck('pull', { after: 0 })).toEqual({ ok: true, messages: [], more: false });
      });

      it('never shows one township another township’s messages', async () => {
        await county.store.append('B', 'notice', { title: '乙镇通知', body: '' });
        const { socket } = await connect({ protocol: 1, townshipId: 'A', token: tokenA });
        const reply = await socket.timeout(5000).emitWithAck('pull', { after: 0, limit: 500 });
        expect(reply).toEqual({ ok: true, messages: [], more: false });
        const b = await connect({ protocol: 1, townshipId: 'B', token: tokenB });
        const replyB = (await b.socket.timeout(5000).emitWithAck('pull', { after: 0 })) as { messages: { data: unknown }[] };
        expect(replyB.messages.map((m) => m.data)).toEqual([{ title: '乙镇通知', body: '' }]);
      });

      it('refuses 1,000 malformed pushes and pulls with their codes, writing nothing', async () => {
        const { socket } = await connect({ protocol: 1, townshipId: 'B', token: tokenB });
        const before = await countChanges(county.store, 'B');
        const big = 'x'.repeat(600 * 1024);
        const malformed: [unknown, string][] = [];
        const mutations: ((c: Record<string, unknown>) => unknown)[] = [
          (c) => ({ ...c, seq: 'one' }),
          (c) => ({ ...c, seq: -1 }),
          (c) => ({ ...c, seq: 1.5 }),
          (c) => ({ ...c, entity: 'user' }),
          (c) => ({ ...c, op: 'merge' }),
          (c) => ({ ...c, at: 'yesterday' }),
          (c) => ({ ...c, id: '' }),
          (c) => ({ ...c, data: undefined }),
          (c) => ({ ...c, op: 'delete' }),
          (c) => ({ ...c, data: { ...(c.data as object), received: -5 } }),
          (c) => ({ ...c, entity: 'event' }),
          (c) => ({ ...c, entity: 'supervision_order' }),
          (c) => ({
            ...c,
            entity: 'event_action',
            data: { id: 'x', eventId: 'y', kind: '', actor: 'a', actorRole: 'r', at: 'bad', payload: {} },
          }),
          () => null,
          () => 42,
          () => 'change',
          () => [],
        ];
        // Only mutations that leave no readable seq: the whole push is refused and nothing is taken.
        const seqless = mutations.slice(0, 3).concat(mutations.slice(13));
        for (let i = 0; malformed.length < 960; i++)
          malformed.push([{ changes: [seqless[i % seqless.length]!(change(1))] }, 'INVALID']);
        for (let i = 0; i < 30; i++) malformed.push([[null, {}, { changes: [] }, { changes: 'x' }, 'push', 7][i % 6], 'INVALID']);
        for (let i = 0; i < 5; i++)
          malformed.push([{ changes: Array.from({ length: 501 }, (_, k) => change(k + 1)) }, 'TOO_LARGE']);
        for (let i = 0; i < 5; i++) malformed.push([{ changes: [change(1, { data: { note: big } })] }, 'TOO_LARGE']);
        expect(malformed).toHaveLength(1000);
        const replies: { code?: string }[] = [];
        for (let i = 0; i < malformed.length; i += 50) {
          const chunk = malformed.slice(i, i + 50);
          replies.push(
            ...(await Promise.all(
              chunk.map(async ([payload]) => (await socket.timeout(30_000).emitWithAck('push', payload)) as { code?: string }),
            )),
          );
        }
        replies.forEach((reply, i) => expect(reply, `payload ${i}`).toMatchObject({ ok: false, code: malformed[i]![1] }));
        for (const bad of [null, { after: -1 }, { after: 'x' }, { after: 0, limit: 501 }, { after: 1.5 }])
          expect(await socket.timeout(5000).emitWithAck('pull', bad)).toMatchObject({ ok: false, code: 'INVALID' });
        expect(await countChanges(county.store, 'B')).toBe(before);
        expect((await county.store.township('B'))!.lastSeq).toBe(0);
        expect(socket.connected).toBe(true);
        // Every other mutation keeps a readable seq: taken, refused by code, the stream goes on.
        const rest = mutations.slice(3, 13);
        const reply = await socket.timeout(5000).emitWithAck('push', { changes: rest.map((m, i) => m(change(i + 1))) });
        expect(reply).toMatchObject({ ok: true, applied: rest.length });
        expect((reply as { rejected: { seq: number; code: string }[] }).rejected.map((r) => [r.seq, r.code])).toEqual(
          rest.map((_, i) => [i + 1, 'INVALID']),
        );
        expect((await county.store.township('B'))!.lastSeq).toBe(rest.length);
        expect(await countRecords(county.store, 'B')).toBe(0);
      });

      it('logs connections without ever logging a token', async () => {
        expect(logLines.some((line) => line.includes('township A connected'))).toBe(true);
        for (const token of [tokenA, tokenB, 'not-the-token']) expect(logLines.join('\n')).not.toContain(token);
        expect(await tokenHashes(county.store)).not.toContain(tokenA);
      });
    });
  });
