import { AppError } from '../../../common/errors';
import { CAN, CONSOLE_ERROR_CODES, ConsoleError, type ConsoleErrorCode } from '../roles';
import type { CallContext } from './context';
import type { Methods } from './method';

export type ConsoleReply = { ok: true; value: unknown } | { ok: false; error: { code: ConsoleErrorCode; message: string } };

const fail = (code: ConsoleErrorCode, message: string): ConsoleReply => ({ ok: false, error: { code, message } });

/** One call: the method exists, the input has its shape, the session holds a role allowed; then the method. */
export async function route(
  methods: Methods,
  ctx: CallContext,
  request: unknown,
  log: (line: string) => void,
): Promise<ConsoleReply> {
  const r = request as { method?: unknown; input?: unknown } | null;
  if (!r || typeof r.method !== 'string') return fail('BAD_INPUT', 'A call is { method, input }.');
  const m = Object.hasOwn(methods, r.method) ? methods[r.method] : undefined;
  if (!m) return fail('UNKNOWN_METHOD', `There is no method "${r.method.slice(0, 100)}".`);
  if (m.spec.permission !== null) {
    if (!ctx.user) return fail('UNAUTHENTICATED', 'Sign in first.');
    if (ctx.user.mustChange && !m.spec.allowMustChange)
      return fail('PASSWORD_CHANGE_REQUIRED', 'Change the one-time password before anything else.');
    if (!(CAN[m.spec.permission] as readonly string[]).includes(ctx.user.role))
      return fail('FORBIDDEN', `Your role (${ctx.user.role}) may not do this.`);
  }
  const parsed = m.spec.input.safeParse(r.input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('BAD_INPUT', `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
  }
  try {
    return { ok: true, value: await m.run(ctx, parsed.data) };
  } catch (error) {
    if (error instanceof ConsoleError) return fail(error.code, error.message);
    if (error instanceof AppError && (CONSOLE_ERROR_CODES as readonly string[]).includes(error.code))
      return fail(error.code as ConsoleErrorCode, error.message);
    log(`console ${r.method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail('INTERNAL', 'The county center failed; try again later.');
  }
}
