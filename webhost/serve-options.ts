import { resolve } from 'node:path';

export interface ServeFlags {
  host?: string | undefined;
  port?: string | undefined;
  'data-dir'?: string | undefined;
  'restore-backup'?: string | undefined;
}

/**
 * Flags win over the environment; without either the app listens on the
 * loopback address only, so other machines are refused unless an operator
 * binds another host on purpose (a wall display on the LAN).
 */
export function resolveServeOptions(
  flags: ServeFlags,
  env: Record<string, string | undefined>,
): { host: string; port: number; dataDir: string; restoreBackup: string | null } | { error: string } {
  const host = flags.host ?? env.COMMAND_ROOM_HOST ?? '127.0.0.1';
  const portText = flags.port ?? env.COMMAND_ROOM_PORT ?? '5180';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return { error: `The port must be a number from 0 to 65535, not "${portText}".` };
  return {
    host,
    port,
    dataDir: resolve(flags['data-dir'] ?? env.COMMAND_ROOM_DATA_DIR ?? '.data'),
    restoreBackup: flags['restore-backup'] ?? null,
  };
}

/** What `npm run serve` prints when the database is damaged: plainly, with the way back. */
export function damagedDatabaseText(message: string, newestBackup: { name: string } | null, dataDir: string): string {
  return [
    '',
    '!!! The database is damaged. Command Room has not written to it and will not start on it.',
    `    ${message}`,
    '',
    newestBackup
      ? `To restore the newest good backup (the damaged file is kept aside):\n    npm run serve -- --data-dir "${dataDir}" --restore-backup ${newestBackup.name}`
      : `No good backup was found in ${dataDir}/backups. Keep the damaged file and contact support.`,
    '',
  ].join('\n');
}
