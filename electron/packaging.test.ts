import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/** The `electronFuses:` block of electron-builder.yml as key → value (flat `key: value` lines). */
function fusesOf(yml: string): Record<string, string> {
  const lines = yml.split('\n');
  const start = lines.findIndex((l) => /^electronFuses:\s*$/.test(l));
  expect(start, 'electron-builder.yml has an electronFuses block').toBeGreaterThanOrEqual(0);
  const fuses: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const match = /^\s+([A-Za-z]+):\s*(\S+)\s*(#.*)?$/.exec(line);
    if (match) fuses[match[1]!] = match[2]!;
  }
  return fuses;
}

describe('packaging hardens the Electron binary (fuses)', () => {
  const fuses = fusesOf(readFileSync(new URL('../electron-builder.yml', import.meta.url), 'utf8'));

  it('turns off running as Node, NODE_OPTIONS and the inspector flags, and validates the asar', () => {
    expect(fuses).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
  });

  it('uses only fuse names electron-builder knows (a misspelt key would be ignored silently)', () => {
    const require = createRequire(import.meta.url);
    const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: Record<string, { properties?: Record<string, unknown> }>;
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1!.properties!);
    for (const key of Object.keys(fuses)) expect(known, key).toContain(key);
  });
});
