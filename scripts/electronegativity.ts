/**
 * `npm run lint` runs this: Doyensec's Electronegativity over the Electron
 * shell's sources, offline. Fails on any high-severity finding.
 *
 * Two global checks are excluded, each for a reason:
 *  - AvailableSecurityFixesGlobalCheck downloads Electron's release list from
 *    GitHub (no network here; Electron is pinned in package.json);
 *  - CSPGlobalCheck looks for a CSP in HTML or code it can parse; ours is sent
 *    as a header by electron/protocol.ts and checked by window.test.ts.
 * Reviewed findings are silenced where they occur with `eng-disable` comments
 * that say why.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The scanner fetches translations and Electron's release list with `got`. Offline that only
// waits for timeouts, so its `got` is replaced by one that fails at once (it then uses its
// bundled English texts), before the scanner is loaded.
const scannerRequire = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity'));
const gotPath = scannerRequire.resolve('got');
const offline = () => Promise.reject(new Error('offline: electronegativity runs without network'));
scannerRequire.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: Object.assign(offline, { default: offline }),
} as unknown as NodeJS.Module;
// The package ships no types: its runner is typed by `Run` below.
const SCANNER = '@doyensec/electronegativity';
const { default: electronegativity } = (await import(SCANNER)) as { default: unknown };

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string; value: number };
  manualReview: boolean;
}
type Run = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

const run = ((electronegativity as unknown as { default?: Run }).default ?? electronegativity) as unknown as Run;
const ELECTRON_VERSION = '45.5.0';

export async function scanElectron(input = fileURLToPath(new URL('../electron/', import.meta.url))) {
  const result = await run(
    {
      input,
      electronVersionOverride: ELECTRON_VERSION,
      severitySet: 'informational',
      confidenceSet: 'tentative',
      isRelative: true,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck', 'CSPGlobalCheck'],
    },
    false,
  );
  const issues = result.issues.filter((i) => !i.file.endsWith('.test.ts'));
  return { issues, high: issues.filter((i) => i.severity.name === 'HIGH'), errors: result.errors.filter((e) => !e.tolerable) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { issues, high, errors } = await scanElectron();
  for (const i of issues)
    console.log(`electronegativity: ${i.severity.name} ${i.confidence.name} ${i.id} ${i.file}:${i.location.line}`);
  for (const e of errors) console.error(`electronegativity could not parse ${e.file}: ${e.message}`);
  console.log(`electronegativity: ${issues.length} findings, ${high.length} of high severity`);
  if (high.length > 0 || errors.length > 0) process.exitCode = 1;
}
