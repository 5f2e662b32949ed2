import { ElMessage, ElMessageBox } from 'element-plus';
import { useI18n } from 'vue-i18n';
import type { ClientError } from '@/api/errors';
import { useErrorText } from '@/composables/useErrorText';

/** Ask, delete, and explain a refusal in this record's own terms (IN_USE says what still uses it). */
export function useConfirmDelete() {
  const { t } = useI18n();
  const { errorText } = useErrorText();

  return async function confirmDelete(
    question: string,
    remove: () => Promise<ClientError | null>,
    inUseMessage: string,
  ): Promise<void> {
    try {
      // Button texts are passed explicitly: message boxes live outside el-config-provider's reach.
      await ElMessageBox.confirm(question, t('common.deleteTitle'), {
        type: 'warning',
        confirmButtonText: t('common.delete'),
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: 'el-button--danger',
      });
    } catch {
      return; // cancelled
    }
    const error = await remove();
    if (error) ElMessage.error({ message: errorText(error, { IN_USE: inUseMessage }), duration: 6000, showClose: true });
    else ElMessage.success(t('common.deleted'));
  };
}
