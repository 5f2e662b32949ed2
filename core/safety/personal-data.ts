/**
 * Personal data of citizens (reporters' phones) in what the core
 * hands out. Lists and exports always mask; a single event's detail shows
 * the full number only to the roles that call people back — the command
 * room's operators and its director. Unit handlers, assessors and the wall
 * display see it masked (a handler who must reach the reporter asks the
 * room, which keeps the contact with the citizen in one place).
 * Every new list or export of such data goes through these functions.
 */
import type { Role } from '../../common/roles';

export const SEES_FULL_CONTACT: readonly Role[] = ['operator', 'director'];

export function maySeeFullContact(role: Role): boolean {
  return SEES_FULL_CONTACT.includes(role);
}

/** 13812345678 → 138****5678 (spaces dropped; very short numbers fully hidden). */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\s/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** The phone as this role may see it in a single record's detail. */
export function phoneFor(role: Role, phone: string | null): string | null {
  return maySeeFullContact(role) ? phone : maskPhone(phone);
}
