import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { contract, METHOD_NAMES, type OutputOf } from '../common/contract';
import type { ServerFrame } from '../common/wire';
import { fillSignIn, SCREENSHOT_DIR, startE2E, type E2E } from './harness';

type Summary = OutputOf<'dashboard.summary'>;

/** Signs in on the login page the browser is on (the app sends it back where it wanted to go). */
/** A contract connection over the webhost's own WebSocket, as a browser tab has. */
async function wire(e2e: E2E, username: string) {
  const url = e2e.host.url.replace('http', 'ws') + '/ws';
  const ws = new WebSocket(url, { headers: { Origin: e2e.host.url } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 1;
  const waiters = new Map<number, (frame: ServerFrame) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.kind === 'reply') waiters.get(frame.id)?.(frame);
  });
  const call = (method: string, input: unknown) =>
    new Promise<Extract<ServerFrame, { kind: 'reply' }>['result']>((resolve) => {
      const id = next++;
      waiters.set(id, (frame) => resolve((frame as Extract<ServerFrame, { kind: 'reply' }>).result));
      ws.send(JSON.stringify({ id, method, input }));
    });
  const login = await call('auth.login', { username, password: 'qingxi2026' });
  if (!login.ok) throw new Error(`sign-in failed: ${login.error.code}`);
  return { call, close: () => ws.close() };
}

const number = async (page: Page, testId: string) => Number(await page.getByTestId(testId).first().innerText());

