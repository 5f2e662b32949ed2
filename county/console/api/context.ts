import type { LoginGuard } from '../../../core/auth/login-guard';
import type { ConsoleUser } from '../store/users';
import type { ConsoleDb } from '../store/console-db';

/** What the console needs of the county server around it. */
export interface ConsoleDeps {
  db: ConsoleDb;
  /**
   * Appends a checked message to a township's log inside the caller's
   * transaction (`tx`) and returns its offset; the server pokes the township
   * once the transaction has committed (`afterCommit`).
   */
  append(tx: ConsoleDb, townshipId: string, type: string, data: unknown, id: string): Promise<{ offset: number }>;
  /** Pokes townships whose logs grew (after the transaction that appended has committed). */
  poke(townshipIds: readonly string[]): void;
  /** Townships with a live connection on any node. */
  connected(): Promise<Set<string>>;
  rotateToken(townshipId: string): Promise<string>;
  revokeTownship(townshipId: string): Promise<void>;
  guard: LoginGuard;
  now?: () => number;
}

export interface CallContext {
  deps: ConsoleDeps;
  user: ConsoleUser | null;
  token: string | null;
  address: string;
  connectionId: string;
  /** Binds a session to the calling connection (sign-in) or ends it (sign-out). */
  setSession(user: ConsoleUser | null, token: string | null): void;
}
