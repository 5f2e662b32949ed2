import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputOf } from '../common/contract';
import { tempDir } from '../core/testing/core';
import { startWebhost, type Webhost } from '../webhost/server';
import { copyDemoTemplate, launchChromium } from './harness';

const number = async (page: Page, testId: string) => Number(await page.getByTestId(testId).first().innerText());

/** Records one event straight through the core, as an operator elsewhere in the room would. */
async function recordEvent(host: Webhost): Promise<void> {
  const operator = host.core.connect(() => {});
  const login = await operator.call('auth.login', { username: 'operator', password: 'qingxi2026' });
  if (!login.ok) throw new Error(login.error.code);
  const reference = await operator.call('events.reference', {});
  if (!reference.ok) throw new Error(reference.error.code);
  const categories = (reference.value as OutputOf<'events.reference'>).categories;
  const created = await operator.call('events.create', {
    title: '路灯不亮',
    description: '村口路灯坏了',
    categoryId: categories.find((c) => c.parentId !== null)!.id,
    requestType: 'request',
    source: 'walk_in',
    priority: 'normal',
  });
  if (!created.ok) throw new Error(created.error.code);
  operator.close();
}

/**
 * The wall display keeps its session when the link drops: the webhost is shut
 * down (every socket closed) and started again on the same port and data, and
 * the TV goes back to live figures without showing the login page.
 */
describe('a dropped link does not sign the wall display out, in Chromium', () => {
  const dir = tempDir('command-room-e2e-');
  let host: Webhost;
  let browser: Browser;
  const start = (port: number) =>
    startWebhost({ host: '127.0.0.1', port, dataDir: dir.path, seedDemo: true, log: () => {}, pdf: false });

  beforeAll(async () => {
    copyDemoTemplate(dir.path);
    host = await start(0);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    dir.remove();
  });

  it('stays on the wall through a restart of the webhost and a reload, with live figures', async () => {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await page.goto(host.url + '/wall');
    await page.getByTestId('login-username').fill('viewer');
    await page.getByTestId('login-password').fill('qingxi2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard-kpis').waitFor();
    const before = await number(page, 'kpi-today-received');

    // The token lives in this tab's sessionStorage only.
    const stored = await page.evaluate(() => ({ tab: Object.values(sessionStorage), local: Object.keys(localStorage) }));
    expect(stored.tab.some((value) => /^[A-Za-z0-9_-]{43}$/.test(value))).toBe(true);
    expect(stored.local.some((key) => /resume/i.test(key))).toBe(false);

    const port = Number(new URL(host.url).port);
    await host.close();
    await expect.poll(async () => page.getByTestId('wall-connection').innerText()).not.toContain('实时');
    host = await start(port);

    await expect.poll(async () => page.getByTestId('wall-connection').innerText(), { timeout: 30_000 }).toContain('实时');
    // Signed in again by itself: pushes reach the wall, so a new event shows up in the figures.
    await recordEvent(host);
    await expect.poll(async () => number(page, 'kpi-today-received'), { timeout: 15_000 }).toBe(before + 1);
    expect(page.url()).toMatch(/#\/wall$/);
    expect(await page.getByTestId('login-username').count()).toBe(0);

    // A reload is a new connection too.
    await page.reload();
    await page.getByTestId('dashboard-kpis').waitFor();
    expect(page.url()).toMatch(/#\/wall$/);
    expect(await number(page, 'kpi-today-received')).toBe(before + 1);
    expect(await page.getByTestId('login-username').count()).toBe(0);
    await context.close();
  });

  it('a wrong token falls back to the login page and is forgotten', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(host.url + '/');
    await page.evaluate(() => sessionStorage.setItem('commandRoom.resumeToken', 'A'.repeat(43)));
    await page.goto(host.url + '/wall');
    await page.reload();
    await page.getByTestId('login-username').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('commandRoom.resumeToken'))).toBeNull();
    await context.close();
  });
});
