import type { ClientError } from '@/api/errors';

/** The i18n functions describeError needs; kept minimal so it runs in plain Node tests. */
export interface Translator {
  t(key: string, named?: Record<string, unknown>): string;
  te(key: string): boolean;
}

/**
 * A sentence a person can act on, chosen by error code (never by the core's
 * English message, which is for logs). `overrides` lets a page say more,
 * e.g. why *this* village is in use.
 */
export function describeError(
  i18n: Translator,
  error: ClientError,
  overrides: Partial<Record<ClientError['code'], string>> = {},
): string {
  const override = overrides[error.code];
  if (override) return override;
  const key = `errors.${error.code}`;
  if (!i18n.te(key)) return i18n.t('errors.unknown', { code: error.code, message: error.message });
  const sentence = i18n.t(key);
  if (error.code !== 'BAD_INPUT' || !error.issues?.length) return sentence;
  const details = error.issues.map((issue) => i18n.t('validation.serverIssue', { field: issue.path, message: issue.message }));
  return [sentence, ...details].join('\n');
}
