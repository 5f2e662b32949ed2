import { useI18n } from 'vue-i18n';
import type { ClientError } from '@/api/errors';
import { describeError } from './errorText';

/** `errorText(error)` in the current language. */
export function useErrorText() {
  const { t, te } = useI18n();
  const translator = { t: (key: string, named?: Record<string, unknown>) => (named ? t(key, named) : t(key)), te };
  return {
    errorText: (error: ClientError, overrides?: Partial<Record<ClientError['code'], string>>) =>
      describeError(translator, error, overrides),
  };
}
