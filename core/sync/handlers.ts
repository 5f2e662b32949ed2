import type { HandlersOf } from '../handler-types';
import { configureSync, retrySync, syncSettings, syncStatus } from './index';
import { countyOrders, inbox, markRead, notices } from './inbox';

export const syncHandlers: HandlersOf<'sync'> = {
  'sync.status': syncStatus,
  'sync.settings': syncSettings,
  'sync.configure': configureSync,
  'sync.retry': retrySync,
  'sync.inbox': inbox,
  'sync.countyOrders': countyOrders,
  'sync.notices': notices,
  'sync.markNoticesRead': markRead,
};
