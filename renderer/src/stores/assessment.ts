import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RunAction } from '@common/assessment';
import type { IndicatorInfo, InputOf, RunView, Scheme } from '@common/contract';
import { call, type ClientError } from '@/api/client';
import { saveFile } from '@/utils/caseFiles';

/** Schemes, the assessment of one scheme × period, and its actions. */
export const useAssessmentStore = defineStore('assessment', () => {
  const schemes = ref<Scheme[]>([]);
  const indicators = ref<IndicatorInfo[]>([]);
  /** What the user may do with a period that has no run yet, as the core says. */
  const periodActions = ref<RunAction[]>([]);
  const view = ref<RunView | null>(null);
  const schemeCode = ref('quarterly');
  const period = ref('');
  const loading = ref(false);
  const busy = ref(false);
  const loadError = ref<ClientError | null>(null);

  /** The newest version of each scheme family. */
  const currentSchemes = computed(() => {
    const newest = new Map<string, Scheme>();
    for (const s of schemes.value) if ((newest.get(s.code)?.version ?? 0) < s.version) newest.set(s.code, s);
    return [...newest.values()];
  });
  const scheme = computed(() => currentSchemes.value.find((s) => s.code === schemeCode.value) ?? null);
  const indicatorByKey = computed(() => new Map(indicators.value.map((i) => [i.key, i])));

  async function loadSchemes(): Promise<void> {
    const result = await call('assessment.schemes', {});
    if (result.ok) {
      schemes.value = result.value.schemes;
      indicators.value = result.value.indicators;
      periodActions.value = result.value.allowedActions;
    } else loadError.value = result.error;
  }

  async function load(revision?: number): Promise<void> {
    if (!period.value) return;
    const asked = `${schemeCode.value}|${period.value}`;
    loading.value = true;
    const result = await call('assessment.view', {
      schemeCode: schemeCode.value,
      period: period.value,
      ...(revision ? { revision } : {}),
    });
    loading.value = false;
    if (asked !== `${schemeCode.value}|${period.value}`) return;
    if (result.ok) {
      view.value = result.value;
      loadError.value = null;
    } else loadError.value = result.error;
  }

  /** Runs an action, then reloads the period; returns the error, if any. */
  async function run<T>(
    action: () => Promise<{ ok: true; value: T } | { ok: false; error: ClientError }>,
  ): Promise<ClientError | null> {
    busy.value = true;
    try {
      const result = await action();
      if (!result.ok) return result.error;
      await load();
      return null;
    } finally {
      busy.value = false;
    }
  }

  /** The actions the core allows now: the run's own, or those of an empty period. The page asks, it does not decide. */
  const allowed = computed(() => new Set<RunAction>(view.value ? view.value.allowedActions : periodActions.value));

  const runId = () => view.value!.run.id;
  const compute = () => run(() => call('assessment.compute', { schemeId: scheme.value!.id, period: period.value }));
  const review = () => run(() => call('assessment.review', { runId: runId() }));
  const publish = () => run(() => call('assessment.publish', { runId: runId() }));
  const revise = (reason: string) => run(() => call('assessment.revise', { runId: runId(), reason }));
  const addItem = (input: Omit<InputOf<'assessment.addItem'>, 'runId'>) =>
    run(() => call('assessment.addItem', { ...input, runId: runId() }));
  const decideItem = (id: string, approve: boolean, note?: string) =>
    run(() => call('assessment.decideItem', { id, approve, ...(note ? { note } : {}) }));

  const judgeReturn = (input: InputOf<'assessment.judgeReturn'>) => run(() => call('assessment.judgeReturn', input));

  async function evidence(unitId: string, indicator: IndicatorInfo['key'], offset = 0) {
    return call('assessment.evidence', { runId: runId(), unitId, indicator, offset, limit: 50 });
  }

  async function saveScheme(input: InputOf<'assessment.saveScheme'>): Promise<ClientError | null> {
    const result = await call('assessment.saveScheme', input);
    if (!result.ok) return result.error;
    await loadSchemes();
    return null;
  }

  /** Downloads a report through the browser. */
  async function download(kind: 'analysis' | 'ranking', format: 'xlsx' | 'pdf'): Promise<ClientError | null> {
    busy.value = true;
    const result = await call('assessment.report', { runId: runId(), kind, format });
    busy.value = false;
    if (!result.ok) return result.error;
    saveFile(result.value);
    return null;
  }

  async function evidenceFile(id: string) {
    return call('assessment.evidenceFile', { id });
  }

  function reset(): void {
    schemes.value = [];
    indicators.value = [];
    periodActions.value = [];
    view.value = null;
    period.value = '';
    loadError.value = null;
  }

  return {
    reset,
    schemes,
    indicators,
    currentSchemes,
    scheme,
    indicatorByKey,
    allowed,
    view,
    schemeCode,
    period,
    loading,
    busy,
    loadError,
    loadSchemes,
    load,
    compute,
    review,
    publish,
    revise,
    addItem,
    decideItem,
    judgeReturn,
    evidence,
    evidenceFile,
    saveScheme,
    download,
  };
});
