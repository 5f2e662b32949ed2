/**
 * Where the county token lives. The core never persists it itself: the
 * desktop shell encrypts it with Electron's safeStorage, the web shell keeps
 * it in an owner-only file. Implementations must never log the token.
 */
export interface TokenStore {
  read(): string | null;
  /** null removes the token. */
  write(token: string | null): void;
}

/** For tests and for runs configured only through the environment. */
export function memoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial;
  return {
    read: () => token,
    write: (value) => {
      token = value;
    },
  };
}
