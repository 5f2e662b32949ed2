import { z } from 'zod';
import { ConsoleError } from '../roles';
import { audit } from '../store/audit';
import { refusedChanges, townshipExists, townshipSummaries } from '../store/townships';
import { method, type Methods } from './method';

export const TownshipId = z.string().trim().min(1).max(100);

export const townshipMethods: Methods = {
  'townships.list': method({ kind: 'read', permission: 'read', input: z.object({}) }, async (ctx) => {
    const [rows, connected] = await Promise.all([townshipSummaries(ctx.deps.db), ctx.deps.connected()]);
    return { townships: rows.map((t) => ({ ...t, connected: connected.has(t.id) })) };
  }),
  'townships.refused': method(
    { kind: 'read', permission: 'read', input: z.object({ townshipId: TownshipId }) },
    async (ctx, input) => {
      if (!(await townshipExists(ctx.deps.db, input.townshipId)))
        throw new ConsoleError('NOT_FOUND', `There is no township "${input.townshipId}".`);
      return { refused: await refusedChanges(ctx.deps.db, input.townshipId) };
    },
  ),
  'townships.rotateToken': method(
    { kind: 'write', permission: 'administer', input: z.object({ townshipId: TownshipId }) },
    async (ctx, input) => {
      if (!(await townshipExists(ctx.deps.db, input.townshipId)))
        throw new ConsoleError('NOT_FOUND', `There is no township "${input.townshipId}".`);
      const token = await ctx.deps.rotateToken(input.townshipId);
      await audit(ctx.deps.db, { userId: ctx.user!.id, action: 'townships.rotateToken', target: input.townshipId });
      return { token };
    },
  ),
  'townships.revoke': method(
    { kind: 'write', permission: 'administer', input: z.object({ townshipId: TownshipId }) },
    async (ctx, input) => {
      if (!(await townshipExists(ctx.deps.db, input.townshipId)))
        throw new ConsoleError('NOT_FOUND', `There is no township "${input.townshipId}".`);
      await ctx.deps.revokeTownship(input.townshipId);
      await audit(ctx.deps.db, { userId: ctx.user!.id, action: 'townships.revoke', target: input.townshipId });
      return {};
    },
  ),
};
