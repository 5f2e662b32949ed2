import { z } from 'zod';
import { method } from './define';
import { Empty, Millis } from './shared';

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
} as const;
