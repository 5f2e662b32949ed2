import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionKindsOfSerial } from '../db/testing-e2e';
import { attachmentsOfSerial } from '../db/testing-phone';
import { PNG_1PX } from '../core/testing/event-fixtures';
import { choose, SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness';

async function act(
  page: Page,
  action: string,
  fill: (dialog: ReturnType<Page['getByTestId']>) => Promise<void> = async () => {},
): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByTestId(`act-dialog-${action}`);
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByTestId('dialog-save').click();
  await dialog.waitFor({ state: 'hidden' });
}

const stateOf = (page: Page) => page.getByTestId('event-state').getAttribute('data-state');

describe('an event from intake to archive, in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('operator registers and dispatches; the unit signs and reports back with a photo; the operator closes; the call-back archives', async () => {
    const operator = await signIn(e2e, 'operator');
    await operator.getByTestId('nav-events').click();
    await operator.getByTestId('events-page').waitFor();
    await operator.getByTestId('event-create').click();
    const intake = operator.getByTestId('intake-dialog');
    await intake.waitFor();
    await operator.getByTestId('intake-title').fill('东河社区三号楼消防通道被占用');
    await operator.getByTestId('intake-description').fill('三号楼北侧消防通道堆满杂物和电动车，居民多次反映无人处理。');
    await operator.locator('[data-testid="intake-category"] input').fill('消防通道');
    await operator.locator('.el-cascader__suggestion-item:visible').first().click();
    await choose(operator, 'intake-village', '东河社区');
    await operator.getByTestId('intake-address').fill('东河社区三号楼北侧');
    await operator.getByTestId('intake-reporter-phone').fill('13900001111');
    await operator.getByTestId('intake-submit').click();
    await operator.getByTestId('event-detail').waitFor();
    await expect.poll(() => stateOf(operator)).toBe('registered');
    const serial = (await operator.getByTestId('event-serial').textContent())!.trim();
    expect(serial).toMatch(/^QX-\d{8}-\d{4}$/);

    await act(operator, 'dispatch', async () => {
      await choose(operator, 'dispatch-lead', '综合行政执法队');
      await operator.getByTestId('dispatch-instructions').fill('请今日内清理通道并反馈照片');
    });
    await expect.poll(() => stateOf(operator)).toBe('dispatched');
    await operator.screenshot({ path: join(SCREENSHOT_DIR, 'event-dispatched.png') });
    const eventUrl = operator.url();

    // The unit handler, in a browser of their own.
    const handler = await signIn(e2e, 'handler');
    await handler.goto(eventUrl);
    await handler.getByTestId('event-detail').waitFor();
    await act(handler, 'sign');
    await expect.poll(() => stateOf(handler)).toBe('in_progress');
    const photo = join(SCREENSHOT_DIR, 'scene.png');
    writeFileSync(photo, Buffer.from(PNG_1PX, 'base64'));
    await act(handler, 'feedback', async (dialog) => {
      await handler.getByTestId('feedback-text').fill('已清理通道杂物，劝离电动车 6 辆。');
      await dialog.locator('[data-testid="feedback-photos"] input[type="file"]').setInputFiles(photo);
    });
    await expect.poll(() => stateOf(handler)).toBe('awaiting_verification');

    // Back to the operator: the push has refreshed the detail.
    await expect.poll(() => stateOf(operator)).toBe('awaiting_verification');
    await operator.getByTestId('event-attachments').getByTestId('attachment').first().waitFor();
    await act(operator, 'verify', async () => {
      await operator
        .locator('[data-testid="verify-level"] label', { hasText: /乡镇|township/ })
        .first()
        .click();
    });
    await expect.poll(() => stateOf(operator)).toBe('closed');
    await act(operator, 'callback', async () => {
      await operator.locator('[data-testid="callback-satisfaction"] label').first().click();
    });
    await expect.poll(() => stateOf(operator)).toBe('archived');
    await operator.getByTestId('timeline-callback').waitFor();
    await operator.screenshot({ path: join(SCREENSHOT_DIR, 'event-archived.png'), fullPage: true });

    const kinds = actionKindsOfSerial(e2e.host.core.db, serial);
    expect(kinds).toEqual(['create', 'register', 'dispatch', 'sign', 'feedback', 'verify', 'callback']);
    expect(attachmentsOfSerial(e2e.host.core.db, serial)).toHaveLength(1);
  });

  it('shows overdue events red in the queue', async () => {
    const operator = await signIn(e2e, 'operator');
    await operator.getByTestId('nav-events').click();
    await operator.getByTestId('view-overdue').click();
    const warning = operator.locator('[data-testid^="warning-"]').first();
    await warning.waitFor();
    expect(await warning.getAttribute('data-warning')).toBe('red');
    await operator.screenshot({ path: join(SCREENSHOT_DIR, 'queue-overdue.png') });
  });
});
