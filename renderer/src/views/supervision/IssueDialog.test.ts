// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderDraft } from '@common/contract';
import type { Role } from '@common/roles';
import { useAuthStore } from '@/stores/auth';
import {
  byTestId,
  chooseOption,
  chooseRadio,
  click,
  fieldErrorTexts,
  freshPinia,
  maybeByTestId,
  mountDialog,
  settle,
  t,
  typeInto,
} from '@/testing/dialogs';
import { core } from '@/testing/fake-core';
import { directory, enforcementUnit, event, marketUnit, userOf } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: IssueDialog } = await import('./IssueDialog.vue');

const DAY = 86_400_000;

/** What the supervision page hands the dialog for an event that is running late. */
const eventDraft = (): OrderDraft => ({
  strength: 'order',
  colour: 'yellow',
  targetKind: 'event',
  targetId: event.id,
  targetLabel: `${event.serial} ${event.title}`,
  unitIds: [marketUnit.id],
  problem: '超期未办结',
  requirements: '三日内办结并反馈',
  dueAt: Date.now() + 3 * DAY,
});

async function openAs(role: Role, draft: OrderDraft | null) {
  const pinia = freshPinia();
  useAuthStore().user = userOf(role);
  const wrapper = mountDialog(IssueDialog, pinia, { props: { open: true, draft } });
  await settle();
  return wrapper;
}

const strengthsOffered = () =>
  [...byTestId('issue-strength').querySelectorAll('[data-testid^="issue-strength-"]')].map((b) => b.getAttribute('data-testid'));
const colourLocked = () => [...byTestId('issue-colour').querySelectorAll('input')].every((input) => input.disabled);

describe('IssueDialog', () => {
  beforeEach(() => {
    core.reset({
      'org.directory': { ok: true, value: directory },
      'supervision.issue': { ok: true, value: { id: '0190a000-0000-7000-8000-000000000700', serial: 'DB-2026-0001' } },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('an operator may only chase, with the colour fixed; a director chooses strength and colour', async () => {
    const operator = await openAs('operator', null);
    expect(strengthsOffered()).toEqual(['issue-strength-chase']);
    expect(colourLocked()).toBe(true);
    operator.unmount();
    document.body.innerHTML = '';

    const director = await openAs('director', null);
    expect(strengthsOffered()).toEqual(['issue-strength-chase', 'issue-strength-order', 'issue-strength-flagged']);
    expect(colourLocked()).toBe(false);
    director.unmount();
  });

  it('a draft stronger than the operator may issue falls back to what they may issue', async () => {
    const wrapper = await openAs('operator', eventDraft());
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(core.inputsOf('supervision.issue')).toHaveLength(1));
    expect(core.inputsOf('supervision.issue')[0]).toMatchObject({ strength: 'chase', colour: 'blue' });
    wrapper.unmount();
  });

  it('an empty order shows what is missing and issues nothing', async () => {
    const wrapper = await openAs('director', null);
    await click(byTestId('dialog-save'));
    await vi.waitFor(() =>
      expect(fieldErrorTexts()).toEqual([
        t('supervision.issue.targetRule'),
        t('supervision.issue.unitsRule'),
        t('supervision.issue.problemRule'),
        t('supervision.issue.requirementsRule'),
        t('supervision.issue.dueRule'),
      ]),
    );
    expect(core.inputsOf('supervision.issue')).toEqual([]);
    expect(wrapper.emitted('issued')).toBeUndefined();
    wrapper.unmount();
  });

  it('a director issues a red flagged order on an event draft with the edited text', async () => {
    const draft = eventDraft();
    const wrapper = await openAs('director', draft);
    expect(maybeByTestId('issue-target')?.textContent).toContain(event.serial);
    await chooseRadio('issue-strength', t('supervision.strengths.flagged'));
    await chooseOption('issue-units', enforcementUnit.name);
    await typeInto('issue-problem', '  超期五日未办结  ');
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(core.inputsOf('supervision.issue')).toHaveLength(1));
    expect(core.inputsOf('supervision.issue')[0]).toEqual({
      strength: 'flagged',
      colour: 'red',
      targetKind: 'event',
      targetId: event.id,
      unitIds: [marketUnit.id, enforcementUnit.id],
      problem: '超期五日未办结',
      requirements: draft.requirements,
      dueAt: draft.dueAt,
      photos: [],
    });
    expect(wrapper.emitted('issued')).toEqual([['0190a000-0000-7000-8000-000000000700']]);
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });
});
