import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InboxEntry, InputOf, RefusedChange, SyncSettings, SyncStatus } from '@common/contract';
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
  /** Changes the county refused (PROTOCOL.md revision 2); by default only the open ones. */
  const refused = ref<RefusedChange[]>([]);
  const moreRefused = ref(false);
  const refusedHandled = ref(false);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);

  /** The admin page is open (its lists were loaded): a new refusal shows up there at once. */
  let adminLoaded = false;
  onPush('sync.status', (payload) => {
    const refusedChanged = status.value !== null && payload.refused !== status.value.refused;
    status.value = payload;
    if (adminLoaded && refusedChanged) void loadRefused();
  });

  async function loadStatus(): Promise<void> {
    const result = await call('sync.status', {});
    if (result.ok) status.value = result.value;
  }

  async function loadAdmin(): Promise<void> {
    adminLoaded = true;
    loading.value = true;
    const [s, p] = await Promise.all([call('sync.settings', {}), call('sync.inbox', { limit: 50 })]);
    loading.value = false;
    if (s.ok) settings.value = s.value;
    if (p.ok) {
      problems.value = p.value.entries;
      moreProblems.value = p.value.more;
    }
    loadError.value = !s.ok ? s.error : !p.ok ? p.error : null;
    await Promise.all([loadStatus(), loadRefused()]);
  }

  const refusedStates = () => (refusedHandled.value ? (['open', 'resent', 'dismissed'] as const) : (['open'] as const));

  async function loadRefused(): Promise<void> {
    const result = await call('sync.refused', { states: [...refusedStates()], limit: 50 });
    if (result.ok) {
      refused.value = result.value.entries;
      moreRefused.value = result.value.more;
    }
  }

  async function loadMoreRefused(): Promise<void> {
    const last = refused.value.at(-1);
    if (!last) return;
    const result = await call('sync.refused', { states: [...refusedStates()], limit: 50, before: last.seq });
    if (result.ok) {
      refused.value = [...refused.value, ...result.value.entries];
      moreRefused.value = result.value.more;
    }
  }

  async function resendRefused(input: InputOf<'sync.resendRefused'>): Promise<ClientError | RefusedChange> {
    const result = await call('sync.resendRefused', input);
    if (!result.ok) return result.error;
    await Promise.all([loadRefused(), loadStatus()]);
    return result.value;
  }

  async function dismissRefused(input: InputOf<'sync.dismissRefused'>): Promise<ClientError | null> {
    const result = await call('sync.dismissRefused', input);
    if (!result.ok) return result.error;
    await Promise.all([loadRefused(), loadStatus()]);
    return null;
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
    adminLoaded = false;
    status.value = null;
    settings.value = null;
    problems.value = [];
    moreProblems.value = false;
    refused.value = [];
    moreRefused.value = false;
    refusedHandled.value = false;
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
    refused,
    moreRefused,
    refusedHandled,
    loadRefused,
    loadMoreRefused,
    resendRefused,
    dismissRefused,
    configure,
    retry,
    reset,
  };
});
