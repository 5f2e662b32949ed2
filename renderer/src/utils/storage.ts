/** The slice of Web Storage we use, so the helpers run in plain Node tests too. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** localStorage when the page has one and it works (it can throw when disabled). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** A stored choice, or the fallback when it is missing or no longer one of the allowed values. */
export function readChoice<T extends string>(
  storage: KeyValueStorage | null,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const stored = safeGet(storage, key);
  return stored !== null && (allowed as readonly string[]).includes(stored) ? (stored as T) : fallback;
}

export function readText(storage: KeyValueStorage | null, key: string): string | null {
  return safeGet(storage, key);
}

export function writeText(storage: KeyValueStorage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Quota or privacy mode: the preference just will not survive a restart.
  }
}

function safeGet(storage: KeyValueStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}
