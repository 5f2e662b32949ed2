/**
 * The text of the start-up failure dialogs, as data: main.ts only shows it.
 * A damaged database is never written to; the dialog offers the newest good
 * backup, which main.ts restores (keeping the damaged file aside) and relaunches.
 */
import { formatChinaTime } from '../common/china-time';
import { AppError } from '../common/errors';
import type { BackupInfo } from '../common/contract/backups';

export interface StartupDialog {
  title: string;
  message: string;
  /** Buttons, first the default; `restoreIndex` is the one that restores. */
  buttons: string[];
  restoreIndex: number | null;
  /** The backup to restore when that button is chosen. */
  backup: string | null;
}

const when = (ms: number) => formatChinaTime(ms).slice(0, 16);

export function damagedDatabaseDialog(dbPath: string, problem: string, backup: BackupInfo | null): StartupDialog {
  const head = `数据库文件已损坏，程序没有向其写入任何内容。\n\n数据库位置：${dbPath}\n问题：${problem}\n\n`;
  if (!backup) {
    return {
      title: '数据库已损坏',
      message: `${head}没有找到完好的备份。请将本提示截图并联系技术支持，不要删除该文件。\n\nThe database is damaged and no good backup was found. Please contact support.`,
      buttons: ['退出'],
      restoreIndex: null,
      backup: null,
    };
  }
  return {
    title: '数据库已损坏',
    message:
      `${head}最近的完好备份：${backup.name}（${when(backup.createdAt)}）。恢复后，该备份之后录入的数据将不在数据库中；` +
      `损坏的文件会另存（command-room.db.before-restore-…），不会删除。\n\n` +
      `The database is damaged. Restore the newest good backup of ${when(backup.createdAt)}? The damaged file is kept aside.`,
    buttons: ['恢复该备份并重新启动', '退出'],
    restoreIndex: 0,
    backup: backup.name,
  };
}

export function isDamagedDatabase(error: unknown): error is AppError & { problem: string; newestBackup: BackupInfo | null } {
  return error instanceof AppError && error.code === 'DB_DAMAGED' && 'newestBackup' in error;
}
