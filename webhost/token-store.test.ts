import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/testing/core';
import { fileTokenStore, TOKEN_FILE } from './token-store';

const dir = tempDir();
afterAll(() => dir.remove());

describe('the web shell’s county token file', () => {
  it('is readable by its owner only, and can be replaced and removed', () => {
    const store = fileTokenStore(dir.path);
    expect(store.read()).toBeNull();
    store.write('first-secret-token');
    store.write('second-secret-token');
    expect(store.read()).toBe('second-secret-token');
    if (process.platform !== 'win32') expect(statSync(join(dir.path, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    store.write(null);
    expect(store.read()).toBeNull();
  });
});
