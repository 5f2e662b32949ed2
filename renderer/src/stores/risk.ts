import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { InputOf, RiskDetail, RiskRow, RiskYearCounts } from '@common/contract';
import { call, onPush, type ClientError, type ClientResult } from '@/api/client';
import { saveFile } from '@/utils/caseFiles';

export type { RiskDetail, RiskRow, RiskYearCounts };
export type NewRiskInput = InputOf<'risk.create'>;

/** A step on an assessment, as the page offers it: the method and its input. */
export type RiskStepCall =
  | { method: 'risk.identify'; input: InputOf<'risk.identify'> }
  | { method: 'risk.recordMethod'; input: InputOf<'risk.recordMethod'> }
  | { method: 'risk.rate'; input: InputOf<'risk.rate'> }
  | { method: 'risk.decide'; input: InputOf<'risk.decide'> }
  | { method: 'risk.addTask'; input: InputOf<'risk.addTask'> }
  | { method: 'risk.completeTask'; input: InputOf<'risk.completeTask'> }
  | { method: 'risk.review'; input: InputOf<'risk.review'> };

/** The risk-assessment register (稳评): the year's list, the open assessment and the yearly counts. */
export const useRiskStore = defineStore('risk', () => {
  const year = ref<number | undefined>(undefined);
  const rows = shallowRef<RiskRow[]>([]);
  const loadError = ref<ClientError | null>(null);
  const loading = ref(false);
  const detail = shallowRef<RiskDetail | null>(null);
  const detailError = ref<ClientError | null>(null);
  const counts = shallowRef<RiskYearCounts | null>(null);
  let openId: string | null = null;

  async function loadList(): Promise<void> {
    loading.value = true;
    const result = await call('risk.list', year.value ? { year: year.value } : {});
    loading.value = false;
    if (!result.ok) {
      loadError.value = result.error;
      return;
    }
    loadError.value = null;
    rows.value = result.value;
  }

  async function open(id: string | null): Promise<void> {
    openId = id;
    if (!id) {
      detail.value = null;
      return;
    }
    const result = await call('risk.get', { id });
    if (openId !== id) return;
    if (!result.ok) {
      detailError.value = result.error;
      detail.value = null;
      return;
    }
    detailError.value = null;
    detail.value = result.value;
  }

  async function loadCounts(): Promise<ClientError | null> {
    const result = await call('risk.yearCounts', {});
    if (!result.ok) return result.error;
    counts.value = result.value;
    return null;
  }

  async function create(input: NewRiskInput): Promise<ClientResult<{ id: string; serial: string }>> {
    const result = await call('risk.create', input);
    if (result.ok) await Promise.all([loadList(), open(result.value.id)]);
    return result;
  }

  async function step(s: RiskStepCall): Promise<ClientError | null> {
    // One switch keeps every call typed by its own method.
    const result =
      s.method === 'risk.identify'
        ? await call(s.method, s.input)
        : s.method === 'risk.recordMethod'
          ? await call(s.method, s.input)
          : s.method === 'risk.rate'
            ? await call(s.method, s.input)
            : s.method === 'risk.decide'
              ? await call(s.method, s.input)
              : s.method === 'risk.addTask'
                ? await call(s.method, s.input)
                : s.method === 'risk.completeTask'
                  ? await call(s.method, s.input)
                  : await call(s.method, s.input);
    if (!result.ok) return result.error;
    await Promise.all([loadList(), open(openId)]);
    return null;
  }

  async function printReport(id: string): Promise<ClientError | null> {
    const result = await call('risk.reportPdf', { id });
    if (!result.ok) return result.error;
    saveFile(result.value);
    return null;
  }

  async function exportLedger(): Promise<ClientError | null> {
    const result = await call('risk.ledger', year.value ? { year: year.value } : {});
    if (!result.ok) return result.error;
    saveFile(result.value);
    return null;
  }

  onPush('risk.changed', (payload) => {
    if (rows.value.length || loadError.value) void loadList();
    if (openId && payload.ids.includes(openId)) void open(openId);
    if (counts.value) void loadCounts();
  });

  return {
    year,
    rows,
    loading,
    loadError,
    detail,
    detailError,
    counts,
    loadList,
    open,
    loadCounts,
    create,
    step,
    printReport,
    exportLedger,
  };
});
