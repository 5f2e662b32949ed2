/**
 * County sync on loopback, the county center in a child process of its own so
 * that this process is the township's alone (its CPU, its peak RSS): changes
 * up and messages down through the real client, beside raw `emitWithAck` of
 * the same payloads from this process in the same run. The messages down are
 * caught up twice: alone (the rate against a raw pull), then under load, for
 * the latency from a county assignment to the event in an open queue (a
 * second township core in this process, sharing its event loop with the
 * catch-up) and how long a screen's queue request of the catching-up township
 * takes; the rate under that load is reported too. `BENCH_SYNC=10000` for a
 * quicker run.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import { NAMESPACE, type Change } from '../common/protocol';
import { startCore, type CoreApp } from '../core/app';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { nextBatch } from '../core/sync/sender';
import { startCountyProcess, type CountyProcess } from '../core/testing/sync/county-process';
import { FAST_CLIENT } from '../core/testing/sync/harness';
import { sampleMessage, sampleRecord } from '../core/testing/sync/samples';
import { appendOutbox } from '../db/queries/outbox';
import { getSyncState } from '../db/queries/sync';
import { tempDir } from '../db/testing';
import { report, type Row } from './harness';

const N = Number(process.env.BENCH_SYNC ?? 100_000);
const MIN_LATENCY_RUNS = Number(process.env.BENCH_SYNC_LATENCY ?? 100);

const step = (what: string) => {
  if (process.env.BENCH_VERBOSE) console.log(`  ${new Date().toISOString().slice(11, 19)} ${what}`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean | Promise<boolean>, everyMs = 5): Promise<void> {
  while (!(await check())) await sleep(everyMs);
}
const timing = (ms: number) => ({ median: ms, p95: ms, runs: 1 });
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Peak RSS of this process while `work` runs, sampled every 20 ms. The garbage the bench itself left
 * (filling the outbox, the raw baseline) is collected first when Node runs with --expose-gc
 * (`npm run bench` does), so the figure is the client's, not the harness's.
 */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

async function rawSocket(county: CountyProcess, townshipId: string, token: string): Promise<Socket> {
  const socket = io(`${county.url}${NAMESPACE}`, { auth: { protocol: 1, townshipId, token }, transports: ['websocket'] });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return socket;
}

