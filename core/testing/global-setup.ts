import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../db/testing';
import { DATABASE_FILE, startCore } from '../app';
import { DEMO_TEMPLATE_ENV, TEST_CORE_START } from './core';

/**
 * Seeds the demo township (no events) once for the whole run, as startTestCore
 * would seed it, into a template database file that each test core copies.
 */
export default function setup(): () => void {
  const dir = tempDir('command-room-test-template-');
  const app = startCore({
    dataDir: dir.path,
    seedDemo: true,
    demoEvents: 0,
    now: () => TEST_CORE_START,
    tickMs: 0,
    backupCheckMs: 0,
    log: () => {},
  });
  app.close();
  const file = join(dir.path, DATABASE_FILE);
  // Closing the last connection checkpoints the WAL into the file: the file alone is the township.
  if (existsSync(`${file}-wal`)) throw new Error('the template database still has a WAL after close');
  process.env[DEMO_TEMPLATE_ENV] = file;
  return () => dir.remove();
}
