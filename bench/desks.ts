/**
 * Many desks on one room server (issue 13): 50 desks over WSS, each calling
 * the queue page once a second while 200 events a minute are taken in, against
 * the same call from one desk under the same intake. The server runs alone in
 * its own process (the room server's child entry, as Electron's utility
 * process runs it, HTTPS on loopback), so its peak RSS is its own; the desks
 * and the intake are sockets of this process.
 *
 * Each desk connects from its own loopback address (127.0.1.N): the server
 * limits sign-ins per source address, as it should for a real LAN.
 *
 * BENCH_DESKS (50), BENCH_DESKS_SECONDS (60), BENCH_DESKS_EVENTS (3,000 demo events to start with).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { Result } from '../common/errors';
import { parseFromRoomServer, type FromRoomServer, type ToRoomServer } from '../common/room-server-protocol';
import type { ServerFrame } from '../common/wire';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { tempDir } from '../core/testing/core';
import { report, type Timing } from './harness';

const DESKS = Number(process.env.BENCH_DESKS ?? 50);
const SECONDS = Number(process.env.BENCH_DESKS_SECONDS ?? 60);
const START_EVENTS = Number(process.env.BENCH_DESKS_EVENTS ?? 3000);
const EVENTS_PER_MINUTE = 200;
const ENTRY = fileURLToPath(new URL('../webhost/room-server-process.ts', import.meta.url));

interface Desk {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  close(): void;
}

function openDesk(url: string, localAddress: string): Promise<Desk> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^https/, 'wss')}/ws`, {
      origin: url,
      rejectUnauthorized: false,
      localAddress,
    });
    const pending = new Map<number, (result: Result<unknown>) => void>();
    let next = 1;
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.kind === 'reply') {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      }
    });
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        call: (method, input) =>
          new Promise((done) => {
            const id = next++;
            pending.set(id, done);
            ws.send(JSON.stringify({ id, method, input }));
          }),
        close: () => ws.close(),
      }),
    );
  });
}

async function signedIn(url: string, localAddress: string, username: string): Promise<Desk> {
  const desk = await openDesk(url, localAddress);
  const login = await desk.call('auth.login', { username, password: DEMO_PASSWORD });
  if (!login.ok) throw new Error(`sign-in from ${localAddress} failed: ${login.error.code} ${login.error.message}`);
  return desk;
}

/** VmHWM (peak) and VmRSS of a process, MB, from /proc. */
function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** CPU time the process has used so far, ms (utime + stime from /proc, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { median: at(50), p95: at(95), runs: sorted.length };
}

/** Every desk calls the queue once a second (spread over the second) for `seconds`; the intake runs meanwhile. */
async function phase(
  desks: Desk[],
  intake: () => Promise<void>,
  seconds: number,
): Promise<{ samples: number[]; created: number; failures: number }> {
  const samples: number[] = [];
  let failures = 0;
  let created = 0;
  const until = performance.now() + seconds * 1000;
  const intakeLoop = (async () => {
    const every = 60_000 / EVENTS_PER_MINUTE;
    while (performance.now() < until) {
      const started = performance.now();
      await intake();
      created++;
      await new Promise((r) => setTimeout(r, Math.max(0, every - (performance.now() - started))));
    }
  })();
  await Promise.all(
    desks.map(async (desk, i) => {
      await new Promise((r) => setTimeout(r, (1000 * i) / desks.length));
      while (performance.now() < until) {
        const started = performance.now();
        const result = await desk.call('events.queue', { sort: 'due', offset: 0, limit: 50 });
        const ms = performance.now() - started;
        if (result.ok) samples.push(ms);
        else failures++;
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - ms)));
      }
    }),
  );
  await intakeLoop;
  return { samples, created, failures };
}

