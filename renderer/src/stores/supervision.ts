import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type {
  InputOf,
  InspectionFinding,
  OrderDetail,
  OrderDraft,
  OrderFilter,
  OrderRow,
  SupervisionSettings,
  SupervisionSuggestion,
} from '@common/contract';
import { call, onPush, type ClientError, type ClientResult } from '@/api/client';
import { photoCache, saveFile } from '@/utils/caseFiles';

export type { InspectionFinding, OrderDetail, OrderDraft, OrderFilter, OrderRow, SupervisionSuggestion };
export type IssueInput = InputOf<'supervision.issue'>;
export type DecideInput = InputOf<'supervision.decide'>;

const PAGE = 100;
const PUSH_SETTLE_MS = 300;

/** Supervision orders: the list with its filters, the open order, suggestions and inspection findings. */
export const useSupervisionStore = defineStore('supervision', () => {
  const filter = ref<OrderFilter>({});
  const rows = shallowRef<OrderRow[]>([]);
  const total = ref(0);
  const page = ref(0);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);

  const order = shallowRef<OrderDetail | null>(null);
  const orderError = ref<ClientError | null>(null);
  let openId: string | null = null;

  const suggestions = shallowRef<SupervisionSuggestion[]>([]);
  const settings = ref<SupervisionSettings | null>(null);
  const findings = shallowRef<InspectionFinding[]>([]);
  const photos = photoCache((id) => call('supervision.attachment', { id }));
  let pushTimer: ReturnType<typeof setTimeout> | undefined;
  let listAttached = false;

  async function loadList(): Promise<void> {
    loading.value = true;
    const result = await call('supervision.list', { filter: filter.value, offset: page.value * PAGE, limit: PAGE });
    loading.value = false;
    if (!result.ok) {
      loadError.value = result.error;
      return;
    }
    loadError.value = null;
    rows.value = result.value.rows;
    total.value = result.value.total;
  }

  function setFilter(next: OrderFilter): Promise<void> {
    filter.value = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '' && v !== false));
    page.value = 0;
    return loadList();
  }

  function setPage(next: number): Promise<void> {
    page.value = next;
    return loadList();
  }

  async function loadOrder(): Promise<void> {
    const id = openId;
    if (!id) return;
    const result = await call('supervision.get', { id });
    if (id !== openId) return;
    if (result.ok) {
      order.value = result.value;
      orderError.value = null;
    } else orderError.value = result.error;
  }

  function openOrder(id: string): Promise<void> {
    if (id !== openId) order.value = null;
    openId = id;
    return loadOrder();
  }

  function closeOrder(): void {
    openId = null;
    order.value = null;
    orderError.value = null;
  }

  function draft(input: InputOf<'supervision.draft'>) {
    return call('supervision.draft', input);
  }

  async function issue(input: IssueInput): Promise<ClientResult<{ id: string; serial: string }>> {
    const result = await call('supervision.issue', input);
    if (result.ok && listAttached) void loadList();
    return result;
  }

  async function answer(input: InputOf<'supervision.answer'>): Promise<ClientResult<{ late: boolean }>> {
    const result = await call('supervision.answer', input);
    if (result.ok && input.id === openId) await loadOrder();
    return result;
  }

  async function decide(input: DecideInput): Promise<ClientResult<{ reissued: { id: string; serial: string } | null }>> {
    const result = await call('supervision.decide', input);
    if (result.ok && input.id === openId) await loadOrder();
    return result;
  }

  async function loadSuggestions(): Promise<ClientError | null> {
    const result = await call('supervision.suggestions', {});
    if (!result.ok) return result.error;
    suggestions.value = result.value.suggestions;
    settings.value = result.value.settings;
    return null;
  }

  async function saveSettings(next: SupervisionSettings): Promise<ClientError | null> {
    const result = await call('supervision.setSettings', next);
    if (!result.ok) return result.error;
    settings.value = result.value;
    return loadSuggestions();
  }

  async function loadFindings(): Promise<ClientError | null> {
    const result = await call('supervision.findings', {});
    if (!result.ok) return result.error;
    findings.value = result.value;
    return null;
  }

  async function recordFinding(input: InputOf<'supervision.recordFinding'>): Promise<ClientError | null> {
    const result = await call('supervision.recordFinding', input);
    if (!result.ok) return result.error;
    return loadFindings();
  }

  async function orderFindings(input: InputOf<'supervision.orderFindings'>): Promise<ClientResult<{ id: string }[]>> {
    const result = await call('supervision.orderFindings', input);
    if (result.ok) await loadFindings();
    return result;
  }

  async function printOrder(id: string): Promise<ClientError | null> {
    const result = await call('supervision.orderPdf', { id });
    if (!result.ok) return result.error;
    saveFile(result.value);
    return null;
  }

  async function exportLedger(): Promise<ClientError | null> {
    const result = await call('supervision.ledger', {});
    if (!result.ok) return result.error;
    saveFile(result.value);
    return null;
  }

  /** A photo of an order, answer or finding as a data: URL, read once and kept for a while. */
  function photoUrl(id: string): Promise<ClientResult<string>> {
    return photos.url(id);
  }

  function attachList(): void {
    listAttached = true;
    void loadList();
  }
  function detachList(): void {
    listAttached = false;
  }

  function reset(): void {
    clearTimeout(pushTimer);
    closeOrder();
    filter.value = {};
    rows.value = [];
    total.value = 0;
    page.value = 0;
    suggestions.value = [];
    findings.value = [];
    settings.value = null;
    photos.clear();
  }

  onPush('supervision.changed', (payload) => {
    clearTimeout(pushTimer);
    pushTimer = setTimeout(() => {
      if (listAttached) void loadList();
      if (openId && payload.ids.includes(openId)) void loadOrder();
    }, PUSH_SETTLE_MS);
  });

  return {
    filter,
    rows,
    total,
    page,
    pageSize: PAGE,
    loading,
    loadError,
    order,
    orderError,
    suggestions,
    settings,
    findings,
    loadList,
    setFilter,
    setPage,
    attachList,
    detachList,
    openOrder,
    loadOrder,
    closeOrder,
    draft,
    issue,
    answer,
    decide,
    loadSuggestions,
    saveSettings,
    loadFindings,
    recordFinding,
    orderFindings,
    printOrder,
    exportLedger,
    photoUrl,
    reset,
  };
});
