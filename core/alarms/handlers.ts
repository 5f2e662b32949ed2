import type { HandlersOf } from '../handler-types';
import { acknowledge, listAlarms, mute } from './alarms';

export const alarmsHandlers: HandlersOf<'alarms'> = {
  'alarms.list': listAlarms,
  'alarms.ack': acknowledge,
  'alarms.mute': mute,
};
