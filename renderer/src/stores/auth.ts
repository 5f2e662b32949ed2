import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionUser } from '@common/contract';
import type { PayloadOf } from '@common/topics';
import { call, callForSession, onCallFailure, onPush, setSessionRestorer, type ClientError } from '@/api/client';
import { resetSignedInData } from './reset';

/** Why the last session ended, shown on the login page. `reconnected`: the link dropped and the server forgot us. */
export type SessionEndReason = PayloadOf<'session.ended'>['reason'] | 'reconnected';

/**
 * The resume token of this tab's session: per tab (sessionStorage, never
 * localStorage), so a reload or a reconnect keeps the user signed in, while
 * closing the tab or the browser forgets it.
 */
const RESUME_KEY = 'commandRoom.resumeToken';

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(RESUME_KEY);
  } catch {
    return null; // storage disabled: every new connection signs in again
  }
}

function keepToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(RESUME_KEY, token);
    else sessionStorage.removeItem(RESUME_KEY);
  } catch {
    // storage disabled: nothing to keep or forget
  }
}

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
      let me = result.ok ? result.value : null;
      // A reloaded page is a new connection: take this tab's session back.
      if (result.ok && !me) me = (await resume()) ?? null;
      user.value = me;
      ready.value = true;
    })().finally(() => {
      probe = null;
    });
    return probe;
  }

  async function login(username: string, password: string): Promise<ClientError | null> {
    const result = await call('auth.login', { username, password });
    if (!result.ok) return result.error;
    const { resumeToken, ...signedInUser } = result.value;
    keepToken(resumeToken);
    user.value = signedInUser;
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

  /** The session of this tab's token, null when refused, undefined when the core could not be reached. */
  async function resume(): Promise<SessionUser | null | undefined> {
    const token = storedToken();
    if (!token) return null;
    const result = await callForSession('auth.resume', { token });
    if (result.ok) {
      // Each resume spends the token and hands out the next one.
      const { resumeToken, ...resumedUser } = result.value;
      keepToken(resumeToken);
      return resumedUser;
    }
    if (result.error.code === 'CONNECTION_LOST') return undefined;
    keepToken(null);
    return null;
  }

  function endSession(reason: SessionEndReason): void {
    keepToken(null);
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
  setSessionRestorer((change) => {
    if (!change.reconnected || !user.value) return null;
    return (async () => {
      // A new socket is a new server-side connection, signed in to nothing: with a token the
      // resume goes out first, before any call that waited for the link; without one, ask.
      let restored: SessionUser | null | undefined;
      if (storedToken()) restored = await resume();
      else {
        const result = await callForSession('auth.me', {});
        restored = result.ok ? result.value : undefined;
      }
      if (restored) user.value = restored;
      else if (restored === null) endSession('reconnected');
    })();
  });

  return { user, ready, endReason, signedIn, ensureLoaded, refresh, login, logout, changePassword, endSession };
});
