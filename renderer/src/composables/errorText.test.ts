import { describe, expect, it } from 'vitest';
import zhCN from '../i18n/zh-CN';
import { describeError, type Translator } from './errorText';

/** A tiny stand-in for vue-i18n's t/te over the Chinese messages. */
const translator: Translator = {
  te: (key) => typeof resolve(key) === 'string',
  t: (key, named = {}) => String(resolve(key) ?? key).replace(/\{(\w+)\}/g, (_match, name: string) => String(named[name] ?? '')),
};

function resolve(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zhCN);
}

describe('describeError', () => {
  it('translates by code, not by the core’s English message', () => {
    expect(describeError(translator, { code: 'ACCOUNT_LOCKED', message: 'locked until 10:05' })).toBe(zhCN.errors.ACCOUNT_LOCKED);
    expect(describeError(translator, { code: 'CONNECTION_LOST', message: 'socket closed' })).toBe(zhCN.errors.CONNECTION_LOST);
  });

  it('lets a page say more for a given code', () => {
    const text = describeError(translator, { code: 'IN_USE', message: 'x' }, { IN_USE: '该村下仍有网格' });
    expect(text).toBe('该村下仍有网格');
  });

  it('lists BAD_INPUT issues under the general sentence', () => {
    const text = describeError(translator, {
      code: 'BAD_INPUT',
      message: 'bad',
      issues: [{ path: 'workerPhone', message: 'phone must be 5–20 digits' }],
    });
    expect(text).toBe(`${zhCN.errors.BAD_INPUT}\nworkerPhone：phone must be 5–20 digits`);
  });

  it('falls back to code and message for a code this build does not know', () => {
    const unknownCode = { code: 'SOMETHING_NEW', message: 'details' } as unknown as Parameters<typeof describeError>[1];
    expect(describeError(translator, unknownCode)).toBe('操作失败（SOMETHING_NEW）：details');
  });
});
