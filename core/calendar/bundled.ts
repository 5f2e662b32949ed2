import holidaysCN2026 from './holidays-CN-2026.json';
import { parseHolidayFile, type CalendarDay } from './holiday-file';
import { WorkingCalendar, type WorkingCalendarOptions } from './working-calendar';

/**
 * The holiday data shipped with the app (a copy of the State Council notice),
 * used until the admin edits it or the county pushes a newer calendar.
 */
export function bundledCalendarDays(): CalendarDay[] {
  return parseHolidayFile(holidaysCN2026);
}

/** A calendar with the shipped holidays and the given (or default) office hours. */
export function createBundledCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  return new WorkingCalendar(bundledCalendarDays(), options);
}
