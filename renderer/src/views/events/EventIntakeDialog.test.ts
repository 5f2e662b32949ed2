// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Category } from '@/stores/reference';
import {
  byTestId,
  chooseOption,
  chooseRadio,
  click,
  fieldErrorTexts,
  freshPinia,
  mountDialog,
  settle,
  t,
  typeInto,
} from '@/testing/dialogs';
import { core } from '@/testing/fake-core';
import { directory } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: EventIntakeDialog } = await import('./EventIntakeDialog.vue');

const categories: Category[] = [
  { id: '0190a000-0000-7000-8000-000000000500', parentId: null, code: '01', name: '城乡建设', disabled: false },
  {
    id: '0190a000-0000-7000-8000-000000000501',
    parentId: '0190a000-0000-7000-8000-000000000500',
    code: '0101',
    name: '路灯照明',
    disabled: false,
  },
];
const created = { id: '0190a000-0000-7000-8000-000000000600', serial: 'QX-20261207-0001' };

/** Opened the way the queue page opens it: mounted closed, then shown. */
async function openIntake() {
  const pinia = freshPinia();
  const wrapper = mountDialog(EventIntakeDialog, pinia, { props: { open: false } });
  await wrapper.setProps({ open: true });
  await settle();
  return wrapper;
}

/** Picks a leaf category in the cascader by clicking through its (teleported) panel. */
async function chooseCategory(top: string, leaf: string): Promise<void> {
  await click(byTestId('intake-category').querySelector('.el-cascader')!);
  const node = (label: string) =>
    [...document.body.querySelectorAll('.el-cascader-node')].find((n) => n.textContent?.trim() === label) as HTMLElement;
  await click(node(top));
  await click(node(leaf));
}

// The largest form of the app: mounting it takes seconds on a busy machine.
describe('EventIntakeDialog', { timeout: 60_000 }, () => {
  beforeEach(() => {
    core.reset({
      'org.directory': { ok: true, value: directory },
      'events.reference': { ok: true, value: { categories, templates: [] } },
      'events.duplicates': { ok: true, value: [] },
      'events.create': { ok: true, value: created },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('loads the directory and the categories it offers when opened', async () => {
    const wrapper = await openIntake();
    expect(core.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['org.directory', 'events.reference']));
    wrapper.unmount();
  });

  it('an empty intake shows the title and category rules and creates nothing', async () => {
    const wrapper = await openIntake();
    await click(byTestId('intake-submit'));
    await vi.waitFor(() =>
      expect(fieldErrorTexts()).toEqual([
        t('intake.titleRule', { max: 80 }),
        t('intake.categoryRule'),
        t('intake.descriptionRule', { max: 4000 }),
      ]),
    );
    expect(core.inputsOf('events.create')).toEqual([]);
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });

  it('a bad phone number is refused before anything is sent', async () => {
    const wrapper = await openIntake();
    await typeInto('intake-title', '村口路灯不亮');
    await chooseCategory('城乡建设', '路灯照明');
    await typeInto('intake-description', '村口路灯连续三晚不亮');
    await typeInto('intake-reporter-phone', '138-ABCD');
    await click(byTestId('intake-submit'));
    await vi.waitFor(() => expect(fieldErrorTexts()).toEqual([t('validation.phone')]));
    expect(core.inputsOf('events.create')).toEqual([]);
    wrapper.unmount();
  });

  it('a complete intake sends events.create with the form as the contract wants it, then closes', async () => {
    const wrapper = await openIntake();
    await typeInto('intake-title', '  村口路灯不亮  ');
    await chooseCategory('城乡建设', '路灯照明');
    await chooseRadio('intake-priority', t('priorities.urgent'));
    await chooseOption('intake-village', directory.villages[0]!.name);
    await typeInto('intake-description', '村口路灯连续三晚不亮');
    await typeInto('intake-reporter-phone', '13800000001');
    await click(byTestId('intake-submit'));
    await vi.waitFor(() => expect(core.inputsOf('events.create')).toHaveLength(1));
    expect(core.inputsOf('events.create')[0]).toEqual({
      title: '村口路灯不亮',
      description: '村口路灯连续三晚不亮',
      categoryId: categories[1]!.id,
      requestType: 'request',
      source: 'walk_in',
      priority: 'urgent',
      riskColour: 'green',
      villageId: directory.villages[0]!.id,
      gridId: null,
      address: '',
      reporterName: null,
      reporterPhone: '13800000001',
      photos: [],
      register: true,
    });
    await vi.waitFor(() => expect(wrapper.emitted('close')).toHaveLength(1));
    wrapper.unmount();
  });
});
