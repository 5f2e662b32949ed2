import { computed, onMounted, ref, watch } from 'vue';
import type { InboxEntry } from '@common/contract';
import { mayCall } from '@/features';
import { useAuthStore } from '@/stores/auth';
import { useNoticesStore } from '@/stores/notices';

export interface CountyOrderView {
  offset: number;
  serial: string;
  problem: string;
  requirements: string;
  dueAt: string;
  issuedBy: string;
  units: string[];
}

/** A county supervision order as stored in the inbox; fields the county left out show empty. */
export function orderView(entry: InboxEntry): CountyOrderView {
  const d = (entry.data ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : '');
  return {
    offset: entry.offset,
    serial: text('serial'),
    problem: text('problem'),
    requirements: text('requirements'),
    dueAt: text('dueAt').replace('T', ' ').slice(0, 16),
    issuedBy: text('issuedBy'),
    units: Array.isArray(d.units) ? d.units.filter((u): u is string => typeof u === 'string') : [],
  };
}

export function useNoticesPage() {
  const store = useNoticesStore();
  const auth = useAuthStore();
  const tab = ref<'notices' | 'orders'>('notices');
  const expanded = ref<string[]>([]);
  const canSeeOrders = computed(() => (auth.user ? mayCall(auth.user.role, 'sync.countyOrders') : false));
  const orders = computed(() => store.orders.map(orderView));

  onMounted(() => void store.load());
  watch(tab, (value) => {
    if (value === 'orders') void store.loadOrders();
  });
  // Opening a notice reads it.
  watch(expanded, (ids) => {
    const unread = store.notices.filter((n) => ids.includes(n.id) && !n.read).map((n) => n.id);
    void store.markRead(unread);
  });

  const markAllRead = () => store.markRead(store.notices.filter((n) => !n.read).map((n) => n.id));
  return { store, tab, expanded, canSeeOrders, orders, markAllRead };
}
