import { ElMessage, ElMessageBox } from 'element-plus';
import { computed, onMounted, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ActiveSession } from '@common/contract';
import { useErrorText } from '@/composables/useErrorText';
import { useServerStore } from '@/stores/server';

/** The room server page: its certificate (what desks pin) and the sessions signed in now. */
export function useServerPage() {
  const store = useServerStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const pem = ref({ cert: '', key: '' });
  const installing = ref(false);

  onMounted(() => void store.load());

  const loadProblem = computed(() => (store.loadError ? t('common.loadFailed', { reason: errorText(store.loadError) }) : ''));
  const daysLeft = computed(() =>
    store.certificate ? Math.floor((store.certificate.notAfter - Date.now()) / 86_400_000) : null,
  );

  async function endSession(session: ActiveSession): Promise<void> {
    try {
      await ElMessageBox.confirm(
        t('server.endConfirm', { user: session.displayName, address: session.address ?? '—' }),
        t('server.endTitle'),
        { type: 'warning', confirmButtonText: t('server.end'), cancelButtonText: t('common.cancel') },
      );
    } catch {
      return;
    }
    const error = await store.endSession(session.id);
    if (error) ElMessage.error(errorText(error));
    else ElMessage.success(t('server.ended'));
  }

  async function install(): Promise<void> {
    installing.value = true;
    const error = await store.installCertificate(pem.value.cert, pem.value.key);
    installing.value = false;
    if (error) {
      ElMessage.error({ message: errorText(error), duration: 8000, showClose: true });
      return;
    }
    pem.value = { cert: '', key: '' };
    ElMessage.success(t('server.installed'));
  }

  return { store, loadProblem, daysLeft, endSession, pem, installing, install };
}
