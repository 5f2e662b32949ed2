import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { SyncLink } from '@common/contract';
import { ERROR_CODES } from '@common/errors';
import { encodeMessage, MESSAGE_CODES, type MessageCode } from '@common/messages';
import { wordCoreMessage } from '@/composables/coreMessage';
import enUS from './en-US';
import zhCN from './zh-CN';

/** Parameters for every code, so that each placeholder of each sentence is filled. */
const PARAMS: Record<MessageCode, Record<string, string | number>> = {
  SYNC_UNREACHABLE: { reason: 'websocket error' },
  AUTH_FAILED: { message: 'bad token' },
  PROTOCOL_UNSUPPORTED: { message: 'revision 3' },
  SYNC_FAILED: { reason: 'timeout' },
  SYNC_GARBAGE: { count: 3 },
  BACKUP_VERIFY_FAILED: { name: 'daily-2026-12-07.db', problem: 'integrity' },
  BACKUP_FAILED: { reason: 'ENOSPC' },
};

const HAN = /[\u4e00-\u9fff]/;

describe.each([
  ['zh-CN', zhCN],
  ['en-US', enUS],
] as const)('every core message and status in %s', (locale, messages) => {
  const i18n = createI18n({ legacy: false, locale, messages: { [locale]: messages }, missingWarn: false, fallbackWarn: false });
  const t = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named);
  const te = (key: string) => i18n.global.te(key);

  it.each(MESSAGE_CODES)('%s is worded, with its parameters and no placeholder left', (code) => {
    expect(te(`coreMessages.${code}`)).toBe(true);
    const text = wordCoreMessage(t, encodeMessage(code, PARAMS[code]));
    expect(text).not.toMatch(/[{}]|coreMessages/);
    for (const value of Object.values(PARAMS[code]))
      if (/\{/.test(String(messages.coreMessages[code]))) expect(text).toContain(String(value));
    expect(HAN.test(text)).toBe(locale === 'zh-CN');
  });

  it.each(SyncLink.options)('the sync status %s is worded', (link) => {
    expect(te(`sync.bar.link.${link}`)).toBe(true);
    expect(HAN.test(t(`sync.bar.link.${link}`))).toBe(locale === 'zh-CN');
  });

  it.each(ERROR_CODES)('the error code %s is worded', (code) => {
    expect(te(`errors.${code}`)).toBe(true);
    expect(HAN.test(t(`errors.${code}`))).toBe(locale === 'zh-CN');
  });

  it('a text from before codes is shown as it is', () => {
    expect(wordCoreMessage(t, 'disk on fire')).toBe('disk on fire');
  });
});
