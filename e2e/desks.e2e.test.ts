import { createServer, connect, type Server, type Socket } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedAuditRows } from '../db/testing';
import { tempDir } from '../core/testing/core';
import { startWebhost, type Webhost } from '../webhost/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH, newTestContext } from './harness';

async function signIn(context: BrowserContext, url: string, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url + '/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('qingxi2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-shell').waitFor();
  return page;
}

/** A TCP relay in front of the server: desk B's network cable, which the test can pull and plug back. */
async function cable(targetPort: number): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  const pairs = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
      pairs.add(from);
      from.on('close', () => pairs.delete(from));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    cut() {
      cut = true;
      for (const socket of pairs) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Two desks of one room on one room server over HTTPS. Chromium trusts the
 * server's self-signed certificate only through its pinned public key
 * (--ignore-certificate-errors-spki-list), as a desk trusts the fingerprint
 * it learned at enrollment.
 */
describe('two desks on one room server over HTTPS, in Chromium', () => {
  const dir = tempDir('command-room-e2e-desks-');
  let host: Webhost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startWebhost({
      seedDemo: true,
      host: '127.0.0.1',
      port: 0,
      tls: 'on',
      dataDir: dir.path,
      log: () => {},
      pdf: false,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${host.certificate!.spkiPin}`],
      headless: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    dir.remove();
  });

  it('an event taken in at desk A reaches desk B’s queue by push; desk B’s session survives a cut link', async () => {
    expect(host.url).toMatch(/^https:/);
    const screen = { viewport: { width: 1600, height: 1000 } };
    const deskA = await newTestContext(browser, screen);
    const deskB = await newTestContext(browser, screen);
    const link = await cable(Number(new URL(host.url).port));
    const a = await signIn(deskA, host.url, 'operator');
    const b = await signIn(deskB, `https://127.0.0.1:${link.port}`, 'director');
    // Both pages were served over TLS and talk over WSS.
    expect(await a.evaluate('location.protocol')).toBe('https:');

    await b.getByTestId('nav-events').click();
    await b.getByTestId('events-page').waitFor();
    await b.getByTestId('queue-table').waitFor();

    // Desk A takes in an event.
    await a.getByTestId('nav-events').click();
    await a.getByTestId('event-create').click();
    await a.getByTestId('intake-dialog').waitFor();
    const title = '多桌面联动测试：村道塌方';
    await a.getByTestId('intake-title').fill(title);
    await a.getByTestId('intake-description').fill('东河社区村道一处路基塌方，车辆无法通行。');
    await a.locator('[data-testid="intake-category"] input').fill('道路');
    await a.locator('.el-cascader__suggestion-item:visible').first().click();
    await a.getByTestId('intake-submit').click();
    await a.getByTestId('event-detail').waitFor();
    const serial = (await a.getByTestId('event-serial').textContent())!.trim();
    const createdAt = Date.now();

    // Desk B's open queue shows it by push, without a reload, within a second.
    await b.getByTestId(`row-${serial}`).waitFor({ timeout: 5_000 });
    expect(Date.now() - createdAt).toBeLessThan(1_000);
    await expect.poll(() => b.getByTestId('queue-table').innerText()).toContain(title);

    // Desk B's link is cut and restored: the page stays signed in and works.
    link.cut();
    await b.getByTestId('connection-lost').waitFor({ timeout: 15_000 });
    link.restore();
    await b.getByTestId('connection-lost').waitFor({ state: 'hidden', timeout: 30_000 });
    expect(await b.getByTestId('login-username').count()).toBe(0);
    await b.reload();
    await b.getByTestId('events-page').waitFor();
    expect(await b.getByTestId('login-username').count()).toBe(0);
    await expect.poll(() => b.getByTestId('queue-table').innerText()).toContain(title);

    // Resumed, not signed in again: one session for the director, audited as a resume.
    const actions = storedAuditRows(host.core.db).map((r) => r.action);
    expect(actions.filter((a) => a === 'resume').length).toBeGreaterThanOrEqual(1);
    expect(actions.filter((a) => a === 'login')).toHaveLength(2);

    await deskA.close();
    await deskB.close();
    await link.close();
  }, 120_000);
});
