import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InboxEntry, Notice } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';

/** County notices (通知) with this user's unread count, and the county's supervision orders for the director. */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  const more = ref(false);
  const unread = ref(0);
  const orders = ref<InboxEntry[]>([]);
  const moreOrders = ref(false);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);

  // A notice arrived: the badge counts it at once, the list reloads when open.
  onPush('sync.notice', () => {
    unread.value += 1;
    if (notices.value.length > 0) void load();
  });

  async function load(): Promise<void> {
    loading.value = true;
    const result = await call('sync.notices', { limit: 50 });
    loading.value = false;
    if (result.ok) {
      notices.value = result.value.notices;
      more.value = result.value.more;
      unread.value = result.value.unread;
      loadError.value = null;
    } else loadError.value = result.error;
  }

  async function loadMore(): Promise<void> {
    const last = notices.value.at(-1);
    if (!last) return;
    const result = await call('sync.notices', { limit: 50, before: last.seq });
    if (result.ok) {
      notices.value = [...notices.value, ...result.value.notices];
      more.value = result.value.more;
    }
  }

  async function markRead(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const result = await call('sync.markNoticesRead', { ids });
    if (!result.ok) return;
    unread.value = result.value.unread;
    const read = new Set(ids);
    notices.value = notices.value.map((n) => (read.has(n.id) ? { ...n, read: true } : n));
  }

  async function loadOrders(): Promise<void> {
    const result = await call('sync.countyOrders', { limit: 50 });
    if (result.ok) {
      orders.value = result.value.entries;
      moreOrders.value = result.value.more;
    } else loadError.value = result.error;
  }

  function reset(): void {
    notices.value = [];
    more.value = false;
    unread.value = 0;
    orders.value = [];
    moreOrders.value = false;
    loadError.value = null;
  }

  return { notices, more, unread, orders, moreOrders, loading, loadError, load, loadMore, markRead, loadOrders, reset };
});
