import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  type BatchCheck,
  type BatchInput,
  type QUEUE_SORTS,
  type QUEUE_VIEWS,
  type QueueFilter,
  type QueueRow,
} from '@common/contract';
import { call, onPush, type ClientError, type ClientResult } from '@/api/client';
import { saveFile } from '@/utils/caseFiles';
import { pagesInRange, SparsePages } from '@/utils/sparsePages';

export type QueueView = (typeof QUEUE_VIEWS)[number];
export type QueueSort = (typeof QUEUE_SORTS)[number];
export type { BatchCheck, BatchInput, QueueFilter, QueueRow };

/** One line of the virtualized table: the row once its page is read, null (a placeholder) until then. */
export interface QueueSlot {
  key: number;
  row: QueueRow | null;
}

export const QUEUE_PAGE_SIZE = 100;
/** At most this many pages (4,000 rows) are held; the rest are read again when scrolled back to. */
const MAX_PAGES = 40;
/** Rows read ahead above and below what is on screen. */
const READ_AHEAD = 40;
/** Scrolling fast past thousands of rows must not ask for every page flown over. */
const SCROLL_SETTLE_MS = 80;
/**
 * Requests at once: deep offsets cost the core time, and a queue of requests
 * for places already scrolled past would delay the one for where the user stopped.
 */
const MAX_IN_FLIGHT = 2;
/** A burst of changes (a warning tick touches many events) reloads once. */
const PUSH_SETTLE_MS = 400;

/** Drop empty filter fields: the core reads a missing field as "any". */
function cleanFilter(filter: QueueFilter): QueueFilter {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    clean[key] = typeof value === 'string' ? value.trim() : value;
  }
  return clean as QueueFilter;
}

/**
 * The event queue as a long list read page by page: the table asks for the
 * rows on screen (`showRange`), the store reads the missing pages of 100 by
 * offset, keeps a bounded sparse cache of them, and answers placeholders for
 * the rest. Live changes reload what is on screen and drop the rest.
 */