function township(dataDir: string, county: CountyProcess, townshipId: string, token: string, seedDemo: boolean): CoreApp {
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
  console.log(`\nsync: ${N.toLocaleString()} changes up, ${N.toLocaleString()} messages down, county in a child process`);
  const county = await startCountyProcess();
  const townDir = tempDir('bench-town-');
  const rows: Row[] = [];
  const extra: Record<string, unknown> = { changes: N, messages: N, rssAtStartMB: mb(process.memoryUsage.rss()) };
  try {
    // Up --------------------------------------------------------------------------------
    const tokenUp = await county.addTownship('UP', '上行');
    const tokenRaw = await county.addTownship('RAW', '基准');
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
    step('outbox filled');
    // The raw baseline reads its batches as it goes, like the client, so neither holds all of them.
    const raw = await rawSocket(county, 'RAW', tokenRaw);
    let start = performance.now();
    for (let after = 0; ;) {
      const { changes }: { changes: Change[] } = nextBatch(pre.db, after);
      if (changes.length === 0) break;
      await raw.timeout(30_000).emitWithAck('push', { changes });
      after = changes.at(-1)!.seq;
    }
    const rawUp = performance.now() - start;
    raw.disconnect();
    pre.close();

    step('raw up done');
    const up = await peakRss(async () => {
      const begin = performance.now();
      const app = township(townDir.path, county, 'UP', tokenUp, false);
      // At start the township also queues the previous day's figures: everything it holds, not just N.
      await until(async () => (await county.township('UP')).lastSeq >= Math.max(N, app.sync.status().lastSeq), 20);
      const ms = performance.now() - begin;
      app.close();
      return ms;
    });
    const clientUp = up.value;
    rows.push({
      name: `${N} changes up (client vs raw emitWithAck)`,
      subject: timing(clientUp),
      baseline: timing(rawUp),
      ratio: clientUp / rawUp,
      target: 'raw/client ≥ 70 %',
      meets: rawUp / clientUp >= 0.7,
    });
    extra.upRateOfRaw = Math.round((rawUp / clientUp) * 100) / 100;
    extra.upChangesPerSecond = Math.round(N / (clientUp / 1000));
    extra.upRawChangesPerSecond = Math.round(N / (rawUp / 1000));
    extra.upPeakRssMB = mb(up.peak);

    step('client up done');
    // Down ------------------------------------------------------------------------------
    const tokenDown = await county.addTownship('DOWN', '下行');
    await county.fillNotices('DOWN', N);
    step('log filled');
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

    step('raw down done');
    // The catch-up alone, the rate's measure: this process holds the one township and runs nothing else.
    const aloneDir = tempDir('bench-down-alone-');
    startCore({ dataDir: aloneDir.path, seedDemo: true, demoEvents: 0, tickMs: 0, log: () => {} }).close();
    const alone = await peakRss(async () => {
      const begin = performance.now();
      const app = township(aloneDir.path, county, 'DOWN', tokenDown, false);
      await until(() => getSyncState(app.db).appliedOffset === N, 5);
      const ms = performance.now() - begin;
      app.close();
      return ms;
    });
    aloneDir.remove();

    step('catch-up alone done');
    // The same catch-up again, now under load: a second township in this process receives assignments
    // meanwhile, and a screen of the catching-up one keeps asking for its queue.
    // The second township, ready before the catch-up starts.
    const tokenLat = await county.addTownship('LAT', '时延');
    const latDir = tempDir('bench-lat-');
    const lat = township(latDir.path, county, 'LAT', tokenLat, true);
    await until(() => lat.sync.client.connected);
    let onPush: (() => void) | null = null;
    const latConnection = lat.connect((message) => {
      if (message.topic === 'events.changed' && message.payload.reason === 'created') onPush?.();
    });
    await latConnection.call('auth.login', { username: 'operator', password: DEMO_PASSWORD });

    step('latency township ready');
    const downDir = tempDir('bench-down-');
    // The demo township is seeded before (not timed): the catch-up starts with the link.
    startCore({ dataDir: downDir.path, seedDemo: true, demoEvents: 0, tickMs: 0, log: () => {} }).close();
    const latency: number[] = [];
    const queueMs: number[] = [];
    const down = await peakRss(async () => {
      const begin = performance.now();
      const app = township(downDir.path, county, 'DOWN', tokenDown, false);
      const screen = app.connect(() => {});
      await screen.call('auth.login', { username: 'operator', password: DEMO_PASSWORD });
      const caughtUp = () => getSyncState(app.db).appliedOffset === N;
      let done = false;
      let ms = 0;
      const finished = until(caughtUp, 5).then(() => {
        ms = performance.now() - begin;
        done = true;
      });
      // A screen of the catching-up township keeps asking for its queue.
      const screenLoop = (async () => {
        while (!done) {
          const t0 = performance.now();
          await screen.call('events.queue', { sort: 'reported_desc', limit: 50 });
          queueMs.push(performance.now() - t0);
          await sleep(50);
        }
      })();
      for (let i = 0; !done || latency.length < MIN_LATENCY_RUNS; i++) {
        if (done && latency.length >= MIN_LATENCY_RUNS) break;
        const data = sampleMessage('assignment', i) as { countyRef: string; title: string };
        const seen = new Promise<void>((resolve) => {
          onPush = () => {
            void latConnection.call('events.queue', { sort: 'reported_desc', limit: 50 }).then((result) => {
              const list = result.ok ? (result.value as { rows: { title: string }[] }).rows : [];
              if (list.some((r) => r.title === data.title)) resolve();
            });
          };
        });
        const t0 = performance.now();
        const during = !done;
        await county.append('LAT', 'assignment', data);
        await seen;
        if (during) latency.push(performance.now() - t0);
        else break;
        await sleep(20);
      }
      await finished;
      await screenLoop;
      app.close();
      return ms;
    });
    lat.close();
    latDir.remove();
    downDir.remove();
    const clientDown = down.value;
    rows.push({
      name: `${N} messages down, applied (client alone vs raw pull)`,
      subject: timing(alone.value),
      baseline: timing(rawDownMs),
      ratio: alone.value / rawDownMs,
      target: 'raw/client ≥ 50 %',
      meets: rawDownMs / alone.value >= 0.5,
    });
    rows.push({
      name: `${N} messages down, applied under the latency probes (reported)`,
      subject: timing(clientDown),
      baseline: timing(rawDownMs),
      ratio: clientDown / rawDownMs,
      target: '— (a second township and a screen share the process)',
      meets: null,
    });
    extra.downRateOfRaw = Math.round((rawDownMs / alone.value) * 100) / 100;
    extra.downMessagesPerSecond = Math.round(N / (alone.value / 1000));
    extra.downUnderLoadRateOfRaw = Math.round((rawDownMs / clientDown) * 100) / 100;
    extra.downRawMessagesPerSecond = Math.round(N / (rawDownMs / 1000));
    extra.downPeakRssMB = mb(Math.max(alone.peak, down.peak));

    latency.sort((a, b) => a - b);
    queueMs.sort((a, b) => a - b);
    rows.push({
      name: 'county assignment → event in an open queue, during the catch-up',
      subject: { median: pct(latency, 50), p95: pct(latency, 99), runs: latency.length },
      baseline: { median: 0, p95: 0, runs: 0 },
      ratio: 0,
      target: 'p99 ≤ 300 ms (p95 column shows p99)',
      meets: latency.length > 0 && pct(latency, 99) <= 300,
    });
    extra.latencyRunsDuringCatchUp = latency.length;
    extra.latencyP50Ms = Math.round(pct(latency, 50));
    extra.latencyP99Ms = Math.round(pct(latency, 99));
    extra.queueDuringCatchUpP99Ms = Math.round(pct(queueMs, 99));
    rows.push({
      name: 'client peak RSS (changes up, messages down)',
      subject: timing(Math.max(up.peak, alone.peak, down.peak) / 1024 / 1024),
      baseline: timing(0),
      ratio: 0,
      target: '≤ 300 MB (MB in the median column)',
      meets: Math.max(up.peak, alone.peak, down.peak) <= 300 * 1024 * 1024,
    });
  } finally {
    await county.close();
    townDir.remove();
  }
  report('sync', rows, extra);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSync();
