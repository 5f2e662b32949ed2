import { useI18n } from 'vue-i18n';
import { decodeMessage } from '@common/messages';

type Translate = (key: string, named: Record<string, unknown>) => string;

/** A status text from the core (`CODE {params}`), worded in the current language. */
export function wordCoreMessage(t: Translate, text: string): string {
  const { code, params } = decodeMessage(text);
  return t(`coreMessages.${code}`, params);
}

/** `messageText(text)` in the current language. */
export function useCoreMessage() {
  const { t } = useI18n();
  return { messageText: (text: string) => wordCoreMessage((key, named) => t(key, named), text) };
}
