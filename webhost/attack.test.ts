import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../common/wire';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { countRows, tempDir } from '../core/testing/core';
import { startWebhost, UNAUTHENTICATED_LIMITS, type Webhost } from './server';

/** The attacker sits at another address of this machine's loopback range. */
const ATTACKER = '127.0.0.2';

interface Client {
  ws: WebSocket;
  call(method: string, input: unknown): Promise<ServerFrame & { kind: 'reply' }>;
}

function open(url: string, origin: string, localAddress?: string): Promise<Client | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Origin: origin }, ...(localAddress ? { localAddress } : {}) });
    let next = 1;
    const waiters = new Map<number, (frame: ServerFrame & { kind: 'reply' }) => void>();
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.kind === 'reply') waiters.get(frame.id)?.(frame);
    });
    ws.once('open', () =>
      resolve({
        ws,
        call(method, input) {
          const id = next++;
          return new Promise((done) => {
            waiters.set(id, done);
            // A call on a socket the server closed never gets its reply: count it as refused.
            ws.once('close', () =>
              done({ kind: 'reply', id, result: { ok: false, error: { code: 'INTERNAL', message: 'closed' } } }),
            );
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, method, input }));
          });
        },
      }),
    );
    ws.once('unexpected-response', () => resolve(null));
    ws.once('error', () => resolve(null));
  });
}

interface AttackReport {
  admitted: number;
  refusedSockets: number;
  codes: (string | null)[];
  bigFramesSent: number;
  bigFramesAnswered: number;
}

