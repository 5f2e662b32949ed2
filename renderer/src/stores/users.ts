import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InputOf, UserRow } from '@common/contract';
import { call, onPush, type CallResult, type ClientError } from '@/api/client';

/** The administrator's list of accounts. */
export const useUsersStore = defineStore('users', () => {
  const list = ref<UserRow[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const result = await call('users.list', {});
    loading.value = false;
    if (result.ok) {
      list.value = result.value;
      loaded.value = true;
      loadError.value = null;
    } else {
      loadError.value = result.error;
    }
  }

  /** After a write, show the list as the core now has it (lock and login fields change server-side). */
  async function afterWrite(result: CallResult<'users.create' | 'users.update' | 'users.resetPassword' | 'users.unlock'>) {
    if (!result.ok) return result.error;
    await load();
    return null;
  }

  async function create(input: InputOf<'users.create'>): Promise<ClientError | null> {
    return afterWrite(await call('users.create', input));
  }

  async function update(input: InputOf<'users.update'>): Promise<ClientError | null> {
    return afterWrite(await call('users.update', input));
  }

  async function setDisabled(id: string, disabled: boolean): Promise<ClientError | null> {
    return afterWrite(await call('users.update', { id, disabled }));
  }

  async function resetPassword(id: string, password: string): Promise<ClientError | null> {
    return afterWrite(await call('users.resetPassword', { id, password }));
  }

  async function unlock(id: string): Promise<ClientError | null> {
    return afterWrite(await call('users.unlock', { id }));
  }

  function reset(): void {
    list.value = [];
    loaded.value = false;
    loadError.value = null;
  }

  onPush('org.changed', (payload) => {
    if (loaded.value && payload.entity === 'user') void load();
  });

  return { list, loaded, loading, loadError, load, create, update, setDisabled, resetPassword, unlock, reset };
});
