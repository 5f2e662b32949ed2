import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Enrollment codes, shared by the room server (core/server/enrollment.ts) and
 * the desk client (electron/desk/). A code is 12 characters of Crockford's
 * base32 (60 bits: with sign-in's rate limits, out of reach of guessing), shown
 * as XXXX-XXXX-XXXX. People read it aloud or off a note, so the letters that
 * look alike are folded: O → 0, I and L → 1, and dashes, spaces and case do
 * not count.
 */
export const ENROLLMENT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ENROLLMENT_CODE_LENGTH = 12;
export const ENROLLMENT_VALID_MS = 24 * 3600 * 1000;

export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < ENROLLMENT_CODE_LENGTH; i++) code += ENROLLMENT_ALPHABET[randomInt(ENROLLMENT_ALPHABET.length)];
  return formatEnrollmentCode(code);
}

export function formatEnrollmentCode(normalized: string): string {
  return normalized.match(/.{1,4}/g)?.join('-') ?? normalized;
}

/** The code as stored and compared, or null when it cannot be one (wrong length or characters). */
export function normalizeEnrollmentCode(text: string): string | null {
  const folded = text
    .toUpperCase()
    .replace(/[\s\-_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (folded.length !== ENROLLMENT_CODE_LENGTH) return null;
  for (const ch of folded) if (!ENROLLMENT_ALPHABET.includes(ch)) return null;
  return folded;
}

export function hashEnrollmentCode(normalized: string): string {
  return createHash('sha256').update(`desk-enrollment:${normalized}`, 'utf8').digest('hex');
}

/**
 * Binds the certificate pin to the code: the server computes it over the pin
 * it serves, the desk over the pin it saw on its own TLS connection. A man in
 * the middle relaying the code to the real server gets a proof for the real
 * server's key, which does not match his own.
 */
export function enrollmentProof(normalized: string, spkiPin: string): string {
  return createHmac('sha256', normalized).update(`spki:${spkiPin}`, 'utf8').digest('base64');
}

export function proofMatches(normalized: string, spkiPin: string, proof: string): boolean {
  const expected = Buffer.from(enrollmentProof(normalized, spkiPin), 'base64');
  const given = Buffer.from(proof, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
