import { AppError } from '../../common/errors';

/**
 * What stands between an unauthenticated client and the password check.
 * Everything here is in memory and bounded: a refused attempt costs a few map
 * look-ups, never a scrypt, never a database write. A restart forgets it, which
 * an attacker cannot cause and which at worst hands a locked account back
 * early.
 *
 * - Rate: attempts per source address and per connection in a sliding minute,
 *   and after a few failures in a row from one address a delay that doubles
 *   with each further failure.
 * - Lockout: counted per account *and* source address, so a flood of wrong
 *   passwords from one machine locks the account there only, and its owner
 *   still signs in from his own desk.
 * - Audit: the first failure of an address in a minute is written at once;
 *   the rest of that minute become one row with their count.
 */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 5 * 60_000;
export const ADDRESS_ATTEMPTS_PER_MINUTE = 20;
export const CONNECTION_ATTEMPTS_PER_MINUTE = 10;
/** Consecutive failures from one address before each further attempt waits: as many as lock an account. */
const FREE_FAILURES = MAX_FAILED_LOGINS;
const MAX_DELAY_MS = 30_000;
const MINUTE_MS = 60_000;
/** Entries kept at most per map: an address flood cannot grow memory without limit. */
export const MAX_ENTRIES = 10_000;

interface AddressState {
  attempts: number[];
  consecutiveFailures: number;
  lastFailureAt: number;
  notBefore: number;
}
interface Lockout {
  failures: number;
  lockedUntil: number | null;
}
/** Failures of one address in one clock minute, beyond the first (already audited). */
export interface FailureSummary {
  address: string;
  minute: number;
  count: number;
  usernames: string[];
}
interface AuditBucket extends FailureSummary {
  audited: boolean;
}

function bounded<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K);
    value = make();
    map.set(key, value);
  }
  return value;
}

const newAddressState = (): AddressState => ({ attempts: [], consecutiveFailures: 0, lastFailureAt: 0, notBefore: 0 });
/** A run of failures from an address is forgotten after this long without one. */
const FAILURE_MEMORY_MS = 10 * MINUTE_MS;

const recent = (times: number[], now: number) => times.filter((t) => now - t < MINUTE_MS);

export class LoginGuard {
  private readonly addresses = new Map<string, AddressState>();
  private readonly connections = new Map<string, number[]>();
  private readonly lockouts = new Map<string, Lockout>();
  private readonly buckets = new Map<string, AuditBucket>();

  /** Refuses an attempt over the rate (RATE_LIMITED) before any work is done for it. */
  admit(address: string, connectionId: string, now: number): void {
    const state = bounded(this.addresses, address, newAddressState);
    const perConnection = recent(this.connections.get(connectionId) ?? [], now);
    state.attempts = recent(state.attempts, now);
    const waitMs = Math.max(
      state.notBefore - now,
      state.attempts.length >= ADDRESS_ATTEMPTS_PER_MINUTE ? state.attempts[0]! + MINUTE_MS - now : 0,
      perConnection.length >= CONNECTION_ATTEMPTS_PER_MINUTE ? perConnection[0]! + MINUTE_MS - now : 0,
    );
    if (waitMs > 0) {
      throw new AppError(
        'RATE_LIMITED',
        `Too many sign-in attempts from this computer. Wait ${Math.ceil(waitMs / 1000)} seconds and try again.`,
      );
    }
    state.attempts.push(now);
    perConnection.push(now);
    if (!this.connections.has(connectionId) && this.connections.size >= MAX_ENTRIES)
      this.connections.delete(this.connections.keys().next().value as string);
    this.connections.set(connectionId, perConnection);
  }

  /** Until when this account is locked for sign-ins from this address, or null. */
  lockedUntil(userId: string, address: string, now: number): number | null {
    const lockout = this.lockouts.get(`${userId}|${address}`);
    return lockout?.lockedUntil != null && lockout.lockedUntil > now ? lockout.lockedUntil : null;
  }

