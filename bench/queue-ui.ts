/**
 * The queue in a real browser with 100,000 events: how soon the first rows
 * show, whether scrolling loads pages instead of everything, and the page's
 * JS heap. Run by `npm run bench` (set BENCH_UI_EVENTS to change the size).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { startCore } from '../core/app';
import { generateDemoEvents, importDemoEvents } from '../core/demo/demo-events';
import { startWebhost } from '../webhost/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/harness';

const EVENTS = Number(process.env.BENCH_UI_EVENTS ?? 100_000);

function buildDataDir(): string {
  const dir = join(tmpdir(), 'command-room-bench', `ui-${EVENTS}`);
  if (existsSync(join(dir, 'command-room.db'))) return dir;
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const core = startCore({ dataDir: dir, seedDemo: true, demoEvents: 0, tickMs: 0, log: () => {} });
  const { items, serials } = generateDemoEvents(core.db, { count: EVENTS, days: 730, now: Date.now(), seed: 7 });
  importDemoEvents(core.db, items, serials);
  core.close();
  console.log(`built a ${EVENTS.toLocaleString()}-event database in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

export async function benchQueueUi(): Promise<Record<string, unknown>> {
  const dataDir = buildDataDir();
  const host = await startWebhost({ host: '127.0.0.1', port: 0, dataDir, seedDemo: true, log: () => {} });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    let queueCalls = 0;
    let rowsRequested = 0;
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString();
        if (text.includes('"events.queue"')) {
          queueCalls++;
          rowsRequested += Number(/"limit":(\d+)/.exec(text)?.[1] ?? 0);
        }
      }),
    );
    await page.goto(`${host.url}/`);
    await page.getByTestId('login-username').fill('operator');
    await page.getByTestId('login-password').fill('qingxi2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-shell').waitFor();
    const started = performance.now();
    await page.getByTestId('nav-events').click();
    await page.locator('[data-testid^="row-"]').first().waitFor();
    const firstRowsMs = performance.now() - started;

    // Scroll the virtual table with the mouse wheel, as a person would, pausing now and then.
    await page.locator('[data-testid^="row-"]').first().hover();
    for (let step = 1; step <= 30; step++) {
      await page.mouse.wheel(0, 20_000);
      await page.waitForTimeout(120);
    }
    await page.locator('[data-testid^="row-"]').last().waitFor();
    const heap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    );
    const result = {
      events: EVENTS,
      firstRowsMs: Math.round(firstRowsMs),
      target: 'first rows ≤ 1,000 ms; rows requested ≪ events; JS heap < 300 MB',
      queueCalls,
      rowsRequested,
      jsHeapMb: Math.round((heap / 1048576) * 10) / 10,
      meets: firstRowsMs <= 1000 && rowsRequested < EVENTS / 10 && heap < 300 * 1048576,
    };
    console.log('\nqueue in Chromium');
    console.table([result]);
    const out = join(process.cwd(), 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'queue-ui.json'),
      JSON.stringify({ suite: 'queue-ui', at: new Date().toISOString(), ...result }, null, 2),
    );
    console.log(JSON.stringify(result));
    return result;
  } finally {
    await browser.close();
    await host.close();
  }
}
