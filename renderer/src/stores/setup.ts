import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InputOf, SetupStatus } from '@common/contract';
import { call, type ClientError } from '@/api/client';

/**
 * Whether this room server still needs its first-run setup, and whether it
 * holds the demo township (then every page shows the 演示数据 banner).
 */
export const useSetupStore = defineStore('setup', () => {
  const status = ref<SetupStatus | null>(null);
  let probe: Promise<void> | null = null;

  function ensureLoaded(): Promise<void> {
    return status.value ? Promise.resolve() : refresh();
  }

  function refresh(): Promise<void> {
    probe ??= (async () => {
      const result = await call('setup.status', {});
      // An unreachable core: assume a set-up server, the login page then says the link is down.
      if (result.ok) status.value = result.value;
    })().finally(() => {
      probe = null;
    });
    return probe;
  }

  async function create(input: InputOf<'setup.create'>): Promise<ClientError | null> {
    const result = await call('setup.create', input);
    if (!result.ok) return result.error;
    await refresh();
    return null;
  }

  async function createDemo(setupCode: string | undefined): Promise<ClientError | null> {
    const result = await call('setup.demo', setupCode ? { setupCode } : {});
    if (!result.ok) return result.error;
    await refresh();
    return null;
  }

  return { status, ensureLoaded, refresh, create, createDemo };
});
