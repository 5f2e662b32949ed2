// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventDetail } from '@common/contract';
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

/** The core, as far as the dialog can tell: every call recorded, each answered with `reply`. */
const api = vi.hoisted(() => ({
  calls: [] as { method: string; input: unknown }[],
  reply: { ok: true, value: null } as unknown,
}));
vi.mock('@/api/client', () => ({
  call: async (method: string, input: unknown) => {
    api.calls.push({ method, input });
    return api.reply;
  },
  onPush: () => () => {},
}));

const { default: ActDialog } = await import('./ActDialog.vue');
const { default: ActionBar } = await import('./ActionBar.vue');

const event: EventDetail = {
  id: '0190a000-0000-7000-8000-000000000001',
  serial: 'SJ-2026-000123',
  title: '路灯不亮',
  description: '村口路灯连续三晚不亮',
  categoryId: '0190a000-0000-7000-8000-0000000000c1',
  categoryName: '市政设施',
  requestType: 'request',
  source: 'walk_in',
  priority: 'normal',
  riskColour: 'green',
  villageId: null,
  villageName: null,
  gridId: null,
  gridName: null,
  address: '',
  lat: null,
  lng: null,
  reporterName: null,
  reporterPhone: null,
  reportedAt: Date.UTC(2026, 11, 1, 2),
  state: 'handling',
  leadUnitId: null,
  signDueAt: null,
  handleDueAt: Date.UTC(2026, 11, 20, 10),
  warning: 'none',
  resolvedLevel: null,
  satisfaction: null,
  mergedInto: null,
  owner: 'township',
  returnCount: 0,
  reworkCount: 0,
  units: [],
  timeline: [],
  attachments: [],
  pendingExtension: null,
  allowedActions: ['return', 'escalate'],
};

describe('ActDialog', () => {
  beforeEach(() => {
    api.calls = [];
    api.reply = { ok: true, value: null };
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
    expect(api.calls).toEqual([]);
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
    expect(api.calls).toEqual([
      {
        method: 'events.act',
        input: { action: 'return', id: event.id, reasonCode: 'not_our_function', reason: '不属于本单位职责' },
      },
    ]);
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });

  it('when the core refuses, its message is shown and the dialog stays open', async () => {
    api.reply = { ok: false, error: { code: 'FORBIDDEN', message: 'not allowed' } };
    const pinia = freshPinia();
    const wrapper = mountDialog(ActDialog, pinia, { props: { open: true, action: 'escalate', event } });
    await settle();
    await typeInto('act-reason', '超出本级处置能力');
    await click(byTestId('dialog-save'));
    expect(api.calls).toEqual([
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
