import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { connectionState, onConnectionChange, type ConnectionState } from '@/api/client';

/** The link to the core, for the "connection lost" banner. Electron's IPC is always open. */
export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>(connectionState());
  onConnectionChange((change) => {
    state.value = change.state;
  });
  const online = computed(() => state.value === 'open');
  return { state, online };
});
