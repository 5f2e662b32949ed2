// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Enrollment } from '@common/contract';
import { byTestId, click, freshPinia, mountDialog, settle, typeInto } from '@/testing/dialogs';
import { core } from '@/testing/fake-core';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: EnrollmentCodes } = await import('./EnrollmentCodes.vue');
const { useServerStore } = await import('@/stores/server');

const at = Date.UTC(2026, 11, 7, 2, 0);
const pending: Enrollment = {
  id: '0190a000-0000-7000-8000-000000000e01',
  label: '2 号值班台',
  createdByName: '系统管理员',
  createdAt: at,
  expiresAt: at + 86_400_000,
  status: 'pending',
  redeemedAt: null,
  redeemedAddress: null,
  deskName: null,
  revokedAt: null,
};
const used: Enrollment = {
  ...pending,
  id: '0190a000-0000-7000-8000-000000000e02',
  label: '所长办公室',
  status: 'redeemed',
  redeemedAt: at + 60_000,
  redeemedAddress: '192.168.1.31',
  deskName: 'DESK-DIRECTOR',
};

describe('the desk enrollment codes on the room server page', () => {
  beforeEach(() => {
    core.reset({
      'server.certificate': { ok: true, value: null },
      'auth.sessions': { ok: true, value: [] },
      'server.enrollments': { ok: true, value: [pending, used] },
      'server.createEnrollment': { ok: true, value: { ...pending, code: '7K3M-Q9TX-2HPC' } },
      'server.revokeEnrollment': { ok: true, value: null },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('lists the codes with their state and the desk that used one, and withdraws only an unused one', async () => {
    const pinia = freshPinia();
    mountDialog(EnrollmentCodes, pinia);
    await useServerStore().load();
    await settle();
    const list = byTestId('enrollment-list').textContent ?? '';
    expect(list).toContain('2 号值班台');
    expect(list).toContain('待使用');
    expect(list).toContain('已使用');
    expect(list).toContain('DESK-DIRECTOR (192.168.1.31)');
    const buttons = [...document.body.querySelectorAll<HTMLButtonElement>('[data-testid="enrollment-revoke"]')];
    expect(buttons.map((b) => b.disabled)).toEqual([false, true]);

    await click(buttons[0]!);
    await settle();
    const confirm = document.body.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary');
    expect(document.body.querySelector('.el-message-box')?.textContent).toContain('2 号值班台');
    await click(confirm!);
    await settle();
    expect(core.inputsOf('server.revokeEnrollment')).toEqual([{ id: pending.id }]);
  });

  it('makes a code for what the admin typed and shows it once', async () => {
    const pinia = freshPinia();
    mountDialog(EnrollmentCodes, pinia);
    await settle();
    expect((byTestId('enrollment-create') as HTMLButtonElement).disabled).toBe(true);
    await typeInto('enrollment-label', '  2 号值班台 ');
    await click(byTestId('enrollment-create'));
    await settle();
    expect(core.inputsOf('server.createEnrollment')).toEqual([{ label: '2 号值班台' }]);
    expect(document.body.querySelector('.el-message-box')?.textContent).toContain('7K3M-Q9TX-2HPC');
  });
});
