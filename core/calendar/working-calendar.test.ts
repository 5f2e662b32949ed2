import { describe, expect, it } from 'vitest';
import { createBundledCalendar } from './bundled';
import { formatChinaTime, HOUR_MS, MINUTE_MS } from './china-time';
import { cn, show } from '../testing/calendar-helpers';
import { WorkingCalendar } from './working-calendar';

const cal = createBundledCalendar();
const plusHours = (start: string, hours: number) => show(cal.addWorkingHours(cn(start), hours));
const plusDays = (start: string, days: number) => show(cal.addWorkingDays(cn(start), days));

describe('China time helpers', () => {
  it('reads and writes China wall-clock time at UTC+8', () => {
    expect(cn('2026-10-10 09:00')).toBe(Date.UTC(2026, 9, 10, 1, 0));
    expect(cn('2026-01-01')).toBe(Date.UTC(2025, 11, 31, 16, 0));
    expect(formatChinaTime(Date.UTC(2026, 9, 7, 16, 0))).toBe('2026-10-08 00:00');
    expect(formatChinaTime(cn('2026-03-09 09:00:03.600'))).toBe('2026-03-09 09:00:03.600');
    for (const bad of ['2026-13-01', '2026-02-29', '2026-10-10 24:00', '2026-10-10 9:00', '10/10/2026']) {
      expect(() => cn(bad), bad).toThrow(RangeError);
    }
  });

  it('gives the China date and the start of the China day', () => {
    expect(cal.dateKey(cn('2026-10-07 23:59:59.999'))).toBe('2026-10-07');
    expect(cal.dateKey(cn('2026-10-08 00:00'))).toBe('2026-10-08');
    expect(show(cal.startOfDay(cn('2026-10-08 07:59')))).toBe('2026-10-08 00:00');
    expect(cal.startOfDate('2026-10-08')).toBe(cn('2026-10-08 00:00'));
  });
});

