import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InboxEntry, InputOf, SyncSettings, SyncStatus } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';

/**
 * The county link: its status for the status bar (kept current by the
 * `sync.status` push), and for the admin its settings and the county
 * messages that were unknown or rejected.
 */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus | null>(null);
  const settings = ref<SyncSettings | null>(null);
  const problems = ref<InboxEntry[]>([]);
  const moreProblems = ref(false);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);

  onPush('sync.status', (payload) => {
    status.value = payload;
  });

  async function loadStatus(): Promise<void> {
    const result = await call('sync.status', {});
    if (result.ok) status.value = result.value;
  }

  async function loadAdmin(): Promise<void> {
    loading.value = true;
    const [s, p] = await Promise.all([call('sync.settings', {}), call('sync.inbox', { limit: 50 })]);
    loading.value = false;
    if (s.ok) settings.value = s.value;
    if (p.ok) {
      problems.value = p.value.entries;
      moreProblems.value = p.value.more;
    }
    loadError.value = !s.ok ? s.error : !p.ok ? p.error : null;
    await loadStatus();
  }

  async function loadMoreProblems(): Promise<void> {
    const last = problems.value.at(-1);
    if (!last) return;
    const result = await call('sync.inbox', { limit: 50, before: last.offset });
    if (result.ok) {
      problems.value = [...problems.value, ...result.value.entries];
      moreProblems.value = result.value.more;
    }
  }

  async function configure(input: InputOf<'sync.configure'>): Promise<ClientError | null> {
    const result = await call('sync.configure', input);
    if (!result.ok) return result.error;
    settings.value = result.value;
    await loadStatus();
    return null;
  }

  async function retry(): Promise<void> {
    await call('sync.retry', {});
  }

  function reset(): void {
    status.value = null;
    settings.value = null;
    problems.value = [];
    moreProblems.value = false;
    loadError.value = null;
  }

  return {
    status,
    settings,
    problems,
    moreProblems,
    loading,
    loadError,
    loadStatus,
    loadAdmin,
    loadMoreProblems,
    configure,
    retry,
    reset,
  };
});
