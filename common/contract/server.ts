import { z } from 'zod';
import { method } from './define';
import { ById, Empty, Id, Millis, Nothing } from './shared';

/** The room server's TLS certificate, without its key. */
export const CertificateInfo = z.object({
  fingerprint: z.string(),
  spkiPin: z.string(),
  subject: z.string(),
  notBefore: Millis,
  notAfter: Millis,
  names: z.array(z.string()),
  source: z.enum(['self-signed', 'installed']),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

/** A PEM text of at most 64 KiB (a certificate chain, or a key). */
const Pem = z
  .string()
  .trim()
  .min(1)
  .max(64 * 1024);

/** A one-time desk enrollment code as the administrator's list shows it (the code itself is shown once, when made). */
export const Enrollment = z.object({
  id: Id,
  label: z.string(),
  createdByName: z.string(),
  createdAt: Millis,
  expiresAt: Millis,
  status: z.enum(['pending', 'redeemed', 'expired', 'revoked']),
  redeemedAt: Millis.nullable(),
  redeemedAddress: z.string().nullable(),
  deskName: z.string().nullable(),
  revokedAt: Millis.nullable(),
});
export type Enrollment = z.infer<typeof Enrollment>;

/** What a desk learns when it redeems a code: the certificate pin, and a proof that the server holding the code serves it. */
export const EnrollmentGrant = z.object({
  enrollmentId: Id,
  townshipName: z.string(),
  /** base64 SHA-256 of the certificate's public key (SPKI), the value the desk pins. */
  spkiPin: z.string(),
  fingerprint: z.string(),
  /** base64 HMAC-SHA256(key = the normalized code, message = spkiPin): a man in the middle without the code cannot forge it. */
  proof: z.string(),
});
export type EnrollmentGrant = z.infer<typeof EnrollmentGrant>;

/** Typed by a person: letters and digits with optional dashes and spaces; normalized by the core. */
const EnrollmentCodeText = z.string().trim().min(1).max(40);
const DeskName = z.string().trim().min(1).max(60);

export const serverContract = {
  'server.certificate': method({
    summary:
      'The certificate desks and browsers see when they reach this room server over HTTPS (null while it has served loopback HTTP only).',
    input: Empty,
    output: CertificateInfo.nullable(),
    roles: ['admin'],
    kind: 'read',
  }),
  'server.installCertificate': method({
    summary: "Install the township's own PEM certificate and key (e.g. from the county's CA); used from the next start.",
    input: z.strictObject({ cert: Pem, key: Pem }),
    output: CertificateInfo,
    roles: ['admin'],
    kind: 'write',
  }),
  'server.createEnrollment': method({
    summary:
      'Make a one-time enrollment code for a new desk (valid 24 hours, single use); the code is shown this once and kept only as a hash.',
    input: z.strictObject({ label: z.string().trim().min(1).max(60) }),
    output: Enrollment.extend({ code: z.string() }),
    roles: ['admin'],
    kind: 'write',
  }),
  'server.enrollments': method({
    summary: 'The enrollment codes made on this server, newest first, with their state (pending, redeemed, expired, revoked).',
    input: Empty,
    output: z.array(Enrollment),
    roles: ['admin'],
    kind: 'read',
  }),
  'server.revokeEnrollment': method({
    summary: 'Withdraw an enrollment code that has not been used yet.',
    input: ById,
    output: Nothing,
    roles: ['admin'],
    kind: 'write',
  }),
  'server.enroll': method({
    summary:
      "A desk redeems an enrollment code (no session; rate-limited like sign-in) and learns the server certificate's pin to keep.",
    input: z.strictObject({ code: EnrollmentCodeText, deskName: DeskName }),
    output: EnrollmentGrant,
    roles: 'public',
    kind: 'write',
  }),
} as const;
