import { randomBytes, randomInt, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../common/errors';

// N=2^15 keeps a hash at ~50–100 ms here: slow for guessing, quick enough for sign-in.
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEMORY });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** The same hash, computed on libuv's thread pool: a bulk import hashes many without blocking the core. */
export function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(`scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`),
    ),
  );
}

// No 0/O, 1/l/I: a one-time password is read off paper and typed by hand.
const LETTERS = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';

/** A one-time password for a new account: 10 characters, letters and digits, so it passes the policy. */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 10 }, (_, i) =>
    i % 3 === 2 ? DIGITS[randomInt(DIGITS.length)] : LETTERS[randomInt(LETTERS.length)],
  );
  return chars.join('');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = scryptSync(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  });
  return timingSafeEqual(expected, actual);
}

/** A hash no password matches, verified against for unknown users so timing says nothing. */
export const DUMMY_HASH = hashPassword(randomBytes(12).toString('hex'));

/** At least 8 characters with letters and digits: the usual 等保 baseline. */
export function assertStrongPassword(password: string, username: string): void {
  const problems: string[] = [];
  if (password.length < 8) problems.push('at least 8 characters');
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) problems.push('both letters and digits');
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('not containing the username');
  if (problems.length > 0) {
    throw new AppError('WEAK_PASSWORD', `The password must have ${problems.join(', ')}.`);
  }
}
