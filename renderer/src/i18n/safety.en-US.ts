import type safetyZh from './safety.zh-CN';

const safetyEn: typeof safetyZh = {
  entities: { backup: 'Backup' },
  auditActions: {
    backup: 'Backup written',
    backup_requested: 'Manual backup',
    restore: 'Restored from backup',
    restore_requested: 'Restore requested',
  },
  errors: {
    DB_DAMAGED:
      'The database file is damaged; the app has written nothing to it. An administrator should restore the newest good backup.',
    DISK_FULL: 'The disk is full: this action was not saved and the existing data is intact. Free some space and try again.',
    IO_ERROR:
      'Reading or writing the disk failed: this action was not saved. Check the disk or storage device and try again; contact support if it keeps happening.',
    BACKUP_FAILED:
      'The backup or restore did not complete; the current data is unaffected. Check the backup folder and free disk space, then try again.',
  },
  page: {
    menu: 'Backups',
    title: 'Backups and restore',
    intro:
      'The app backs up once a day and before every database upgrade, keeping 7 daily, 4 weekly and 12 monthly backups. Every backup is verified after writing; photo attachments are included.',
    folder: 'Backup folder: {path}',
    backupNow: 'Back up now',
    backingUp: 'Backing up…',
    backedUp: 'Backup written: {name}',
    refresh: 'Refresh',
    empty: 'No backups yet',
    columns: {
      createdAt: 'Time',
      kind: 'Kind',
      size: 'Size',
      schema: 'Schema',
      audit: 'Audit head',
      attachments: 'Attachments',
      verified: 'Check',
      actions: 'Actions',
    },
    kinds: { daily: 'Daily', manual: 'Manual', pre_migration: 'Before upgrade', before_restore: 'Before restore' },
    verifiedOk: 'Sound',
    verifiedBad: 'Damaged',
    restore: 'Restore',
    restoreTitle: 'Restore from a backup',
    restoreConfirm:
      'The database will be replaced by the backup of {time}. Everything entered since then will not be in the restored database; the current file is kept as {aside} and not deleted. Everyone must sign in again. Restore?',
    restoreTyped: 'Type “restore” to confirm',
    restoreWord: 'restore',
    restoring: 'Restoring; the app restarts…',
    restarting: 'The database was restored; reconnecting…',
  },
  audit: {
    verify: 'Verify audit log',
    verifying: 'Verifying…',
    ok: 'The audit log is intact: {count} rows, chain head #{seq}',
    broken: 'Audit row {seq} was tampered with or is missing: {reason}',
    reasons: {
      missing: 'the row was deleted',
      unsealed: 'the row has no hash: it was written around the app',
      prev_mismatch: 'the link to the previous row is broken (a row was inserted, removed or moved)',
      hash_mismatch: 'its content was changed after it was written',
    },
  },
};

export default safetyEn;
