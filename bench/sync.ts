/**
 * County sync on loopback: changes up and messages down through the real
 * client and the reference county center, beside raw `emitWithAck` of the
 * same payloads in the same run; and the latency from a county assignment to
 * the event showing in an open queue. `BENCH_SYNC=10000` for a quicker run.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import { NAMESPACE, type Change } from '../common/protocol';
import { startCore, type CoreApp } from '../core/app';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { nextBatch } from '../core/sync/sender';
import { FAST_CLIENT } from '../core/testing/sync/harness';
import { sampleMessage, sampleRecord } from '../core/testing/sync/samples';
import { startCountyServer, type CountyServer } from '../county/server';
import { appendOutbox } from '../db/queries/outbox';
import { getSyncState } from '../db/queries/sync';
import { tempDir } from '../db/testing';
import { report, type Row } from './harness';

const N = Number(process.env.BENCH_SYNC ?? 100_000);
const LATENCY_RUNS = Number(process.env.BENCH_SYNC_LATENCY ?? 200);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await sleep(2);
}
const timing = (ms: number) => ({ median: ms, p95: ms, runs: 1 });

async function rawSocket(county: CountyServer, townshipId: string, token: string): Promise<Socket> {
  const socket = io(`${county.url}${NAMESPACE}`, { auth: { protocol: 1, townshipId, token }, transports: ['websocket'] });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return socket;
}

function township(dataDir: string, county: CountyServer, townshipId: string, token: string, seedDemo: boolean): CoreApp {
  return startCore({
    dataDir,
    seedDemo,
    demoEvents: 0,
    tickMs: 0,
    log: () => {},
    sync: { county: { url: county.url, townshipId, token }, client: FAST_CLIENT },
  });
}

export async function benchSync(): Promise<void> {
  console.log(`\nsync: ${N.toLocaleString()} changes up, ${N.toLocaleString()} messages down, ${LATENCY_RUNS} assignments`);
  const countyDir = tempDir('bench-county-');
  const townDir = tempDir('bench-town-');
  const county = await startCountyServer({ dataDir: countyDir.path, port: 0, log: () => {}, watchMs: 0 });
  const rows: Row[] = [];
  const extra: Record<string, unknown> = { changes: N, messages: N };
  try {
    // Up --------------------------------------------------------------------------------
    const tokenUp = await county.store.addTownship('UP', '上行');
    const tokenRaw = await county.store.addTownship('RAW', '基准');
    // Fill the outbox before the link starts (not timed): a township that was offline for a while.
    const pre = startCore({ dataDir: townDir.path, seedDemo: false, tickMs: 0, log: () => {} });
    const fill = pre.db.transaction((from: number, n: number) => {
      for (let i = from; i < from + n; i++) {
        const r = sampleRecord(i % 2 ? 'event_action' : 'daily_figures', i);
        appendOutbox(pre.db, {
          id: uuidv7(),
          entity: i % 2 ? 'event_action' : 'daily_figures',
          entityId: r.entityId,
          op: 'upsert',
          at: Date.now(),
          data: JSON.stringify(r.data),
        });
      }
    });
    for (let i = 0; i < N; i += 10_000) fill(i, Math.min(10_000, N - i));
    const batches: Change[][] = [];
    for (let after = 0; ;) {
      const { changes } = nextBatch(pre.db, after);
      if (changes.length === 0) break;
      batches.push(changes);
      after = changes.at(-1)!.seq;
    }
    pre.close();

    const raw = await rawSocket(county, 'RAW', tokenRaw);
    let start = performance.now();
    for (const changes of batches) await raw.timeout(30_000).emitWithAck('push', { changes });
    const rawUp = performance.now() - start;
    raw.disconnect();

    start = performance.now();
    const up = township(townDir.path, county, 'UP', tokenUp, false);
    await until(async () => (await county.store.township('UP'))!.lastSeq === N);
    const clientUp = performance.now() - start;
    up.close();
    rows.push({
      name: `${N} changes up (client vs raw emitWithAck)`,
      subject: timing(clientUp),
      baseline: timing(rawUp),
      ratio: clientUp / rawUp,
      target: 'raw/client ≥ 50 %',
      meets: rawUp / clientUp >= 0.5,
    });
    extra.upChangesPerSecond = Math.round(N / (clientUp / 1000));
    extra.upRawChangesPerSecond = Math.round(N / (rawUp / 1000));

    // Down ------------------------------------------------------------------------------
    const tokenDown = await county.store.addTownship('DOWN', '下行');
    for (let i = 0; i < N; i += 10_000)
      await county.store.appendMany(
        'DOWN',
        Array.from({ length: Math.min(10_000, N - i) }, (_, k) => ({ type: 'notice', data: sampleMessage('notice', i + k) })),
      );
    const rawDown = await rawSocket(county, 'DOWN', tokenDown);
    start = performance.now();
    for (let after = 0; after < N;) {
      const reply = (await rawDown.timeout(30_000).emitWithAck('pull', { after, limit: 500 })) as {
        messages: { offset: number }[];
      };
      after = reply.messages.at(-1)!.offset;
    }
    const rawDownMs = performance.now() - start;
    rawDown.disconnect();

    const downDir = tempDir('bench-down-');
    start = performance.now();
    const down = township(downDir.path, county, 'DOWN', tokenDown, false);
    await until(() => getSyncState(down.db).appliedOffset === N);
    const clientDown = performance.now() - start;
    down.close();
    downDir.remove();
    rows.push({
      name: `${N} messages down, applied (client vs raw pull)`,
      subject: timing(clientDown),
      baseline: timing(rawDownMs),
      ratio: clientDown / rawDownMs,
      target: 'raw/client ≥ 50 %',
      meets: rawDownMs / clientDown >= 0.5,
    });
    extra.downMessagesPerSecond = Math.round(N / (clientDown / 1000));
    extra.downRawMessagesPerSecond = Math.round(N / (rawDownMs / 1000));

    // Latency: county sends an assignment → the event is in an open queue ---------------
    const tokenLat = await county.store.addTownship('LAT', '时延');
    const latDir = tempDir('bench-lat-');
    const lat = township(latDir.path, county, 'LAT', tokenLat, true);
    await until(() => lat.sync.client.connected);
    let onPush: (() => void) | null = null;
    const connection = lat.connect((message) => {
      if (message.topic === 'events.changed' && message.payload.reason === 'created') onPush?.();
    });
    await connection.call('auth.login', { username: 'operator', password: DEMO_PASSWORD });
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_RUNS; i++) {
      const data = sampleMessage('assignment', i) as { countyRef: string; title: string };
      const t0 = performance.now();
      const seen = new Promise<void>((resolve) => {
        onPush = () => {
          void connection.call('events.queue', { sort: 'reported_desc', limit: 50 }).then((result) => {
            const rows_ = result.ok ? (result.value as { rows: { title: string }[] }).rows : [];
            if (rows_.some((r) => r.title === data.title)) resolve();
          });
        };
      });
      await county.store.append('LAT', 'assignment', data);
      await seen;
      samples.push(performance.now() - t0);
      await sleep(5);
    }
    lat.close();
    latDir.remove();
    samples.sort((a, b) => a - b);
    const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
    rows.push({
      name: 'county assignment → event in an open queue',
      subject: { median: pct(50), p95: pct(99), runs: samples.length },
      baseline: { median: 0, p95: 0, runs: 0 },
      ratio: 0,
      target: 'p99 ≤ 500 ms (p95 column shows p99)',
      meets: pct(99) <= 500,
    });
    extra.latencyP50Ms = pct(50);
    extra.latencyP99Ms = pct(99);
  } finally {
    await county.close();
    countyDir.remove();
    townDir.remove();
  }
  report('sync', rows, extra);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSync();
