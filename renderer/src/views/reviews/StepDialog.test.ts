// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewDetail } from '@common/contract';
import { byTestId, chooseOption, click, freshPinia, maybeByTestId, mountDialog, settle, t, typeInto } from '@/testing/dialogs';
import { core } from '@/testing/fake-core';
import { directory, enforcementUnit } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: StepDialog } = await import('./StepDialog.vue');

const detail: ReviewDetail = {
  id: '0190a000-0000-7000-8000-000000000a01',
  serial: '复盘〔2026〕1号',
  title: '清溪村变压器起火复盘',
  scope: 'event',
  state: 'open',
  events: 1,
  openedAt: Date.UTC(2026, 10, 28),
  openImprovements: 0,
  categoryName: null,
  windowFrom: null,
  windowTo: null,
  wentWell: '',
  wentBadly: '',
  conclusion: '',
  openedByName: '李主任',
  concludedAt: null,
  closedAt: null,
  coveredEvents: [],
  steps: [],
  improvements: [],
  timeline: [],
  allowedActions: ['write_findings', 'add_improvement', 'conclude'],
};

async function open(step: 'add_improvement' | 'conclude') {
  const pinia = freshPinia();
  const wrapper = mountDialog(StepDialog, pinia, { props: { step: null, detail } });
  await wrapper.setProps({ step });
  await settle();
  return wrapper;
}

describe('the review step dialog', () => {
  beforeEach(() => {
    core.reset({
      'org.directory': { ok: true, value: directory },
      'reviews.addImprovement': { ok: true, value: { id: detail.id, improvementId: '0190a000-0000-7000-8000-000000000a02' } },
      'reviews.conclude': {
        ok: false,
        error: { code: 'ILLEGAL_TRANSITION', message: 'Write what went well and what did not before concluding the review.' },
      },
      'reviews.list': { ok: true, value: [] },
      'reviews.get': { ok: true, value: detail },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('sends a supervision improvement action for the chosen unit, and closes', async () => {
    const wrapper = await open('add_improvement');
    expect(byTestId('review-step-dialog').textContent).toContain(t('reviews.actions.add_improvement'));
    await chooseOption('review-improvement-unit', enforcementUnit.name);
    await typeInto('review-step-text', '建立夜间应急值守制度');
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(core.inputsOf('reviews.addImprovement')).toHaveLength(1));
    expect(core.inputsOf('reviews.addImprovement')[0]).toMatchObject({
      id: detail.id,
      kind: 'supervision',
      measure: '建立夜间应急值守制度',
      unitId: enforcementUnit.id,
    });
    await vi.waitFor(() => expect(wrapper.emitted('close')).toHaveLength(1));
    wrapper.unmount();
  });

  it('shows the core’s refusal and stays open', async () => {
    const wrapper = await open('conclude');
    await typeInto('review-step-text', '处置及时');
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(maybeByTestId('form-error')).not.toBeNull());
    expect(byTestId('form-error').textContent).toContain(t('errors.ILLEGAL_TRANSITION'));
    expect(core.inputsOf('reviews.conclude')).toEqual([{ id: detail.id, conclusion: '处置及时' }]);
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });
});
