import type { z } from 'zod';
import type { Role } from '../roles';

/**
 * One method of the contract. `roles: 'public'` means callable without a
 * session (only login and the session probe); every other method names the
 * roles it admits, and the router refuses the rest with FORBIDDEN.
 */
/**
 * What a method does to the database, so the router knows how to run it:
 * `read` runs as it is and may be asynchronous; `write` runs synchronously
 * inside one immediate transaction with its audit row; `job` is long work
 * (a worker thread) that commits its own short transaction at the end.
 */
export type MethodKind = 'read' | 'write' | 'job';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, K extends MethodKind = MethodKind> {
  readonly input: I;
  readonly output: O;
  readonly roles: 'public' | readonly Role[];
  readonly kind: K;
  /** One line for people reading the contract. */
  readonly summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType, K extends MethodKind>(
  spec: MethodSpec<I, O, K>,
): MethodSpec<I, O, K> {
  return spec;
}
