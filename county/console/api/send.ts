import { v7 as uuidv7 } from 'uuid';
import { audit } from '../store/audit';
import type { ConsoleDb } from '../store/console-db';
import { appendMessage } from '../store/log';
import { recordSent } from '../store/sent';
import type { CallContext } from './context';

/**
 * One console action that sends messages down: the messages, the console's
 * record of them and the audit row in one transaction; the townships are
 * poked once it has committed.
 */
export async function sending<T>(
  ctx: CallContext,
  work: (
    send: (
      townshipId: string,
      type: string,
      data: Record<string, unknown>,
      ref: string,
      serial?: string,
    ) => Promise<{ id: string; offset: number }>,
    tx: ConsoleDb,
  ) => Promise<T>,
  auditEntry: { action: string; target?: string; detail?: unknown },
): Promise<T> {
  const touched = new Set<string>();
  const result = await ctx.deps.db.transaction(async (tx) => {
    const send = async (townshipId: string, type: string, data: Record<string, unknown>, ref: string, serial?: string) => {
      const id = uuidv7();
      const { offset } = await ctx.deps.append(tx, townshipId, type, data, id);
      await recordSent(tx, {
        id,
        townshipId,
        type,
        ref,
        serial: serial ?? null,
        data,
        sentBy: ctx.user!.displayName,
        sentAt: Date.now(),
      });
      touched.add(townshipId);
      return { id, offset };
    };
    const value = await work(send, tx);
    await audit(tx, { userId: ctx.user!.id, ...auditEntry });
    return value;
  });
  ctx.deps.poke([...touched]);
  return result;
}

export { appendMessage };
