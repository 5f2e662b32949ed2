import { computed, onMounted } from 'vue';
import { useI18n } from 'vue-i18n';
import { PLATFORMS } from '@common/org';
import { useErrorText } from '@/composables/useErrorText';
import { featuresFor } from '@/features';
import { useAuthStore } from '@/stores/auth';
import { useOrgStore } from '@/stores/org';
import { formatDate } from '@/utils/time';

/** The landing page: who I am, what this township looks like, what my role is for. */
export function useOverview() {
  const auth = useAuthStore();
  const org = useOrgStore();
  const { t, tm, rt } = useI18n();
  const { errorText } = useErrorText();

  onMounted(() => void org.ensureLoaded());

  const today = formatDate(Date.now());

  const counts = computed(() => ({
    villages: org.villages.filter((village) => village.kind === 'village').length,
    communities: org.villages.filter((village) => village.kind === 'community').length,
    grids: org.grids.length,
    units: org.units.length,
  }));

  const unitsByPlatform = computed(() =>
    PLATFORMS.map((platform) => ({
      platform,
      count: org.units.filter((unit) => unit.platform === platform).length,
    })),
  );

  const duties = computed<string[]>(() => {
    const user = auth.user;
    if (!user) return [];
    // Duties are lists in the message files; tm() returns them uncompiled, rt() renders each.
    const list = tm(`duties.${user.role}`) as unknown;
    return Array.isArray(list) ? list.map((item) => rt(item as Parameters<typeof rt>[0])) : [];
  });

  /** Quick links to the other pages this role may open. */
  const shortcuts = computed(() => (auth.user ? featuresFor(auth.user.role).filter((feature) => feature.name !== 'home') : []));

  const directoryProblem = computed(() =>
    org.loadError && !org.directory ? t('home.directoryUnavailable', { reason: errorText(org.loadError) }) : '',
  );

  return { auth, org, today, counts, unitsByPlatform, duties, shortcuts, directoryProblem, retry: () => org.load() };
}