describe('the command dashboard and the wall display, in Chromium', () => {
  let e2e: E2E;
  let summary: Summary;
  beforeAll(async () => {
    e2e = await startE2E();
    const room = await wire(e2e, 'operator');
    const result = await room.call('dashboard.summary', {});
    if (!result.ok) throw new Error(result.error.code);
    summary = result.value as Summary;
    room.close();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('shows the core’s numbers, and a number opens the queue with its filter and the same total', async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await fillSignIn(page, 'operator');
    await page.getByTestId('app-shell').waitFor();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-kpis').waitFor();
    for (const p of summary.periods) {
      for (const f of ['received', 'closed', 'overdue'] as const) {
        expect({ id: `${p.period}-${f}`, n: await number(page, `kpi-${p.period}-${f}`) }).toEqual({
          id: `${p.period}-${f}`,
          n: p[f].count,
        });
      }
    }
    expect(await number(page, 'kpi-red')).toBe(summary.warnings.red.count);
    expect(summary.periods[2]!.received.count).toBeGreaterThan(0);
    await page.locator('[data-testid="village-map"] canvas').first().waitFor();
    // The page scrolls inside the shell: a tall window shows all of it in one picture.
    await page.setViewportSize({ width: 1600, height: 1560 });
    await page.waitForTimeout(800); // let the charts finish their entry animation
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dashboard.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });

    // A village on the map opens its open events. Points may sit where we click (they open an
    // event instead), so try a few spots inside the map until a village answers.
    const box = (await page.getByTestId('village-map').boundingBox())!;
    let villageId: string | null = null;
    for (const [fx, fy] of [
      [0.45, 0.42],
      [0.3, 0.3],
      [0.62, 0.6],
      [0.3, 0.62],
      [0.62, 0.28],
      [0.5, 0.55],
    ] as const) {
      await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
      await page.waitForTimeout(300);
      const url = new URL(page.url().replace('#/', ''));
      if (url.pathname.startsWith('/events') && url.searchParams.get('villageId')) {
        villageId = url.searchParams.get('villageId');
        break;
      }
      if (!page.url().includes('#/dashboard')) {
        await page.goBack();
        await page.getByTestId('dashboard-kpis').waitFor();
        await page.waitForTimeout(500);
      }
    }
    expect(villageId).not.toBeNull();
    const village = summary.villages.find((v) => v.villageId === villageId)!;
    await expect
      .poll(async () => page.getByTestId('queue-total').innerText(), { timeout: 10_000 })
      .toContain(`共 ${village.open.count} 件`);
    await page.goBack();
    await page.getByTestId('dashboard-kpis').waitFor();

    // This month's closures: the queue opens on exactly those events.
    await page.getByTestId('kpi-month-closed').click();
    await page.getByTestId('events-page').waitFor();
    await page.getByTestId('queue-linked-filter').waitFor();
    expect(page.url()).toContain('closedFrom=');
    await expect
      .poll(async () => page.getByTestId('queue-total').innerText(), { timeout: 10_000 })
      .toContain(`共 ${summary.periods[2]!.closed.count} 件`);
    // Clearing the dashboard's filter gives the whole queue back.
    const all = summary.byState.reduce((sum, s) => sum + s.figure.count, 0);
    await page.getByTestId('queue-linked-filter').locator('.el-tag__close').click();
    await page.getByTestId('queue-linked-filter').waitFor({ state: 'detached' });
    await expect.poll(async () => page.getByTestId('queue-total').innerText(), { timeout: 10_000 }).toContain(`共 ${all} 件`);

    // A unit's closures from the ranking, and the red warnings: the same totals again.
    await page.goBack();
    await page.getByTestId('dashboard-kpis').waitFor();
    const unit = summary.units.best[0]!;
    await page.getByTestId('unit-best-0').locator('a').click();
    await expect
      .poll(async () => page.getByTestId('queue-total').innerText(), { timeout: 10_000 })
      .toContain(`共 ${unit.closed.count} 件`);
    await page.goBack();
    await page.getByTestId('kpi-red').click();
    await expect
      .poll(async () => page.getByTestId('queue-total').innerText(), { timeout: 10_000 })
      .toContain(`共 ${summary.warnings.red.count} 件`);
    await page.getByTestId('view-overdue').locator('.is-active, input:checked').first().waitFor({ state: 'attached' });
    await page.close();
  });

  it('the wall display: full screen for the viewer at /wall, the same numbers, nothing to click', async () => {
    const context = await e2e.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await page.goto(e2e.host.url + '/wall');
    await fillSignIn(page, 'viewer');
    await page.getByTestId('wall-page').waitFor();
    expect(page.url()).toMatch(/#\/wall$/);
    await page.getByTestId('dashboard-kpis').waitFor();
    expect(await number(page, 'kpi-today-received')).toBe(summary.periods[0]!.received.count);
    expect(await number(page, 'kpi-month-closed')).toBe(summary.periods[2]!.closed.count);
    const wall = page.getByTestId('wall-page');
    expect(await wall.locator('button, a, input, select, textarea, [contenteditable]').count()).toBe(0);
    await expect.poll(async () => page.getByTestId('wall-connection').innerText()).toContain('实时');
    // A demo database says so on every page, the wall included.
    expect(await page.getByTestId('demo-banner').innerText()).toContain('演示数据');
    await page.locator('[data-testid="village-map"] canvas').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wall.png') });
    await context.close();
  });

  it('the administrator imports a village map: a wrong name is listed and nothing changes, a good file replaces the map', async () => {
    const page = await e2e.newPage();
    await fillSignIn(page, 'admin');
    await page.getByTestId('nav-villageMap').click();
    await page.getByTestId('village-map-page').waitFor();
    const file = page.locator('[data-testid="village-map-page"] input[type="file"]');
    const map = JSON.parse(readFileSync(join(process.cwd(), 'core/demo/qingxi-villages.geo.json'), 'utf8')) as {
      features: { properties: { name: string } }[];
    };
    map.features[2]!.properties.name = '不存在村';
    await file.setInputFiles({ name: 'bad.geojson', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(map)) });
    const outcome = page.getByTestId('map-import-outcome');
    await expect.poll(() => outcome.innerText()).toContain('不存在村');
    expect(await outcome.innerText()).toContain('未导入');
    map.features[2]!.properties.name = '桃源村';
    map.features.pop();
    await file.setInputFiles({ name: 'good.geojson', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(map)) });
    await expect.poll(() => outcome.innerText()).toContain('已导入 11 个村（社区）的村界');
    expect(await outcome.innerText()).toContain('下塘村');
    await page.close();
  });

  it('refuses every write the viewer’s account could attempt', async () => {
    const viewer = await wire(e2e, 'viewer');
    const writes = METHOD_NAMES.filter((name) => contract[name].kind !== 'read' && contract[name].roles !== 'public');
    expect(writes.length).toBeGreaterThan(10);
    for (const method of writes) {
      // The viewer's own session, password and notices-read marks are theirs, not the room's data.
      if (method.startsWith('auth.') || method === 'sync.markNoticesRead') continue;
      const result = await viewer.call(method, {});
      expect({ method, code: result.ok ? 'OK' : result.error.code }).toEqual({ method, code: 'FORBIDDEN' });
    }
    viewer.close();
  });
});

/** Refresh the README's screenshots: `COPY_SCREENSHOTS=1 npx vitest run --project e2e e2e/dashboard.e2e.test.ts`. */
afterAll(() => {
  if (!process.env.COPY_SCREENSHOTS) return;
  copyFileSync(join(SCREENSHOT_DIR, 'dashboard.png'), join(process.cwd(), 'docs', 'screenshot-dashboard.png'));
  copyFileSync(join(SCREENSHOT_DIR, 'wall.png'), join(process.cwd(), 'docs', 'screenshot-wall.png'));
});
