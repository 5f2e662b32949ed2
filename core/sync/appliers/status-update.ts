import { EVENT_STATES, type EventState } from '../../../common/events';
import type { MessageData } from '../../../common/protocol';
import { getEvent } from '../../../db/queries/events';
import { Rejection, type ApplyContext } from '../apply-context';
import { countyMove } from './county-events';

/** The state of a county-owned event, as the county reports it; refused for any other event. */
export function applyStatusUpdate(ctx: ApplyContext, data: MessageData<'status_update'>): void {
  const event = getEvent(ctx.db, data.eventId);
  if (!event) throw new Rejection('NOT_FOUND', `No event ${data.eventId} here.`);
  if (event.owner !== 'county')
    throw new Rejection('NOT_OWNER', `Event ${event.serial} belongs to the township; the county cannot change its state.`);
  if (!(EVENT_STATES as readonly string[]).includes(data.state))
    throw new Rejection('INVALID', `"${data.state}" is not an event state.`);
  countyMove(ctx, event, { kind: 'county_status', to: data.state as EventState, note: data.note });
  ctx.result(event.id);
}
