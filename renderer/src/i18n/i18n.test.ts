import { describe, expect, it } from 'vitest';
// Relative imports: these tests run in plain Node under any vitest config, aliases or not.
import { QUEUE_SORTS, QUEUE_VIEWS } from '../../../common/contract';
import { ERROR_CODES } from '../../../common/errors';
import {
  EVENT_ACTIONS,
  EVENT_STATES,
  PRIORITIES,
  REQUEST_TYPES,
  RESOLVED_LEVELS,
  RETURN_REASONS,
  RISK_COLOURS,
  SATISFACTIONS,
  SOURCES,
  WARNINGS,
} from '../../../common/events';
import { PLATFORMS, UNIT_KINDS, VILLAGE_KINDS } from '../../../common/org';
import { ROLES } from '../../../common/roles';
import { LOCAL_ERROR_CODES } from '../api/errors';
import enUS from './en-US';
import zhCN from './zh-CN';

const LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/** Every leaf as [dotted key, value]; a list of strings (role duties) is one leaf. */
function leaves(messages: object, prefix = ''): [string, unknown][] {
  return Object.entries(messages).flatMap(([key, value]): [string, unknown][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? leaves(value, path) : [[path, value]];
  });
}

function lookup(messages: object, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined),
      messages,
    );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('message files', () => {
  it('zh-CN and en-US have exactly the same keys', () => {
    const zhKeys = leaves(zhCN)
      .map(([key]) => key)
      .sort();
    const enKeys = leaves(enUS)
      .map(([key]) => key)
      .sort();
    expect(enKeys).toEqual(zhKeys);
  });

  it.each(Object.entries(LOCALES))('%s has no empty or non-string message', (_locale, messages) => {
    for (const [key, value] of leaves(messages)) {
      const texts = Array.isArray(value) ? value : [value];
      expect(texts.length, key).toBeGreaterThan(0);
      for (const text of texts) {
        expect(typeof text, key).toBe('string');
        expect((text as string).trim(), key).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, zhValue] of leaves(zhCN)) {
      if (typeof zhValue !== 'string') continue;
      expect(placeholders(String(lookup(enUS, key))), key).toEqual(placeholders(zhValue));
    }
  });

  it.each(Object.entries(LOCALES))('%s avoids characters vue-i18n would read as syntax', (_locale, messages) => {
    // `|` separates plurals, `@` starts a linked message, a lone brace breaks interpolation.
    for (const [key, value] of leaves(messages)) {
      for (const text of Array.isArray(value) ? value : [value]) {
        const withoutPlaceholders = String(text).replace(/\{\w+\}/g, '');
        expect(withoutPlaceholders, key).not.toMatch(/[|@{}]/);
      }
    }
  });
});

describe('domain vocabulary is translated in both languages', () => {
  const required: [string, readonly string[]][] = [
    ['errors', [...ERROR_CODES, ...LOCAL_ERROR_CODES]],
    ['roles', ROLES],
    ['duties', ROLES],
    ['platforms', PLATFORMS],
    ['villageKinds', VILLAGE_KINDS],
    ['unitKinds', UNIT_KINDS],
    ['eventStates', EVENT_STATES],
    ['eventActions', EVENT_ACTIONS],
    ['timelineKinds', [...EVENT_ACTIONS, 'create', 'merged_from']],
    ['priorities', PRIORITIES],
    ['riskColours', RISK_COLOURS],
    ['requestTypes', REQUEST_TYPES],
    ['sources', SOURCES],
    ['returnReasons', RETURN_REASONS],
    ['satisfactions', SATISFACTIONS],
    ['resolvedLevels', RESOLVED_LEVELS],
    ['warnings', WARNINGS],
    ['queueViews', QUEUE_VIEWS],
    ['queueSorts', QUEUE_SORTS],
  ];

  for (const [section, names] of required) {
    it.each(Object.entries(LOCALES))(`%s translates every ${section} entry`, (_locale, messages) => {
      for (const name of names) {
        const value = lookup(messages, `${section}.${name}`);
        expect(value, `${section}.${name}`).toBeTruthy();
      }
    });
  }
});
