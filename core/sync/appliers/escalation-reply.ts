import type { EventState } from '../../../common/events';
import type { MessageData } from '../../../common/protocol';
import { getEvent } from '../../../db/queries/events';
import { listTimeline } from '../../../db/queries/timeline';
import { Rejection, type ApplyContext } from '../apply-context';
import { countyMove } from './county-events';

/** The county's answer to 上报县级: accepted → county-owned; returned (下派) → back where it was, with the note. */
export function applyEscalationReply(ctx: ApplyContext, data: MessageData<'escalation_reply'>): void {
  const event = getEvent(ctx.db, data.eventId);
  if (!event) throw new Rejection('NOT_FOUND', `No event ${data.eventId} here.`);
  if (event.state !== 'escalated')
    throw new Rejection('ILLEGAL_TRANSITION', `Event ${event.serial} is not escalated (it is ${event.state}).`);
  if (data.decision === 'accepted') {
    countyMove(ctx, event, { kind: 'county_accept', to: 'county_owned', owner: 'county', note: data.note });
  } else {
    const escalation = listTimeline(ctx.db, 'event', event.id)
      .filter((a) => a.kind === 'escalate')
      .at(-1);
    const back = (escalation?.fromState ?? 'registered') as EventState;
    countyMove(ctx, event, { kind: 'county_return', to: back, owner: 'township', note: data.note });
  }
  ctx.result(event.id);
}
