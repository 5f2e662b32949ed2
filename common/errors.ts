/**
 * Stable error codes. The renderer translates them by code, so a code once
 * published never changes meaning; add new codes instead.
 */
export const ERROR_CODES = [
  'BAD_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  // Desks (issue 13): an enrollment code that is unknown, used, expired or withdrawn.
  'ENROLLMENT_INVALID',
  'ACCOUNT_DISABLED',
  'WEAK_PASSWORD',
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_FOUND',
  'DUPLICATE_NAME',
  'IN_USE',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'NOT_OWNER',
  'UNSUPPORTED_FILE',
  'TOO_LARGE',
  'GEOJSON_INVALID',
  'DB_TOO_NEW',
  'MIGRATION_FAILED',
  'PDF_UNAVAILABLE',
  // Data safety (issue 8): a damaged database, a full disk, a failing disk, a failed backup or restore.
  'DB_DAMAGED',
  'DISK_FULL',
  'IO_ERROR',
  'BACKUP_FAILED',
  // Imports (issue 12): a spreadsheet that cannot be read (damaged, crafted, too slow to parse).
  'BAD_FILE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for BAD_INPUT: dotted path → message. */
  issues?: { path: string; message: string }[];
}

/** Thrown inside core/db; the router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorBody['issues'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
