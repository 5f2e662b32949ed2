import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AuditEntry, InputOf } from '@common/contract';
import { call, type ClientError } from '@/api/client';

export type AuditQuery = InputOf<'audit.list'>;

/** One page of the audit log at a time: the log only grows, so it is read newest first by cursor. */
export const useAuditStore = defineStore('audit', () => {
  const entries = ref<AuditEntry[]>([]);
  const more = ref(false);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);

  async function loadPage(query: AuditQuery): Promise<void> {
    loading.value = true;
    const result = await call('audit.list', query);
    loading.value = false;
    if (result.ok) {
      entries.value = result.value.entries;
      more.value = result.value.more;
      loadError.value = null;
    } else {
      loadError.value = result.error;
    }
  }

  function reset(): void {
    entries.value = [];
    more.value = false;
    loadError.value = null;
  }

  return { entries, more, loading, loadError, loadPage, reset };
});
