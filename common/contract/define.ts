import type { z } from 'zod';
import type { Role } from '../roles';

/**
 * One method of the contract. `roles: 'public'` means callable without a
 * session (only login and the session probe); every other method names the
 * roles it admits, and the dispatcher refuses the rest with FORBIDDEN.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, W extends boolean = boolean> {
  readonly input: I;
  readonly output: O;
  readonly roles: 'public' | readonly Role[];
  /** Writes go through one transaction with their audit row. */
  readonly write: W;
  /** One line for people reading the contract. */
  readonly summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType, W extends boolean>(
  spec: MethodSpec<I, O, W>,
): MethodSpec<I, O, W> {
  return spec;
}
