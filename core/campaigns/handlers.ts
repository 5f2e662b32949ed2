import type { ServiceContext } from '../context';
import type { HandlersOf } from '../handler-types';
import { addTask, close, completeTask, create, report, start, tagEvent } from './campaigns';
import { get, list } from './read';

export const campaignsHandlers: HandlersOf<'campaigns'> = {
  'campaigns.list': (ctx: ServiceContext) => list(ctx),
  'campaigns.get': get,
  'campaigns.create': create,
  'campaigns.start': start,
  'campaigns.close': close,
  'campaigns.addTask': addTask,
  'campaigns.completeTask': completeTask,
  'campaigns.report': report,
  'campaigns.tagEvent': tagEvent,
};
