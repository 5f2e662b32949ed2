// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuthStore } from '@/stores/auth';
import { byTestId, chooseOption, click, freshPinia, mountDialog, settle, t, typeInto } from '@/testing/dialogs';
import { core } from '@/testing/fake-core';
import { directory, enforcementUnit, marketUnit, userOf } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: BatchDialog } = await import('./BatchDialog.vue');

const ids = [
  '01a22add-9fde-72a4-abf5-00000000e001',
  '01a22add-9fde-72a4-abf5-00000000e002',
  '01a22add-9fde-72a4-abf5-00000000e003',
];

function mount(action: 'dispatch' | 'register' | 'chase') {
  const pinia = freshPinia();
  useAuthStore().user = userOf('operator');
  return mountDialog(BatchDialog, pinia, { props: { open: true, action, ids } });
}

describe('BatchDialog', () => {
  beforeEach(() => {
    core.reset({
      'org.directory': { ok: true, value: directory },
      'events.batchCheck': {
        ok: true,
        value: {
          movable: [
            { id: ids[0], serial: 'QX-20261201-0001', title: '积水' },
            { id: ids[1], serial: 'QX-20261201-0002', title: '积水' },
          ],
          refused: [
            {
              id: ids[2],
              serial: 'QX-20261201-0003',
              title: '已办结的',
              state: 'closed',
              code: 'ILLEGAL_TRANSITION',
              message: 'x',
            },
          ],
        },
      },
      'events.batch': { ok: true, value: { done: [] } },
      'events.queue': { ok: true, value: { rows: [], total: 0 } },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('checks first, lists the refused event with its reason, and runs only the rest', async () => {
    const wrapper = mount('dispatch');
    await settle();
    await chooseOption('batch-lead', enforcementUnit.name);
    await chooseOption('batch-assists', marketUnit.name);
    await typeInto('batch-instructions', ' 请立即排水 ');
    expect(core.inputsOf('events.batch')).toEqual([]);
    await click(byTestId('batch-check-button'));
    await vi.waitFor(() => expect(byTestId('batch-refused').textContent).toContain('QX-20261201-0003'));
    const batch = {
      action: 'dispatch',
      leadUnitId: enforcementUnit.id,
      assistUnitIds: [marketUnit.id],
      instructions: '请立即排水',
    };
    expect(core.inputsOf('events.batchCheck')).toEqual([{ ids, batch }]);
    expect(byTestId('batch-refused').textContent).toContain(
      t('batch.reasons.ILLEGAL_TRANSITION', { state: t('eventStates.closed') }),
    );
    expect(byTestId('batch-confirm').textContent).toContain(t('batch.confirm', { count: 2 }));
    await click(byTestId('batch-confirm'));
    await vi.waitFor(() => expect(core.inputsOf('events.batch')).toHaveLength(1));
    expect(core.inputsOf('events.batch')[0]).toEqual({ ids: ids.slice(0, 2), batch });
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });

  it('cancelling after the check writes nothing', async () => {
    const wrapper = mount('register');
    await settle();
    await click(byTestId('batch-check-button'));
    await vi.waitFor(() => expect(core.inputsOf('events.batchCheck')).toHaveLength(1));
    await click(byTestId('dialog-cancel'));
    expect(core.inputsOf('events.batch')).toEqual([]);
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });

  it('a batch the core refuses at run time shows why and closes nothing', async () => {
    core.reset({
      ...core.replies,
      'events.batch': { ok: false, error: { code: 'ILLEGAL_TRANSITION', message: 'moved meanwhile' } },
    });
    const wrapper = mount('chase');
    await settle();
    await click(byTestId('batch-check-button'));
    await vi.waitFor(() => expect(byTestId('batch-confirm').hasAttribute('disabled')).toBe(false));
    await click(byTestId('batch-confirm'));
    await vi.waitFor(() => expect(byTestId('form-error').textContent).toContain(t('batch.failed', { reason: '' }).slice(0, 6)));
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });
});
