import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/testing/core';
import { ENCRYPTED_TOKEN_FILE, safeStorageTokenStore, type SafeStorageLike } from './token-store';

const dir = tempDir();
afterAll(() => dir.remove());

/** A stand-in for the OS keychain: XOR is enough to prove the file never holds the token in clear. */
const keychain = (available: boolean): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
});

describe('the desktop’s county token', () => {
  it('is stored encrypted and read back', () => {
    const store = safeStorageTokenStore(dir.path, keychain(true));
    store.write('desktop-secret-token');
    expect(readFileSync(join(dir.path, ENCRYPTED_TOKEN_FILE)).toString('utf8')).not.toContain('desktop-secret-token');
    expect(store.read()).toBe('desktop-secret-token');
    store.write(null);
    expect(store.read()).toBeNull();
  });

  it('is never written in clear when encryption is unavailable', () => {
    const store = safeStorageTokenStore(dir.path, keychain(false));
    expect(() => store.write('desktop-secret-token')).toThrow(/safeStorage/);
    expect(store.read()).toBeNull();
  });
});
