import { ElMessage, ElMessageBox } from 'element-plus';
import { computed, onMounted, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { BackupInfo } from '@common/contract';
import { useErrorText } from '@/composables/useErrorText';
import { useBackupsStore } from '@/stores/backups';
import { formatDateTime } from '@/utils/time';

/** The backups page: list, back up now, and restore after a typed confirmation. */
export function useBackupsPage() {
  const store = useBackupsStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();

  onMounted(() => void store.load());

  watch(
    () => store.lastWritten,
    (written) => {
      if (!written) return;
      if (written.ok && written.name) ElMessage.success(t('safety.backedUp', { name: written.name }));
      else ElMessage.error({ message: t('errors.BACKUP_FAILED'), duration: 8000, showClose: true });
    },
  );

  const loadProblem = computed(() => (store.loadError ? t('common.loadFailed', { reason: errorText(store.loadError) }) : ''));

  async function backUpNow(): Promise<void> {
    const error = await store.backUpNow();
    if (error) ElMessage.error({ message: errorText(error), duration: 6000, showClose: true });
  }

  async function restore(backup: BackupInfo): Promise<void> {
    const word = t('safety.restoreWord');
    try {
      // The person types the word: restoring discards everything entered since the backup.
      await ElMessageBox.prompt(
        t('safety.restoreConfirm', { time: formatDateTime(backup.createdAt), aside: 'command-room.db.before-restore-…' }),
        t('safety.restoreTitle'),
        {
          type: 'warning',
          inputPlaceholder: t('safety.restoreTyped'),
          inputValidator: (value: string) => value.trim() === word || t('safety.restoreTyped'),
          confirmButtonText: t('safety.restore'),
          cancelButtonText: t('common.cancel'),
          confirmButtonClass: 'el-button--danger',
        },
      );
    } catch {
      return; // cancelled
    }
    const error = await store.restore(backup.name);
    if (error) ElMessage.error({ message: errorText(error), duration: 8000, showClose: true });
    else ElMessage.warning({ message: t('safety.restoring'), duration: 0 });
  }

  const kindLabel = (kind: BackupInfo['kind']) => t(`safety.kinds.${kind}`);
  const sizeLabel = (bytes: number) =>
    bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

  return { store, loadProblem, backUpNow, restore, kindLabel, sizeLabel, formatDateTime };
}
