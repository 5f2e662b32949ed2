import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveUnitCountOfSerial, unitIdByName } from '../db/testing-e2e';
import { overdueEvents } from '../db/queries/supervision-suggestions';
import { SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness';

const stateOf = (page: Page) => page.getByTestId('order-state').getAttribute('data-value');
const strengthOf = (page: Page) => page.getByTestId('order-strength').getAttribute('data-value');

async function openOrder(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('order-detail').waitFor();
  await page.getByTestId('order-serial').waitFor();
}

async function answer(page: Page, text: string): Promise<void> {
  await page.getByTestId('order-action-answer').click();
  const dialog = page.getByTestId('answer-dialog');
  await dialog.waitFor();
  await page.getByTestId('answer-text').fill(text);
  await dialog.getByTestId('dialog-save').click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => stateOf(page)).toBe('answered');
}

describe('supervision in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('director issues from a suggestion → unit answers → rejected and re-issued flagged → answered → accepted; the event timeline shows it all', async () => {
    const db = e2e.host.core.db;
    // An overdue demo event whose lead unit is the demo handler's (综合行政执法队), among the suggested ones.
    const unitId = unitIdByName(db, '综合行政执法队')!;
    const candidates = overdueEvents(db, Date.now());
    // One unit on the event, so that its answer completes the order (with assisting units every one must answer).
    const target = candidates.find((c) => c.leadUnitId === unitId && liveUnitCountOfSerial(db, c.serial) === 1);
    expect(target, 'the demo township has an overdue event of 综合行政执法队').toBeDefined();

    const director = await signIn(e2e, 'director');
    await director.getByTestId('nav-supervision').click();
    await director.getByTestId('supervision-page').waitFor();
    await director.getByTestId('tab-suggestions').click();
    await director.getByTestId('suggestions-table').waitFor();
    const draftButton = director.locator(`[data-testid^="suggestion-draft-"][data-serial="${target!.serial}"]`);
    await draftButton.waitFor();
    await director.screenshot({ path: join(SCREENSHOT_DIR, 'supervision-suggestions.png') });
    await draftButton.click();
    const issue = director.getByTestId('issue-dialog');
    await issue.waitFor();
    // The facts are filled in from the suggestion.
    expect(await director.getByTestId('issue-problem').inputValue()).toContain(target!.serial);
    expect(await director.getByTestId('issue-target').textContent()).toContain(target!.serial);
    await issue.getByTestId('dialog-save').click();
    await director.getByTestId('order-detail').waitFor();
    await expect.poll(() => stateOf(director)).toBe('open');
    expect(await strengthOf(director)).toBe('order');
    const firstSerial = (await director.getByTestId('order-serial').textContent())!.trim();
    expect(firstSerial).toMatch(/^督〔\d{4}〕\d+号$/);
    const firstUrl = director.url();

    // The unit handler finds it in their list and answers.
    const handler = await signIn(e2e, 'handler');
    await handler.getByTestId('nav-supervision').click();
    await handler.getByTestId(`order-row-${firstSerial}`).click();
    await handler.getByTestId('order-detail').waitFor();
    await answer(handler, '已督促队员到场处置，现场已清理完毕。');

    // The director rejects it: re-issued one strength higher, as a flagged order.
    await expect.poll(() => stateOf(director), { timeout: 10_000 }).toBe('answered');
    await director.getByTestId('order-action-reject').click();
    const reject = director.getByTestId('decide-dialog-reject');
    await reject.waitFor();
    await director.getByTestId('decide-note').fill('复查发现现场仍有杂物，整改不到位。');
    await reject.getByTestId('dialog-save').click();
    await reject.waitFor({ state: 'hidden' });
    await expect.poll(() => strengthOf(director)).toBe('flagged');
    await expect.poll(() => stateOf(director)).toBe('open');
    const secondSerial = (await director.getByTestId('order-serial').textContent())!.trim();
    expect(secondSerial).not.toBe(firstSerial);
    const secondUrl = director.url();

    await openOrder(handler, secondUrl);
    expect(await strengthOf(handler)).toBe('flagged');
    await answer(handler, '已彻底清理并建立每日巡查台账，附整改后照片。');

    await openOrder(director, secondUrl);
    await director.getByTestId('order-action-accept').click();
    const accept = director.getByTestId('decide-dialog-accept');
    await accept.waitFor();
    await accept.getByTestId('dialog-save').click();
    await accept.waitFor({ state: 'hidden' });
    await expect.poll(() => stateOf(director)).toBe('accepted');
    await director.getByTestId('order-timeline-accept').waitFor();
    await director.screenshot({ path: join(SCREENSHOT_DIR, 'supervision-order.png'), fullPage: true });

    // The printed order, from the page's own button.
    const [download] = await Promise.all([
      director.waitForEvent('download', { timeout: 60_000 }),
      director.getByTestId('order-print').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${secondSerial}.pdf`);
    const pdf = join(SCREENSHOT_DIR, 'order.pdf');
    await download.saveAs(pdf);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('挂牌督办单');
    expect(text).toContain(secondSerial);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(SCREENSHOT_DIR, 'order-pdf')]);

    // The event's timeline shows the whole loop.
    await director.getByTestId('order-target-link').click();
    await director.getByTestId('event-detail').waitFor();
    await director.getByTestId('timeline-supervise_accept').waitFor();
    expect(await director.getByTestId('timeline-supervise').count()).toBe(2);
    expect(await director.getByTestId('timeline-supervise_answer').count()).toBe(2);
    expect(await director.getByTestId('timeline-supervise_reject').count()).toBe(1);
    await expect.poll(async () => (await director.getByTestId('event-timeline').textContent()) ?? '').toContain(secondSerial);
    await director.screenshot({ path: join(SCREENSHOT_DIR, 'supervision-event-timeline.png'), fullPage: true });

    // The orders list, for the README.
    await openOrder(director, firstUrl);
    await director.getByTestId('nav-supervision').click();
    await director.getByTestId(`order-row-${secondSerial}`).waitFor();
    await director.screenshot({ path: join(SCREENSHOT_DIR, 'supervision.png') });
    if (process.env.UPDATE_DOCS_SCREENSHOTS) {
      mkdirSync('docs', { recursive: true });
      copyFileSync(join(SCREENSHOT_DIR, 'supervision-order.png'), 'docs/screenshot-supervision.png');
      copyFileSync(join(SCREENSHOT_DIR, 'order-pdf.png'), 'docs/screenshot-order-pdf.png');
    }
  }, 180_000);

  it('records an undercover inspection finding and turns it into a rectification order', async () => {
    const operator = await signIn(e2e, 'operator');
    await operator.getByTestId('nav-supervision').click();
    await operator.getByTestId('tab-inspections').click();
    await operator.getByTestId('finding-create').click();
    const dialog = operator.getByTestId('finding-dialog');
    await dialog.waitFor();
    await operator.getByTestId('finding-place').fill('市场监管所便民服务窗口');
    await operator.getByTestId('finding-unit').click();
    await operator.locator('.el-select-dropdown__item:visible', { hasText: '市场监管所' }).first().click();
    await operator.getByTestId('finding-problem').fill('工作时间窗口无人值守，群众等候二十分钟无人接待。');
    await operator.getByTestId('finding-inspector').fill('督查组 孙伟');
    await dialog.getByTestId('dialog-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = operator.locator('[data-testid="findings-table"] tr', { hasText: '市场监管所便民服务窗口' });
    await row.waitFor();

    // Operators may send chase notices only; the director orders rectification.
    const director = await signIn(e2e, 'director');
    await director.getByTestId('nav-supervision').click();
    await director.getByTestId('tab-inspections').click();
    const directorRow = director.locator('[data-testid="findings-table"] tr', { hasText: '市场监管所便民服务窗口' });
    await directorRow.locator('.el-checkbox').click();
    await director.getByTestId('findings-order').click();
    const order = director.getByTestId('finding-order-dialog');
    await order.waitFor();
    await order.getByTestId('dialog-save').click();
    await order.waitFor({ state: 'hidden' });
    await expect.poll(() => directorRow.textContent()).toMatch(/督〔\d{4}〕\d+号/);
    expect(await directorRow.locator('[data-kind="finding"]').getAttribute('data-value')).toBe('ordered');
    await director.screenshot({ path: join(SCREENSHOT_DIR, 'supervision-inspections.png') });
  });
});
