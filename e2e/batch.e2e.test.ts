import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionCountOfSerials, eventStatesOfSerials } from '../db/testing-e2e';
import { categoryIdByCode } from '../db/testing-events';
import { SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness';

/** A word no demo event has, so the queue shows exactly this test's events. */
const TOKEN = '试验桥涵';

/** The queue on `states`, searched for TOKEN; waits until it shows `count` rows. */
async function queueOf(page: Page, e2e: E2E, states: string, count: number): Promise<void> {
  // Through another page: the queue reads a link's filter when it opens.
  await page.goto(`${e2e.host.url}/#/`);
  await page.getByTestId('app-shell').waitFor();
  await page.goto(`${e2e.host.url}/#/events?filter=1&states=${states}`);
  await page.getByTestId('events-page').waitFor();
  await page.getByTestId('queue-search').fill(TOKEN);
  try {
    await expect.poll(() => page.locator('[data-testid^="check-QX-"]').count(), { timeout: 20_000 }).toBe(count);
  } finally {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `batch-queue-${states}.png`) });
  }
}

describe('batch dispatch and the Excel export, in Chromium', () => {
  let e2e: E2E;
  const serials: string[] = [];
  beforeAll(async () => {
    e2e = await startE2E();
    // Five events of one rainstorm, already registered, taken in through the core as the grid app would.
    const db = e2e.host.core.db;
    const categoryId = categoryIdByCode(db, 'sanitation.garbage')!;
    const connection = e2e.host.core.connect(() => {});
    const login = await connection.call('auth.login', { username: 'operator', password: 'qingxi2026' });
    expect(login.ok).toBe(true);
    for (let i = 1; i <= 5; i++) {
      const created = await connection.call('events.create', {
        title: `${TOKEN}${i}号积水`,
        description: `暴雨后${TOKEN}${i}号处积水严重，车辆无法通行`,
        categoryId,
        requestType: 'request',
        source: 'grid_report',
        priority: i === 5 ? 'urgent' : 'normal',
        reporterPhone: '13900002222',
        register: true,
      });
      if (!created.ok) throw new Error(created.error.message);
      serials.push((created.value as { serial: string }).serial);
    }
  }, 120_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('an operator ticks five events, dispatches them in one go, and exports the 已派遣 view holding those five', async () => {
    const operator = await signIn(e2e, 'operator');
    await queueOf(operator, e2e, 'registered', 5);
    const rows = await operator
      .locator('[data-testid^="check-QX-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice(6)));
    expect([...rows].sort()).toEqual([...serials].sort());
    // A tick on the first row, shift-click on the last: all five.
    await operator.getByTestId(`check-${rows[0]}`).click();
    await operator.getByTestId(`check-${rows[4]}`).click({ modifiers: ['Shift'] });
    await expect.poll(() => operator.getByTestId('batch-selected').textContent()).toContain('5');

    await operator.getByTestId('batch-dispatch').click();
    const dialog = operator.getByTestId('batch-dialog');
    await dialog.waitFor();
    await operator.getByTestId('batch-lead').click();
    await operator.locator('.el-select-dropdown__item:visible', { hasText: '综合行政执法队' }).first().click();
    await operator.getByTestId('batch-instructions').fill('暴雨积水，请立即排水并反馈');
    await dialog.getByTestId('batch-check-button').click();
    await expect.poll(() => dialog.getByTestId('batch-movable').textContent()).toContain('5');
    await operator.screenshot({ path: join(SCREENSHOT_DIR, 'batch-dispatch-check.png') });
    await dialog.getByTestId('batch-confirm').click();
    await dialog.waitFor({ state: 'hidden' });

    const db = e2e.host.core.db;
    expect(eventStatesOfSerials(db, serials)).toEqual(Array(5).fill('dispatched'));
    expect(actionCountOfSerials(db, serials, 'dispatch')).toBe(5);

    await queueOf(operator, e2e, 'dispatched', 5);
    const [download] = await Promise.all([
      operator.waitForEvent('download', { timeout: 60_000 }),
      operator.getByTestId('queue-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^事件清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const path = join(SCREENSHOT_DIR, 'batch-export.xlsx');
    await download.saveAs(path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    const exported: string[] = [];
    sheet.eachRow((row, number) => {
      if (number > 2) exported.push(String(row.getCell(2).value));
    });
    expect(exported.sort()).toEqual([...serials].sort());
    expect(String(sheet.getRow(3).getCell(9).value)).toBe('已派遣');
    expect(String(sheet.getRow(3).getCell(15).value)).toBe('139****2222');
  });
});
