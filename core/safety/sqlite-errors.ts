import { AppError } from '../../common/errors';

/**
 * Turns SQLite's storage failures into codes a person can act on. The write
 * they interrupted has been rolled back by then (the router's transaction
 * or SQLite's own statement journal), so each message can say "not saved".
 */
export function storageError(error: unknown): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE_FULL') {
    return new AppError(
      'DISK_FULL',
      'The disk is full: this action was not saved and the existing data is intact. Free some disk space and try again.',
    );
  }
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') {
    return new AppError(
      'DB_DAMAGED',
      'The database file is damaged; this action was not saved. An administrator should restore the newest good backup.',
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return new AppError(
      'IO_ERROR',
      `Reading or writing the disk failed (${code}); this action was not saved. Check the disk and try again.`,
    );
  }
  return null;
}
