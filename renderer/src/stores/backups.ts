import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BackupInfo } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';

/** The backup folder as the core sees it; reloads itself when a backup is written. */
export const useBackupsStore = defineStore('backups', () => {
  const backups = ref<BackupInfo[]>([]);
  const folder = ref('');
  const running = ref(false);
  const lastError = ref<string | null>(null);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);
  /** Set when the core announced a restart (a restore); the page says so until the link comes back. */
  const restarting = ref(false);
  /** The name of the last backup written while this page was open, or null when one failed. */
  const lastWritten = ref<{ name: string | null; ok: boolean } | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const result = await call('backups.list', {});
    loading.value = false;
    if (!result.ok) {
      loadError.value = result.error;
      return;
    }
    loadError.value = null;
    backups.value = result.value.backups;
    folder.value = result.value.folder;
    running.value = result.value.running;
    lastError.value = result.value.lastError;
  }

  async function backUpNow(): Promise<ClientError | null> {
    const result = await call('backups.create', {});
    if (!result.ok) return result.error;
    running.value = true;
    return null;
  }

  async function restore(name: string): Promise<ClientError | null> {
    const result = await call('backups.restore', { name, confirm: true });
    if (!result.ok) return result.error;
    restarting.value = true;
    return null;
  }

  onPush('backups.changed', (payload) => {
    lastWritten.value = payload;
    void load();
  });
  onPush('app.restarting', () => {
    restarting.value = true;
  });

  function reset(): void {
    backups.value = [];
    loadError.value = null;
    lastWritten.value = null;
  }

  return { backups, folder, running, lastError, loading, loadError, restarting, lastWritten, load, backUpNow, restore, reset };
});
