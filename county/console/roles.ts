import { z } from 'zod';

/** The county's own roles: nobody at a township holds one, and no township role opens the console. */
export const CONSOLE_ROLES = ['county_dispatcher', 'county_supervisor', 'county_admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];
export const ConsoleRole = z.enum(CONSOLE_ROLES);

/** Who may do what (the admin may do everything: a small county has one or two people). */
export const CAN = {
  read: CONSOLE_ROLES,
  dispatch: ['county_dispatcher', 'county_admin'],
  supervise: ['county_supervisor', 'county_admin'],
  administer: ['county_admin'],
} as const satisfies Record<string, readonly ConsoleRole[]>;
export type Permission = keyof typeof CAN;

export const CONSOLE_ERROR_CODES = [
  'BAD_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'ACCOUNT_DISABLED',
  'WEAK_PASSWORD',
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_FOUND',
  'DUPLICATE_NAME',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'INTERNAL',
] as const;
export type ConsoleErrorCode = (typeof CONSOLE_ERROR_CODES)[number];

export class ConsoleError extends Error {
  constructor(
    readonly code: ConsoleErrorCode,
    message: string,
  ) {
    super(message);
  }
}
