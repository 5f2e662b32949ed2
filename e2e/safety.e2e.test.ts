import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropAuditTriggers, setAuditColumn } from '../db/testing-audit';
import { auditActionCount } from '../db/testing-e2e';
import { SCREENSHOT_DIR, signInOn, startE2E, type E2E } from './harness';

describe('data safety pages, in Chromium against the webhost', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('checks the audit chain from the audit page and names the row someone altered', async () => {
    const page = await e2e.newPage();
    await signInOn(page, 'admin');
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-outcome').textContent()).toContain('审计日志完整');

    // Someone with the file rewrites history: the triggers do not stop them, the chain shows it.
    const db = e2e.host.core.db;
    dropAuditTriggers(db);
    setAuditColumn(db, 'actor_name', '某人', 2);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-outcome').textContent()).toContain('第 2 条');
    expect(await page.getByTestId('audit-verify-outcome').textContent()).toContain('内容在写入后被修改');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'audit-verify-broken.png') });
  });

  it('backs up now, and restores after a typed confirmation; the tab then signs in again', async () => {
    const page = await e2e.newPage();
    await signInOn(page, 'admin');
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('backups-page').waitFor();
    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backups-table').textContent(), { timeout: 30_000 }).toContain('完好');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'backups.png') });

    await page.getByTestId('backup-restore').first().click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await box.locator('input').fill('恢复');
    await box.getByRole('button', { name: '恢复' }).click();
    await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
    expect(auditActionCount(e2e.host.core.db, 'restore')).toBe(1);
  });
});
