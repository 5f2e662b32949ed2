import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/testing/core';
import { createConsoleUser } from '../county/console/api/auth';
import { TownshipClient } from '../county/console/testing/clients';
import {
  EMPTY_SCORE,
  MIXED_EXPECTED,
  mixedTownshipRecords,
  PERFECT_EXPECTED,
  perfectTownshipRecords,
  RANKING_PERIOD,
} from '../county/console/testing/ranking-fixture';
import { startCountyWithConsole, type CountyWithConsole } from '../county/console/start';
import { startWebhost, type Webhost } from '../webhost/server';
import { launchChromium, newTestContext, SCREENSHOT_DIR } from './harness';

const PASSWORD = 'county2026ok';

/** Element Plus selects render their options in a popper outside the field. */
async function choose(page: Page, field: string, option: string): Promise<void> {
  await page.getByTestId(field).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

/**
 * The county console and the township app side by side, each in its own
 * Chromium context: the county assigns, the township's queue shows it by push;
 * the township escalates, the county accepts, the event turns county-owned and
 * read-only at the township; the ranking page shows hand-computed figures.
 */
describe('county console beside the township app, in Chromium', () => {
  const countyDir = tempDir('e2e-county-console-');
  const hostDir = tempDir('e2e-county-township-');
  let county: CountyWithConsole;
  let host: Webhost;
  let browser: Browser;
  let countyPage: Page;
  let townshipPage: Page;
  const rankers: TownshipClient[] = [];

  beforeAll(async () => {
    county = await startCountyWithConsole({ dataDir: countyDir.path, port: 0, log: () => {}, watchMs: 50 });
    const token = await county.store.addTownship('QX-E2E', '清溪镇');
    // Two more townships speaking the protocol directly, with crafted events for the ranking.
    for (const [id, name, records] of [
      ['RK-A', '甲镇', mixedTownshipRecords('RA-')],
      ['RK-B', '乙镇', perfectTownshipRecords('RB-')],
    ] as const) {
      const client = new TownshipClient(county.url, id, await county.store.addTownship(id, name));
      await client.connect();
      expect((await client.push([...records])).ok).toBe(true);
      rankers.push(client);
    }
    await createConsoleUser(county.store.engine, {
      username: 'dispatcher',
      displayName: '县调度员',
      role: 'county_dispatcher',
      password: PASSWORD,
    });
    host = await startWebhost({
      host: '127.0.0.1',
      port: 0,
      dataDir: hostDir.path,
      seedDemo: true,
      log: () => {},
      sync: { county: { url: county.url, townshipId: 'QX-E2E', token }, client: { backoff: { minMs: 100, maxMs: 1000 } } },
    });
    browser = await launchChromium();
    countyPage = await (await newTestContext(browser)).newPage();
    townshipPage = await (await newTestContext(browser)).newPage();
    await countyPage.goto(county.url + '/');
    await townshipPage.goto(host.url + '/');
  });
  afterAll(async () => {
    rankers.forEach((c) => c.close());
    await browser?.close();
    await host?.close();
    await county?.close();
    countyDir.remove();
    hostDir.remove();
  });

  it('the county assigns, the township queue shows it by push; the township escalates, the county accepts, the event is county-owned and read-only', async () => {
    await countyPage.getByTestId('login-username').fill('dispatcher');
    await countyPage.getByTestId('login-password').fill(PASSWORD);
    await countyPage.getByTestId('login-submit').click();
    await countyPage.getByTestId('townships-table').waitFor();
    await expect.poll(() => countyPage.getByTestId('township-link-QX-E2E').textContent(), { timeout: 20_000 }).toContain('在线');

    await townshipPage.getByTestId('login-username').fill('director');
    await townshipPage.getByTestId('login-password').fill('qingxi2026');
    await townshipPage.getByTestId('login-submit').click();
    await townshipPage.getByTestId('app-shell').waitFor();
    await townshipPage.getByTestId('nav-events').click();
    await townshipPage.getByTestId('events-page').waitFor();

    // County → township: an assignment, shown in the township's queue without a reload.
    const title = '县级交办：清溪镇桃源村河道垃圾堆积';
    await countyPage.getByTestId('nav-events').click();
    await countyPage.getByTestId('assign-open').click();
    await choose(countyPage, 'assign-township', '清溪镇');
    await countyPage.getByTestId('assign-title').fill(title);
    await countyPage.getByTestId('assign-description').fill('群众通过12345反映桃源村河道垃圾多日未清运，请属地核实处理。');
    await countyPage.getByTestId('assign-address').fill('桃源村河道');
    await countyPage.getByTestId('assign-submit').click();
    await countyPage.getByTestId('assign-dialog').waitFor({ state: 'hidden' });
    await townshipPage.getByTestId('events-page').getByText(title).first().waitFor({ timeout: 20_000 });
    await townshipPage.screenshot({ path: join(SCREENSHOT_DIR, 'county-assignment-township.png') });

    // Township → county: the director registers an event and escalates it.
    const escalated = '跨乡镇水源地污染，需县级协调';
    await townshipPage.getByTestId('event-create').click();
    await townshipPage.getByTestId('intake-dialog').waitFor();
    await townshipPage.getByTestId('intake-title').fill(escalated);
    await townshipPage.getByTestId('intake-description').fill('上游化工企业疑似偷排，涉及相邻两个乡镇，本级无执法权限。');
    await townshipPage.locator('[data-testid="intake-category"] input').fill('消防通道');
    await townshipPage.locator('.el-cascader__suggestion-item:visible').first().click();
    await choose(townshipPage, 'intake-village', '东河社区');
    await townshipPage.getByTestId('intake-address').fill('东河社区水源地');
    await townshipPage.getByTestId('intake-submit').click();
    await townshipPage.getByTestId('event-detail').waitFor();
    await expect.poll(() => townshipPage.getByTestId('event-state').getAttribute('data-state')).toBe('registered');
    await townshipPage.getByTestId('action-escalate').click();
    const dialog = townshipPage.getByTestId('act-dialog-escalate');
    await dialog.waitFor();
    await dialog.getByTestId('act-reason').fill('涉及跨乡镇执法，超出本级处置能力');
    await dialog.getByTestId('dialog-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => townshipPage.getByTestId('event-state').getAttribute('data-state')).toBe('escalated');

    await countyPage.getByTestId('nav-escalations').click();
    const row = countyPage.getByTestId('escalations-table').locator('tr', { hasText: escalated });
    await row.waitFor({ timeout: 20_000 });
    await row.getByText('接办').click();
    await countyPage.getByTestId('decide-note').fill('县级接办，已协调县生态环境分局');
    await countyPage.getByTestId('decide-submit').click();
    await countyPage.getByTestId('escalations-table').getByText('没有待答复的上报').waitFor();
    await countyPage.screenshot({ path: join(SCREENSHOT_DIR, 'county-escalations.png') });

    // The township shows it county-owned, and offers no action on it any more.
    // By push: the open detail page follows the county's answer without a reload.
    await expect
      .poll(() => townshipPage.getByTestId('event-state').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('county_owned');
    expect(await townshipPage.locator('[data-testid^="action-"]').count()).toBe(0);
    await townshipPage.screenshot({ path: join(SCREENSHOT_DIR, 'county-owned-township.png') });

    // The county moves the event it owns: status_update, and the township follows.
    await countyPage.getByTestId('nav-events').click();
    await countyPage.getByTestId('events-search').fill(escalated);
    await countyPage.getByTestId('events-search').press('Enter');
    await countyPage.getByTestId('events-table').getByText(escalated).click();
    await expect.poll(() => countyPage.getByTestId('county-state').textContent()).toBe('县级承办');
    await choose(countyPage, 'county-state-select', '已办结');
    await countyPage.getByTestId('county-state-note').fill('县生态环境分局已查处，企业停产整改');
    await countyPage.getByTestId('county-state-submit').click();
    await expect.poll(() => countyPage.getByTestId('county-state').textContent()).toBe('已办结');
    await expect
      .poll(() => townshipPage.getByTestId('event-state').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('closed');
    expect(await townshipPage.locator('[data-testid^="action-"]').count()).toBe(0);
    await countyPage.keyboard.press('Escape');
    await countyPage.locator('.el-drawer').waitFor({ state: 'hidden' });
  });

  it('the ranking page shows the hand-computed figures', async () => {
    await countyPage.getByTestId('nav-ranking').click();
    await countyPage.getByTestId('ranking-period').fill(RANKING_PERIOD);
    await countyPage.getByTestId('ranking-compute').click();
    const text = (id: string) => countyPage.getByTestId(id).textContent();
    await expect.poll(() => text('ranking-score-RK-B')).toBe(PERFECT_EXPECTED.score.toFixed(2));
    expect(await text('ranking-rank-RK-B')).toBe('1');
    expect(await text('ranking-score-RK-A')).toBe(MIXED_EXPECTED.score.toFixed(2));
    expect(await text('ranking-rank-RK-A')).toBe('2');
    // The demo township has no event in that quarter: nothing overdue or reworked, nothing else either.
    expect(await text('ranking-score-QX-E2E')).toBe(EMPTY_SCORE.toFixed(2));
    expect(await text('ranking-rank-QX-E2E')).toBe('3');
    expect(await text('ranking-onTime-RK-A')).toBe('66.67%');
    expect(await text('ranking-overdue-RK-A')).toBe('50.00%');
    expect(await text('ranking-rework-RK-A')).toBe('33.33%');
    expect(await text('ranking-satisfaction-RK-A')).toBe('66.67%');
    expect(await text('ranking-belowCounty-RK-A')).toBe('66.67%');
    await countyPage.getByTestId('ranking-explain-RK-A').click();
    const explanation = countyPage.getByTestId('ranking-explanation');
    await explanation.waitFor();
    expect(await explanation.textContent()).toContain('RA-2、RA-3');
    await countyPage.screenshot({ path: join(SCREENSHOT_DIR, 'county-ranking.png') });
  });
});
