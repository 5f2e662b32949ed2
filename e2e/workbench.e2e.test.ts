import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness';
import { assertFits, PHONE, signInOnDevice } from './phone-helpers';

/** Opens a step of the open assessment, fills it, saves, and waits for the dialog to close. */
async function step(page: Page, action: string, fill: () => Promise<void>): Promise<void> {
  await page.getByTestId(`risk-action-${action}`).click();
  const dialog = page.getByTestId('risk-step-dialog');
  await dialog.waitFor();
  await fill();
  await dialog.getByTestId('dialog-save').click();
  await dialog.waitFor({ state: 'hidden' });
}

const stateText = (page: Page) => page.getByTestId('risk-state').textContent();

describe('the 平安建设 workbench in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('an operator drafts a risk assessment and records a hearing; the director decides 不予实施 and the dashboard’s yearly count changes', async () => {
    const director = await signIn(e2e, 'director');
    await director.getByTestId('nav-dashboard').click();
    await director.getByTestId('risk-year-card').waitFor();
    const rejectedBefore = Number(await director.getByTestId('risk-count-rejected').textContent());
    const totalBefore = Number(await director.getByTestId('risk-count-total').textContent());

    const operator = await signIn(e2e, 'operator');
    await operator.getByTestId('nav-risk').click();
    await operator.getByTestId('risk-page').waitFor();
    await operator.getByTestId('risk-create').click();
    const create = operator.getByTestId('risk-create-dialog');
    await create.waitFor();
    await operator.getByTestId('risk-title').fill('镇区垃圾中转站选址调整');
    await choose(operator, 'risk-unit', '综合行政执法队');
    await choose(operator, 'risk-kind', '重大项目');
    await operator.getByTestId('risk-scope').fill('镇区东片 3 个小区周边');
    await operator.getByTestId('risk-people').locator('input').fill('860');
    await create.getByTestId('dialog-save').click();
    await create.waitFor({ state: 'hidden' });
    await operator.getByTestId('risk-detail').waitFor();
    await expect.poll(() => stateText(operator)).toBe('风险识别');
    // Operators draft; the conclusion is not theirs to offer.
    expect(await operator.getByTestId('risk-action-decide').count()).toBe(0);

    await step(operator, 'identify', () => operator.getByTestId('risk-step-text').fill('周边居民担心异味和噪音，可能集体反对'));
    await expect.poll(() => stateText(operator)).toBe('风险评估');
    await step(operator, 'record_method', async () => {
      await choose(operator, 'risk-method', '听证');
      await operator.getByTestId('risk-participants').fill('居民代表 18 人、人大代表 2 人');
      await operator.getByTestId('risk-step-text').fill('听证会上多数居民代表反对选址');
    });
    await operator.getByTestId('risk-methods').getByText('听证会上多数居民代表反对选址').waitFor();
    await step(operator, 'rate', async () => {
      await choose(operator, 'risk-level', '高风险');
      await operator.getByTestId('risk-step-text').fill('反对意见集中，易引发群体性事件');
    });
    await expect.poll(() => stateText(operator)).toBe('待决策');
    await operator.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-risk-rated.png') });

    // The director opens it from the register and decides 不予实施.
    await director.getByTestId('nav-risk').click();
    await director.getByTestId('risk-rows').getByText('镇区垃圾中转站选址调整').click();
    await director.getByTestId('risk-detail').waitFor();
    await step(director, 'decide', async () => {
      await choose(director, 'risk-decision', '不予实施');
      await director.getByTestId('risk-step-text').fill('听证反对意见集中，另行选址');
    });
    await expect.poll(() => stateText(director)).toBe('不予实施');
    await director.getByTestId('risk-timeline').getByText('听证反对意见集中，另行选址').waitFor();

    await director.getByTestId('nav-dashboard').click();
    await director.getByTestId('risk-year-card').waitFor();
    await expect
      .poll(async () => Number(await director.getByTestId('risk-count-rejected').textContent()))
      .toBe(rejectedBefore + 1);
    expect(Number(await director.getByTestId('risk-count-total').textContent())).toBe(totalBefore + 1);
    await director.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-dashboard-risk.png') });
  });

  it('a unit’s campaign report moves the campaign’s progress', async () => {
    const handler = await signIn(e2e, 'handler');
    await handler.getByTestId('nav-campaigns').click();
    await handler.getByTestId('campaigns-page').waitFor();
    await handler.getByTestId('campaign-tabs').getByText('安全生产专项整治').click();
    await handler.getByTestId('campaign-detail').getByText('安全生产专项整治').waitFor();
    const actual = async () => Number(await handler.getByTestId('campaign-actual-排查隐患').textContent());
    await expect.poll(actual).toBeGreaterThan(0);
    const before = await actual();
    // The handler's unit (综合行政执法队) last reported 40; its new cumulative figure is 100.
    await handler.getByTestId('campaign-report').click();
    const dialog = handler.getByTestId('campaign-report-dialog');
    await dialog.waitFor();
    const figure = handler.getByTestId('campaign-figure-排查隐患').locator('input');
    await figure.fill('100');
    await figure.press('Tab');
    await handler.getByTestId('campaign-narrative').fill('本周完成沿街商铺用电排查 60 处');
    await dialog.getByTestId('dialog-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(actual).toBe(before + 60);
    await handler.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-campaign.png') });
  });

  it('a review of a 特急 event turns an improvement action into a supervision order', async () => {
    const director = await signIn(e2e, 'director');
    await director.getByTestId('nav-reviews').click();
    await director.getByTestId('reviews-page').waitFor();
    await director.getByTestId('review-open').click();
    const open = director.getByTestId('review-open-dialog');
    await open.waitFor();
    // The dialog offers the 特急 and escalated events of the last 90 days, one not yet reviewed chosen.
    const picked = async () => (await director.getByTestId('review-event').textContent())!.trim();
    await expect.poll(picked).toMatch(/^\S+-\d+/);
    const chosen = await picked();
    await open.getByTestId('dialog-save').click();
    await open.waitFor({ state: 'hidden' });
    const detail = director.getByTestId('review-detail');
    await detail.waitFor();
    await expect.poll(() => director.getByTestId('review-state').textContent()).toBe('复盘中');
    expect(await detail.textContent()).toContain(chosen.split(' ')[0]!);
    // The timeline is assembled from the event's records, from the first report on.
    await director.getByTestId('review-steps').getByText('首次上报').first().waitFor();

    await director.getByTestId('review-action-add_improvement').click();
    const step = director.getByTestId('review-step-dialog');
    await step.waitFor();
    await choose(director, 'review-improvement-unit', '综合行政执法队');
    await director.getByTestId('review-step-text').fill('建立夜间应急值守和到岗报告制度');
    await step.getByTestId('dialog-save').click();
    await step.waitFor({ state: 'hidden' });
    await director.getByTestId('review-improvements').getByText('建立夜间应急值守和到岗报告制度').waitFor();

    await director.getByTestId('review-order').click();
    const made = director.getByTestId('review-improvement-order');
    await made.waitFor();
    const serial = (await made.textContent())!.replace('已转督办', '').trim();
    expect(serial).toMatch(/〔\d{4}〕\d+号$/);
    await director.getByTestId('review-timeline').getByText('转为督办').waitFor();
    await director.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-review.png') });

    // The order is an ordinary supervision order: on the list, and in the unit's own list.
    await director.getByTestId('nav-supervision').click();
    await director.getByTestId(`order-row-${serial}`).waitFor();
    const handler = await signIn(e2e, 'handler');
    await handler.getByTestId('nav-supervision').click();
    await handler.getByTestId(`order-row-${serial}`).waitFor();
  });

  it('the monthly analysis states its figures, and the workbench pages fit a phone', async () => {
    const director = await signIn(e2e, 'director');
    await director.getByTestId('nav-monthly').click();
    await director.getByTestId('monthly-page').waitFor();
    const first = director.getByTestId('monthly-narrative').first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/^\d{4}年\d{1,2}月共受理事件\d+件/);
    await director.getByTestId('monthly-categories').waitFor();
    await director.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-monthly.png') });

    const phone = await signInOnDevice(e2e, PHONE, 'director');
    await phone.goto(`${e2e.host.url}/#/reviews`);
    await phone.getByTestId('reviews-page').waitFor();
    await phone.getByTestId('review-rows').locator('.card').first().click();
    await phone.getByTestId('review-detail').waitFor();
    await assertFits(phone, 'phone-director-review');
    await phone.goto(`${e2e.host.url}/#/monthly`);
    await phone.getByTestId('monthly-narrative').first().waitFor();
    await assertFits(phone, 'phone-director-monthly');
    // The other workbench pages keep to the screen as well.
    await phone.goto(`${e2e.host.url}/#/risk`);
    await phone.getByTestId('risk-page').waitFor();
    await assertFits(phone, 'phone-director-risk');
    await phone.goto(`${e2e.host.url}/#/campaigns`);
    await phone.getByTestId('campaign-detail').waitFor();
    await assertFits(phone, 'phone-director-campaigns');
  });
});
