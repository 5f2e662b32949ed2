import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { DashboardSummary, VillageMap } from '@common/contract';
import { call, onConnectionChange, onPush, type ClientError } from '@/api/client';

export type { DashboardSummary, VillageMap };

/**
 * After a change, wait this long before reading the figures again: a burst
 * (a warning tick, an alarm storm, a batch dispatch) costs one read per
 * second, not one per change. Never polled: only pushes trigger a read.
 */
export const DASHBOARD_SETTLE_MS = 1000;

/** The dashboard's figures and the village map, kept current by the `events.changed` push. */
export const useDashboardStore = defineStore('dashboard', () => {
  const summary = shallowRef<DashboardSummary | null>(null);
  const map = shallowRef<VillageMap | null>(null);
  const loadError = ref<ClientError | null>(null);
  const loading = ref(false);
  /** Reads of the summary so far (tests check that bursts are coalesced). */
  const reads = ref(0);

  let attached = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let stale = false;

  async function load(): Promise<void> {
    if (inFlight) {
      stale = true;
      return;
    }
    inFlight = true;
    loading.value = true;
    reads.value++;
    const result = await call('dashboard.summary', {});
    inFlight = false;
    loading.value = false;
    if (result.ok) {
      summary.value = result.value;
      loadError.value = null;
    } else loadError.value = result.error;
    // Changes arrived while reading: read once more, after the settle time.
    if (stale) {
      stale = false;
      schedule();
    }
  }

  function schedule(): void {
    if (timer !== undefined || attached === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void load();
    }, DASHBOARD_SETTLE_MS);
  }

  async function loadMap(): Promise<void> {
    const result = await call('dashboard.map', {});
    if (result.ok) map.value = result.value;
    else loadError.value = result.error;
  }

  async function importMap(fileName: string, text: string) {
    const result = await call('dashboard.importMap', { fileName, text });
    if (result.ok) await loadMap();
    return result;
  }

  /** A page showing the figures is open: read them now and follow changes until it closes. */
  function attach(options: { summary?: boolean } = {}): void {
    if (options.summary === false) {
      void loadMap();
      return;
    }
    attached++;
    if (attached === 1) {
      void load();
      if (!map.value) void loadMap();
    }
  }

  function detach(): void {
    attached = Math.max(0, attached - 1);
    if (attached === 0) {
      clearTimeout(timer);
      timer = undefined;
    }
  }

  function reset(): void {
    clearTimeout(timer);
    timer = undefined;
    summary.value = null;
    map.value = null;
    loadError.value = null;
  }

  onPush('events.changed', schedule);
  // Back after a dropped link: what changed meanwhile was never pushed to us.
  onConnectionChange((change) => {
    if (change.state === 'open' && change.reconnected && attached > 0) void load();
  });

  return { summary, map, loadError, loading, reads, attach, detach, reset, load, loadMap, importMap };
});
