import { defineStore } from 'pinia';
import { ref } from 'vue';
import { call } from '../api';
import type { RankingRow } from '../types';

export const useRankingStore = defineStore('ranking', () => {
  const rows = ref<RankingRow[]>([]);
  const period = ref('');
  async function compute(p: string) {
    rows.value = (await call<{ rows: RankingRow[] }>('ranking.compute', { period: p })).rows;
    period.value = p;
  }
  const excel = (p: string) => call<{ fileName: string; base64: string }>('ranking.exportXlsx', { period: p });
  return { rows, period, compute, excel };
});
