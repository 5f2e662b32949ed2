import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { call, rememberToken } from '../api';
import type { Role, User } from '../types';

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  const ready = ref(false);

  async function resume() {
    try {
      user.value = (await call<{ user: User | null }>('auth.me')).user;
    } finally {
      ready.value = true;
    }
  }
  async function signIn(username: string, password: string) {
    const value = await call<{ token: string; user: User }>('auth.signIn', { username, password });
    rememberToken(value.token);
    user.value = value.user;
  }
  async function changePassword(current: string, next: string) {
    await call('auth.changePassword', { current, next });
    if (user.value) user.value = { ...user.value, mustChange: false };
  }
  async function signOut() {
    await call('auth.signOut');
    rememberToken(null);
    user.value = null;
  }
  const can = (...roles: Role[]) => computed(() => user.value !== null && roles.includes(user.value.role));
  return { user, ready, resume, signIn, signOut, changePassword, can };
});