/** Plain JavaScript for a worker thread: 50 sockets, 1,000 wrong passwords, then twenty 10 MB frames. */
const ATTACKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.ws);
const open = () => new Promise((resolve) => {
  const ws = new WebSocket(workerData.url, { headers: { Origin: workerData.origin }, localAddress: workerData.address });
  ws.once('open', () => resolve(ws));
  ws.once('unexpected-response', () => resolve(null));
  ws.once('error', () => resolve(null));
});
const call = (ws, id, input) => new Promise((resolve) => {
  const onMessage = (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.kind === 'reply' && frame.id === id) { ws.off('message', onMessage); resolve(frame.result.ok ? null : frame.result.error.code); }
  };
  ws.on('message', onMessage);
  ws.once('close', () => resolve('CLOSED'));
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, method: 'auth.login', input }));
  else resolve('CLOSED');
});
(async () => {
  const sockets = (await Promise.all(Array.from({ length: 50 }, open)));
  const admitted = sockets.filter(Boolean);
  const codes = await Promise.all(Array.from({ length: 1000 }, (_, i) =>
    call(admitted[i % admitted.length], i + 1, { username: 'director', password: 'guess-' + i })));
  const big = 'x'.repeat(10 * 1024 * 1024);
  // Each cut-off socket frees its place for the next one.
  const answers = [];
  const spare = [...admitted];
  for (let i = 0; i < 20; i++) {
    const ws = spare.pop() || (await open());
    answers.push(ws ? await call(ws, 5000 + i, { username: 'director', password: big }) : 'REFUSED');
  }
  for (const ws of sockets) if (ws) ws.terminate();
  parentPort.postMessage({
    admitted: admitted.length,
    refusedSockets: sockets.length - admitted.length,
    codes,
    bigFramesSent: answers.filter((code) => code !== 'REFUSED').length,
    bigFramesAnswered: answers.filter((code) => code !== 'CLOSED').length,
  });
})();
`;

function runAttacker(target: { url: string; origin: string; address: string }): Promise<AttackReport> {
  const worker = new Worker(ATTACKER_SCRIPT, {
    eval: true,
    workerData: { ...target, ws: createRequire(import.meta.url).resolve('ws') },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (report: AttackReport) => {
      void worker.terminate();
      resolve(report);
    });
    worker.once('error', reject);
  });
}

const codeOf = (frame: ServerFrame & { kind: 'reply' }) => (frame.result.ok ? null : frame.result.error.code);

describe('the room server under a sign-in attack from another address', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: Webhost;
  let wsUrl: string;
  beforeAll(async () => {
    dir = tempDir();
    const staticDir = join(dir.path, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>乡镇综合信息指挥室</title>');
    host = await startWebhost({
      seedDemo: true,
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir.path, 'data'),
      staticDir,
      demoEvents: 300,
      pdf: false,
      backupCheckMs: 0,
      log: () => {},
    });
    wsUrl = host.url.replace('http', 'ws') + '/ws';
  });
  afterAll(async () => {
    await host.close();
    dir.remove();
  });

  it('keeps a signed-in operator fast, its memory and audit log bounded, and lets the director in from his own desk', async () => {
    const operator = (await open(wsUrl, host.url))!;
    expect(codeOf(await operator.call('auth.login', { username: 'operator', password: DEMO_PASSWORD }))).toBeNull();
    const auditBefore = countRows(host.core.db, 'audit_log');

    // The operator works and the warning tick runs throughout.
    let attacking = true;
    const latencies: number[] = [];
    let peakRss = process.memoryUsage().rss;
    const work = (async () => {
      while (attacking) {
        const started = performance.now();
        expect(codeOf(await operator.call('events.queue', { sort: 'due', limit: 50 }))).toBeNull();
        latencies.push(performance.now() - started);
        host.core.tick();
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    // The attacker runs in a thread of its own, so that its work (building and masking 200 MB of frames)
    // does not stall the server's event loop in this test process the way it would not in a real attack.
    const report = await runAttacker({ url: wsUrl, origin: host.url, address: ATTACKER });
    expect(report.admitted).toBeLessThanOrEqual(UNAUTHENTICATED_LIMITS.socketsPerAddress);
    expect(report.admitted).toBeGreaterThan(0);
    expect(report.refusedSockets).toBe(50 - report.admitted);
    const checked = report.codes.filter((code) => code === 'INVALID_CREDENTIALS' || code === 'ACCOUNT_LOCKED').length;
    expect(report.codes).toHaveLength(1000);
    expect(checked).toBeLessThanOrEqual(20);
    expect(report.codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThan(900);
    // Each socket that sent a 10 MB frame was cut off long before the frame was read.
    expect(report.bigFramesSent).toBe(20);
    expect(report.bigFramesAnswered).toBe(0);
    attacking = false;
    await work;

    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!;
    expect(latencies.length).toBeGreaterThan(10);
    expect(p99).toBeLessThanOrEqual(250);
    expect(peakRss).toBeLessThan(600 * 1024 * 1024);

    // The audit log grew by a few rows, not by a thousand: the first failure, the lock, and after the
    // minute one summary row per minute with the count of the rest.
    host.core.tick();
    const auditAfter = countRows(host.core.db, 'audit_log');
    expect(auditAfter - auditBefore).toBeLessThanOrEqual(4);

    // The real director signs in at once from his own desk.
    const director = (await open(wsUrl, host.url))!;
    expect(codeOf(await director.call('auth.login', { username: 'director', password: DEMO_PASSWORD }))).toBeNull();
    for (const c of [operator, director]) c.ws.terminate();
  }, 120_000);

  it('closes a socket that stays signed out, and refuses big frames before sign-in', async () => {
    const idle = await startWebhost({
      seedDemo: true,
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir.path, 'idle'),
      staticDir: join(dir.path, 'static'),
      demoEvents: 0,
      pdf: false,
      backupCheckMs: 0,
      signedOutIdleMs: 500,
      log: () => {},
    });
    try {
      const url = idle.url.replace('http', 'ws') + '/ws';
      const waiting = (await open(url, idle.url))!;
      const code = await new Promise<number>((resolve) => waiting.ws.once('close', (c) => resolve(c)));
      expect(code).toBe(4401);

      const big = (await open(url, idle.url))!;
      const closed = new Promise<number>((resolve) => big.ws.once('close', (c) => resolve(c)));
      big.ws.send(JSON.stringify({ id: 1, method: 'auth.login', input: { username: 'x', password: 'y'.repeat(100_000) } }));
      expect(await closed).toBe(1009);

      // Signed in, a socket may stay and send large frames (a report-back with photos).
      const desk = (await open(url, idle.url))!;
      expect(codeOf(await desk.call('auth.login', { username: 'operator', password: DEMO_PASSWORD }))).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(desk.ws.readyState).toBe(desk.ws.OPEN);
      const large = await desk.call('events.queue', {
        sort: 'due',
        limit: 5,
        filter: { view: 'all', text: 'y'.repeat(100_000) },
      });
      expect(codeOf(large)).toBe('BAD_INPUT');
      expect(desk.ws.readyState).toBe(desk.ws.OPEN);
      desk.ws.terminate();
    } finally {
      await idle.close();
    }
  });
});
