import type { z } from 'zod';
import type { Permission } from '../roles';
import type { CallContext } from './context';

export interface MethodSpec<I extends z.ZodType> {
  kind: 'read' | 'write' | 'job';
  /** null: open without a session (sign-in); otherwise the permission of roles.ts CAN. */
  permission: Permission | null;
  input: I;
  /** Callable while the user must still change a one-time password. */
  allowMustChange?: boolean;
}

export interface Method {
  spec: MethodSpec<z.ZodType>;
  run(ctx: CallContext, input: unknown): Promise<unknown>;
}
export type Methods = Record<string, Method>;

export function method<I extends z.ZodType, O>(
  spec: MethodSpec<I>,
  run: (ctx: CallContext, input: z.infer<I>) => Promise<O>,
): Method {
  return { spec, run: (ctx, input) => run(ctx, input as z.infer<I>) };
}
