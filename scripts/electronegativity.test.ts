import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing';
import { scanElectron } from './electronegativity';

describe('electronegativity (part of npm run lint)', () => {
  it('finds nothing of high severity in the Electron shell, and does flag an insecure window', { timeout: 60_000 }, async () => {
    const ours = await scanElectron();
    expect(ours.errors).toEqual([]);
    expect(ours.high.map((i) => `${i.id} ${i.file}:${i.location.line}`)).toEqual([]);

    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'bad'));
      writeFileSync(
        join(dir.path, 'bad', 'main.js'),
        "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true, sandbox: false } });\n",
      );
      const bad = await scanElectron(join(dir.path, 'bad'));
      expect(bad.high.map((i) => i.id)).toEqual(
        expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']),
      );
    } finally {
      dir.remove();
    }
  });
});
