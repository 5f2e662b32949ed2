import type { MessageData } from '../../../common/protocol';
import type { ApplyContext } from '../apply-context';

/**
 * A county notice (通知) into the notices inbox; every signed-in screen is told.
 * The notice takes its inbox row's id (one id per message) and is written with
 * the slice's other rows.
 */
export function applyNotice(ctx: ApplyContext, data: MessageData<'notice'>): void {
  const id = ctx.inboxId;
  const at = Date.parse(ctx.message.at);
  ctx.later.notice({
    id,
    inboxId: ctx.inboxId,
    title: data.title,
    body: data.body,
    at: Number.isFinite(at) ? at : ctx.now(),
  });
  ctx.publish({ topic: 'sync.notice', payload: { id, title: data.title } });
  ctx.result(id);
}
