import { dateKeyOfDay, dayIndexOf, dayStartMs, HOUR_MS, MINUTE_MS, parseDateKey, weekdayOf } from './china-time';
import type { CalendarDay } from './holiday-file';

/** A stretch of office time within a China day, in minutes since midnight: [start, end). */
export type WorkingPeriod = readonly [startMinute: number, endMinute: number];

export interface WorkingCalendarOptions {
  /** Sorted, non-overlapping office periods; default 08:30–12:00 and 13:30–17:30 (7.5 h a day). */
  periods?: readonly WorkingPeriod[];
}

export const DEFAULT_WORKING_PERIODS: readonly WorkingPeriod[] = [
  [8 * 60 + 30, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

/**
 * Working time in China: Monday–Friday office hours, minus statutory days off,
 * plus adjusted weekend working days (调休). Days the holiday data does not
 * cover (another year) fall back to the plain Monday–Friday week.
 *
 * Everything works on day indexes (see china-time.ts) and walks at most one
 * step per day, never per minute, so a 30-day span costs ~30 map lookups.
 */
export class WorkingCalendar {
  /** Day index → working? Only for days that differ from the Monday–Friday week. */
  private readonly overrides = new Map<number, boolean>();
  /** Office periods in ms since China midnight. */
  private readonly periods: readonly (readonly [number, number])[];
  /** Working time in one full working day (7.5 h by default). */
  readonly workingDayMs: number;

  constructor(days: readonly CalendarDay[] = [], options: WorkingCalendarOptions = {}) {
    const periods = options.periods ?? DEFAULT_WORKING_PERIODS;
    checkPeriods(periods);
    this.periods = periods.map(([start, end]) => [start * MINUTE_MS, end * MINUTE_MS] as const);
    this.workingDayMs = this.periods.reduce((sum, [start, end]) => sum + end - start, 0);
    for (const day of days) {
      const index = parseDateKey(day.date);
      if (index === null) throw new RangeError(`Calendar day "${day.date}" is not a real date YYYY-MM-DD`);
      const working = day.kind === 'work';
      if (this.overrides.get(index) === !working) {
        throw new RangeError(`Calendar day ${day.date} is given both as a day off and as a working day`);
      }
      this.overrides.set(index, working);
    }
  }

  /** Mon–Fri unless a statutory day off; Sat/Sun only when an adjusted working day. */
  isWorkingDay(dateKey: string): boolean {
    const index = parseDateKey(dateKey);
    if (index === null) throw new RangeError(`"${dateKey}" is not a real date YYYY-MM-DD`);
    return this.isWorkingIndex(index);
  }

  /** China calendar date `YYYY-MM-DD` of a moment. */
  dateKey(ms: number): string {
    return dateKeyOfDay(dayIndexOf(ms));
  }

  /** 00:00 China time of the day containing `ms`. */
  startOfDay(ms: number): number {
    return dayStartMs(dayIndexOf(ms));
  }

  /** 00:00 China time of a `YYYY-MM-DD` date. */
  startOfDate(dateKey: string): number {
    const index = parseDateKey(dateKey);
    if (index === null) throw new RangeError(`"${dateKey}" is not a real date YYYY-MM-DD`);
    return dayStartMs(index);
  }

  /** True when `ms` falls inside an office period of a working day. */
  isWorkingTime(ms: number): boolean {
    const day = dayIndexOf(ms);
    const offset = ms - dayStartMs(day);
    return this.isWorkingIndex(day) && this.periods.some(([start, end]) => offset >= start && offset < end);
  }

  /**
   * The moment `hours` of working time have elapsed since `startMs`. A start
   * outside office time begins counting at the next office period; a result
   * landing exactly on the end of a period stays there (12:00, not 13:30),
   * because the time was used up by then. 0 hours returns `startMs`.
   */
  addWorkingHours(startMs: number, hours: number): number {
    let remaining = hoursToMs(hours);
    if (remaining === 0) return startMs;
    let day = dayIndexOf(startMs);
    let offset = startMs - dayStartMs(day);
    for (; ; day++, offset = 0) {
      if (!this.isWorkingIndex(day)) continue;
      if (offset === 0 && remaining > this.workingDayMs) {
        remaining -= this.workingDayMs; // a whole working day, without looking at its periods
        continue;
      }
      for (const [start, end] of this.periods) {
        if (offset >= end) continue;
        const from = Math.max(offset, start);
        if (remaining <= end - from) return dayStartMs(day) + from + remaining;
        remaining -= end - from;
      }
    }
  }

  /**
   * "Handle within M working days" (M ≥ 1, whole days): the end of office time
   * (17:30 by default) of the M-th working day AFTER the China date of the start.
   * The start day never counts, whatever the hour and whether or not it is a
   * working day. This is how 12345 hotline work-order rules count 工作日
   * ("派单当日不计，次日起算"): a unit receiving an order at 16:00 cannot be
   * charged a day it no longer has, and the deadline is always a clear
   * "end of day X" that people can say out loud. So Friday 10:00 + 1 → Monday
   * 17:30, and the day before the National Day week + 1 → the first working
   * day after it.
   */
  addWorkingDays(startMs: number, days: number): number {
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`Working days must be a whole number ≥ 1, got ${days}`);
    let day = dayIndexOf(startMs);
    for (let counted = 0; counted < days;) {
      day++;
      if (this.isWorkingIndex(day)) counted++;
    }
    return dayStartMs(day) + this.periods[this.periods.length - 1]![1];
  }

  /** Plain clock time, for 特急 (critical) events: holidays and nights count. */
  addCalendarHours(startMs: number, hours: number): number {
    return startMs + hoursToMs(hours);
  }

  /** Working time (ms) between two moments; 0 when `bMs` ≤ `aMs`. Inverse of addWorkingHours. */
  workingMsBetween(aMs: number, bMs: number): number {
    if (bMs <= aMs) return 0;
    const dayA = dayIndexOf(aMs);
    const dayB = dayIndexOf(bMs);
    const doneA = this.workedBy(aMs - dayStartMs(dayA));
    const doneB = this.workedBy(bMs - dayStartMs(dayB));
    if (dayA === dayB) return this.isWorkingIndex(dayA) ? doneB - doneA : 0;
    let total = this.isWorkingIndex(dayA) ? this.workingDayMs - doneA : 0;
    for (let day = dayA + 1; day < dayB; day++) if (this.isWorkingIndex(day)) total += this.workingDayMs;
    return this.isWorkingIndex(dayB) ? total + doneB : total;
  }

  private isWorkingIndex(day: number): boolean {
    const override = this.overrides.get(day);
    if (override !== undefined) return override;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  /** Office time already past at `offset` ms after midnight of a working day. */
  private workedBy(offset: number): number {
    let worked = 0;
    for (const [start, end] of this.periods) {
      if (offset <= start) break;
      worked += Math.min(offset, end) - start;
    }
    return worked;
  }
}

function hoursToMs(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Hours must be a finite number ≥ 0, got ${hours}`);
  return Math.round(hours * HOUR_MS);
}

function checkPeriods(periods: readonly WorkingPeriod[]): void {
  if (periods.length === 0) throw new RangeError('A working calendar needs at least one office period');
  let previousEnd = 0;
  for (const [start, end] of periods) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < previousEnd || end <= start || end > 24 * 60) {
      throw new RangeError(`Office periods must be sorted, non-overlapping whole minutes within a day, got [${start}, ${end}]`);
    }
    previousEnd = end;
  }
}
