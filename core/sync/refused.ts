import type { OutputOf, ParsedInputOf } from '../../common/contract';
import type { RefusedChange } from '../../common/contract/sync';
import { AppError } from '../../common/errors';
import { CHANGE_ENTITIES, type ChangeEntity } from '../../common/protocol';
import { outboxAt } from '../../db/queries/outbox';
import { getRefused, listRefused, resolveRefused, type RefusedRecord } from '../../db/queries/sync';
import { audit, requireActor, type ServiceContext } from '../context';
import { enqueueChange } from '../outbox';
import { syncOf } from './index';

/**
 * Changes the county refused (PROTOCOL.md revision 2). They are taken by the
 * county and never resent as they were; the admin either sends a corrected
 * record as a new change, or dismisses the refusal with a reason.
 */

function withData(ctx: ServiceContext, r: RefusedRecord): RefusedChange {
  const row = outboxAt(ctx.db, r.seq);
  return { ...r, data: row?.data ? (JSON.parse(row.data) as Record<string, unknown>) : null };
}

export function refused(ctx: ServiceContext, input: ParsedInputOf<'sync.refused'>): OutputOf<'sync.refused'> {
  const rows = listRefused(ctx.db, input.states, input.before ?? Number.MAX_SAFE_INTEGER, input.limit + 1);
  return { entries: rows.slice(0, input.limit).map((r) => withData(ctx, r)), more: rows.length > input.limit };
}

function openRefusal(ctx: ServiceContext, seq: number): RefusedRecord {
  const r = getRefused(ctx.db, seq);
  if (!r) throw new AppError('NOT_FOUND', `The county refused no change ${seq}.`);
  if (r.state !== 'open')
    throw new AppError('CONFLICT', `Change ${seq} was already ${r.state === 'resent' ? 're-sent' : 'dismissed'}.`);
  return r;
}

export function resendRefused(ctx: ServiceContext, input: ParsedInputOf<'sync.resendRefused'>): OutputOf<'sync.resendRefused'> {
  const actor = requireActor(ctx);
  const r = openRefusal(ctx, input.seq);
  if (!(CHANGE_ENTITIES as string[]).includes(r.entity)) throw new AppError('CONFLICT', `"${r.entity}" cannot be sent.`);
  const id = input.data.id ?? input.data.date;
  if (r.entity !== 'daily_figures' && id !== r.entityId)
    throw new AppError('BAD_INPUT', `The corrected record must keep its id ${r.entityId}.`, [
      { path: 'data.id', message: 'changed' },
    ]);
  let seq: number;
  try {
    seq = enqueueChange(ctx, r.entity as ChangeEntity, r.entityId, input.data);
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL') throw error;
    throw new AppError('BAD_INPUT', `The corrected record still does not match PROTOCOL.md: ${(error as Error).message}`, [
      { path: 'data', message: 'invalid' },
    ]);
  }
  if (seq === 0)
    throw new AppError(
      'NOT_OWNER',
      `The county owns ${r.entity} ${r.entityId}; the township cannot send it. Dismiss the refusal.`,
    );
  resolveRefused(ctx.db, {
    seq: r.seq,
    state: 'resent',
    by: actor.displayName,
    at: ctx.now(),
    reason: input.reason,
    resentSeq: seq,
  });
  audit(ctx, {
    action: 'sync.resend_refused',
    entity: 'sync_refused',
    entityId: String(r.seq),
    summary: {
      entity: r.entity,
      entityId: r.entityId,
      code: r.code,
      newSeq: seq,
      ...(input.reason ? { reason: input.reason } : {}),
    },
  });
  ctx.afterCommit(() => syncOf(ctx.db)?.kick());
  return withData(ctx, getRefused(ctx.db, r.seq)!);
}

export function dismissRefused(
  ctx: ServiceContext,
  input: ParsedInputOf<'sync.dismissRefused'>,
): OutputOf<'sync.dismissRefused'> {
  const actor = requireActor(ctx);
  const r = openRefusal(ctx, input.seq);
  resolveRefused(ctx.db, {
    seq: r.seq,
    state: 'dismissed',
    by: actor.displayName,
    at: ctx.now(),
    reason: input.reason,
    resentSeq: null,
  });
  audit(ctx, {
    action: 'sync.dismiss_refused',
    entity: 'sync_refused',
    entityId: String(r.seq),
    summary: { entity: r.entity, entityId: r.entityId, code: r.code, reason: input.reason },
  });
  return withData(ctx, getRefused(ctx.db, r.seq)!);
}
