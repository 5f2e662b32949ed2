import { describe, expect, it } from 'vitest';
import enUS from './en-US';
import zhCN from './zh-CN';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('county console messages', () => {
  it('zh-CN and en-US have exactly the same keys, none empty', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
    const value = (o: object, key: string) => key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], o);
    for (const messages of [zhCN, enUS])
      for (const key of keys(messages)) expect(String(value(messages, key)).trim(), key).not.toBe('');
  });
});
