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

describe('per-feature message files', () => {
  // Every `<feature>.zh-CN.ts` next to this test, with its English twin.
  const zhFiles = import.meta.glob<Record<string, unknown>>('./*.zh-CN.ts', { eager: true });
  const enFiles = import.meta.glob<Record<string, unknown>>('./*.en-US.ts', { eager: true });
  const features = Object.keys(zhFiles)
    .map((path) => path.slice(2, -'.zh-CN.ts'.length))
    .filter((feature) => feature !== 'zh-CN')
    .sort();
  // A named export carries its language in its name (`iotTimelineKindsZh`/`…En`): compare without it.
  const unsuffixed = (module: Record<string, unknown>): object =>
    Object.fromEntries(Object.entries(module).map(([name, value]) => [name.replace(/(Zh|En)$/, ''), value]));

  it('the messages are split into feature files, each with an English twin', () => {
    expect(features.length).toBeGreaterThanOrEqual(10);
    const enFeatures = Object.keys(enFiles)
      .map((path) => path.slice(2, -'.en-US.ts'.length))
      .filter((feature) => feature !== 'en-US')
      .sort();
    expect(enFeatures).toEqual(features);
  });

  it.each(features)('%s: zh-CN and en-US files have exactly the same keys and placeholders', (feature) => {
    const zh = unsuffixed(zhFiles[`./${feature}.zh-CN.ts`]!);
    const en = unsuffixed(enFiles[`./${feature}.en-US.ts`]!);
    const zhLeaves = leaves(zh);
    expect(
      leaves(en)
        .map(([key]) => key)
        .sort(),
    ).toEqual(zhLeaves.map(([key]) => key).sort());
    for (const [key, value] of zhLeaves) {
      if (typeof value === 'string') expect(placeholders(String(lookup(en, key))), key).toEqual(placeholders(value));
    }
  });

  it.each(features)('%s is wired into both root files', (feature) => {
    // Each message of the feature file must be reachable from the assembled tree.
    for (const [locale, files, root] of [
      ['zh-CN', zhFiles, zhCN],
      ['en-US', enFiles, enUS],
    ] as const) {
      const reachable = new Set(leaves(root).map(([, value]) => JSON.stringify(value)));
      for (const [key, value] of leaves(files[`./${feature}.${locale}.ts`]!)) {
        expect(reachable.has(JSON.stringify(value)), `${feature}.${locale}: ${key}`).toBe(true);
      }
    }
  });
});
