import type { ErrorBody, ErrorCode } from '@common/errors';

/**
 * Failures that happen on this side of the wire and so can never come from the
 * core: the renderer translates them like any other error code.
 */
export const LOCAL_ERROR_CODES = ['CONNECTION_LOST'] as const;
export type LocalErrorCode = (typeof LOCAL_ERROR_CODES)[number];

export type ClientErrorCode = ErrorCode | LocalErrorCode;
export interface ClientError extends Omit<ErrorBody, 'code'> {
  code: ClientErrorCode;
}

/** What a call resolves to: the core's `Result`, or a local failure. Never rejects. */
export type ClientResult<T> = { ok: true; value: T } | { ok: false; error: ClientError };

export function connectionLost(message: string): { ok: false; error: ClientError } {
  return { ok: false, error: { code: 'CONNECTION_LOST', message } };
}
