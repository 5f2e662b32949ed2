import { describe, expect, it } from 'vitest';
import type { Translator } from '../../../composables/errorText';
import zhCN from '../../../i18n/zh-CN';
import { timelineDetails, timelineKindLabel } from './timelineText';

function resolve(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zhCN);
}
const i18n: Translator = {
  te: (key) => typeof resolve(key) === 'string',
  t: (key, named = {}) => String(resolve(key) ?? key).replace(/\{(\w+)\}/g, (_m, name: string) => String(named[name] ?? '')),
};

describe('timeline entries in words', () => {
  it('names known kinds and keeps unknown ones as written', () => {
    expect(timelineKindLabel(i18n, 'dispatch')).toBe('派遣');
    expect(timelineKindLabel(i18n, 'county_answer')).toBe('county_answer');
  });

  it('translates the payload’s facts', () => {
    expect(timelineDetails(i18n, { kind: 'return', payload: { reasonCode: 'not_our_area' } })).toEqual(['属地不符']);
    expect(timelineDetails(i18n, { kind: 'sign', payload: { late: true } })).toEqual([zhCN.timeline.late]);
    expect(timelineDetails(i18n, { kind: 'verify', payload: { resolvedLevel: 'grid' } })).toEqual(['网格']);
    expect(timelineDetails(i18n, { kind: 'callback', payload: { satisfaction: 'dissatisfied' } })).toEqual(['不满意']);
  });

  it('leaves out values it does not know rather than showing codes', () => {
    expect(timelineDetails(i18n, { kind: 'return', payload: { reasonCode: 'weather' } })).toEqual([]);
  });
});
