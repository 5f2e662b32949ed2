import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../core/demo/demo-township';
import { countRows } from '../db/testing';
import { storedUsernames } from '../db/testing-events';
import {
  actionPayloadOfSerial,
  eventStatesOfSource,
  localityFirstOf,
  mustChangePasswordOf,
  routingRulesOfUnit,
  storedTownshipCode,
  unitsOnEventSerial,
} from '../db/testing-setup';
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness';

async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('导入');
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('a real township on day one, in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ demo: false });
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('fresh folder → setup → imports → one-time password sign-in → routing rule and template → suggested and template dispatch', async () => {
    const page = await e2e.newPage();
    // An empty data folder opens the setup page, not the login; no demo banner.
    await page.getByTestId('setup-page').waitFor();
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    // This browser is on the machine itself: no setup code asked.
    expect(await page.getByTestId('setup-code').count()).toBe(0);
    await page.getByTestId('setup-township-name').fill('河口镇');
    await page.getByTestId('setup-township-code').fill('hk');
    await page.getByTestId('setup-county').fill('南湖区');
    await page.getByTestId('setup-username').fill('hkadmin');
    await page.getByTestId('setup-display-name').fill('周强');
    await page.getByTestId('setup-password').fill('river2026x');
    await page.getByTestId('setup-password-again').fill('river2026y');
    await page.getByTestId('setup-submit').click();
    // The two passwords differ: refused in the form, nothing created.
    await expect.poll(() => page.getByTestId('setup-page').textContent()).toContain('两次输入的密码不一致');
    expect(countRows(e2e.host.core.db, 'township')).toBe(0);
    await page.getByTestId('setup-password-again').fill('river2026x');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'setup-zh-CN.png') });
    await page.getByTestId('setup-submit').click();

    await page.getByTestId('login-username').waitFor();
    const users = storedUsernames(e2e.host.core.db);
    expect(users).toEqual(['hkadmin']);
    expect(users).not.toContain(DEMO_USERS[0]!.username);
    expect(storedTownshipCode(e2e.host.core.db)).toBe('HK');
    await signIn(page, 'hkadmin', 'river2026x');
    await page.getByTestId('app-shell').waitFor();
    expect(await page.getByTestId('township-name').textContent()).toContain('河口镇');

    // The org sheet: villages, grids and grid workers.
    await page.goto(`${e2e.host.url}/#/org`);
    await page.getByTestId('org-import').click();
    const orgDialog = page.getByTestId('onboarding-import-org');
    await orgDialog.waitFor();
    const template = page.waitForEvent('download');
    await orgDialog.getByTestId('import-template').click();
    const templateRows = await readDownload(await template);
    expect(templateRows[0]).toEqual(['村（社区）', '类型', '网格', '网格员', '网格员电话']);
    await orgDialog.getByTestId('import-file').setInputFiles({
      name: '村社区网格.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook([
        ['村（社区）', '类型', '网格', '网格员', '网格员电话'],
        ['河口村', '村', '第一网格', '张伟', '13800000001'],
        ['河口村', '村', '第二网格', '李娜', '13800000002'],
        ['滨江社区', '社区', '第一网格', '王芳', '13800000003'],
      ]),
    });
    await expect.poll(() => countRows(e2e.host.core.db, 'grids'), { timeout: 20_000 }).toBe(3);
    await page.locator('.el-message', { hasText: '新增 5' }).waitFor();

    // The units sheet, then the users sheet with a unit handler.
    await page.getByTestId('units-import').click();
    const unitDialog = page.getByTestId('onboarding-import-units');
    await unitDialog.waitFor();
    await unitDialog.getByTestId('import-file').setInputFiles({
      name: 'units.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFF单位名称,所属平台,联系电话,所属村社\r\n水利站,便民服务,0571-1234567,\r\n河口村委会,综治工作,,河口村\r\n',
      ),
    });
    await expect.poll(() => countRows(e2e.host.core.db, 'units'), { timeout: 20_000 }).toBe(2);

    // The old system's events (历史导入): kept as closed and archived events, the same file twice changes nothing.
    await page.getByTestId('history-import').click();
    const historyDialog = page.getByTestId('onboarding-import-history');
    await historyDialog.waitFor();
    const historyTemplate = page.waitForEvent('download');
    await historyDialog.getByTestId('import-template').click();
    expect((await readDownload(await historyTemplate))[0]).toEqual([
      '原编号',
      '标题',
      '事件类别',
      '村（社区）',
      '受理日期',
      '办结日期',
      '最终状态',
      '主办单位',
    ]);
    const history = Buffer.from(
      '\uFEFF原编号,标题,事件类别,村（社区）,受理日期,办结日期,最终状态,主办单位\r\n' +
        'HK2024-0001,河口村河道垃圾,环境卫生,河口村,2024-03-01,2024-03-04,已归档,水利站\r\n' +
        'HK2024-0002,滨江社区噪音扰民,环境卫生,滨江社区,2024-05-10,2024-05-11,已办结,\r\n',
    );
    await historyDialog.getByTestId('import-file').setInputFiles({ name: '历史事件.csv', mimeType: 'text/csv', buffer: history });
    await expect
      .poll(() => eventStatesOfSource(e2e.host.core.db, 'history_import'), { timeout: 20_000 })
      .toEqual([
        { state: 'archived', n: 1 },
        { state: 'closed', n: 1 },
      ]);
    await historyDialog.waitFor({ state: 'hidden' });
    await page.getByTestId('history-import').click();
    await historyDialog.getByTestId('import-file').setInputFiles({ name: '历史事件.csv', mimeType: 'text/csv', buffer: history });
    await page.locator('.el-message', { hasText: '未变 2' }).waitFor();
    expect(countRows(e2e.host.core.db, 'events')).toBe(2);

    await page.goto(`${e2e.host.url}/#/users`);
    await page.getByTestId('users-import').click();
    const userDialog = page.getByTestId('onboarding-import-users');
    await userDialog.waitFor();
    // A bad sheet first: every problem listed, nothing created.
    await userDialog.getByTestId('import-file').setInputFiles({
      name: 'bad.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook([
        ['用户名', '姓名', '角色', '单位'],
        ['hkwater', '吴水利', '承办人', '不存在的单位'],
        ['hkduty', '周值班', '厨师', ''],
      ]),
    });
    await userDialog.getByTestId('import-failed').waitFor();
    expect(await userDialog.getByTestId('import-errors').textContent()).toContain('单位不存在');
    expect(countRows(e2e.host.core.db, 'users')).toBe(1);

    const sheetDownload = page.waitForEvent('download');
    await userDialog.getByTestId('import-file').setInputFiles({
      name: 'users.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook([
        ['用户名', '姓名', '角色', '单位'],
        ['hkwater', '吴水利', '承办人', '水利站'],
        ['hkduty', '周值班', '值班员', ''],
      ]),
    });
    const handout = await readDownload(await sheetDownload);
    expect(handout[0]).toEqual(['用户名', '姓名', '角色', '单位', '一次性密码']);
    const passwords = new Map(handout.slice(1, 3).map((r) => [r[0]!, r[4]!]));
    expect([...passwords.keys()]).toEqual(['hkwater', 'hkduty']);
    await userDialog.getByTestId('import-passwords').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'users-import-zh-CN.png') });

    // The new duty operator signs in with the one-time password and must change it before anything else.
    const newcomer = await e2e.newPage();
    await signIn(newcomer, 'hkduty', passwords.get('hkduty')!);
    const dialog = newcomer.getByTestId('change-password-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('password-old').fill(passwords.get('hkduty')!);
    await dialog.getByTestId('password-new').fill('duty2026ok');
    await dialog.getByTestId('password-confirm').fill('duty2026ok');
    await dialog.getByTestId('password-submit').click();
    // Two scrypt hashes run on the thread pool: give a busy machine time.
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);
    expect(await newcomer.getByTestId('user-name').textContent()).toBe('周值班');
    expect(mustChangePasswordOf(e2e.host.core.db, 'hkduty')).toBe(0);

    // The administrator's reference data: a routing rule (village first, then 水利站) and a 一件事 template.
    await page.goto(`${e2e.host.url}/#/reference`);
    await page.getByTestId('reference-page').waitFor();
    await page.getByRole('tab', { name: '派遣规则' }).click();
    await page.getByTestId('routing-units-sanitation').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '水利站' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('routing-save-sanitation').click();
    await expect.poll(() => routingRulesOfUnit(e2e.host.core.db, '水利站')).toBe(1);
    // Locality first: the village's own unit is suggested before the rule's units.
    await page.getByTestId('routing-locality-sanitation').click();
    await page.getByTestId('routing-save-sanitation').click();
    await expect.poll(() => localityFirstOf(e2e.host.core.db, 'sanitation')).toBe(1);
    // The deadline rules (category × priority) sit on the same page, the township's own marked 本镇.
    await page.getByRole('tab', { name: '办理时限' }).click();
    const rules = page.getByTestId('deadline-table');
    await rules.waitFor();
    await expect.poll(() => rules.locator('.el-table__row').count()).toBeGreaterThan(0);
    expect(await rules.textContent()).toContain('本镇');
    await page.getByRole('tab', { name: '一件事模板' }).click();
    await page.getByTestId('template-add').click();
    await page.getByTestId('template-name').fill('河道保洁一件事');
    await page.getByTestId('template-lead').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '水利站' }).first().click();
    await page.getByTestId('template-save').click();
    await expect.poll(() => countRows(e2e.host.core.db, 'matter_templates')).toBe(1);

    // The duty operator takes in an event in 河口村: the dispatch dialog suggests the village's unit, then the rule's.
    await newcomer.getByTestId('nav-events').click();
    await newcomer.getByTestId('event-create').click();
    await newcomer.getByTestId('intake-dialog').waitFor();
    await newcomer.getByTestId('intake-title').fill('河口村河道漂浮垃圾');
    await newcomer.getByTestId('intake-description').fill('河口村桥下河道漂浮大量生活垃圾，气味很大。');
    await newcomer.locator('[data-testid="intake-category"] input').fill('河道污染');
    await newcomer.locator('.el-cascader__suggestion-item:visible').first().click();
    await newcomer.getByTestId('intake-village').click();
    await newcomer.locator('.el-select-dropdown__item:visible', { hasText: '河口村' }).first().click();
    await newcomer.getByTestId('intake-address').fill('河口村桥下');
    await newcomer.getByTestId('intake-submit').click();
    await newcomer.getByTestId('event-detail').waitFor();
    const serial = (await newcomer.getByTestId('event-serial').textContent())!.trim();
    expect(serial).toMatch(/^HK-\d{8}-\d{4}$/);
    await newcomer.getByTestId('action-dispatch').click();
    const dispatch = newcomer.getByTestId('act-dialog-dispatch');
    await dispatch.getByTestId('suggest-lead-水利站').waitFor();
    const advice = await dispatch.getByTestId('dispatch-advice').innerText();
    expect(advice.indexOf('河口村委会')).toBeGreaterThanOrEqual(0);
    expect(advice.indexOf('河口村委会')).toBeLessThan(advice.indexOf('水利站'));
    // Dispatch by the template: its lead unit and the rule's deadlines.
    await dispatch.getByTestId('dispatch-template').click();
    await newcomer.locator('.el-select-dropdown__item:visible', { hasText: '河道保洁一件事' }).first().click();
    await dispatch.getByTestId('dialog-save').click();
    await dispatch.waitFor({ state: 'hidden' });
    const units = unitsOnEventSerial(e2e.host.core.db, serial);
    expect(units.map((u) => [u.name, u.role])).toEqual([['水利站', 'lead']]);
    expect(units[0]!.due).toBeGreaterThan(Date.now());
    const payload = actionPayloadOfSerial(e2e.host.core.db, serial, 'dispatch');
    expect(JSON.parse(payload!)).toHaveProperty('templateId');
    await newcomer.screenshot({ path: join(SCREENSHOT_DIR, 'setup-first-dispatch.png') });
  });
});

async function readDownload(download: Download): Promise<string[][]> {
  // Read as a stream, not from path(): the browser may be the run's shared one, connected to remotely.
  const failure = await download.failure();
  if (failure) throw new Error(`the download failed: ${failure}`);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}
