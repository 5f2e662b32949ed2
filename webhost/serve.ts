import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../common/errors';
import { DATABASE_FILE } from '../core/app';
import { DatabaseDamagedError } from '../core/backups/startup';
import { restoreBackupFiles } from '../core/backups/store';
import { DEMO_PASSWORD, DEMO_USERS } from '../core/demo/demo-township';
import { damagedDatabaseText, resolveServeOptions } from './serve-options';
import { countyFromEnv } from '../core/sync/env';
import { startWebhost } from './server';
import { fileTokenStore } from './token-store';

const HELP = `Usage: npm run serve -- [--host 127.0.0.1] [--port 5180] [--data-dir .data] [--demo]

Serves Command Room to a browser. Flags win over the environment variables
COMMAND_ROOM_HOST, COMMAND_ROOM_PORT and COMMAND_ROOM_DATA_DIR. The county link:
COMMAND_ROOM_COUNTY_URL, COMMAND_ROOM_TOWNSHIP_ID, COMMAND_ROOM_COUNTY_TOKEN
(otherwise the settings page; the demo township points at npm run county).
An empty data folder opens the first-run setup page (the township and its first
administrator). From another machine it asks for the setup code printed here.
--demo    fill an empty data folder with the demo township 清溪镇 instead.
--restore-backup <name>   first put that backup (from <data-dir>/backups) in place of the
          database, keeping the current file aside as command-room.db.before-restore-<time>.`;

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
    'restore-backup': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const resolved = resolveServeOptions(values, process.env);
if ('error' in resolved) {
  console.error(resolved.error);
  process.exit(2);
}
const { host, port, dataDir, restoreBackup } = resolved;
if (restoreBackup) {
  try {
    const aside = restoreBackupFiles(dataDir, join(dataDir, DATABASE_FILE), restoreBackup, Date.now());
    console.log(`Restored ${restoreBackup}; the previous database is kept as ${aside}.`);
  } catch (error) {
    console.error(`Cannot restore ${restoreBackup}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

try {
  const county = countyFromEnv(process.env);
  const host_ = await startWebhost({
    host,
    port,
    dataDir,
    seedDemo: values.demo,
    sync: { county, tokenStore: fileTokenStore(dataDir), demoCounty: true },
  });
  if (county) console.log(`County sync with ${county.url} as township ${county.townshipId} (from the environment).`);
  if (host_.core.seeded) {
    console.log(`\nA demo township was created. Demo logins (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(10)} ${u.role.padEnd(13)} ${u.displayName}`);
  }
  if (host_.core.setupCode) {
    console.log(
      `\nThis room server has no township yet: open ${host_.url}/ to set it up (or choose the demo).` +
        `\nFrom another machine the setup page asks for this one-time setup code: ${host_.core.setupCode}`,
    );
  }
  console.log(`\nOpen ${host_.url}/ in a browser. Press Ctrl+C to stop.`);
  const stop = () => void host_.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error instanceof DatabaseDamagedError) {
    console.error(damagedDatabaseText(error.message, error.newestBackup, dataDir));
    process.exit(1);
  }
  if (error instanceof AppError) {
    console.error(`Cannot start: ${error.message} [${error.code}]`);
    process.exit(1);
  }
  throw error;
}
