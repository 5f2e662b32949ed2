import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Directory, Grid, InputOf, MethodName, Unit, Village } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';
import { browserStorage, readText, writeText } from '@/utils/storage';

const TOWNSHIP_NAME_KEY = 'commandRoom.townshipName';

type OrgWrite =
  | 'org.updateTownship'
  | 'org.createVillage'
  | 'org.updateVillage'
  | 'org.deleteVillage'
  | 'org.createGrid'
  | 'org.updateGrid'
  | 'org.deleteGrid'
  | 'org.createUnit'
  | 'org.updateUnit'
  | 'org.deleteUnit';

/** The township's directory (villages, grids, units), reloaded whenever the core says it changed. */
export const useOrgStore = defineStore('org', () => {
  const storage = browserStorage();
  const directory = ref<Directory | null>(null);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);
  /** Remembered across restarts so the login page, before anyone signs in, can name the township. */
  const knownTownshipName = ref<string | null>(readText(storage, TOWNSHIP_NAME_KEY));

  const township = computed(() => directory.value?.township ?? null);
  const villages = computed<Village[]>(() => directory.value?.villages ?? []);
  const grids = computed<Grid[]>(() => directory.value?.grids ?? []);
  const units = computed<Unit[]>(() => directory.value?.units ?? []);
  const villageById = computed(() => new Map(villages.value.map((village) => [village.id, village])));
  const unitById = computed(() => new Map(units.value.map((unit) => [unit.id, unit])));
  const gridsByVillage = computed(() => {
    const byVillage = new Map<string, Grid[]>();
    for (const grid of grids.value) {
      const list = byVillage.get(grid.villageId) ?? [];
      list.push(grid);
      byVillage.set(grid.villageId, list);
    }
    return byVillage;
  });

  let inFlight: Promise<void> | null = null;
  let staleWhileLoading = false;

  /** Reload; a request made during a reload causes exactly one more, so bursts of pushes cost two loads. */
  function load(): Promise<void> {
    if (inFlight) {
      staleWhileLoading = true;
      return inFlight;
    }
    inFlight = (async () => {
      loading.value = true;
      do {
        staleWhileLoading = false;
        const result = await call('org.directory', {});
        if (result.ok) {
          directory.value = result.value;
          loadError.value = null;
          knownTownshipName.value = result.value.township.name;
          writeText(storage, TOWNSHIP_NAME_KEY, result.value.township.name);
        } else {
          loadError.value = result.error;
        }
      } while (staleWhileLoading);
      loading.value = false;
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  function ensureLoaded(): Promise<void> {
    return directory.value ? Promise.resolve() : load();
  }

  async function write<M extends OrgWrite & MethodName>(method: M, input: InputOf<M>): Promise<ClientError | null> {
    const result = await call(method, input);
    if (!result.ok) return result.error;
    // The push would reload too, but waiting here lets the dialog close on fresh data.
    await load();
    return null;
  }

  function reset(): void {
    directory.value = null;
    loadError.value = null;
  }

  onPush('org.changed', (payload) => {
    if (directory.value && payload.entity !== 'user') void load();
  });

  return {
    directory,
    loading,
    loadError,
    knownTownshipName,
    township,
    villages,
    grids,
    units,
    villageById,
    unitById,
    gridsByVillage,
    load,
    ensureLoaded,
    reset,
    updateTownship: (input: InputOf<'org.updateTownship'>) => write('org.updateTownship', input),
    createVillage: (input: InputOf<'org.createVillage'>) => write('org.createVillage', input),
    updateVillage: (input: InputOf<'org.updateVillage'>) => write('org.updateVillage', input),
    deleteVillage: (id: string) => write('org.deleteVillage', { id }),
    createGrid: (input: InputOf<'org.createGrid'>) => write('org.createGrid', input),
    updateGrid: (input: InputOf<'org.updateGrid'>) => write('org.updateGrid', input),
    deleteGrid: (id: string) => write('org.deleteGrid', { id }),
    createUnit: (input: InputOf<'org.createUnit'>) => write('org.createUnit', input),
    updateUnit: (input: InputOf<'org.updateUnit'>) => write('org.updateUnit', input),
    deleteUnit: (id: string) => write('org.deleteUnit', { id }),
  };
});
