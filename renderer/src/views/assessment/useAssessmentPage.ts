import { computed, onMounted, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import type { IndicatorKey } from '@common/assessment';
import type { ClientError } from '@/api/errors';
import { useErrorText } from '@/composables/useErrorText';
import { useAssessmentStore } from '@/stores/assessment';
import { recentPeriods } from './format';

/** Indicator names and definitions in the current language. */
export function useIndicatorText() {
  const store = useAssessmentStore();
  const { locale } = useI18n();
  const zh = computed(() => locale.value === 'zh-CN');
  return {
    nameOf: (key: IndicatorKey) => {
      const info = store.indicatorByKey.get(key);
      return info ? (zh.value ? info.nameZh : info.nameEn) : key;
    },
    definitionOf: (key: IndicatorKey) => {
      const info = store.indicatorByKey.get(key);
      return info ? (zh.value ? info.definitionZh : info.definitionEn) : '';
    },
  };
}

export function useAssessmentPage() {
  const store = useAssessmentStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const periods = computed(() => recentPeriods(store.scheme?.periodKind ?? 'quarter', Date.now()));

  /** Shows the outcome of an action: a success message or the error. */
  async function perform(action: () => Promise<ClientError | null>, done: string): Promise<boolean> {
    const error = await action();
    if (error) ElMessage.error(errorText(error));
    else ElMessage.success(done);
    return !error;
  }

  onMounted(async () => {
    await store.loadSchemes();
    if (!store.scheme && store.currentSchemes.length > 0) store.schemeCode = store.currentSchemes[0]!.code;
    // The last complete period is the one usually assessed.
    if (!store.period || !periods.value.includes(store.period)) store.period = periods.value[1]!;
    await store.load();
  });
  watch(
    () => store.schemeCode,
    () => {
      if (!periods.value.includes(store.period)) store.period = periods.value[1]!;
      void store.load();
    },
  );
  watch(
    () => store.period,
    () => void store.load(),
  );

  const run = computed(() => store.view?.run ?? null);
  // The core decides what may be done (role, state, newest revision); the page only shows it.
  const can = computed(() => ({
    compute: store.allowed.has('compute'),
    review: store.allowed.has('review'),
    publish: store.allowed.has('publish'),
    revise: store.allowed.has('revise'),
    addItem: store.allowed.has('addItem'),
    decide: store.allowed.has('decideItem'),
    judgeReturn: store.allowed.has('judgeReturn'),
  }));

  return { store, t, periods, perform, can, run };
}
