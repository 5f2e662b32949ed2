import type { HandlersOf } from '../handler-types';
import * as calendar from './admin';

export const calendarHandlers: HandlersOf<'calendar'> = {
  'calendar.list': calendar.listYear,
  'calendar.setDay': calendar.setDay,
  'calendar.removeDay': calendar.removeDay,
  'calendar.importHolidays': calendar.importHolidays,
  'calendar.deadlineRules': calendar.deadlineRules,
  'calendar.setDeadlineRule': calendar.setDeadlineRule,
};
