import 'reflect-metadata'; // @peculiar/x509's dependency injection needs it loaded first
import * as x509 from '@peculiar/x509';
import { createHash, createPrivateKey, createPublicKey, webcrypto, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../common/errors';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/**
 * The room server's TLS identity. Beyond loopback the server speaks only
 * HTTPS/WSS: at first start it makes an ECDSA P-256 key and a self-signed
 * certificate for the machine's names and addresses; desks pin its
 * fingerprint at enrollment. An administrator may install a PEM pair instead
 * (from the county's CA), which then wins. Keys are written 0600.
 */
export interface ServerCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the certificate (DER), colon-separated hex, as browsers show it. */
  fingerprint: string;
  /** base64 SHA-256 of the public key (SPKI): what Chromium's --ignore-certificate-errors-spki-list takes. */
  spkiPin: string;
  subject: string;
  notBefore: number;
  notAfter: number;
  /** DNS names and IP addresses the certificate is valid for. */
  names: string[];
  source: 'self-signed' | 'installed';
}

const TLS_DIR = 'tls';
const SELF = { cert: 'server-cert.pem', key: 'server-key.pem' };
const INSTALLED = { cert: 'installed-cert.pem', key: 'installed-key.pem' };
const VALID_DAYS = 5 * 365;

/** This machine's names and addresses: what desks, phones and the wall TV may type to reach it. */
export function machineNames(extra: string[] = []): string[] {
  const names = new Set(['localhost', '127.0.0.1', '::1', hostname(), ...extra]);
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) if (!address.internal) names.add(address.address);
  }
  return [...names].filter((name) => name && name !== '0.0.0.0' && name !== '::');
}

const isIpAddress = (name: string) => /^[\d.]+$/.test(name) || name.includes(':');

function describe(certPem: string, keyPem: string, source: ServerCertificate['source']): ServerCertificate {
  const cert = new X509Certificate(certPem);
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  const names = (cert.subjectAltName ?? '')
    .split(', ')
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
  return {
    key: keyPem,
    cert: certPem,
    fingerprint: cert.fingerprint256,
    spkiPin: createHash('sha256').update(spki).digest('base64'),
    subject: cert.subject,
    notBefore: Date.parse(cert.validFrom),
    notAfter: Date.parse(cert.validTo),
    names,
    source,
  };
}

async function createSelfSigned(names: string[], now: number): Promise<{ cert: string; key: string }> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: `CN=Command Room ${hostname()}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + VALID_DAYS * 86_400_000),
    signingAlgorithm: algorithm,
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: isIpAddress(value) ? 'ip' : 'dns', value }))),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { cert: certificate.toString('pem'), key };
}

function writeSecret(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** The installed pair if there is one, else the self-signed one (made now if missing or not covering `names`). */
export async function ensureServerCertificate(dataDir: string, names: string[], now = Date.now()): Promise<ServerCertificate> {
  const dir = join(dataDir, TLS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (existsSync(join(dir, INSTALLED.cert)) && existsSync(join(dir, INSTALLED.key))) {
    return describe(readFileSync(join(dir, INSTALLED.cert), 'utf8'), readFileSync(join(dir, INSTALLED.key), 'utf8'), 'installed');
  }
  if (existsSync(join(dir, SELF.cert)) && existsSync(join(dir, SELF.key))) {
    const current = describe(
      readFileSync(join(dir, SELF.cert), 'utf8'),
      readFileSync(join(dir, SELF.key), 'utf8'),
      'self-signed',
    );
    const covered = names.every((name) => current.names.includes(name));
    // A new certificate changes the fingerprint every desk pinned: only when it must.
    if (covered && current.notAfter > now + 30 * 86_400_000) return current;
  }
  const made = await createSelfSigned(names, now);
  writeSecret(join(dir, SELF.key), made.key);
  writeFileSync(join(dir, SELF.cert), made.cert);
  return describe(made.cert, made.key, 'self-signed');
}

/** What the admin page shows, without the key. */
export function certificateInfo(dataDir: string): Omit<ServerCertificate, 'key' | 'cert'> | null {
  const dir = join(dataDir, TLS_DIR);
  for (const [pair, source] of [
    [INSTALLED, 'installed'],
    [SELF, 'self-signed'],
  ] as const) {
    if (existsSync(join(dir, pair.cert)) && existsSync(join(dir, pair.key))) {
      const {
        key: _key,
        cert: _cert,
        ...info
      } = describe(readFileSync(join(dir, pair.cert), 'utf8'), readFileSync(join(dir, pair.key), 'utf8'), source);
      return info;
    }
  }
  return null;
}

/**
 * Installs an administrator's PEM pair after checking it: a certificate, a
 * private key that belongs to it, valid now. Takes effect at the server's
 * next start (desks must then trust or pin the new certificate).
 */
export function installCertificate(
  dataDir: string,
  certPem: string,
  keyPem: string,
  now = Date.now(),
): Omit<ServerCertificate, 'key' | 'cert'> {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new AppError('BAD_INPUT', 'The certificate is not a PEM certificate (-----BEGIN CERTIFICATE-----).', [
      { path: 'cert', message: 'not a certificate' },
    ]);
  }
  let publicOfKey: Buffer;
  try {
    publicOfKey = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
  } catch {
    throw new AppError('BAD_INPUT', 'The key is not an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----).', [
      { path: 'key', message: 'not a private key' },
    ]);
  }
  if (!publicOfKey.equals(cert.publicKey.export({ type: 'spki', format: 'der' }))) {
    throw new AppError('BAD_INPUT', 'The private key does not belong to this certificate.', [
      { path: 'key', message: 'mismatch' },
    ]);
  }
  if (Date.parse(cert.validTo) <= now || Date.parse(cert.validFrom) > now) {
    throw new AppError('BAD_INPUT', `The certificate is not valid now (valid ${cert.validFrom} to ${cert.validTo}).`, [
      { path: 'cert', message: 'not valid now' },
    ]);
  }
  const dir = join(dataDir, TLS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeSecret(join(dir, INSTALLED.key), keyPem);
  writeFileSync(join(dir, INSTALLED.cert), certPem);
  const { key: _key, cert: _cert, ...info } = describe(certPem, keyPem, 'installed');
  return info;
}
