import type { Result } from '../common/errors';

/**
 * Keeps a window's sign-in across a link that may drop: the room server's
 * utility process restarting after a crash, or a desk's network cable. It
 * remembers the latest resume token the core handed out (auth.login,
 * auth.resume) and, on the new link, spends it with auth.resume before the
 * window's next call goes out, so the person stays signed in. The core
 * replaces the token on every resume; a refused resume forgets it (the
 * window then meets UNAUTHENTICATED and shows the sign-in page).
 */
export class SessionKeeper {
  private token: string | null = null;

  get hasSession(): boolean {
    return this.token !== null;
  }

  /** Looks at every call's outcome for a new token or the end of the session. */
  observe(method: string, result: Result<unknown>): void {
    if (method === 'auth.login' || method === 'auth.resume') {
      if (result.ok) {
        const token = (result.value as { resumeToken?: unknown } | null)?.resumeToken;
        if (typeof token === 'string') this.token = token;
      } else if (method === 'auth.resume') this.token = null;
    } else if (method === 'auth.logout' && result.ok) this.token = null;
    else if (!result.ok && (result.error.code === 'UNAUTHENTICATED' || result.error.code === 'SESSION_EXPIRED'))
      this.token = null;
  }

  /** On a fresh link: resume the session, if there is one. Resolves either way. */
  async restore(call: (method: string, input: unknown) => Promise<Result<unknown>>): Promise<boolean> {
    if (!this.token) return false;
    const result = await call('auth.resume', { token: this.token });
    this.observe('auth.resume', result);
    return result.ok;
  }
}

/**
 * A failure on this side of the link. CONNECTION_LOST is one of the renderer's
 * local error codes (renderer/src/api/errors.ts), translated like the core's.
 */
export function linkDown(message: string): Result<never> {
  return { ok: false, error: { code: 'CONNECTION_LOST' as never, message } };
}
