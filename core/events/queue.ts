import type { OutputOf, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { EventState } from '../../common/events';
import { categoryWithChildren, queueCount, queuePage, type QueueQuery } from '../../db/queries/queue';
import { dayIndexOf, dayStartMs } from '../calendar';
import { requireActor, type ServiceContext } from '../context';
import { WARNING_NAMES } from '../calendar/event-deadlines';
import { ftsQueries, maskPhone } from './search-text';

type Input = ParsedInputOf<'events.queue'>;

const RUNNING: EventState[] = ['dispatched', 'in_progress'];
/** What waits for the command room itself. */
const ROOM_TODO: EventState[] = ['reported', 'registered', 'returned', 'awaiting_verification', 'closed'];

/**
 * Turns the UI's filter and saved view into query conditions. Unit handlers
 * are always limited to their own unit's events, whatever they ask for.
 */
export function resolveQueueQuery(ctx: ServiceContext, input: Input): QueueQuery {
  const actor = requireActor(ctx);
  const f = input.filter;
  const q: QueueQuery = { sort: input.sort, offset: input.offset, limit: input.limit };
  if (f.states) q.states = f.states;
  if (f.categoryId) q.categoryIds = categoryWithChildren(ctx.db, f.categoryId);
  if (f.villageId) q.villageId = f.villageId;
  if (f.unitId) q.unitId = f.unitId;
  if (f.priority) q.priority = f.priority;
  if (f.source) q.source = f.source;
  if (f.warning) q.warning = WARNING_NAMES.indexOf(f.warning) as 0 | 1 | 2;
  if (f.reportedFrom !== undefined) q.reportedFrom = f.reportedFrom;
  if (f.reportedTo !== undefined) q.reportedTo = f.reportedTo;
  if (f.closedFrom !== undefined) q.closedFrom = f.closedFrom;
  if (f.closedTo !== undefined) q.closedTo = f.closedTo;
  if (f.dueFrom !== undefined) q.dueFrom = f.dueFrom;
  if (f.dueTo !== undefined) q.dueTo = f.dueTo;
  if (f.resolvedLevel) q.resolvedLevel = f.resolvedLevel;
  if (f.search) {
    const fts = ftsQueries(f.search);
    if (!fts.trigram && !fts.bigram) {
      throw new AppError('BAD_INPUT', 'Search for at least two characters.', [
        { path: 'filter.search', message: 'at least 2 characters' },
      ]);
    }
    q.ftsTrigram = fts.trigram;
    q.ftsBigram = fts.bigram;
    // Search results come newest first: walking the date index and probing the match list stops
    // after one page, where sorting every match by deadline would not.
    q.sort = 'reported_desc';
  }
  switch (f.view) {
    case 'my_todo':
      if (actor.role === 'unit_handler') {
        // Work still to do for the unit on events that are still running.
        q.unitStates = ['pending', 'signed'];
        q.states = RUNNING;
      } else q.states = ROOM_TODO;
      break;
    case 'today':
      q.reportedFrom = dayStartMs(dayIndexOf(ctx.now()));
      break;
    case 'due_soon':
      q.states = RUNNING;
      q.warning = 1;
      break;
    case 'overdue':
      q.states = RUNNING;
      q.warning = 2;
      break;
    case 'returned':
      q.states = ['returned'];
      break;
    case 'all':
      break;
  }
  if (actor.role === 'unit_handler') {
    if (!actor.unitId) throw new AppError('FORBIDDEN', 'Your account is not attached to a unit; ask the administrator.');
    q.unitId = actor.unitId;
  }
  return q;
}

export function queue(ctx: ServiceContext, input: Input): OutputOf<'events.queue'> {
  const q = resolveQueueQuery(ctx, input);
  const rows = queuePage(ctx.db, q).map((r) => ({
    ...r,
    warning: WARNING_NAMES[r.warning],
    reporterPhone: maskPhone(r.reporterPhone),
  }));
  return { rows, total: queueCount(ctx.db, q) };
}
