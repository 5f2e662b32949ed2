import { join } from 'node:path';
import { periodOf } from '../common/assessment';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness';

async function openAssessment(page: Page): Promise<void> {
  await page.getByTestId('nav-assessment').click();
  await page.getByTestId('assessment-page').waitFor();
  // The demo has published the two quarters before this one (core/demo/demo-supervision.ts): assess this one.
  await page.getByTestId('assessment-period').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: periodOf('quarter', Date.now()) }).click();
}

const UNIT = '综合行政执法队';
/** The machine is shared and slow at times: answers may take seconds. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 250 });
const stateOf = (page: Page) => page.getByTestId('assessment-state').getAttribute('data-state');
const scoreOf = async (page: Page) => Number(await page.getByTestId(`assessment-score-${UNIT}`).textContent());

describe('a quarter assessed, adjusted and published, in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  let assessor: Page;
  let director: Page;
  let before: number;

  it('the assessor computes the quarter and follows a score down to its events', { timeout: 180_000 }, async () => {
    assessor = await signIn(e2e, 'assessor');
    await openAssessment(assessor);
    await assessor.getByTestId('assessment-empty').waitFor();
    await assessor.getByTestId('assessment-compute').click();
    await assessor.getByTestId('assessment-ranking').waitFor();
    expect(await stateOf(assessor)).toBe('computed');
    before = await scoreOf(assessor);
    expect(before).toBeGreaterThan(0);

    // Every point explained: the unit, its indicator, the very events; one click opens an event.
    await assessor.getByTestId(`assessment-unit-${UNIT}`).click();
    const drawer = assessor.getByTestId('assessment-unit-drawer');
    await drawer.waitFor();
    await drawer.getByTestId('assessment-indicator-sign_on_time').click();
    const firstCase = drawer.getByTestId('assessment-evidence').locator('.el-table__row').first();
    await firstCase.waitFor();
    await poll(() => assessor.locator('.el-message').count()).toBe(0);
    await assessor.screenshot({ path: join(SCREENSHOT_DIR, 'assessment-drilldown.png') });
    const serial = (await firstCase.locator('td').nth(1).textContent())!.trim();
    await firstCase.click();
    await assessor.getByTestId('event-detail').waitFor();
    expect(await assessor.getByTestId('event-serial').textContent()).toBe(serial);
    await assessor.goBack();
    await assessor.getByTestId('assessment-ranking').waitFor();
  });

  it('the assessor proposes a deduction; the director approves it and the ranking changes', { timeout: 180_000 }, async () => {
    await assessor.getByTestId('assessment-tab-items').click();
    await assessor.getByTestId('assessment-item-add').click();
    const dialog = assessor.getByTestId('assessment-item-dialog');
    await dialog.waitFor();
    await assessor.getByTestId('item-unit').click();
    await assessor.locator('.el-select-dropdown__item:visible', { hasText: UNIT }).first().click();
    await assessor.locator('[data-testid="item-points"] input').fill('5');
    await assessor.getByTestId('item-reason').fill('暗访发现占道经营问题整改不到位，县级通报');
    await dialog.getByTestId('dialog-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await poll(() => assessor.getByTestId(`item-state-${UNIT}`).getAttribute('data-state')).toBe('pending');

    director = await signIn(e2e, 'director');
    await openAssessment(director);
    await director.getByTestId('assessment-ranking').waitFor();
    // The page first shows the default period's ranking, then the quarter chosen: wait for that one's score.
    await poll(() => scoreOf(director)).toBe(before);
    await director.getByTestId('assessment-tab-items').click();
    await director.getByTestId(`item-approve-${UNIT}`).click();
    await director.locator('.el-message-box__input input').fill('同意扣分');
    await director.locator('.el-message-box__btns .el-button--primary').click();
    await poll(() => director.getByTestId(`item-state-${UNIT}`).getAttribute('data-state')).toBe('approved');

    await director.locator('.el-tabs__item', { hasText: '排名' }).click();
    await poll(() => scoreOf(director)).toBeCloseTo(Math.max(0, before - 5), 2);
  });

  it('the director reviews and publishes; the result is locked for everyone', { timeout: 180_000 }, async () => {
    await director.getByTestId('assessment-review').click();
    await poll(() => stateOf(director)).toBe('reviewed');
    await director.getByTestId('assessment-publish').click();
    await director.locator('.el-message-box__btns .el-button--primary').click();
    await poll(() => stateOf(director)).toBe('published');
    await poll(() => director.getByTestId('assessment-revise').isVisible()).toBe(true);
    await poll(() => director.locator('.el-message').count()).toBe(0);
    await director.screenshot({ path: join(SCREENSHOT_DIR, 'assessment.png') });

    // The assessor sees the published, locked result with the deduction in it.
    await assessor.locator('.el-tabs__item', { hasText: '排名' }).click();
    await assessor.getByTestId('assessment-refresh').click();
    await poll(() => stateOf(assessor)).toBe('published');
    expect(await scoreOf(assessor)).toBeCloseTo(Math.max(0, before - 5), 2);
    expect(await assessor.getByTestId('assessment-compute').count()).toBe(0);
  });
});