describe('working days', () => {
  it('is Monday to Friday on ordinary weeks, including years without holiday data', () => {
    expect(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map((d) => cal.isWorkingDay(d))).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(cal.isWorkingDay('2027-01-04')).toBe(true); // Monday, no 2027 data: plain week
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });

  it('knows the 2026 holidays and the adjusted working days (调休)', () => {
    const working = (dates: string[]) => dates.filter((d) => cal.isWorkingDay(d));
    // National Day: Thu Oct 1 – Wed Oct 7 off; Sun Sep 20 and Sat Oct 10 worked.
    expect(working(['2026-09-19', '2026-09-20', '2026-09-30', '2026-10-01', '2026-10-05', '2026-10-07'])).toEqual([
      '2026-09-20',
      '2026-09-30',
    ]);
    expect(working(['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-11'])).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
    // Spring Festival: Sun Feb 15 – Mon Feb 23 off; Sat Feb 14 and Sat Feb 28 worked.
    expect(working(['2026-02-13', '2026-02-14', '2026-02-16', '2026-02-23', '2026-02-24', '2026-02-28'])).toEqual([
      '2026-02-13',
      '2026-02-14',
      '2026-02-24',
      '2026-02-28',
    ]);
    // New Year: Fri Jan 2 off, Sun Jan 4 worked.
    expect(working(['2026-01-02', '2026-01-04'])).toEqual(['2026-01-04']);
  });

  it('refuses contradictory calendar days and bad office hours', () => {
    const both = [
      { date: '2026-10-10', kind: 'off' as const, name: 'a' },
      { date: '2026-10-10', kind: 'work' as const, name: 'b' },
    ];
    expect(() => new WorkingCalendar(both)).toThrow(/both/);
    expect(() => new WorkingCalendar([], { periods: [] })).toThrow(RangeError);
    expect(
      () =>
        new WorkingCalendar([], {
          periods: [
            [600, 720],
            [700, 800],
          ],
        }),
    ).toThrow(RangeError);
    expect(() => new WorkingCalendar([], { periods: [[600, 1500]] })).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it('skips the weekend', () => {
    expect(plusHours('2026-03-06 16:00', 2)).toBe('2026-03-09 09:00'); // Fri 1.5 h + Mon 0.5 h
    expect(plusHours('2026-03-07 10:00', 1)).toBe('2026-03-09 09:30'); // starts on Saturday
  });

  it('skips the National Day week and counts the adjusted days', () => {
    expect(plusHours('2026-09-30 16:00', 2)).toBe('2026-10-08 09:00'); // Wed 1.5 h, Oct 1–7 off, Thu 0.5 h
    expect(plusHours('2026-09-30 09:00', 8)).toBe('2026-10-08 09:30');
    expect(plusHours('2026-09-18 17:00', 1)).toBe('2026-09-20 09:00'); // Sun Sep 20 is a working day
    expect(plusHours('2026-10-09 17:00', 1)).toBe('2026-10-10 09:00'); // Sat Oct 10 too
  });

  it('skips the Spring Festival and counts its adjusted Saturdays', () => {
    expect(plusHours('2026-02-13 17:00', 1)).toBe('2026-02-14 09:00');
    expect(plusHours('2026-02-14 16:00', 2)).toBe('2026-02-24 09:00');
    expect(plusHours('2026-02-27 17:00', 1)).toBe('2026-02-28 09:00');
  });

  it('spans lunch and ends at a period end rather than the next start', () => {
    expect(plusHours('2026-03-09 11:00', 2)).toBe('2026-03-09 14:30');
    expect(plusHours('2026-03-09 11:00', 1)).toBe('2026-03-09 12:00');
    expect(plusHours('2026-03-09 12:30', 1)).toBe('2026-03-09 14:30'); // starts in the lunch break
    expect(plusHours('2026-03-09 08:30', 7.5)).toBe('2026-03-09 17:30');
  });

  it('starts outside office hours at the next period', () => {
    expect(plusHours('2026-03-09 07:00', 1)).toBe('2026-03-09 09:30');
    expect(plusHours('2026-03-09 20:00', 1)).toBe('2026-03-10 09:30');
    expect(plusHours('2026-03-09 17:30', 0.5)).toBe('2026-03-10 09:00');
    expect(plusHours('2026-03-09 17:30', 7.5)).toBe('2026-03-10 17:30');
    expect(plusHours('2026-03-07 22:00', 0)).toBe('2026-03-07 22:00'); // nothing to add
  });

  it('takes fractional hours to the millisecond', () => {
    expect(plusHours('2026-03-09 09:00', 0.25)).toBe('2026-03-09 09:15');
    expect(plusHours('2026-03-09 09:00', 1.1)).toBe('2026-03-09 10:06');
    expect(plusHours('2026-03-09 09:00', 3.5)).toBe('2026-03-09 14:00');
    expect(plusHours('2026-03-09 09:00', 0.001)).toBe('2026-03-09 09:00:03.600');
    expect(plusHours('2026-03-09 09:00', 15)).toBe('2026-03-11 09:00'); // 7 + 7.5 + 0.5
  });

  it('refuses negative or non-finite hours', () => {
    expect(() => cal.addWorkingHours(cn('2026-03-09 09:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingHours(cn('2026-03-09 09:00'), Number.NaN)).toThrow(RangeError);
  });

  it('honours custom office hours', () => {
    const nineToSix = new WorkingCalendar([], { periods: [[9 * 60, 18 * 60]] });
    expect(show(nineToSix.addWorkingHours(cn('2026-03-06 17:00'), 2))).toBe('2026-03-09 10:00');
    expect(show(nineToSix.addWorkingDays(cn('2026-03-06 17:00'), 1))).toBe('2026-03-09 18:00');
    expect(nineToSix.workingDayMs).toBe(9 * HOUR_MS);
  });
});

describe('addWorkingDays (the start day never counts; due at 17:30 of the M-th working day after it)', () => {
  it('counts from the next day on ordinary weeks', () => {
    expect(plusDays('2026-03-06 10:00', 1)).toBe('2026-03-09 17:30'); // Friday → Monday
    expect(plusDays('2026-03-07 10:00', 1)).toBe('2026-03-09 17:30'); // Saturday → Monday
    expect(plusDays('2026-03-09 07:00', 1)).toBe('2026-03-10 17:30'); // before office hours: still the next day
    expect(plusDays('2026-03-09 23:59', 5)).toBe('2026-03-16 17:30');
  });

  it('jumps the National Day week and counts Sat Oct 10', () => {
    expect(plusDays('2026-09-30 16:00', 1)).toBe('2026-10-08 17:30');
    expect(plusDays('2026-09-30 10:00', 3)).toBe('2026-10-10 17:30'); // Oct 8, Oct 9, Sat Oct 10
    expect(plusDays('2026-09-30 10:00', 4)).toBe('2026-10-12 17:30'); // Sun Oct 11 is off
    expect(plusDays('2026-09-24 17:00', 1)).toBe('2026-09-28 17:30'); // Mid-Autumn Fri Sep 25 – Sun Sep 27
  });

  it('jumps the Spring Festival and counts its adjusted Saturdays', () => {
    expect(plusDays('2026-02-13 10:00', 2)).toBe('2026-02-24 17:30'); // Sat Feb 14, then Tue Feb 24
    expect(plusDays('2026-02-27 10:00', 1)).toBe('2026-02-28 17:30');
  });

  it('refuses zero or fractional days', () => {
    expect(() => cal.addWorkingDays(cn('2026-03-09 09:00'), 0)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(cn('2026-03-09 09:00'), 1.5)).toThrow(RangeError);
  });
});

describe('addCalendarHours and workingMsBetween', () => {
  it('adds plain clock time, holidays included', () => {
    expect(show(cal.addCalendarHours(cn('2026-09-30 20:00'), 24))).toBe('2026-10-01 20:00');
    expect(show(cal.addCalendarHours(cn('2026-10-01 10:00'), 0.5))).toBe('2026-10-01 10:30');
  });

  it('measures working time across lunch, nights, weekends and holidays', () => {
    const between = (a: string, b: string) => cal.workingMsBetween(cn(a), cn(b)) / MINUTE_MS;
    expect(between('2026-03-09 11:00', '2026-03-09 14:30')).toBe(120);
    expect(between('2026-03-09 12:10', '2026-03-09 13:20')).toBe(0);
    expect(between('2026-03-06 16:00', '2026-03-09 09:00')).toBe(120);
    expect(between('2026-02-13 08:30', '2026-02-25 08:30')).toBe(3 * 450); // Feb 13, Sat Feb 14, Feb 24
    expect(between('2026-10-01 00:00', '2026-10-08 00:00')).toBe(0);
    expect(between('2026-03-09 14:00', '2026-03-09 10:00')).toBe(0); // reversed
  });
});
