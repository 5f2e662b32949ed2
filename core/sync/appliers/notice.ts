import type { MessageData } from '../../../common/protocol';
import { insertNotice } from '../../../db/queries/sync';
import type { ApplyContext } from '../apply-context';

/** A county notice (通知) into the notices inbox; every signed-in screen is told. */
export function applyNotice(ctx: ApplyContext, data: MessageData<'notice'>): void {
  const id = ctx.newId();
  const at = Date.parse(ctx.message.at);
  insertNotice(ctx.db, {
    id,
    inboxId: ctx.inboxId,
    title: data.title,
    body: data.body,
    at: Number.isFinite(at) ? at : ctx.now(),
  });
  ctx.publish({ topic: 'sync.notice', payload: { id, title: data.title } });
  ctx.result(id);
}
