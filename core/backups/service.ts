import type { OutputOf, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { inspectDatabaseFile, loadMigrations } from '../../db';
import { audit, type ServiceContext } from '../context';
import { backupManagerOf } from './manager';
import { backupsDir, keptAsideName, listBackups } from './store';
import { basename, join } from 'node:path';

export function list(ctx: ServiceContext): OutputOf<'backups.list'> {
  const manager = backupManagerOf(ctx.db);
  return {
    folder: backupsDir(ctx.dataDir),
    backups: listBackups(ctx.dataDir),
    running: manager.running,
    lastError: manager.lastError,
  };
}

export function create(ctx: ServiceContext): OutputOf<'backups.create'> {
  const manager = backupManagerOf(ctx.db);
  if (manager.running) return { started: false };
  audit(ctx, { action: 'backup_requested', entity: 'backup', summary: {} });
  ctx.afterCommit(() => void manager.run('manual'));
  return { started: true };
}

export function restore(ctx: ServiceContext, input: ParsedInputOf<'backups.restore'>): OutputOf<'backups.restore'> {
  const manager = backupManagerOf(ctx.db);
  if (manager.running) throw new AppError('CONFLICT', 'A backup is being written right now; restore again in a minute.');
  if (manager.restoring) throw new AppError('CONFLICT', 'A restore is already under way; the app is restarting.');
  const file = join(backupsDir(ctx.dataDir), `${input.name}.db`);
  if (!listBackups(ctx.dataDir).some((b) => b.name === input.name))
    throw new AppError('NOT_FOUND', `The backup ${input.name} is not in the backup folder any more; reload the list.`);
  const check = inspectDatabaseFile(file);
  if (!check.ok)
    throw new AppError('BACKUP_FAILED', `The backup ${input.name} is damaged (${check.problem}); choose another one.`);
  const latest = loadMigrations().at(-1)?.version ?? 0;
  if (check.schemaVersion > latest)
    throw new AppError(
      'DB_TOO_NEW',
      `The backup ${input.name} was written by a newer version of the app; it cannot be restored here.`,
    );
  const at = ctx.now();
  const keptAside = basename(keptAsideName(ctx.db.name, at));
  audit(ctx, { action: 'restore_requested', entity: 'backup', entityId: input.name, summary: { name: input.name, keptAside } });
  ctx.afterCommit(() => manager.requestRestore(input.name, at));
  return { restarting: true, keptAside };
}
