// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CaseCard from './CaseCard.vue';

describe('CaseCard', () => {
  it('is a button in its warning colour that says when it is pressed', async () => {
    const card = mount(CaseCard, { props: { warning: 'red', selected: true }, slots: { default: 'EV-1' } });
    expect(card.element.tagName).toBe('BUTTON');
    expect(card.classes()).toEqual(expect.arrayContaining(['case-card--red', 'case-card--selected']));
    expect(card.text()).toBe('EV-1');
    await card.trigger('click');
    expect(card.emitted('click')).toHaveLength(1);
  });

  it('holds the place of a row not read yet, and cannot be pressed', async () => {
    const card = mount(CaseCard, { props: { placeholder: true }, slots: { default: '…' } });
    expect(card.element.tagName).toBe('DIV');
    expect(card.classes()).toContain('case-card--placeholder');
    await card.trigger('click');
    expect(card.emitted('click')).toBeUndefined();
  });
});
