import { computed, onMounted, reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { useErrorText } from '@/composables/useErrorText';
import { useSyncStore } from '@/stores/sync';

/** The county link form: address, township id, a new token (never shown back), on/off. */
export function useSyncSettings() {
  const sync = useSyncStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const form = reactive({ url: '', townshipId: '', enabled: false, token: '', clearToken: false });
  const saving = ref(false);
  const formError = ref('');
  const fromEnvironment = computed(() => sync.settings?.source === 'environment');

  onMounted(() => void sync.loadAdmin());
  watch(
    () => sync.settings,
    (settings) => {
      if (!settings) return;
      Object.assign(form, {
        url: settings.url,
        townshipId: settings.townshipId,
        enabled: settings.enabled,
        token: '',
        clearToken: false,
      });
    },
    { immediate: true },
  );

  async function save(): Promise<void> {
    saving.value = true;
    formError.value = '';
    const error = await sync.configure({
      url: form.url.trim(),
      townshipId: form.townshipId.trim(),
      enabled: form.enabled,
      ...(form.token.trim() ? { token: form.token.trim() } : form.clearToken ? { token: null } : {}),
    });
    saving.value = false;
    if (error) formError.value = errorText(error);
    else ElMessage.success(t('sync.settings.saved'));
  }

  return { sync, form, saving, formError, fromEnvironment, save };
}
