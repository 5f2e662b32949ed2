import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../core/demo/demo-township';
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
    expect(e2e.host.core.db.prepare('SELECT count(*) FROM township').pluck().get()).toBe(0);
    await page.getByTestId('setup-password-again').fill('river2026x');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'setup-zh-CN.png') });
    await page.getByTestId('setup-submit').click();

    await page.getByTestId('login-username').waitFor();
    const users = e2e.host.core.db.prepare('SELECT username FROM users').pluck().all();
    expect(users).toEqual(['hkadmin']);
    expect(users).not.toContain(DEMO_USERS[0]!.username);
    expect(e2e.host.core.db.prepare('SELECT code FROM township').pluck().get()).toBe('HK');
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
    await orgDialog.getByTestId('onboarding-file').setInputFiles({
      name: '村社区网格.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook([
        ['村（社区）', '类型', '网格', '网格员', '网格员电话'],
        ['河口村', '村', '第一网格', '张伟', '13800000001'],
        ['河口村', '村', '第二网格', '李娜', '13800000002'],
        ['滨江社区', '社区', '第一网格', '王芳', '13800000003'],
      ]),
    });
    await expect.poll(() => e2e.host.core.db.prepare('SELECT count(*) FROM grids').pluck().get(), { timeout: 20_000 }).toBe(3);
    await page.locator('.el-message', { hasText: '新增 5' }).waitFor();

    // The units sheet, then the users sheet with a unit handler.
    await page.getByTestId('units-import').click();
    const unitDialog = page.getByTestId('onboarding-import-units');
    await unitDialog.waitFor();
    await unitDialog.getByTestId('onboarding-file').setInputFiles({
      name: 'units.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFF单位名称,所属平台,联系电话,所属村社\r\n水利站,便民服务,0571-1234567,\r\n河口村委会,综治工作,,河口村\r\n',
      ),
    });
    await expect.poll(() => e2e.host.core.db.prepare('SELECT count(*) FROM units').pluck().get(), { timeout: 20_000 }).toBe(2);

    await page.goto(`${e2e.host.url}/#/users`);
    await page.getByTestId('users-import').click();
    const userDialog = page.getByTestId('onboarding-import-users');
    await userDialog.waitFor();
    // A bad sheet first: every problem listed, nothing created.
    await userDialog.getByTestId('onboarding-file').setInputFiles({
      name: 'bad.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook([
        ['用户名', '姓名', '角色', '单位'],
        ['hkwater', '吴水利', '承办人', '不存在的单位'],
        ['hkduty', '周值班', '厨师', ''],
      ]),
    });
    await userDialog.getByTestId('onboarding-import-failed').waitFor();
    expect(await userDialog.getByTestId('onboarding-import-errors').textContent()).toContain('单位不存在');
    expect(e2e.host.core.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);

    const sheetDownload = page.waitForEvent('download');
    await userDialog.getByTestId('onboarding-file').setInputFiles({
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
    expect(e2e.host.core.db.prepare("SELECT must_change_password FROM users WHERE username = 'hkduty'").pluck().get()).toBe(0);

    // The administrator's reference data: a routing rule (village first, then 水利站) and a 一件事 template.
    await page.goto(`${e2e.host.url}/#/reference`);
    await page.getByTestId('reference-page').waitFor();
    await page.getByRole('tab', { name: '派遣规则' }).click();
    await page.getByTestId('routing-units-sanitation').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '水利站' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('routing-save-sanitation').click();
    await expect
      .poll(() =>
        e2e.host.core.db
          .prepare("SELECT count(*) FROM routing_rules r JOIN units u ON u.id = r.unit_id WHERE u.name = '水利站'")
          .pluck()
          .get(),
      )
      .toBe(1);
    // Locality first: the village's own unit is suggested before the rule's units.
    await page.getByTestId('routing-locality-sanitation').click();
    await page.getByTestId('routing-save-sanitation').click();
    await expect
      .poll(() =>
        e2e.host.core.db
          .prepare(
            "SELECT locality_first FROM routing_rules WHERE category_id = (SELECT id FROM categories WHERE code = 'sanitation')",
          )
          .pluck()
          .get(),
      )
      .toBe(1);
    await page.getByRole('tab', { name: '一件事模板' }).click();
    await page.getByTestId('template-add').click();
    await page.getByTestId('template-name').fill('河道保洁一件事');
    await page.getByTestId('template-lead').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '水利站' }).first().click();
    await page.getByTestId('template-save').click();
    await expect.poll(() => e2e.host.core.db.prepare('SELECT count(*) FROM matter_templates').pluck().get()).toBe(1);

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
    const units = e2e.host.core.db
      .prepare(
        'SELECT u.name, eu.role, eu.handle_due_at AS due FROM event_units eu JOIN units u ON u.id = eu.unit_id JOIN events e ON e.id = eu.event_id WHERE e.serial = ?',
      )
      .all(serial) as { name: string; role: string; due: number }[];
    expect(units.map((u) => [u.name, u.role])).toEqual([['水利站', 'lead']]);
    expect(units[0]!.due).toBeGreaterThan(Date.now());
    const payload = e2e.host.core.db
      .prepare(
        "SELECT a.payload FROM event_actions a JOIN events e ON e.id = a.event_id WHERE e.serial = ? AND a.kind = 'dispatch'",
      )
      .pluck()
      .get(serial) as string;
    expect(JSON.parse(payload)).toHaveProperty('templateId');
    await newcomer.screenshot({ path: join(SCREENSHOT_DIR, 'setup-first-dispatch.png') });
  });
});

async function readDownload(download: { path(): Promise<string | null> }): Promise<string[][]> {
  const path = await download.path();
  if (!path) throw new Error('the download failed');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}
