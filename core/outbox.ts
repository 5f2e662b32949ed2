import { appendOutbox, type OutboxEntity } from '../db/queries/outbox';
import type { ServiceContext } from './context';

export { isoChina } from '../common/china-time';

/**
 * Queues a change for the county inside the caller's transaction: it commits
 * with the change or not at all.
 */
export function enqueueChange(
  ctx: ServiceContext,
  entity: OutboxEntity,
  entityId: string,
  data: Record<string, unknown> | null,
): number {
  return appendOutbox(ctx.db, {
    id: ctx.newId(),
    entity,
    entityId,
    op: data === null ? 'delete' : 'upsert',
    at: ctx.now(),
    data: data === null ? null : JSON.stringify(data),
  });
}
