import { WorkingCalendar } from './';
import type { Db } from '../../db';
import { listCalendarDays } from '../../db/queries/calendar';

/**
 * The working calendar is read on every dispatch and every warning, and
 * changes only when the admin or the county edits it: keep one per database
 * and drop it on edit.
 */
const cache = new WeakMap<Db, WorkingCalendar>();

export function workingCalendar(db: Db): WorkingCalendar {
  let calendar = cache.get(db);
  if (!calendar) {
    calendar = new WorkingCalendar(listCalendarDays(db));
    cache.set(db, calendar);
  }
  return calendar;
}

export function invalidateCalendar(db: Db): void {
  cache.delete(db);
}
