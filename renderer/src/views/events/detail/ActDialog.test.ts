// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  byTestId,
  chooseOption,
  fieldErrorTexts,
  freshPinia,
  maybeByTestId,
  mountDialog,
  settle,
  t,
  typeInto,
  click,
} from '@/testing/dialogs';
import { core } from '@/testing/fake-core';
import { event } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: ActDialog } = await import('./ActDialog.vue');
const { default: ActionBar } = await import('./ActionBar.vue');

describe('ActDialog', () => {
  beforeEach(() => {
    core.reset({ 'events.act': { ok: true, value: null } });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('a return without a reason code and reason shows both rules and calls nothing', async () => {
    const pinia = freshPinia();
    const wrapper = mountDialog(ActDialog, pinia, { props: { open: true, action: 'return', event } });
    await settle();
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(fieldErrorTexts()).toEqual([t('validation.selectRequired'), t('act.reasonRule')]));
    expect(core.calls).toEqual([]);
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });

  it('a valid return sends events.act with the code and the trimmed reason, then closes', async () => {
    const pinia = freshPinia();
    const wrapper = mountDialog(ActDialog, pinia, { props: { open: true, action: 'return', event } });
    await settle();
    await chooseOption('return-code', t('returnReasons.not_our_function'));
    await typeInto('act-reason', '  不属于本单位职责  ');
    await click(byTestId('dialog-save'));
    expect(fieldErrorTexts()).toEqual([]);
    expect(core.calls).toEqual([
      {
        method: 'events.act',
        input: { action: 'return', id: event.id, reasonCode: 'not_our_function', reason: '不属于本单位职责' },
      },
    ]);
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });

  it('when the core refuses, its message is shown and the dialog stays open', async () => {
    core.replies['events.act'] = { ok: false, error: { code: 'FORBIDDEN', message: 'not allowed' } };
    const pinia = freshPinia();
    const wrapper = mountDialog(ActDialog, pinia, { props: { open: true, action: 'escalate', event } });
    await settle();
    await typeInto('act-reason', '超出本级处置能力');
    await click(byTestId('dialog-save'));
    expect(core.calls).toEqual([
      { method: 'events.act', input: { action: 'escalate', id: event.id, reason: '超出本级处置能力' } },
    ]);
    expect(byTestId('form-error').textContent).toContain(t('errors.FORBIDDEN'));
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });

  it('each action shows only its own fields', async () => {
    const pinia = freshPinia();
    const wrapper = mountDialog(ActDialog, pinia, { props: { open: true, action: 'escalate', event } });
    await settle();
    expect(maybeByTestId('act-reason')).not.toBeNull();
    expect(maybeByTestId('return-code')).toBeNull();
    expect(maybeByTestId('act-note')).toBeNull();
    wrapper.unmount();
  });
});

describe('ActionBar', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('offers exactly the actions the core allows, and says so when there are none', async () => {
    const pinia = freshPinia();
    const wrapper = mountDialog(ActionBar, pinia, { props: { actions: event.allowedActions } });
    await settle();
    const offered = [...document.body.querySelectorAll('[data-testid^="action-"]')].map((b) => b.getAttribute('data-testid'));
    expect(offered).toEqual(['action-return', 'action-escalate']);
    await click(byTestId('action-escalate'));
    expect(wrapper.emitted('act')).toEqual([['escalate']]);
    await wrapper.setProps({ actions: [] });
    expect(document.body.querySelectorAll('[data-testid^="action-"]')).toHaveLength(0);
    expect(byTestId('no-actions').textContent).toBe(t('eventDetail.noActions'));
    wrapper.unmount();
  });
});
