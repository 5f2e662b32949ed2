import { ElMessage, ElMessageBox } from 'element-plus';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Enrollment } from '@common/contract';
import { useErrorText } from '@/composables/useErrorText';
import { useServerStore } from '@/stores/server';
import { formatDateTime } from '@/utils/time';

/** Making, listing and withdrawing the one-time codes desks enroll with. */
export function useEnrollmentCodes() {
  const store = useServerStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const label = ref('');
  const creating = ref(false);

  async function create(): Promise<void> {
    creating.value = true;
    const made = await store.createEnrollment(label.value.trim());
    creating.value = false;
    if ('message' in made) {
      ElMessage.error(errorText(made));
      return;
    }
    label.value = '';
    // Shown once: the server keeps only the code's hash.
    await ElMessageBox.alert(
      t('desks.createdMessage', { code: made.code, expires: formatDateTime(made.expiresAt) }),
      t('desks.createdTitle'),
      { type: 'success', customClass: 'enrollment-code-box' },
    ).catch(() => undefined);
  }

  async function revoke(enrollment: Enrollment): Promise<void> {
    try {
      await ElMessageBox.confirm(t('desks.revokeConfirm', { label: enrollment.label }), t('desks.revoke'), {
        type: 'warning',
        confirmButtonText: t('desks.revoke'),
        cancelButtonText: t('common.cancel'),
      });
    } catch {
      return;
    }
    const error = await store.revokeEnrollment(enrollment.id);
    if (error) ElMessage.error(errorText(error));
    else ElMessage.success(t('desks.revoked'));
  }

  return { store, label, creating, create, revoke };
}