export async function benchDesks(): Promise<Record<string, unknown>> {
  const dir = tempDir('command-room-bench-desks-');
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, COMMAND_ROOM_ROOM_SERVER: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const send = (m: ToRoomServer) => child.send(m);
  const ready = await new Promise<Extract<FromRoomServer, { type: 'ready' }>>((resolve, reject) => {
    child.on('message', (data) => {
      const m = parseFromRoomServer(data);
      if (m?.type === 'ready') resolve(m);
      if (m?.type === 'fatal') reject(new Error(m.message));
    });
    send({
      type: 'start',
      options: {
        dataDir: join(dir.path, 'data'),
        host: '127.0.0.1',
        port: 0,
        seedDemo: true,
        demoEvents: START_EVENTS,
        pdf: false,
        tls: 'on',
      },
    });
  });
  try {
    const url = ready.url;
    const writer = await signedIn(url, '127.0.2.1', 'operator');
    const directory = await writer.call('org.directory', {});
    const reference = await writer.call('events.reference', {});
    if (!directory.ok || !reference.ok)
      throw new Error(`could not read the directory: ${JSON.stringify(directory.ok ? reference : directory)}`);
    const dirValue = directory.value as { villages: { id: string }[]; grids: { id: string; villageId: string }[] };
    const categories = (reference.value as { categories: { id: string; parentId: string | null; disabled: boolean }[] })
      .categories;
    const category = categories.find((c) => c.parentId !== null && !c.disabled) ?? categories[0]!;
    const grid = dirValue.grids[0]!;
    let n = 0;
    const intake = async () => {
      const result = await writer.call('events.create', {
        title: `桌面压测事件 ${++n} 清溪村村口桥头垃圾堆放`,
        description: '垃圾收集点满溢，垃圾散落路面。',
        categoryId: category.id,
        requestType: 'request',
        source: 'walk_in',
        priority: 'normal',
        villageId: grid.villageId,
        gridId: grid.id,
        address: '清溪村村口桥头',
        reporterName: '李先生',
        reporterPhone: '13800001234',
      });
      if (!result.ok) throw new Error(`events.create failed: ${result.error.code} ${result.error.message}`);
    };

    const one = [await signedIn(url, '127.0.1.1', 'operator')];
    console.log(`\ndesks: one desk for ${SECONDS} s …`);
    const cpuBeforeOne = cpuMsOf(child.pid!);
    const single = await phase(one, intake, SECONDS);
    const cpuOne = cpuMsOf(child.pid!) - cpuBeforeOne;
    const afterOne = memoryOf(child.pid!);

    const desks = [...one];
    for (let i = 2; i <= DESKS; i++) desks.push(await signedIn(url, `127.0.1.${i}`, i % 3 === 0 ? 'director' : 'operator'));
    console.log(`desks: ${DESKS} desks for ${SECONDS} s …`);
    const cpuBeforeMany = cpuMsOf(child.pid!);
    const many = await phase(desks, intake, SECONDS);
    const cpuMany = cpuMsOf(child.pid!) - cpuBeforeMany;
    const server = memoryOf(child.pid!);
    for (const d of [...desks, writer]) d.close();

    const subject = timing(many.samples);
    const baseline = timing(single.samples);
    const meets = subject.p95 <= 50;
    report(
      'desks',
      [
        {
          name: `events.queue over WSS: ${DESKS} desks at 1/s (subject) vs 1 desk (baseline), ${EVENTS_PER_MINUTE} events/min taken in`,
          subject,
          baseline,
          ratio: subject.p95 / Math.max(baseline.p95, 1e-6),
          target: 'p95 ≤ 50 ms with 50 desks',
          meets,
        },
      ],
      {
        desks: DESKS,
        seconds: SECONDS,
        startEvents: START_EVENTS,
        eventsCreated: single.created + many.created,
        failedCalls: single.failures + many.failures,
        serverPeakRssMb: Math.round(server.peakMb * 10) / 10,
        // Load-independent: the server's CPU per second of the phase (1,000 = one core busy) and per queue call.
        serverCpuMsPerSecondOneDesk: Math.round(cpuOne / SECONDS),
        serverCpuMsPerSecondManyDesks: Math.round(cpuMany / SECONDS),
        serverCpuMsPerQueueCall:
          Math.round(((cpuMany - cpuOne) / Math.max(1, many.samples.length - single.samples.length)) * 100) / 100,
        machineLoadAverage: loadavg()[0],
        serverRssAfterOneDeskMb: Math.round(afterOne.rssMb * 10) / 10,
        serverRssEndMb: Math.round(server.rssMb * 10) / 10,
        note: 'baseline = the same call from one desk under the same intake, in the same run; the server is a separate process (RSS from /proc)',
      },
    );
    console.log(`room server peak RSS ${server.peakMb.toFixed(1)} MB`);
    return { subject, baseline, serverPeakRssMb: server.peakMb, meets };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    dir.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDesks();
