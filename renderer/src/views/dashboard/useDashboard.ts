import { computed, onMounted, onUnmounted } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import type { QueueFilter } from '@common/contract';
import { LEVEL_COLOURS } from '@/components/charts/echarts';
import { useErrorText } from '@/composables/useErrorText';
import { useDashboardStore } from '@/stores/dashboard';
import { useOrgStore } from '@/stores/org';
import { queueLinkQuery } from '@/utils/queueLink';
import { formatDateTime } from '@/utils/time';

/** What the dashboard and the wall display share: the store's figures, their chart shapes and the links to the queue. */
export function useDashboard(options: { links: boolean }) {
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const router = useRouter();
  const store = useDashboardStore();
  const org = useOrgStore();

  onMounted(() => {
    store.attach();
    void org.ensureLoaded();
  });
  onUnmounted(() => store.detach());

  const summary = computed(() => store.summary);
  const updatedAt = computed(() => (summary.value ? formatDateTime(summary.value.generatedAt) : ''));
  const problem = computed(() => (store.loadError ? t('dashboard.loadFailed', { reason: errorText(store.loadError) }) : ''));

  /** Every number opens the queue on exactly its events (the wall display is read-only and links nowhere). */
  function openQueue(filter: QueueFilter | undefined): void {
    if (!options.links || !filter) return;
    void router.push({ name: 'events', query: queueLinkQuery(filter) });
  }

  function openEvent(id: string): void {
    if (options.links) void router.push({ name: 'event-detail', params: { id } });
  }

  const stateItems = computed(() =>
    (summary.value?.byState ?? []).map((s) => ({
      label: t(`eventStates.${s.state}`),
      value: s.figure.count,
      filter: s.figure.filter,
    })),
  );
  const categoryItems = computed(() =>
    (summary.value?.byCategory ?? []).map((c) => ({ label: c.name, value: c.figure.count, filter: c.figure.filter })),
  );
  const levelItems = computed(() =>
    (summary.value?.levels.counts ?? []).map((l, i) => ({
      label: `${t(`resolvedLevels.${l.level}`)}`,
      slogan: t(`dashboard.levelSlogans.${l.level}`),
      value: l.figure.count,
      colour: LEVEL_COLOURS[i]!,
      filter: l.figure.filter,
    })),
  );
  const trend = computed(() => {
    const days = summary.value?.trend ?? [];
    return {
      days: days.map((d) => d.day),
      received: days.map((d) => d.received.count),
      closed: days.map((d) => d.closed.count),
    };
  });

  function pickTrend(index: number, series: 'received' | 'closed'): void {
    openQueue(summary.value?.trend[index]?.[series].filter);
  }

  function openVillage(villageId: string): void {
    openQueue(summary.value?.villages.find((v) => v.villageId === villageId)?.open.filter);
  }

  const mapLabels = computed(() => ({
    open: t('dashboard.mapLegendOpen'),
    red: t('warnings.red'),
    yellow: t('warnings.yellow'),
    none: t('warnings.none'),
  }));
  const trendLabels = computed(() => ({ received: t('dashboard.trendReceived'), closed: t('dashboard.trendClosed') }));

  return {
    store,
    org,
    summary,
    updatedAt,
    problem,
    openQueue,
    openEvent,
    stateItems,
    categoryItems,
    levelItems,
    trend,
    pickTrend,
    openVillage,
    mapLabels,
    trendLabels,
  };
}
