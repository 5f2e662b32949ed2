import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/testing/core';
import { appendOutbox } from '../db/queries/outbox';
import { startCountyServer, type CountyServer } from '../county/server';
import { startWebhost, type Webhost } from '../webhost/server';
import { DEMO_NOTICES } from '../core/demo/demo-supervision';
import { launchChromium, newTestContext, SCREENSHOT_DIR } from './harness';

/** The county link in the real renderer: the status bar and the notices badge follow pushes, the admin sees problems. */
describe('county sync in Chromium', () => {
  const countyDir = tempDir('e2e-county-');
  const hostDir = tempDir('e2e-sync-');
  let county: CountyServer;
  let host: Webhost;
  let browser: Browser;
  let page: Page;
  let countyOpen = true;

  beforeAll(async () => {
    county = await startCountyServer({ dataDir: countyDir.path, port: 0, log: () => {}, watchMs: 50 });
    const token = await county.store.addTownship('QX-E2E', '清溪镇');
    host = await startWebhost({
      host: '127.0.0.1',
      port: 0,
      dataDir: hostDir.path,
      seedDemo: true,
      log: () => {},
      sync: { county: { url: county.url, townshipId: 'QX-E2E', token }, client: { backoff: { minMs: 100, maxMs: 1000 } } },
    });
    browser = await launchChromium();
    page = await (await newTestContext(browser)).newPage();
    await page.goto(host.url + '/');
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (countyOpen) await county?.close();
    countyDir.remove();
    hostDir.remove();
  });

  it('shows the link, a new notice and a rejected message to the admin as they happen', async () => {
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('qingxi2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sync-status-bar').waitFor();
    await expect.poll(() => page.getByTestId('sync-link').textContent(), { timeout: 15_000 }).toContain('县级中心已连接');
    await expect.poll(() => page.getByTestId('sync-unsent').textContent(), { timeout: 15_000 }).toContain('待上报 0 条');

    await county.store.append('QX-E2E', 'notice', { title: '防汛紧急通知', body: '今晚有暴雨，请各村做好转移准备。' });
    await county.store.appendMany('QX-E2E', [{ type: 'weather_report', data: { rain: 'heavy' } }]);
    // The demo's county notices are unread too (core/demo/demo-supervision.ts): one more.
    await expect
      .poll(() => page.getByTestId('notices-link').textContent(), { timeout: 15_000 })
      .toContain(String(DEMO_NOTICES + 1));
    await expect
      .poll(() => page.getByTestId('sync-status-bar').textContent(), { timeout: 15_000 })
      .toContain('1 条县级消息未能处理');

    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-problems').getByText('weather_report').first().waitFor();
    expect(await page.getByTestId('sync-url').isDisabled()).toBe(true); // set by the environment for this run
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-admin.png') });

    // A change the county refuses: listed with its code, the admin dismisses it with a reason.
    const db = host.core.db;
    const seq = db.transaction(() =>
      appendOutbox(db, {
        id: crypto.randomUUID(),
        entity: 'daily_figures',
        entityId: 'QX-E2E:2026-11-30',
        op: 'upsert',
        at: Date.now(),
        data: JSON.stringify({ date: '30/11/2026', received: 1, closed: 0, overdue: 0, byLevel: {} }),
      }),
    )();
    host.core.sync.kick();
    await expect
      .poll(() => page.getByTestId('sync-status-bar').textContent(), { timeout: 15_000 })
      .toContain('1 条上报被县级拒收');
    await page.getByTestId('sync-refused-link').click();
    await page.getByTestId('sync-refused').getByText('INVALID').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-refused.png') });
    await page.getByTestId(`sync-dismiss-${seq}`).click();
    await page.getByTestId('sync-dismiss-reason').fill('测试数据，无需上报');
    await page.getByTestId('sync-dismiss-submit').click();
    await expect.poll(() => page.getByTestId('sync-status-bar').textContent(), { timeout: 15_000 }).not.toContain('被县级拒收');
    expect(await page.getByTestId('sync-refused').textContent()).not.toContain('INVALID');

    await page.getByTestId('notices-link').click();
    await page.getByTestId('notices-list').getByText('防汛紧急通知').click();
    await expect.poll(() => page.getByTestId('notices-link').textContent(), { timeout: 10_000 }).toContain(String(DEMO_NOTICES));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-notices.png') });

    await county.close();
    countyOpen = false;
    await expect.poll(() => page.getByTestId('sync-link').textContent(), { timeout: 15_000 }).toContain('未连接');
  });
});
