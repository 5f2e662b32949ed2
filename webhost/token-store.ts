import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenStore } from '../core/sync';

export const TOKEN_FILE = 'county-token';

/**
 * The web shell keeps the county token in a file only its owner may read
 * (0600) in the data folder. The browser never sees it.
 */
export function fileTokenStore(dataDir: string): TokenStore {
  const path = join(dataDir, TOKEN_FILE);
  return {
    read: () => {
      if (!existsSync(path)) return null;
      const token = readFileSync(path, 'utf8').trim();
      return token.length > 0 ? token : null;
    },
    write: (token) => {
      if (token === null) {
        rmSync(path, { force: true });
        return;
      }
      writeFileSync(path, token, { encoding: 'utf8', mode: 0o600 });
      chmodSync(path, 0o600); // an existing file keeps its old mode on write
    },
  };
}
