export { chinaMs, dayIndexOf, dayStartMs, formatChinaTime, parseDateKey, DAY_MS, HOUR_MS, MINUTE_MS } from './china-time';
export { HolidayFileSchema, parseHolidayFile, type CalendarDay, type HolidayFile } from './holiday-file';
export { DEFAULT_WORKING_PERIODS, WorkingCalendar, type WorkingCalendarOptions, type WorkingPeriod } from './working-calendar';
export {
  computeDeadlines,
  DEFAULT_DEADLINE_RULES,
  DeadlineRuleSchema,
  warningLevel,
  type DeadlinePriority,
  type DeadlineRule,
  type Warning,
  type WarningTask,
} from './deadlines';
export { bundledCalendarDays, createBundledCalendar } from './bundled';
