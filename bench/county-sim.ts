/**
 * The township simulator of bench/county.ts, in a process of its own: holds one Socket.IO
 * connection per township (spread over the nodes as a TCP load balancer would, in turn), pushes
 * and pulls as PROTOCOL.md says, and measures each acknowledgement.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';

interface Township {
  id: string;
  token: string;
}
type Command =
  | { type: 'connect'; urls: string[]; townships: Township[] }
  | { type: 'run'; changes: number; paced: number; pacedMs: number; batch: number; messages: number }
  | { type: 'stop' };

const sockets: Socket[] = [];
const AT = '2026-12-01T09:00:00+08:00';
const change = (seq: number) => ({
  seq,
  id: uuidv7(),
  entity: 'daily_figures',
  entityId: `2026-11-${String((seq % 28) + 1).padStart(2, '0')}:${seq}`,
  op: 'upsert',
  at: AT,
  data: {
    date: '2026-11-30',
    received: seq % 50,
    closed: seq % 7,
    overdue: 0,
    byLevel: { grid: 1, village: 0, township: 0, county: 0 },
  },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(url: string, t: Township): Promise<Socket> {
  const socket = io(`${url}/township`, {
    auth: { protocol: 1, townshipId: t.id, token: t.token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function push(socket: Socket, from: number, count: number, acks: number[]): Promise<void> {
  const changes = Array.from({ length: count }, (_, i) => change(from + i));
  const started = performance.now();
  const reply = (await socket.timeout(120_000).emitWithAck('push', { changes })) as { ok: boolean; applied?: number };
  acks.push(performance.now() - started);
  if (!reply.ok || reply.applied !== from + count - 1) throw new Error(`push refused: ${JSON.stringify(reply)}`);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
};
const summary = (values: number[]) => ({ n: values.length, p50: percentile(values, 50), p99: percentile(values, 99) });

process.on('message', (command: Command) => {
  void (async () => {
    if (command.type === 'connect') {
      const started = performance.now();
      for (let i = 0; i < command.townships.length; i += 50) {
        const chunk = command.townships.slice(i, i + 50);
        sockets.push(...(await Promise.all(chunk.map((t, k) => connect(command.urls[(i + k) % command.urls.length]!, t)))));
      }
      process.send!({ type: 'connected', ms: performance.now() - started });
    } else if (command.type === 'run') {
      const { changes, paced, pacedMs, batch, messages } = command;
      const cpuBefore = process.cpuUsage();
      // Paced: every township pushes its first `paced` changes, one batch at a time, at random moments over pacedMs.
      const pacedAcks: number[] = [];
      const pacedStarted = performance.now();
      await Promise.all(
        sockets.map(async (socket) => {
          for (let from = 1; from <= paced; from += batch) {
            await sleep(Math.random() * (pacedMs / Math.ceil(paced / batch)));
            await push(socket, from, Math.min(batch, paced - from + 1), pacedAcks);
          }
        }),
      );
      const pacedElapsed = performance.now() - pacedStarted;
      // Flat out: the rest of the changes as fast as each township's acknowledgements come back.
      const burstAcks: number[] = [];
      const burstStarted = performance.now();
      await Promise.all(
        sockets.map(async (socket) => {
          for (let from = paced + 1; from <= changes; from += batch)
            await push(socket, from, Math.min(batch, changes - from + 1), burstAcks);
        }),
      );
      const burstElapsed = performance.now() - burstStarted;
      // Every township pulls its log (PROTOCOL.md `pull`).
      const pulls: number[] = [];
      let pulled = 0;
      const pullStarted = performance.now();
      await Promise.all(
        sockets.map(async (socket) => {
          const started = performance.now();
          const reply = (await socket.timeout(120_000).emitWithAck('pull', { after: 0, limit: 500 })) as { messages: unknown[] };
          pulls.push(performance.now() - started);
          pulled += reply.messages.length;
        }),
      );
      const pullElapsed = performance.now() - pullStarted;
      const cpu = process.cpuUsage(cpuBefore);
      if (pulled !== sockets.length * messages)
        throw new Error(`pulled ${pulled} messages, expected ${sockets.length * messages}`);
      process.send!({
        type: 'done',
        paced: { ...summary(pacedAcks), ms: pacedElapsed, changes: sockets.length * paced },
        burst: { ...summary(burstAcks), ms: burstElapsed, changes: sockets.length * (changes - paced) },
        pull: { ...summary(pulls), ms: pullElapsed, messages: pulled },
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
    } else {
      sockets.forEach((s) => s.disconnect());
      process.exit(0);
    }
  })().catch((error: unknown) => {
    process.send!({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  });
});
process.send!({ type: 'ready' });
