// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RiskDetail } from '@common/contract';
import { byTestId, chooseOption, click, freshPinia, maybeByTestId, mountDialog, settle, t, typeInto } from '@/testing/dialogs';
import { core } from '@/testing/fake-core';
import { directory, enforcementUnit } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: StepDialog } = await import('./StepDialog.vue');

const detail: RiskDetail = {
  id: '0190a000-0000-7000-8000-000000000901',
  serial: '稳评〔2026〕3号',
  title: '垃圾中转站选址',
  proposingUnitName: enforcementUnit.name,
  proposingUnitId: enforcementUnit.id,
  kind: 'project',
  peopleAffected: 860,
  state: 'rated',
  level: 'high',
  createdAt: Date.UTC(2026, 10, 1),
  decidedAt: null,
  overdueTasks: 0,
  nextReviewAt: null,
  scope: '镇区东片',
  risks: '异味、噪音',
  levelReason: '反对意见集中',
  decisionReason: '',
  decidedByName: null,
  methods: [],
  tasks: [],
  reviews: [],
  timeline: [],
  allowedActions: ['decide', 'add_task'],
};

async function open(action: 'decide' | 'rate') {
  const pinia = freshPinia();
  const wrapper = mountDialog(StepDialog, pinia, { props: { action: null, detail } });
  await wrapper.setProps({ action });
  await settle();
  return wrapper;
}

describe('the risk-assessment step dialog', () => {
  beforeEach(() => {
    core.reset({
      'org.directory': { ok: true, value: directory },
      'risk.decide': { ok: true, value: { id: detail.id, state: 'rejected' } },
      'risk.rate': {
        ok: false,
        error: { code: 'ILLEGAL_TRANSITION', message: 'Record at least one assessment method before rating the risk.' },
      },
      'risk.list': { ok: true, value: [] },
      'risk.get': { ok: true, value: { ...detail, state: 'rejected' } },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('sends the director’s 不予实施 with the reason, and closes', async () => {
    const wrapper = await open('decide');
    expect(byTestId('risk-step-dialog').textContent).toContain(t('risk.actions.decide'));
    await chooseOption('risk-decision', t('risk.states.rejected'));
    // Reviews are asked for only when the decision is carried out.
    expect(maybeByTestId('risk-review-months')).toBeNull();
    await typeInto('risk-step-text', '  听证反对意见集中，另行选址  ');
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(core.inputsOf('risk.decide')).toHaveLength(1));
    expect(core.inputsOf('risk.decide')[0]).toEqual({
      id: detail.id,
      decision: 'rejected',
      reason: '  听证反对意见集中，另行选址  ',
      reviewMonths: [3, 6],
    });
    await vi.waitFor(() => expect(wrapper.emitted('close')).toHaveLength(1));
    wrapper.unmount();
  });

  it('shows the core’s refusal and stays open', async () => {
    const wrapper = await open('rate');
    await typeInto('risk-step-text', '风险较高');
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(maybeByTestId('form-error')).not.toBeNull());
    expect(core.inputsOf('risk.rate')).toHaveLength(1);
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });
});
