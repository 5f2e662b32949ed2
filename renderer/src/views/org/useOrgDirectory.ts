import { computed, onMounted, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useErrorText } from '@/composables/useErrorText';
import { useOrgStore } from '@/stores/org';

export type OrgTab = 'villages' | 'grids' | 'units';

/** The org directory admin page: which tab is open, the township card, load problems. */
export function useOrgDirectory() {
  const org = useOrgStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();

  const tab = ref<OrgTab>('villages');
  const townshipDialogOpen = ref(false);

  // Always reload on entering: the admin edits against what the core has now.
  onMounted(() => void org.load());

  const loadProblem = computed(() => (org.loadError ? t('common.loadFailed', { reason: errorText(org.loadError) }) : ''));

  return { org, tab, townshipDialogOpen, loadProblem, reload: () => org.load() };
}
