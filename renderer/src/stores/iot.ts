import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Device, DeviceInput, ImportRowError, Incident, InputOf } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';

/** The detector registry, its import, the test injector and the verification of one IoT event. */
export const useIotStore = defineStore('iot', () => {
  const devices = shallowRef<Device[]>([]);
  const total = ref(0);
  const filter = ref<{ villageId?: string; search?: string; offset: number; limit: number }>({ offset: 0, limit: 50 });
  const loading = ref(false);
  const loaded = ref(false);
  const loadError = ref<ClientError | null>(null);
  const incident = ref<Incident | null>(null);
  const incidentError = ref<ClientError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const f = filter.value;
    const result = await call('iot.devices', {
      offset: f.offset,
      limit: f.limit,
      ...(f.villageId ? { villageId: f.villageId } : {}),
      ...(f.search ? { search: f.search } : {}),
    });
    loading.value = false;
    if (result.ok) {
      devices.value = result.value.rows;
      total.value = result.value.total;
      loaded.value = true;
      loadError.value = null;
    } else loadError.value = result.error;
  }

  async function save(id: string | undefined, device: DeviceInput): Promise<ClientError | null> {
    const result = await call('iot.saveDevice', id ? { id, device } : { device });
    if (!result.ok) return result.error;
    await load();
    return null;
  }

  async function remove(id: string): Promise<ClientError | null> {
    const result = await call('iot.deleteDevice', { id });
    if (!result.ok) return result.error;
    await load();
    return null;
  }

  /** The whole file or nothing: row errors come back as a list, nothing is written then. */
  async function importFile(
    fileName: string,
    dataBase64: string,
  ): Promise<{ error: ClientError } | { created: number; updated: number; errors: ImportRowError[] }> {
    const result = await call('iot.importDevices', { fileName, dataBase64 });
    if (!result.ok) return { error: result.error };
    if (result.value.errors.length === 0) await load();
    return result.value;
  }

  async function inject(input: InputOf<'iot.injectTestAlarm'>) {
    return call('iot.injectTestAlarm', input);
  }

  async function openIncident(eventId: string): Promise<void> {
    const result = await call('iot.incident', { eventId });
    if (result.ok) {
      incident.value = result.value;
      incidentError.value = null;
    } else incidentError.value = result.error;
  }

  async function recordCall(input: InputOf<'iot.recordCall'>): Promise<ClientError | null> {
    const result = await call('iot.recordCall', input);
    await openIncident(input.eventId);
    return result.ok ? null : result.error;
  }

  async function resolve(input: InputOf<'iot.resolve'>): Promise<ClientError | null> {
    const result = await call('iot.resolve', input);
    await openIncident(input.eventId);
    return result.ok ? null : result.error;
  }

  function reset(): void {
    devices.value = [];
    total.value = 0;
    loaded.value = false;
    incident.value = null;
    filter.value = { offset: 0, limit: 50 };
  }

  onPush('iot.changed', () => {
    if (loaded.value) void load();
  });
  onPush('events.changed', (payload) => {
    const open = incident.value?.eventId;
    if (open && payload.ids.includes(open)) void openIncident(open);
  });

  return {
    devices,
    total,
    filter,
    loading,
    loaded,
    loadError,
    incident,
    incidentError,
    load,
    save,
    remove,
    importFile,
    inject,
    openIncident,
    recordCall,
    resolve,
    reset,
  };
});
