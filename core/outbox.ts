import { appendOutbox, type OutboxEntity } from '../db/queries/outbox';
import type { ServiceContext } from './context';

/** ISO 8601 in China time with its offset, as PROTOCOL.md wants on the wire. */
export function isoChina(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

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
