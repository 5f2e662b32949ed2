import { statSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/core';
import { certificateInfo, ensureServerCertificate, installCertificate } from './certificate';

describe('the room server certificate', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('is made once for the machine’s names, with its key readable by the owner only', async () => {
    const first = await ensureServerCertificate(dir.path, ['localhost', '127.0.0.1', '192.168.1.20']);
    expect(first.source).toBe('self-signed');
    expect(first.names).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '192.168.1.20']));
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Buffer.from(first.spkiPin, 'base64')).toHaveLength(32);
    expect(first.notAfter - Date.now()).toBeGreaterThan(4 * 365 * 86_400_000);
    expect(
      new X509Certificate(first.cert).checkPrivateKey(await import('node:crypto').then((c) => c.createPrivateKey(first.key))),
    ).toBe(true);
    expect(statSync(join(dir.path, 'tls', 'server-key.pem')).mode & 0o777).toBe(0o600);

    // Started again: the same certificate, so pinned desks keep trusting it.
    const again = await ensureServerCertificate(dir.path, ['127.0.0.1']);
    expect(again.fingerprint).toBe(first.fingerprint);
    // Bound to an address it does not cover: a new one, which says so in its names.
    const moved = await ensureServerCertificate(dir.path, ['10.1.2.3']);
    expect(moved.fingerprint).not.toBe(first.fingerprint);
    expect(moved.names).toContain('10.1.2.3');
    expect(certificateInfo(dir.path)).toMatchObject({ fingerprint: moved.fingerprint, source: 'self-signed' });
  });

  it('takes an administrator’s PEM pair only when the key belongs to the certificate', async () => {
    const other = tempDir();
    try {
      const a = await ensureServerCertificate(dir.path, ['a.example']);
      const b = await ensureServerCertificate(other.path, ['b.example']);
      expect(() => installCertificate(dir.path, 'not a certificate', a.key)).toThrow(/PEM certificate/);
      expect(() => installCertificate(dir.path, a.cert, 'not a key')).toThrow(/private key/);
      expect(() => installCertificate(dir.path, a.cert, b.key)).toThrow(/does not belong/);
      expect(() => installCertificate(dir.path, b.cert, b.key, Date.now() + 10 * 365 * 86_400_000)).toThrow(/not valid now/);
      expect(certificateInfo(dir.path)?.source).toBe('self-signed');

      const info = installCertificate(dir.path, b.cert, b.key);
      expect(info).toMatchObject({ source: 'installed', fingerprint: b.fingerprint });
      expect(statSync(join(dir.path, 'tls', 'installed-key.pem')).mode & 0o777).toBe(0o600);
      expect((await ensureServerCertificate(dir.path, ['a.example'])).fingerprint).toBe(b.fingerprint);
    } finally {
      other.remove();
    }
  });
});
