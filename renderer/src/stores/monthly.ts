import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { MonthlyAnalysis } from '@common/contract';
import { call, type ClientError } from '@/api/client';
import { saveFile } from '@/utils/caseFiles';

export type { MonthlyAnalysis };

/** The monthly analysis (月报分析) of one month, and its PDF and workbook. */
export const useMonthlyStore = defineStore('monthly', () => {
  /** `2026-11`; undefined: the previous month, as the core decides. */
  const month = ref<string | undefined>(undefined);
  const analysis = shallowRef<MonthlyAnalysis | null>(null);
  const error = ref<ClientError | null>(null);
  const loading = ref(false);

  const input = () => (month.value ? { month: month.value } : {});

  async function load(): Promise<void> {
    loading.value = true;
    const result = await call('monthly.get', input());
    loading.value = false;
    if (!result.ok) return void (error.value = result.error);
    error.value = null;
    analysis.value = result.value;
  }

  async function download(kind: 'pdf' | 'xlsx'): Promise<ClientError | null> {
    const result = kind === 'pdf' ? await call('monthly.reportPdf', input()) : await call('monthly.workbook', input());
    if (!result.ok) return result.error;
    saveFile(result.value);
    return null;
  }

  return { month, analysis, error, loading, load, download };
});
