import { createServer, connect as tcpConnect, type Server as TcpServer, type Socket as TcpSocket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACE, type PushReply } from '../common/protocol';
import { startCountyServer, type CountyServer } from './server';
import {
  changeIdCounts,
  changeSeqs,
  countRecords,
  engineTitle,
  testCountyDatabase,
  testEngines,
  type TestCountyDatabase,
} from './store/testing';

// Several county nodes on one PostgreSQL (issue 15): pokes cross nodes, pushes of one township are
// serialised in the database whichever node takes them, and a revocation ends connections everywhere.
// The assignment is appended through node 2's store; the console API (county/console/) calls the same function.

const postgres = testEngines().find((e) => e.kind === 'postgres')!;

/** A TCP relay in front of a node: `cut()` kills its connections now, `cutAfter(n)` once n more bytes came from the township. */
async function relay(target: number) {
  const open = new Set<TcpSocket>();
  let forwarded = 0;
  let cutAt: number | null = null;
  const cut = () => {
    cutAt = null;
    open.forEach((s) => s.destroy());
  };
  const server: TcpServer = createServer((inbound) => {
    const outbound = tcpConnect(target, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {});
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('data', (chunk: Buffer) => {
      forwarded += chunk.length;
      if (cutAt !== null && forwarded >= cutAt) cut();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut,
    cutAfter(bytes: number) {
      cutAt = forwarded + bytes;
    },
    close: () => {
      cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const AT = '2026-12-01T09:00:00+08:00';
const figures = (seq: number) => ({
  seq,
  id: uuidv7(),
  entity: 'daily_figures',
  entityId: `2026-12-${String((seq % 28) + 1).padStart(2, '0')}:${seq}`,
  op: 'upsert',
  at: AT,
  data: {
    date: '2026-12-01',
    received: seq % 97,
    closed: 0,
    overdue: 0,
    byLevel: { grid: 0, village: 0, township: 0, county: 0 },
  },
});

describe.skipIf(postgres.skip !== null)(`two county nodes on one ${engineTitle(postgres)}`, () => {
  let database: TestCountyDatabase;
  let node1: CountyServer;
  let node2: CountyServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    database = await testCountyDatabase('postgres');
    node1 = await startCountyServer({ ...database.options, port: 0, log: () => {} });
    node2 = await startCountyServer({ ...database.options, port: 0, log: () => {} });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await node1?.close();
    await node2?.close();
    await database?.remove();
  });

  function connect(port: number, townshipId: string, token: string): Promise<Socket> {
    const socket = io(`http://127.0.0.1:${port}${NAMESPACE}`, {
      auth: { protocol: 1, townshipId, token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }
  const ask = async <T = Record<string, unknown>>(socket: Socket, event: string, payload: unknown) =>
    (await socket.timeout(15_000).emitWithAck(event, payload)) as T;

  it('an assignment sent through node 2 reaches a township connected to node 1 within a second', async () => {
    const token = await node1.store.addTownship('A', '甲镇');
    const a = await connect(node1.port, 'A', token);
    let applied = 0;
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const title = `县级交办 ${i}`;
      const started = performance.now();
      const arrived = new Promise<void>((resolve) => {
        const onPoke = async () => {
          const reply = await ask<{ messages: { offset: number; data: { title: string } }[] }>(a, 'pull', { after: applied });
          for (const m of reply.messages) applied = m.offset;
          if (reply.messages.some((m) => m.data.title === title)) {
            a.off('poke', onPoke);
            resolve();
          }
        };
        a.on('poke', onPoke);
      });
      await node2.store.append('A', 'assignment', {
        id: uuidv7(),
        serial: `县交〔2026〕${i + 1}号`,
        title,
        description: '请属地核查处置',
        category: 'fire',
        requestType: 'request',
        source: '县级交办',
        priority: 'urgent',
        riskColour: 'yellow',
        village: '清溪村',
        grid: '',
        address: '清溪村1号',
        reportedAt: AT,
        state: 'reported',
        assistingUnits: [],
        countyRef: `county-${uuidv7()}`,
      });
      await arrived;
      latencies.push(performance.now() - started);
    }
    expect(applied).toBe(5);
    for (const ms of latencies) expect(ms).toBeLessThan(1000);
  });

  it('a transport killed in the middle of pushes, each time reconnected to the other node: gapless, nothing doubled, nothing lost', async () => {
    const token = await node1.store.addTownship('B', '乙镇');
    const relays = [await relay(node1.port), await relay(node2.port)];
    const N = 2500;
    const outbox = Array.from({ length: N }, (_, i) => figures(i + 1));
    let acked = 0;
    let kills = 0;
    // The moment a node begins a push, seen from inside: where "killed during a push" cuts.
    let pushBegins: (() => void) | null = null;
    /** What the node went on to answer to the pushes killed under it, with the seq acknowledged before. */
    const unanswered: Promise<{ before: number; reply: PushReply }>[] = [];
    const originals = [node1, node2].map((node) => {
      const push = node.store.push.bind(node.store);
      node.store.push = async (id, request) => {
        const work = push(id, request);
        if (pushBegins) {
          pushBegins();
          const before = acked;
          unanswered.push(work.then((reply) => ({ before, reply })));
        }
        return work;
      };
      return () => (node.store.push = push);
    });
    try {
      for (let round = 0; acked < N; round++) {
        expect(round).toBeLessThan(200);
        const via = relays[round % 2]!;
        const socket = await connect(via.port, 'B', token);
        // After every (re)connect: where does the county stand (PROTOCOL.md `status`)?
        const status = await ask<{ lastSeq: number }>(socket, 'status', {});
        expect(status.lastSeq).toBeGreaterThanOrEqual(acked);
        acked = status.lastSeq;
        const batch = outbox.slice(acked, acked + 250);
        if (batch.length === 0) break;
        // Redelivery as a real client does it: overlapping the last acknowledged changes.
        const payload = { changes: outbox.slice(Math.max(0, acked - 20), acked).concat(batch) };
        // 0: killed once the node has begun the push (its reply is lost); 1: killed mid-request; 2: no kill.
        const mode = round % 3;
        if (mode === 0) pushBegins = () => via.cut();
        if (mode === 1) via.cutAfter(Math.floor(Buffer.byteLength(JSON.stringify(payload)) / 2));
        const sending = ask<{ ok: boolean; applied?: number; code?: string }>(socket, 'push', payload).catch(() => null);
        if (mode !== 2) {
          expect(await sending).toBeNull();
          pushBegins = null;
          kills++;
          socket.disconnect();
          continue;
        }
        const reply = await sending;
        expect(reply).toMatchObject({ ok: true });
        acked = reply!.applied!;
        socket.disconnect();
      }
    } finally {
      originals.forEach((restore) => restore());
      await Promise.all(relays.map((r) => r.close()));
    }
    expect(kills).toBeGreaterThan(5);
    // The node went on with the pushes whose transport died under it, and took them: only the replies were lost.
    const killed = await Promise.all(unanswered);
    expect(killed.length).toBeGreaterThan(2);
    expect(killed.filter((k) => k.reply.ok && k.reply.applied > k.before).length).toBeGreaterThan(0);
    expect(await changeSeqs(node2.store, 'B')).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    const counts = await changeIdCounts(node1.store, 'B');
    expect(counts.size).toBe(N);
    for (const c of outbox) expect(counts.get(c.id), `seq ${c.seq}`).toBe(1);
    expect(await countRecords(node1.store, 'B')).toBe(N);
    const recovered = await ask<{ changes: unknown[] }>(await connect(node2.port, 'B', token), 'recover', {
      after: 0,
      limit: 500,
    });
    expect(recovered.changes).toEqual(outbox.slice(0, 500));
  }, 180_000);

  it('two connections of one township on two nodes pushing the same changes at once take each exactly once', async () => {
    const token = await node2.store.addTownship('C', '丙镇');
    const one = await connect(node1.port, 'C', token);
    const two = await connect(node2.port, 'C', token);
    const all = Array.from({ length: 600 }, (_, i) => figures(i + 1));
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, k) => {
        const from = (k * 15) % 590;
        return ask<{ ok: boolean; code?: string }>(k % 2 ? one : two, 'push', {
          changes: all.slice(Math.max(0, from - 5), from + 40),
        });
      }),
    );
    for (const r of replies) expect(r.ok || r.code === 'SEQ_GAP').toBe(true);
    const seqs = await changeSeqs(node1.store, 'C');
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThan(0);
    expect((await node2.store.township('C'))!.lastSeq).toBe(seqs.length);
  });

  it('a revoked token ends the township’s connections on every node; a rotated one lets it back in on either', async () => {
    const token = await node1.store.addTownship('D', '丁镇');
    const on1 = await connect(node1.port, 'D', token);
    const on2 = await connect(node2.port, 'D', token);
    const closed = [on1, on2].map((s) => new Promise<string>((resolve) => s.once('disconnect', resolve)));
    await node2.store.revokeTownship('D');
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    await expect(connect(node1.port, 'D', token)).rejects.toMatchObject({ data: { code: 'AUTH_FAILED' } });
    const fresh = await node1.store.rotateToken('D');
    const back = await connect(node2.port, 'D', fresh);
    // The rotation's own disconnection (published through PostgreSQL) must not end the new connection.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(back.connected).toBe(true);
  });
});
