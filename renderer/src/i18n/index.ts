import { createI18n } from 'vue-i18n';
import enUS from './en-US';
import zhCN, { type MessageSchema } from './zh-CN';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const messages: Record<Locale, MessageSchema> = { 'zh-CN': zhCN, 'en-US': enUS };

/** One app-wide instance; the preferences store switches its locale. */
export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages,
  // A missing key is a bug caught by i18n.test.ts; do not spam the console at runtime.
  missingWarn: false,
  fallbackWarn: false,
});
