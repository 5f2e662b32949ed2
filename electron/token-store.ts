import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenStore } from '../core/sync';

export const ENCRYPTED_TOKEN_FILE = 'county-token.enc';

/** The part of Electron's `safeStorage` this needs (an interface, so it is testable without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The desktop keeps the county token encrypted with the OS keychain through
 * `safeStorage`, in the user-data folder (owner-only file). Without
 * encryption it refuses to store the token rather than keep it in clear.
 */
export function safeStorageTokenStore(userDataDir: string, safeStorage: SafeStorageLike, log = console.error): TokenStore {
  const path = join(userDataDir, ENCRYPTED_TOKEN_FILE);
  return {
    read: () => {
      if (!existsSync(path) || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(readFileSync(path));
      } catch {
        log('[main] the stored county token cannot be decrypted; set it again in the settings');
        return null;
      }
    },
    write: (token) => {
      if (token === null) {
        rmSync(path, { force: true });
        return;
      }
      if (!safeStorage.isEncryptionAvailable())
        throw new Error('This system offers no encrypted storage (safeStorage); use COMMAND_ROOM_COUNTY_TOKEN instead.');
      writeFileSync(path, safeStorage.encryptString(token), { mode: 0o600 });
    },
  };
}