export const useEventQueueStore = defineStore('eventQueue', () => {
  const filter = ref<QueueFilter>({ view: 'all' });
  const sort = ref<QueueSort>('due');
  const total = ref(0);
  /** `total` slots, replaced (never mutated) so the table notices. */
  const slots = shallowRef<QueueSlot[]>([]);
  /** The current query has been answered at least once. */
  const loaded = ref(false);
  const pending = ref(0);
  const loadError = ref<ClientError | null>(null);
  /** A page has chosen the opening view for this session (unit handlers open on their to-do list). */
  const initialised = ref(false);
  /** The row picked with the keyboard or mouse, kept while someone looks at an event and comes back. */
  const selected = ref(-1);
  /** Events ticked for a batch action, by id (they stay ticked while the list scrolls or reloads). */
  const checked = shallowRef<ReadonlySet<string>>(new Set());
  /** The row last ticked, where a shift-click range starts. */
  let anchor = -1;
  /** The rows on screen, for the header's tick box. */
  const shown = shallowRef({ start: 0, end: QUEUE_PAGE_SIZE - 1 });

  const cache = new SparsePages<QueueRow>(QUEUE_PAGE_SIZE, MAX_PAGES);
  let buffer: QueueSlot[] = [];
  let visible = { start: 0, end: QUEUE_PAGE_SIZE - 1 };
  let attached = 0;
  let scrollTimer: ReturnType<typeof setTimeout> | undefined;
  let pushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Pages were wanted while MAX_IN_FLIGHT requests ran: look again (at the range shown then) when one ends. */
  let backlog = false;

  const publish = () => (slots.value = buffer.slice());
  const onScreen = () => pagesInRange(visible.start, visible.end, QUEUE_PAGE_SIZE);

  function resize(length: number): void {
    if (length === buffer.length) return;
    const next = new Array<QueueSlot>(length);
    for (let index = 0; index < length; index++) next[index] = buffer[index] ?? { key: index, row: cache.rowAt(index) };
    buffer = next;
  }

  function fillPage(page: number): void {
    const end = Math.min(buffer.length, (page + 1) * QUEUE_PAGE_SIZE);
    for (let index = page * QUEUE_PAGE_SIZE; index < end; index++) buffer[index] = { key: index, row: cache.rowAt(index) };
  }

  async function fetchPage(page: number): Promise<void> {
    const generation = cache.request(page);
    pending.value++;
    const result = await call('events.queue', {
      filter: cleanFilter(filter.value),
      sort: sort.value,
      offset: page * QUEUE_PAGE_SIZE,
      limit: QUEUE_PAGE_SIZE,
    });
    pending.value--;
    if (backlog) {
      backlog = false;
      loadWanted();
    }
    if (!result.ok) {
      cache.forget(page, generation);
      if (generation === cache.generation) loadError.value = result.error;
      return;
    }
    const { stored, evicted } = cache.put(page, result.value.rows, generation, onScreen());
    if (!stored) return; // answered for filters or a state of the list that is gone
    loadError.value = null;
    total.value = result.value.total;
    resize(result.value.total);
    fillPage(page);
    for (const dropped of evicted) fillPage(dropped);
    loaded.value = true;
    publish();
  }

  function loadWanted(): void {
    // Before the first answer the length is unknown: read the first page the table shows.
    const length = loaded.value ? total.value : visible.end + 1;
    for (const page of cache.wanted(visible.start - READ_AHEAD, visible.end + READ_AHEAD, length)) {
      if (pending.value >= MAX_IN_FLIGHT) {
        backlog = true;
        return;
      }
      void fetchPage(page);
    }
  }

  /** The table shows rows [start, end]: read what is missing once scrolling settles. */
  function showRange(start: number, end: number): void {
    visible = { start, end: Math.max(start, end) };
    shown.value = visible;
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(loadWanted, SCROLL_SETTLE_MS);
  }

  /** New filters or sort: a different list, read from its top. */
  function setQuery(next: { filter: QueueFilter; sort: QueueSort }): void {
    filter.value = next.filter;
    sort.value = next.sort;
    cache.clear();
    buffer = [];
    total.value = 0;
    loaded.value = false;
    loadError.value = null;
    selected.value = -1;
    checked.value = new Set();
    anchor = -1;
    visible = { start: 0, end: QUEUE_PAGE_SIZE - 1 };
    shown.value = visible;
    publish();
    loadWanted();
  }

  /** The list may have changed: reload what is on screen (still showing it meanwhile), forget the rest. */
  function refresh(): void {
    if (!loaded.value) return loadWanted();
    for (const page of cache.invalidate(onScreen())) fillPage(page);
    publish();
    loadWanted();
  }

  function setChecked(ids: Iterable<string>): void {
    checked.value = new Set(ids);
  }

  /** Ticks or unticks one row; with shift, every loaded row between it and the last one ticked. */
  function toggleChecked(index: number, range = false): void {
    const row = rowAt(index);
    if (!row) return;
    const on = !checked.value.has(row.id);
    const next = new Set(checked.value);
    const [from, to] = range && anchor >= 0 ? [Math.min(anchor, index), Math.max(anchor, index)] : [index, index];
    for (let i = from; i <= to; i++) {
      const id = rowAt(i)?.id;
      if (!id) continue;
      if (on) next.add(id);
      else next.delete(id);
    }
    anchor = index;
    checked.value = next;
  }

  /** The ids of the loaded rows on screen (this page of the list). */
  const visibleIds = computed(() => {
    const { start, end } = shown.value;
    return slots.value.slice(start, end + 1).flatMap((slot) => (slot.row ? [slot.row.id] : []));
  });

  /** Whether the rows on screen are all, some or none ticked (for the header box). */
  const visibleCheckState = computed(() => {
    const on = visibleIds.value.filter((id) => checked.value.has(id)).length;
    return on === 0 ? 'none' : on === visibleIds.value.length ? 'all' : 'some';
  });

  /** Select all on this page: the rows on screen all ticked, or all unticked when they already were. */
  function toggleVisible(): void {
    const next = new Set(checked.value);
    const all = visibleCheckState.value === 'all';
    for (const id of visibleIds.value) {
      if (all) next.delete(id);
      else next.add(id);
    }
    checked.value = next;
  }

  /** Which ticked events a batch may move, and why the others may not: nothing is written. */
  async function checkBatch(input: BatchInput) {
    return call('events.batchCheck', input);
  }

  /** The batch itself; on success the ticks go, the list reloads. */
  async function runBatch(input: BatchInput) {
    const result = await call('events.batch', input);
    if (result.ok) {
      setChecked([]);
      refresh();
    }
    return result;
  }

  /** The queue as now filtered and sorted, as an Excel download; answers how many rows it holds. */
  async function exportQueue(): Promise<ClientResult<number>> {
    const result = await call('events.export', { filter: cleanFilter(filter.value), sort: sort.value });
    if (!result.ok) return result;
    saveFile(result.value);
    return { ok: true, value: result.value.rows };
  }

  function rowAt(index: number): QueueRow | null {
    return buffer[index]?.row ?? null;
  }

  /** A page showing the queue is open; while none is, pushes are not worth a request. */
  function attach(): void {
    attached++;
    if (attached === 1) refresh();
  }

  function detach(): void {
    attached = Math.max(0, attached - 1);
  }

  function reset(): void {
    clearTimeout(scrollTimer);
    clearTimeout(pushTimer);
    filter.value = { view: 'all' };
    sort.value = 'due';
    cache.clear();
    buffer = [];
    total.value = 0;
    loaded.value = false;
    loadError.value = null;
    initialised.value = false;
    selected.value = -1;
    checked.value = new Set();
    anchor = -1;
    publish();
  }

  onPush('events.changed', () => {
    if (attached === 0) return;
    clearTimeout(pushTimer);
    pushTimer = setTimeout(refresh, PUSH_SETTLE_MS);
  });

  return {
    filter,
    sort,
    total,
    slots,
    loaded,
    pending,
    loadError,
    initialised,
    selected,
    checked,
    setChecked,
    toggleChecked,
    toggleVisible,
    visibleCheckState,
    checkBatch,
    runBatch,
    exportQueue,
    showRange,
    setQuery,
    refresh,
    rowAt,
    attach,
    detach,
    reset,
  };
});
