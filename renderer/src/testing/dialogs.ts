/**
 * Test support for component tests of dialogs: mount the real component with
 * Element Plus, the app's i18n (Chinese, its first language) and a fresh Pinia,
 * and reach into the document, where el-dialog teleports its content.
 */
import { flushPromises, mount, type ComponentMountingOptions } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';

export const t = i18n.global.t;

export function freshPinia(): Pinia {
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

/** Mounts `component` into document.body with the app's plugins; `pinia` must be the active one the test set up. */
export function mountDialog<C extends Component>(component: C, pinia: Pinia, options: ComponentMountingOptions<C> = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', name: 'event-detail', component: { render: () => null } }],
  });
  i18n.global.locale.value = 'zh-CN';
  return mount(component, {
    ...options,
    attachTo: document.body,
    global: { plugins: [ElementPlus, i18n, pinia, router] },
  } as ComponentMountingOptions<C>);
}

/** Element Plus validates asynchronously and animates: let promises and a few timers run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5 || (document.body.querySelector('.is-validating') && i < 200); i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function byTestId(id: string): HTMLElement {
  const element = document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!element) throw new Error(`no element with data-testid="${id}" in the document`);
  return element;
}

export function maybeByTestId(id: string): HTMLElement | null {
  return document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
}

/** Types into the <input> or <textarea> inside an Element Plus input (or the element itself). */
export async function typeInto(id: string, text: string): Promise<void> {
  const host = byTestId(id);
  const field = host.matches('input, textarea')
    ? host
    : host.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
  if (!field) throw new Error(`no text field inside data-testid="${id}"`);
  (field as HTMLInputElement).value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  field.dispatchEvent(new Event('blur', { bubbles: true }));
  await settle();
}

/** The text in an Element Plus input (its test id lands on the <input> itself) or in the field inside `id`. */
export function fieldValue(id: string): string {
  const host = byTestId(id);
  const field = host.matches('input, textarea') ? host : host.querySelector('input, textarea');
  return (field as HTMLInputElement | null)?.value ?? '';
}

export async function click(element: Element): Promise<void> {
  (element as HTMLElement).click();
  await settle();
}

/** Clicks the radio (button) with this label inside a radio group. */
export async function chooseRadio(groupId: string, label: string): Promise<void> {
  const group = byTestId(groupId);
  const option = [...group.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  if (!option) throw new Error(`no option "${label}" in data-testid="${groupId}"`);
  const input = option.querySelector('input');
  await click(input ?? option);
}

/** Opens an el-select and picks the option with this label from its own (teleported) list. */
export async function chooseOption(selectId: string, label: string): Promise<void> {
  const host = byTestId(selectId);
  await click(host.querySelector('.el-select__wrapper') ?? host);
  const listId = host.querySelector('[aria-controls]')?.getAttribute('aria-controls');
  const list = listId ? document.getElementById(listId) : null;
  if (!list) throw new Error(`no option list for data-testid="${selectId}"`);
  const option = [...list.querySelectorAll('.el-select-dropdown__item')].find((item) => item.textContent?.trim() === label);
  if (!option) throw new Error(`no option "${label}" for data-testid="${selectId}"`);
  await click(option);
}

/** Texts of the validation messages now shown under form items. */
export function fieldErrorTexts(): string[] {
  return [...document.body.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim() ?? '');
}
