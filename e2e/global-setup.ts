import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DATABASE_FILE, startCore } from '../core/app';
import { tempDir } from '../db/testing';
import { BROWSER_ENDPOINT_ENV, CHROMIUM_ARGS, CHROMIUM_PATH } from './harness';

/**
 * The demo township (3,000 events) seeded once for the whole run into a
 * template database file; each end-to-end test copies the file into its own
 * data folder instead of seeding the same township again (startE2E). The
 * copy holds what seeding writes: startCore then finds a township and seeds
 * nothing.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = tempDir('command-room-e2e-template-');
  const app = startCore({ dataDir: dir.path, seedDemo: true, tickMs: 0, backupCheckMs: 0, log: () => {} });
  app.close();
  const file = join(dir.path, DATABASE_FILE);
  // Closing the last connection checkpoints the WAL into the file: the file alone is the township.
  if (existsSync(`${file}-wal`)) throw new Error('the template database still has a WAL after close');
  process.env.COMMAND_ROOM_DEMO_TEMPLATE = file;
  // One Chromium for the run: every file connects to it (launchChromium) and opens its own contexts.
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  process.env[BROWSER_ENDPOINT_ENV] = server.wsEndpoint();
  return async () => {
    delete process.env[BROWSER_ENDPOINT_ENV];
    await server.close();
    dir.remove();
  };
}
