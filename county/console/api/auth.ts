import { z } from 'zod';
import {
  assertStrongPassword,
  DUMMY_HASH,
  hashPasswordAsync,
  oneTimePassword,
  verifyPasswordAsync,
} from '../../../core/auth/password';
import { AppError } from '../../../common/errors';
import { ConsoleError, ConsoleRole } from '../roles';
import { audit } from '../store/audit';
import {
  countUsers,
  createSession,
  endSession,
  insertUser,
  listUsers,
  setDisabled,
  setPassword,
  userById,
  userByName,
} from '../store/users';
import { method, type Methods } from './method';

const Username = z
  .string()
  .trim()
  .min(2)
  .max(50)
  .regex(/^[A-Za-z0-9_.-]+$/);

/** The app's password policy, with the console's error code. */
function checkPassword(password: string, username: string): void {
  try {
    assertStrongPassword(password, username);
  } catch (error) {
    if (error instanceof AppError) throw new ConsoleError('WEAK_PASSWORD', error.message);
    throw error;
  }
}

/** Creates a county user (the CLI's add-user and the admin's user page). */
export async function createConsoleUser(
  db: Parameters<typeof insertUser>[0],
  input: { username: string; displayName: string; role: ConsoleRole; password?: string },
) {
  if (await userByName(db, input.username))
    throw new ConsoleError('DUPLICATE_NAME', `There is already a user "${input.username}".`);
  const password = input.password ?? oneTimePassword();
  checkPassword(password, input.username);
  const user = await insertUser(db, {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    passwordHash: await hashPasswordAsync(password),
    // A password someone else chose is changed at the first sign-in.
    mustChange: input.password === undefined,
  });
  return { user, password };
}

export const authMethods: Methods = {
  'auth.signIn': method(
    { kind: 'write', permission: null, input: z.object({ username: z.string().max(100), password: z.string().max(200) }) },
    async (ctx, input) => {
      const { db, guard } = ctx.deps;
      const now = Date.now();
      ctx.deps.guard.admit(ctx.address, ctx.connectionId, now);
      const user = await userByName(db, input.username);
      if (user) {
        const until = guard.lockedUntil(user.id, ctx.address, now);
        if (until !== null)
          throw new ConsoleError(
            'ACCOUNT_LOCKED',
            `This account is locked here until ${new Date(until).toISOString()}; wait or ask a county admin.`,
          );
      }
      // An unknown user costs the same scrypt as a known one, so timing says nothing.
      const ok = await verifyPasswordAsync(input.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        // Counted from the end of the check: on a busy machine scrypt alone may outlast the first delay.
        const failed = guard.failed(ctx.address, user?.id ?? null, Date.now());
        await audit(db, { userId: user?.id ?? null, action: 'auth.failed', target: input.username.slice(0, 100) });
        if (failed.locked)
          throw new ConsoleError('ACCOUNT_LOCKED', 'Too many wrong passwords: this account is locked here for 5 minutes.');
        throw new ConsoleError('INVALID_CREDENTIALS', 'Wrong username or password.');
      }
      if (user.disabled) throw new ConsoleError('ACCOUNT_DISABLED', 'This account is disabled; ask a county admin.');
      guard.succeeded(ctx.address, user.id);
      const token = await createSession(db, user.id);
      await audit(db, { userId: user.id, action: 'auth.signIn' });
      const { passwordHash: _hash, ...plain } = user;
      ctx.setSession(plain, token);
      return { token, user: plain };
    },
  ),
  'auth.me': method({ kind: 'read', permission: null, input: z.object({}) }, async (ctx) => ({ user: ctx.user })),
  'auth.signOut': method({ kind: 'write', permission: null, input: z.object({}) }, async (ctx) => {
    if (ctx.token) await endSession(ctx.deps.db, ctx.token);
    if (ctx.user) await audit(ctx.deps.db, { userId: ctx.user.id, action: 'auth.signOut' });
    ctx.setSession(null, null);
    return {};
  }),
  'auth.changePassword': method(
    {
      kind: 'write',
      permission: 'read',
      allowMustChange: true,
      input: z.object({ current: z.string().max(200), next: z.string().max(200) }),
    },
    async (ctx, input) => {
      const user = await userById(ctx.deps.db, ctx.user!.id);
      if (!user || !(await verifyPasswordAsync(input.current, user.passwordHash)))
        throw new ConsoleError('INVALID_CREDENTIALS', 'The current password is wrong.');
      checkPassword(input.next, user.username);
      const hash = await hashPasswordAsync(input.next);
      await ctx.deps.db.transaction(async (tx) => {
        await setPassword(tx, user.id, hash, false);
        await audit(tx, { userId: user.id, action: 'auth.changePassword' });
      });
      ctx.setSession({ ...ctx.user!, mustChange: false }, ctx.token);
      return {};
    },
  ),
  'users.list': method({ kind: 'read', permission: 'administer', input: z.object({}) }, async (ctx) => ({
    users: await listUsers(ctx.deps.db),
  })),
  'users.create': method(
    {
      kind: 'write',
      permission: 'administer',
      input: z.object({ username: Username, displayName: z.string().trim().min(1).max(100), role: ConsoleRole }),
    },
    async (ctx, input) =>
      ctx.deps.db.transaction(async (tx) => {
        const { user, password } = await createConsoleUser(tx, input);
        await audit(tx, { userId: ctx.user!.id, action: 'users.create', target: user.id, detail: { role: user.role } });
        return { user, oneTimePassword: password };
      }),
  ),
  'users.setDisabled': method(
    { kind: 'write', permission: 'administer', input: z.object({ id: z.string().min(1).max(100), disabled: z.boolean() }) },
    async (ctx, input) => {
      if (input.id === ctx.user!.id) throw new ConsoleError('CONFLICT', 'You cannot disable your own account.');
      return ctx.deps.db.transaction(async (tx) => {
        if ((await setDisabled(tx, input.id, input.disabled)) === 0) throw new ConsoleError('NOT_FOUND', 'No such user.');
        await audit(tx, {
          userId: ctx.user!.id,
          action: 'users.setDisabled',
          target: input.id,
          detail: { disabled: input.disabled },
        });
        return {};
      });
    },
  ),
};

export { countUsers };
