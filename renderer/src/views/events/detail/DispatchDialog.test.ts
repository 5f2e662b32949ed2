// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuthStore } from '@/stores/auth';
import {
  byTestId,
  chooseOption,
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
import { directory, enforcementUnit, event, marketUnit, userOf, villageUnit } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: DispatchDialog } = await import('./DispatchDialog.vue');

const acts = () => core.inputsOf('events.act');

function mountAs(role: 'director' | 'operator') {
  const pinia = freshPinia();
  useAuthStore().user = userOf(role);
  return mountDialog(DispatchDialog, pinia, { props: { open: true, event } });
}

describe('DispatchDialog', () => {
  beforeEach(() => {
    core.reset({
      'org.directory': { ok: true, value: directory },
      'events.routing': {
        ok: true,
        value: {
          suggestions: [{ unitId: villageUnit.id, unitName: villageUnit.name, reason: 'locality' }],
          templates: [],
          signDueAt: Date.UTC(2026, 11, 2, 2),
          handleDueAt: Date.UTC(2026, 11, 9, 2),
        },
      },
      'events.act': { ok: true, value: null },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('asks the core for routing advice and shows its suggestion', async () => {
    const wrapper = mountAs('operator');
    await settle();
    expect(core.calls).toContainEqual({ method: 'events.routing', input: { id: event.id } });
    expect(maybeByTestId(`suggest-lead-${villageUnit.name}`)).not.toBeNull();
    wrapper.unmount();
  });

  it('without a lead unit it shows the rule and dispatches nothing', async () => {
    const wrapper = mountAs('operator');
    await settle();
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(fieldErrorTexts()).toEqual([t('act.dispatch.leadRule')]));
    expect(acts()).toEqual([]);
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });

  it('dispatches to the suggested lead with assisting units and trimmed instructions', async () => {
    const wrapper = mountAs('operator');
    await settle();
    await click(byTestId(`suggest-lead-${villageUnit.name}`));
    await chooseOption('dispatch-assists', marketUnit.name);
    await chooseOption('dispatch-assists', enforcementUnit.name);
    await typeInto('dispatch-instructions', '  今晚前修复  ');
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(acts()).toHaveLength(1));
    expect(acts()[0]).toEqual({
      action: 'dispatch',
      id: event.id,
      leadUnitId: villageUnit.id,
      assistUnitIds: [marketUnit.id, enforcementUnit.id],
      instructions: '今晚前修复',
    });
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });

  it('only the director is offered a deadline of their own', async () => {
    const operator = mountAs('operator');
    await settle();
    expect(maybeByTestId('dispatch-due')).toBeNull();
    operator.unmount();
    document.body.innerHTML = '';

    const director = mountAs('director');
    await settle();
    expect(maybeByTestId('dispatch-due')).not.toBeNull();
    director.unmount();
  });
});
