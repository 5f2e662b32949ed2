import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../db/testing';
import { eventOfAlarmFrom } from '../db/testing-e2e';
import { TEMPLATE_HEADERS } from '../core/iot/device-import';
import { tempDir } from '../core/testing/core';
import { startWebhost, type Webhost } from '../webhost/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH, copyDemoTemplate, newTestContext, SCREENSHOT_DIR, signInOn } from './harness';

// Headless Chromium would refuse to start a sound without a click; a command-room PC is set up to allow it.
const ARGS = [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'];

const csvRow = (cells: Record<string, string>) => TEMPLATE_HEADERS.map((h) => cells[h] ?? '').join(',');
const GOOD = {
  设备编号: 'E2E-SD-001',
  设备类型: '烟感',
  村社: '清溪村',
  安装地址: '清溪村 5 组 12 号',
  住户: '张秀英',
  住户电话: '13800001111',
  联系人1: '王邻居',
  联系人1关系: '邻居',
  联系人1电话: '13800002222',
  联系人2: '李村干',
  联系人2关系: '村干部',
  联系人2电话: '13800003333',
};

describe('IoT alarm in Chromium: import, alarm, acknowledge, verify, close as false alarm', () => {
  const dir = tempDir('command-room-e2e-iot-');
  let host: Webhost;
  let browser: Browser;

  async function signIn(username: string): Promise<Page> {
    const page = await (await newTestContext(browser)).newPage();
    await page.goto(host.url + '/');
    await signInOn(page, username);
    return page;
  }
  const audioPaused = (page: Page) =>
    page.getByTestId('alarm-audio').evaluate((audio) => (audio as unknown as { paused: boolean }).paused);

  beforeAll(async () => {
    copyDemoTemplate(dir.path);
    host = await startWebhost({ host: '127.0.0.1', port: 0, dataDir: dir.path, seedDemo: true, log: () => {} });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    dir.remove();
  });

  it('a CSV import with bad rows lists them and imports nothing; the good file imports', async () => {
    const admin = await signIn('admin');
    await admin.getByTestId('nav-iot').click();
    await admin.getByTestId('iot-page').waitFor();
    const bad = join(dir.path, 'bad.csv');
    writeFileSync(
      bad,
      [
        TEMPLATE_HEADERS.join(','),
        csvRow(GOOD),
        csvRow({ ...GOOD, 设备编号: 'E2E-SD-002', 住户电话: 'abc' }),
        csvRow({ ...GOOD, 设备编号: 'E2E-SD-003', 村社: '无此村' }),
      ].join('\n'),
    );
    // The demo township has detectors of its own (core/demo/demo-supervision.ts).
    const devicesBefore = countRows(host.core.db, 'iot_devices');
    await admin.getByTestId('iot-import').click();
    await admin.getByTestId('import-file').setInputFiles(bad);
    const errors = admin.getByTestId('import-errors');
    await errors.waitFor();
    await expect.poll(() => errors.locator('tbody tr').count()).toBe(2);
    expect(await errors.textContent()).toContain('住户电话');
    expect(await errors.textContent()).toContain('没有这个村社');
    expect(countRows(host.core.db, 'iot_devices')).toBe(devicesBefore);
    await admin.screenshot({ path: join(SCREENSHOT_DIR, 'iot-import-errors.png') });

    const good = join(dir.path, 'good.csv');
    writeFileSync(good, [TEMPLATE_HEADERS.join(','), csvRow(GOOD)].join('\n'));
    await admin.getByTestId('import-file').setInputFiles(good);
    await admin.getByTestId('import-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => admin.getByTestId('iot-table').textContent()).toContain('E2E-SD-001');
    await admin.close();
  });

  it('an injected alarm creates the event and sounds until acknowledged; the operator closes it as a false alarm with the calls recorded', async () => {
    const operator = await signIn('operator');
    expect(await audioPaused(operator)).toBe(true);

    const admin = await signIn('admin');
    await admin.getByTestId('nav-iot').click();
    await admin.getByRole('tab', { name: '测试报警' }).click();
    await admin.getByTestId('inject-code').fill('E2E-SD-001');
    await admin.getByTestId('inject-submit').click();
    await admin.getByTestId('inject-open').waitFor();

    const event = eventOfAlarmFrom(host.core.db, 'E2E-SD-001')!;
    expect(event).toMatchObject({ priority: 'critical', state: 'registered' });

    // The operator's screen: the red bar, and the sound playing.
    await operator.getByTestId('alarm-bar').waitFor();
    await expect.poll(() => audioPaused(operator)).toBe(false);
    await operator.screenshot({ path: join(SCREENSHOT_DIR, 'alarm.png') });
    copyFileSync(join(SCREENSHOT_DIR, 'alarm.png'), join(process.cwd(), 'docs', 'screenshot-alarm.png'));

    // To the verification page; the alarm keeps sounding until someone acknowledges it.
    await operator.getByTestId('alarm-handle').click();
    await operator.getByTestId('incident-page').waitFor();
    expect(await audioPaused(operator)).toBe(false);
    const acksBefore = countRows(host.core.db, 'alarm_acks');
    await operator.getByTestId('alarm-ack-all').click();
    await operator.getByTestId('alarm-bar').waitFor({ state: 'hidden' });
    await expect.poll(() => audioPaused(operator)).toBe(true);
    expect(countRows(host.core.db, 'alarm_acks')).toBe(acksBefore + 1);

    // Resident: no answer; neighbour: it was cooking smoke.
    await operator.getByTestId('call-outcome-no_answer').click();
    await operator.getByTestId('call-submit').click();
    await expect.poll(() => operator.getByTestId('incident-calls').locator('.el-timeline-item').count()).toBe(1);
    await operator.getByTestId('call-outcome-false_alarm').click();
    await operator.getByTestId('call-note').fill('邻居敲门确认，住户在做饭');
    await operator.getByTestId('call-submit').click();
    await expect.poll(() => operator.getByTestId('incident-calls').locator('.el-timeline-item').count()).toBe(2);
    await operator.getByTestId('resolve-note').fill('误报，住户做饭油烟');
    await operator.getByTestId('resolve-false-alarm').click();
    await operator.locator('.el-message-box__btns .el-button--primary').click();
    await operator.getByTestId('incident-outcome').waitFor();

    // The event's timeline shows both calls and the false-alarm close.
    await operator.getByTestId('incident-open-event').click();
    await operator.getByTestId('event-detail').waitFor();
    await expect.poll(() => operator.getByTestId('event-state').getAttribute('data-state')).toBe('closed');
    await expect.poll(() => operator.getByTestId('timeline-iot_call').count()).toBe(2);
    const timeline = (await operator.getByTestId('event-timeline').textContent())!;
    expect(timeline).toContain('王邻居');
    expect(timeline).toContain('确认误报');
    expect(timeline).toContain('误报办结');
    expect(await audioPaused(operator)).toBe(true);
    await operator.screenshot({ path: join(SCREENSHOT_DIR, 'iot-false-alarm-timeline.png') });
  });
});
