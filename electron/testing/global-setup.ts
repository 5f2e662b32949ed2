import { fileURLToPath } from 'node:url';
import { createBuilder } from 'vite';

/** Builds dist-electron/ from the sources (`npm run build:electron`) before the tests fork its room server. */
export default async function setup(): Promise<void> {
  const builder = await createBuilder({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
  await builder.buildApp();
}
