import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionUser } from '@common/contract';
import type { PayloadOf } from '@common/topics';
import { call, onCallFailure, onConnectionChange, onPush, type ClientError } from '@/api/client';
import { resetSignedInData } from './reset';

/** Why the last session ended, shown on the login page. `reconnected`: the link dropped and the server forgot us. */
export type SessionEndReason = PayloadOf<'session.ended'>['reason'] | 'reconnected';

export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null);
  /** True once `auth.me` has answered: until then we do not know whether to show the login page. */
  const ready = ref(false);
  const endReason = ref<SessionEndReason | null>(null);
  let probe: Promise<void> | null = null;

  const signedIn = computed(() => user.value !== null);

  /** Ask the core who this connection belongs to (once; later calls share the answer). */
  function ensureLoaded(): Promise<void> {
    return ready.value ? Promise.resolve() : refresh();
  }

  function refresh(): Promise<void> {
    probe ??= (async () => {
      const result = await call('auth.me', {});
      // An unreachable core means nobody is signed in as far as this window can tell.
      user.value = result.ok ? result.value : null;
      ready.value = true;
    })().finally(() => {
      probe = null;
    });
    return probe;
  }

  async function login(username: string, password: string): Promise<ClientError | null> {
    const result = await call('auth.login', { username, password });
    if (!result.ok) return result.error;
    user.value = result.value;
    endReason.value = null;
    ready.value = true;
    return null;
  }

  async function logout(): Promise<void> {
    // Even if the core cannot be told, this window forgets the session.
    await call('auth.logout', {});
    endSession('logout');
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<ClientError | null> {
    const result = await call('auth.changePassword', { oldPassword, newPassword });
    if (!result.ok) return result.error;
    if (user.value) user.value = { ...user.value, mustChangePassword: false };
    return null;
  }

  function endSession(reason: SessionEndReason): void {
    if (!user.value) return;
    user.value = null;
    endReason.value = reason;
    resetSignedInData();
  }

  onPush('session.ended', (payload) => endSession(payload.reason));
  onCallFailure((error) => {
    if (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') endSession('expired');
    // E.g. the administrator reset this account's password while it was signed in.
    else if (error.code === 'PASSWORD_CHANGE_REQUIRED' && user.value) user.value = { ...user.value, mustChangePassword: true };
  });
  onConnectionChange(async (change) => {
    if (!change.reconnected || !user.value) return;
    // A new socket is a new server-side connection: find out whether the session survived.
    const result = await call('auth.me', {});
    if (result.ok && result.value) user.value = result.value;
    else if (result.ok) endSession('reconnected');
  });

  return { user, ready, endReason, signedIn, ensureLoaded, refresh, login, logout, changePassword, endSession };
});
