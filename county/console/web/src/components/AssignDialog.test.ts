// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus, { ElSelect } from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n';
import AssignDialog from './AssignDialog.vue';

const calls: { method: string; input: unknown }[] = [];
let refuse: { code: string; message: string } | null = null;
vi.mock('../api', () => {
  class ConsoleCallError extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  }
  return {
    ConsoleCallError,
    onChanged: () => () => {},
    rememberToken: () => {},
    call: async (method: string, input: unknown) => {
      calls.push({ method, input });
      if (method === 'townships.list') return { townships: [{ id: 'QX', name: '清溪镇' }] };
      if (refuse) throw new ConsoleCallError(refuse.code, refuse.message);
      return { serial: 'XJ-20261207-001', countyRef: 'county-XJ-20261207-001' };
    },
  };
});

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 10));
  }
};
const field = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
async function type(id: string, text: string) {
  const host = field(id);
  const input = host.matches('input, textarea') ? host : host.querySelector<HTMLInputElement>('input, textarea')!;
  (input as HTMLInputElement).value = text;
  input.dispatchEvent(new Event('input'));
  await settle();
}

describe('AssignDialog', () => {
  beforeEach(() => {
    calls.length = 0;
    refuse = null;
    setActivePinia(createPinia());
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  function open() {
    const pinia = createPinia();
    setActivePinia(pinia);
    return mount(AssignDialog, {
      props: { modelValue: false },
      attachTo: document.body,
      global: { plugins: [ElementPlus, i18n, pinia] },
    });
  }

  it('sends the form as one assignments.create call and closes', async () => {
    const wrapper = open();
    await wrapper.setProps({ modelValue: true });
    await settle();
    expect(calls.map((c) => c.method)).toEqual(['townships.list']);
    wrapper.findComponent(ElSelect).vm.$emit('update:modelValue', 'QX');
    await type('assign-title', '县级交办：河道垃圾');
    await type('assign-description', '群众反映河道垃圾堆积');
    field('assign-submit').click();
    await settle();
    const sent = calls.find((c) => c.method === 'assignments.create')?.input as Record<string, unknown>;
    expect(sent).toMatchObject({
      townshipId: 'QX',
      title: '县级交办：河道垃圾',
      description: '群众反映河道垃圾堆积',
      priority: 'normal',
    });
    // The deadline goes as ISO 8601, three days ahead by default.
    expect(Date.parse(String(sent.handleDueAt)) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    expect(wrapper.emitted('assigned')).toEqual([['XJ-20261207-001']]);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });

  it('stays open when the county refuses, and says why in the page language', async () => {
    refuse = { code: 'NOT_FOUND', message: 'There is no township "QX".' };
    const wrapper = open();
    await wrapper.setProps({ modelValue: true });
    await settle();
    field('assign-submit').click();
    await settle();
    expect(wrapper.emitted('assigned')).toBeUndefined();
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
    expect(document.body.textContent).toContain('找不到');
  });
});
