import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run county` serves the console's built files: build them once when
 * they are missing (`npm run build:county` rebuilds them on purpose).
 */
const index = fileURLToPath(new URL('./dist/index.html', import.meta.url));
if (!existsSync(index)) {
  console.log('Building the county console once (npm run build:county)…');
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('./web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
