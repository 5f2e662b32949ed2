import type { OutputOf, ParsedInputOf } from '../../common/contract';
import {
  listInboxByStatus,
  listInboxOrders,
  listNotices,
  markNoticesRead,
  unreadNotices,
  type InboxRecord,
} from '../../db/queries/sync';
import { requireActor, type ServiceContext } from '../context';

// An applied message keeps no data here (its effect is in its own tables): null.
const toEntry = (r: InboxRecord) => ({ ...r, data: r.data === null ? null : (JSON.parse(r.data) as unknown) });

export function inbox(ctx: ServiceContext, input: ParsedInputOf<'sync.inbox'>): OutputOf<'sync.inbox'> {
  const rows = listInboxByStatus(ctx.db, input.statuses, input.before ?? Number.MAX_SAFE_INTEGER, input.limit + 1);
  return { entries: rows.slice(0, input.limit).map(toEntry), more: rows.length > input.limit };
}

export function countyOrders(ctx: ServiceContext, input: ParsedInputOf<'sync.countyOrders'>): OutputOf<'sync.countyOrders'> {
  const rows = listInboxOrders(ctx.db, input.before ?? Number.MAX_SAFE_INTEGER, input.limit + 1);
  return { entries: rows.slice(0, input.limit).map(toEntry), more: rows.length > input.limit };
}

export function notices(ctx: ServiceContext, input: ParsedInputOf<'sync.notices'>): OutputOf<'sync.notices'> {
  const actor = requireActor(ctx);
  const rows = listNotices(ctx.db, actor.userId, input.before ?? Number.MAX_SAFE_INTEGER, input.limit + 1);
  return {
    notices: rows.slice(0, input.limit).map(({ inboxId: _inboxId, ...n }) => n),
    unread: unreadNotices(ctx.db, actor.userId),
    more: rows.length > input.limit,
  };
}

export function markRead(ctx: ServiceContext, input: ParsedInputOf<'sync.markNoticesRead'>): OutputOf<'sync.markNoticesRead'> {
  const actor = requireActor(ctx);
  markNoticesRead(ctx.db, actor.userId, input.ids, ctx.now());
  return { unread: unreadNotices(ctx.db, actor.userId) };
}
