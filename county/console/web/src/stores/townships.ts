import { defineStore } from 'pinia';
import { ref } from 'vue';
import { call } from '../api';
import type { Refused, Township } from '../types';

export const useTownshipsStore = defineStore('townships', () => {
  const townships = ref<Township[]>([]);
  async function load() {
    townships.value = (await call<{ townships: Township[] }>('townships.list')).townships;
  }
  const refused = async (townshipId: string) => (await call<{ refused: Refused[] }>('townships.refused', { townshipId })).refused;
  async function rotateToken(townshipId: string) {
    const { token } = await call<{ token: string }>('townships.rotateToken', { townshipId });
    await load();
    return token;
  }
  async function revoke(townshipId: string) {
    await call('townships.revoke', { townshipId });
    await load();
  }
  return { townships, load, refused, rotateToken, revoke };
});
