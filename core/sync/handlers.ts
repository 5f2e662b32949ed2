import type { HandlersOf } from '../handler-types';
import { configureSync, retrySync, syncSettings, syncStatus } from './index';
import { countyOrders, inbox, markRead, notices } from './inbox';
import { dismissRefused, refused, resendRefused } from './refused';

export const syncHandlers: HandlersOf<'sync'> = {
  'sync.status': syncStatus,
  'sync.settings': syncSettings,
  'sync.configure': configureSync,
  'sync.retry': retrySync,
  'sync.inbox': inbox,
  'sync.refused': refused,
  'sync.resendRefused': resendRefused,
  'sync.dismissRefused': dismissRefused,
  'sync.countyOrders': countyOrders,
  'sync.notices': notices,
  'sync.markNoticesRead': markRead,
};