  /** The latest lock of an account at any address (for the administrator's list). */
  lockedUntilAnywhere(userId: string, now: number): number | null {
    let latest: number | null = null;
    for (const [key, lockout] of this.lockouts) {
      if (key.startsWith(`${userId}|`) && lockout.lockedUntil != null && lockout.lockedUntil > now)
        latest = Math.max(latest ?? 0, lockout.lockedUntil);
    }
    return latest;
  }

  /** A wrong password (or unknown user): slows the address down and, for a real account, counts towards its lock there. */
  failed(address: string, userId: string | null, now: number): { locked: boolean; failures: number } {
    const state = bounded(this.addresses, address, newAddressState);
    if (now - state.lastFailureAt > FAILURE_MEMORY_MS) state.consecutiveFailures = 0;
    state.consecutiveFailures += 1;
    state.lastFailureAt = now;
    const over = state.consecutiveFailures - FREE_FAILURES;
    if (over > 0) state.notBefore = now + Math.min(MAX_DELAY_MS, 1000 * 2 ** (over - 1));
    if (userId === null) return { locked: false, failures: 0 };
    const lockout = bounded(this.lockouts, `${userId}|${address}`, () => ({ failures: 0, lockedUntil: null }));
    // Checks that were already running when the lock fell do not lock it again.
    if (lockout.lockedUntil !== null && lockout.lockedUntil > now) return { locked: false, failures: MAX_FAILED_LOGINS };
    lockout.failures += 1;
    const failures = lockout.failures;
    if (failures >= MAX_FAILED_LOGINS) {
      lockout.failures = 0;
      lockout.lockedUntil = now + LOCKOUT_MS;
      return { locked: true, failures };
    }
    return { locked: false, failures };
  }

  succeeded(address: string, userId: string): void {
    const state = this.addresses.get(address);
    if (state) {
      state.consecutiveFailures = 0;
      state.notBefore = 0;
    }
    this.lockouts.delete(`${userId}|${address}`);
  }

  /** The administrator unlocked the account: everywhere. */
  unlock(userId: string): void {
    for (const key of [...this.lockouts.keys()]) if (key.startsWith(`${userId}|`)) this.lockouts.delete(key);
  }

  /**
   * Whether this failure gets its own audit row now (the first of its address
   * and minute); the others are counted and come out of `drainSummaries`.
   */
  auditNow(address: string, username: string, now: number): boolean {
    const minute = Math.floor(now / MINUTE_MS);
    const key = `${address}|${minute}`;
    const bucket = bounded(this.buckets, key, () => ({ address, minute, count: 0, usernames: [], audited: false }));
    if (!bucket.audited) {
      bucket.audited = true;
      return true;
    }
    bucket.count += 1;
    if (bucket.usernames.length < 5 && !bucket.usernames.includes(username)) bucket.usernames.push(username);
    return false;
  }

  /** How many entries the guard holds now (bounded, whatever the traffic). */
  size(): number {
    return this.addresses.size + this.connections.size + this.lockouts.size + this.buckets.size;
  }

  /** The counted failures of minutes that are over, each once. */
  drainSummaries(now: number): FailureSummary[] {
    const current = Math.floor(now / MINUTE_MS);
    const done: FailureSummary[] = [];
    for (const [key, bucket] of this.buckets) {
      if (bucket.minute >= current) continue;
      this.buckets.delete(key);
      if (bucket.count > 0)
        done.push({ address: bucket.address, minute: bucket.minute, count: bucket.count, usernames: bucket.usernames });
    }
    for (const [id, times] of this.connections) if (recent(times, now).length === 0) this.connections.delete(id);
    for (const [address, state] of this.addresses) {
      if (recent(state.attempts, now).length === 0 && state.notBefore < now && now - state.lastFailureAt > FAILURE_MEMORY_MS)
        this.addresses.delete(address);
    }
    return done;
  }
}
