import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionNotesOfSerial, attachmentsOfSerial, extensionStatesOfSerial, handleDueOfSerial } from '../db/testing-phone';
import { findUnitByName } from '../db/queries/org';
import { categoryIdByCode } from '../db/testing-events';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { choose, SCREENSHOT_DIR, startE2E, type E2E } from './harness';
import { assertFits, cameraPhoto, imageSize, measureWidths, PHONE, signInOnDevice, TABLET } from './phone-helpers';

/** Open an action's dialog, check it is a full-screen sheet that fits, fill it, save it. */
async function act(
  page: Page,
  action: string,
  fill: (dialog: ReturnType<Page['getByTestId']>) => Promise<void> = async () => {},
  shot?: string,
): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByTestId(`act-dialog-${action}`);
  await dialog.waitFor();
  await fill(dialog);
  if (shot) await assertFits(page, shot);
  await dialog.getByTestId('dialog-save').click();
  await dialog.waitFor({ state: 'hidden' });
}

const stateOf = (page: Page) => page.getByTestId('event-state').getAttribute('data-state');
const orderStateOf = (page: Page) => page.getByTestId('order-state').getAttribute('data-value');

const TITLE = '青溪村口桥头护栏断裂存在坠河隐患';

describe('掌上指挥: phones and tablets, in Chromium', () => {
  let e2e: E2E;
  let operator: Page;
  let handler: Page;
  let director: Page;
  let serial = '';
  let eventUrl = '';
  let orderUrl = '';
  let orderSerial = '';

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('the operator works the queue and an event on a 1024 × 768 tablet without sideways scrolling', async () => {
    operator = await signInOnDevice(e2e, TABLET, 'operator');
    await assertFits(operator, 'tablet-home');
    await operator.getByTestId('nav-events').click();
    await operator.getByTestId('events-page').waitFor();
    await operator.locator('[data-testid^="row-"]').first().waitFor();
    // The table itself must not scroll sideways either: its columns fit the tablet.
    const table = (await operator.evaluate(`(() => {
      const main = document.querySelector('[data-testid="queue-table"] .el-table-v2__main');
      const header = document.querySelector('[data-testid="queue-table"] .el-table-v2__header-row');
      return { main: main ? main.clientWidth : 0, columns: header ? header.getBoundingClientRect().width : 1e9 };
    })()`)) as { main: number; columns: number };
    expect(table.main).toBeGreaterThan(0);
    expect(table.columns).toBeLessThanOrEqual(table.main);
    await assertFits(operator, 'tablet-queue');

    await operator.getByTestId('event-create').click();
    await operator.getByTestId('intake-dialog').waitFor();
    await operator.getByTestId('intake-title').fill(TITLE);
    await operator.getByTestId('intake-description').fill('桥头东侧护栏断裂约三米，夜间无照明，学生上下学经过，存在坠河隐患。');
    await operator.locator('[data-testid="intake-category"] input').fill('消防通道');
    await operator.locator('.el-cascader__suggestion-item:visible').first().click();
    await choose(operator, 'intake-village', '东河社区');
    await operator.getByTestId('intake-address').fill('青溪村口桥头东侧');
    await operator.getByTestId('intake-reporter-phone').fill('13900002222');
    await operator.getByTestId('intake-submit').click();
    await operator.getByTestId('event-detail').waitFor();
    await expect.poll(() => stateOf(operator)).toBe('registered');
    serial = (await operator.getByTestId('event-serial').textContent())!.trim();
    await act(operator, 'dispatch', async () => {
      await choose(operator, 'dispatch-lead', '综合行政执法队');
      await operator.getByTestId('dispatch-instructions').fill('请今日内设置临时围挡并反馈照片');
    });
    await expect.poll(() => stateOf(operator)).toBe('dispatched');
    eventUrl = operator.url();
    await assertFits(operator, 'tablet-detail');
  });

  it('the handler, on a phone: to-do cards by deadline, signs for the event and asks for more time', async () => {
    handler = await signInOnDevice(e2e, PHONE, 'handler');
    await handler.getByTestId('bottom-tabs').waitFor();
    await assertFits(handler, 'phone-handler-home');
    // The measure itself catches a page pushed wider than the phone.
    await handler.evaluate(
      `document.querySelector('.shell-main').insertAdjacentHTML('beforeend', '<div id="too-wide" style="width:600px;height:1px"></div>')`,
    );
    expect((await measureWidths(handler)).wide).toEqual([expect.stringMatching(/^el-main \d+ > 390$/)]);
    await handler.evaluate(`document.getElementById('too-wide').remove()`);
    await handler.getByTestId('phone-tab-events').click();
    await handler.getByTestId('queue-cards').waitFor();
    await handler.locator('[data-testid^="card-"]').first().waitFor();
    // 本单位待办, sorted by deadline: the deadlines on the cards never go back in time.
    const dues = (
      await handler.locator('[data-testid^="card-"]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-due')))
    )
      .filter((due): due is string => !!due)
      .map(Number);
    expect(dues.length).toBeGreaterThan(1);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    // Overdue ones are red.
    expect(await handler.locator('[data-testid^="card-"][data-warning="red"]').count()).toBeGreaterThan(0);
    await assertFits(handler, 'phone-handler-todo');

    await handler.getByTestId('queue-filters-open').click();
    await handler.getByTestId('queue-filter-sheet').waitFor();
    await handler.getByTestId('queue-filter-state').waitFor();
    await assertFits(handler, 'phone-filter-sheet');
    await handler.getByTestId('queue-filter-done').click();
    await handler.getByTestId('queue-filter-sheet').waitFor({ state: 'hidden' });

    await handler.getByTestId('queue-search').fill('青溪村口桥头护栏');
    await handler.getByTestId(`card-${serial}`).click();
    await handler.getByTestId('event-detail').waitFor();
    await assertFits(handler, 'phone-handler-event');

    await act(handler, 'sign', async () => {
      // A dialog on a phone is a full-screen sheet.
      await handler.locator('.el-dialog.is-fullscreen:visible').waitFor();
    });
    await expect.poll(() => stateOf(handler)).toBe('in_progress');

    const due = handleDueOfSerial(e2e.host.core.db, serial)!;
    const later = new Date(due + 3 * 86_400_000).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
    await act(
      handler,
      'requestExtension',
      async () => {
        const input = handler.locator('[data-testid="extension-due"] input');
        await input.fill(later);
        await input.press('Enter');
        await handler.getByTestId('act-reason').fill('护栏定制需三个工作日，已先行设置临时围挡。');
      },
      'phone-extension-sheet',
    );
    await handler.getByTestId('pending-extension').waitFor();
  });

  it('the handler, on a phone, returns a wrongly sent event with a reason; the director arbitrates it from 待我决策', async () => {
    // The wrongly sent event is taken in and dispatched through the core, as another desk would: the demo's own
    // events move with the clock, so the test does not count on one being pending at this moment.
    const db = e2e.host.core.db;
    const unitId = findUnitByName(db, '综合行政执法队')!.id;
    const desk = e2e.host.core.connect(() => {});
    const call = async (method: string, input: unknown) => {
      const result = await desk.call(method as never, input as never);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as { id: string; serial: string };
    };
    await call('auth.login', { username: 'operator', password: DEMO_PASSWORD });
    const wrong = await call('events.create', {
      title: '东河社区路段护栏油漆剥落',
      description: '东河社区沿河路段护栏油漆大面积剥落，需重新刷漆。',
      categoryId: categoryIdByCode(db, 'sanitation.garbage')!,
      requestType: 'request',
      source: 'grid_report',
      priority: 'normal',
      reporterPhone: '13900003333',
      register: true,
    });
    await call('events.act', {
      action: 'dispatch',
      id: wrong.id,
      leadUnitId: unitId,
      assistUnitIds: [],
      instructions: '请核实处置',
    });
    await handler.goto(`${e2e.host.url}/#/events/${wrong.id}`);
    await handler.getByTestId('event-detail').waitFor();
    await act(
      handler,
      'return',
      async () => {
        await choose(handler, 'return-code', '职能不符');
        await handler.getByTestId('act-reason').fill('该路段护栏由交通部门管养，不属执法队职能。');
      },
      'phone-return-sheet',
    );
    await expect.poll(() => stateOf(handler)).toBe('returned');

    const arbiter = await signInOnDevice(e2e, PHONE, 'director');
    await arbiter.getByTestId('phone-tab-dashboard').click();
    await arbiter.getByTestId('decide-arbitration').click();
    await arbiter.getByTestId(`card-${wrong.serial}`).click();
    await arbiter.getByTestId('event-detail').waitFor();
    await act(arbiter, 'arbitrate', async () => {
      await arbiter.locator('[data-testid="arbitrate-decision"] label', { hasText: '驳回退单' }).click();
      await arbiter.getByTestId('act-reason').fill('属执法队职责范围，请继续办理。');
    });
    await expect.poll(() => stateOf(arbiter)).not.toBe('returned');
    await assertFits(arbiter, 'phone-director-arbitrated');
    await arbiter.context().close();
  });

  it('the director, on a phone: a compact dashboard, approves the extension and issues an order from the event', async () => {
    director = await signInOnDevice(e2e, PHONE, 'director');
    await director.getByTestId('phone-tab-dashboard').click();
    await director.getByTestId('director-decisions').waitFor();
    await director.getByTestId('dashboard-kpis').waitFor();
    await assertFits(director, 'phone-director-dashboard');

    await director.goto(eventUrl);
    await director.getByTestId('event-detail').waitFor();
    await director.getByTestId('pending-extension').waitFor();
    await assertFits(director, 'phone-director-event');
    await act(director, 'decideExtension', async () => {
      await director
        .locator('[data-testid="extension-approve"] label', { hasText: /^同意延期$/ })
        .first()
        .click();
    });
    await director.getByTestId('pending-extension').waitFor({ state: 'hidden' });
    expect(extensionStatesOfSerial(e2e.host.core.db, serial)).toEqual(['approved']);

    await director.getByTestId('event-supervise').click();
    const issue = director.getByTestId('issue-dialog');
    await issue.waitFor();
    await assertFits(director, 'phone-director-issue');
    await issue.getByTestId('dialog-save').click();
    await director.getByTestId('order-detail').waitFor();
    await expect.poll(() => orderStateOf(director)).toBe('open');
    orderSerial = (await director.getByTestId('order-serial').textContent())!.trim();
    orderUrl = director.url();
    await assertFits(director, 'phone-director-order');
  });

  it('the handler reports back with a camera photo (shrunk to ≤ 1,920 px) and the location, and answers the order', async () => {
    await handler.context().grantPermissions(['geolocation'], { origin: e2e.host.url });
    await handler.context().setGeolocation({ latitude: 30.123456, longitude: 120.654321, accuracy: 12 });
    await handler.goto(eventUrl);
    await handler.getByTestId('event-detail').waitFor();
    await expect.poll(() => stateOf(handler)).toBe('in_progress');
    const photo = await cameraPhoto(handler);
    expect(imageSize(photo)).toEqual({ width: 4000, height: 3000 });

    await act(
      handler,
      'feedback',
      async (dialog) => {
        await handler.getByTestId('feedback-text').fill('已设置临时围挡和警示灯，护栏更换已下单。');
        await handler.getByTestId('report-location').click();
        await expect.poll(() => handler.getByTestId('feedback-text').inputValue()).toContain('30.12346, 120.65432');
        await dialog
          .getByTestId('feedback-photos-camera')
          .setInputFiles({ name: 'IMG_20261207_0930.jpg', mimeType: 'image/jpeg', buffer: photo });
        await handler.getByTestId('feedback-photos-item').waitFor();
      },
      'phone-feedback-sheet',
    );
    await expect.poll(() => stateOf(handler)).toBe('awaiting_verification');

    // The stored file, read back from the data folder, is the shrunk one.
    const db = e2e.host.core.db;
    const stored = attachmentsOfSerial(db, serial);
    expect(stored).toHaveLength(1);
    const bytes = readFileSync(
      join(dirname(e2e.host.core.dbPath), 'attachments', stored[0]!.sha256.slice(0, 2), stored[0]!.sha256),
    );
    expect(stored[0]!.mime).toBe('image/jpeg');
    expect(bytes.length).toBe(stored[0]!.size);
    expect(bytes.length).toBeLessThan(photo.length);
    const size = imageSize(bytes);
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(1920);
    expect(size).toEqual({ width: 1920, height: 1440 });
    const [note] = actionNotesOfSerial(db, serial, 'feedback');
    expect(note).toContain('【现场位置】30.12346, 120.65432（精度约 12 米）');

    // The order addressed to the unit, from the phone's orders list.
    await handler.getByTestId('phone-tab-supervision').click();
    await handler.getByTestId('supervision-page').waitFor();
    await handler.getByTestId(`order-card-${orderSerial}`).waitFor();
    await assertFits(handler, 'phone-handler-orders');
    await handler.getByTestId(`order-card-${orderSerial}`).click();
    await handler.getByTestId('order-detail').waitFor();
    await assertFits(handler, 'phone-handler-order');
    await handler.getByTestId('order-action-answer').click();
    const answer = handler.getByTestId('answer-dialog');
    await answer.waitFor();
    await handler.getByTestId('answer-text').fill('已设置围挡并安排专人值守，护栏三日内更换完毕。');
    await assertFits(handler, 'phone-answer-sheet');
    await answer.getByTestId('dialog-save').click();
    await answer.waitFor({ state: 'hidden' });
    await expect.poll(() => orderStateOf(handler)).toBe('answered');
  });

  it('the director finds the answered order from the dashboard and accepts it', async () => {
    await director.getByTestId('phone-tab-dashboard').click();
    await director.getByTestId('decide-answered').click();
    await director.getByTestId('supervision-page').waitFor();
    await director.getByTestId(`order-card-${orderSerial}`).waitFor();
    await assertFits(director, 'phone-director-orders');
    await director.getByTestId(`order-card-${orderSerial}`).click();
    await director.getByTestId('order-detail').waitFor();
    expect(director.url()).toBe(orderUrl);
    await expect.poll(() => orderStateOf(director)).toBe('answered');
    await director.getByTestId('order-action-accept').click();
    const accept = director.getByTestId('decide-dialog-accept');
    await accept.waitFor();
    await assertFits(director, 'phone-accept-sheet');
    await accept.getByTestId('dialog-save').click();
    await accept.waitFor({ state: 'hidden' });
    await expect.poll(() => orderStateOf(director)).toBe('accepted');
    await assertFits(director, 'phone-director-accepted');

    if (process.env.UPDATE_DOCS_SCREENSHOTS) {
      mkdirSync('docs', { recursive: true });
      copyFileSync(join(SCREENSHOT_DIR, 'phone-handler-todo.png'), 'docs/screenshot-phone.png');
    }
  });
});
