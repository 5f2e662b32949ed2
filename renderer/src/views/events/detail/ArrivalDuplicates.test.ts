// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuthStore } from '@/stores/auth';
import { byTestId, click, freshPinia, maybeByTestId, mountDialog, settle } from '@/testing/dialogs';
import { core } from '@/testing/fake-core';
import { event, userOf } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: ArrivalDuplicates } = await import('./ArrivalDuplicates.vue');

const candidate = {
  id: '01a22add-9fde-72a4-abf5-00000000d001',
  serial: 'QX-20261201-0007',
  title: '桥头垃圾堆放',
  state: 'registered',
  reportedAt: Date.UTC(2026, 11, 1, 1),
  distanceMetres: 40,
  sameGrid: true,
  similarity: 0.8,
};

describe('ArrivalDuplicates', () => {
  beforeEach(() => {
    core.reset({
      'events.duplicatesOf': { ok: true, value: [candidate] },
      'events.act': { ok: true, value: { id: event.id, state: 'merged' } },
      'events.get': { ok: true, value: { ...event, state: 'merged' } },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('asks the core for the arrival’s duplicates and merges into one with a click', async () => {
    const pinia = freshPinia();
    useAuthStore().user = userOf('operator');
    const wrapper = mountDialog(ArrivalDuplicates, pinia, { props: { event: { ...event, state: 'reported' } } });
    await settle();
    expect(core.inputsOf('events.duplicatesOf')).toEqual([{ id: event.id }]);
    expect(maybeByTestId(`duplicate-${candidate.serial}`)).not.toBeNull();
    await click(byTestId(`duplicate-merge-${candidate.serial}`));
    await vi.waitFor(() =>
      expect(core.inputsOf('events.act')).toEqual([{ action: 'merge', id: event.id, intoId: candidate.id }]),
    );
    wrapper.unmount();
  });
});
