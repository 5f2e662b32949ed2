import { describe, expect, it } from 'vitest';
import {
  CHINA_OFFSET_MS,
  CHINA_TIME_ZONE,
  chinaMs,
  chinaWallClock,
  dateKeyOfDay,
  DAY_MS,
  dayIndexOf,
  dayStartMs,
  formatChinaTime,
  isoChina,
  parseDateKey,
  weekdayOf,
} from './china-time';
import { IsoTime } from './protocol';

const NOV_30 = Date.parse('2026-11-30T00:00:00+08:00'); // a Monday

describe('China time', () => {
  it('starts a China day at 00:00 China time, which is 16:00 UTC the day before', () => {
    const day = dayIndexOf(NOV_30);
    expect(dateKeyOfDay(day)).toBe('2026-11-30');
    expect(dayStartMs(day)).toBe(NOV_30);
    expect(new Date(dayStartMs(day)).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    // The last millisecond before belongs to the day before; the whole day up to 23:59:59.999 to this one.
    expect(dateKeyOfDay(dayIndexOf(NOV_30 - 1))).toBe('2026-11-29');
    expect(dayIndexOf(NOV_30 + DAY_MS - 1)).toBe(day);
    expect(dateKeyOfDay(dayIndexOf(NOV_30 + DAY_MS))).toBe('2026-12-01');
    // UTC midnight is already 08:00 in China: same China day as the UTC date.
    expect(dateKeyOfDay(dayIndexOf(Date.parse('2026-11-30T00:00:00Z')))).toBe('2026-11-30');
    expect(dateKeyOfDay(dayIndexOf(Date.parse('2026-11-30T15:59:59.999Z')))).toBe('2026-11-30');
    expect(dateKeyOfDay(dayIndexOf(Date.parse('2026-11-30T16:00:00Z')))).toBe('2026-12-01');
  });

  it('counts days before 1970 and weekdays the calendar way', () => {
    expect(dayIndexOf(0)).toBe(0); // 1970-01-01 08:00 China
    expect(dayIndexOf(-CHINA_OFFSET_MS - 1)).toBe(-1);
    expect(dateKeyOfDay(-1)).toBe('1969-12-31');
    expect(weekdayOf(0)).toBe(4); // Thursday
    expect(weekdayOf(-1)).toBe(3);
    expect(weekdayOf(dayIndexOf(NOV_30))).toBe(1); // Monday
    expect(weekdayOf(dayIndexOf(NOV_30) + 6)).toBe(0); // Sunday
  });

  it('writes ISO 8601 with the +08:00 offset that reads back as the same moment', () => {
    expect(isoChina(NOV_30)).toBe('2026-11-30T00:00:00.000+08:00');
    expect(isoChina(0)).toBe('1970-01-01T08:00:00.000+08:00');
    expect(isoChina(Date.parse('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30T23:59:59.999+08:00');
    for (const ms of [0, NOV_30 - 1, NOV_30, NOV_30 + 9 * 3_600_000 + 15 * 60_000 + 123, Date.parse('2030-02-28T16:30:00Z')]) {
      expect(Date.parse(isoChina(ms))).toBe(ms);
      expect(IsoTime.safeParse(isoChina(ms)).success).toBe(true);
    }
  });

  it('reads China wall-clock time through the UTC fields of chinaWallClock', () => {
    const d = chinaWallClock(Date.parse('2026-12-31T17:30:00Z'));
    expect([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]).toEqual([
      2027, 1, 1, 1, 30,
    ]);
  });

  it('parses China wall-clock text and refuses anything that is not a real time', () => {
    expect(chinaMs('2026-11-30')).toBe(NOV_30);
    expect(chinaMs('2026-11-30 09:15')).toBe(Date.parse('2026-11-30T09:15:00+08:00'));
    expect(chinaMs('2026-11-30T09:15:07.250')).toBe(Date.parse('2026-11-30T09:15:07.250+08:00'));
    for (const bad of [
      '2026-11-30 24:00',
      '2026-11-30 9:15',
      '2026-11-30 09:60',
      '2026-02-29',
      '2026-13-01',
      '09:15',
      '',
      '2026-11-30Z',
    ])
      expect(() => chinaMs(bad), bad).toThrow(RangeError);
    expect(parseDateKey('2028-02-29')).toBe(dayIndexOf(chinaMs('2028-02-29 12:00')));
    expect(parseDateKey('2026-02-29')).toBeNull();
    expect(parseDateKey('2026-2-3')).toBeNull();
  });

  it('formats minutes, and seconds only when the moment is not on a whole minute', () => {
    expect(formatChinaTime(chinaMs('2026-11-30 09:15'))).toBe('2026-11-30 09:15');
    expect(formatChinaTime(chinaMs('2026-11-30 09:15:07.250'))).toBe('2026-11-30 09:15:07.250');
    expect(formatChinaTime(Date.parse('2026-11-29T16:00:00Z'))).toBe('2026-11-30 00:00');
  });

  it('agrees with the time-zone database for Asia/Shanghai (no daylight saving since 1991)', () => {
    const tz = new Intl.DateTimeFormat('en-CA', {
      timeZone: CHINA_TIME_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const asText = (ms: number) => tz.format(ms).replace(', ', ' ');
    // Every 97 hours and 7 minutes (drifting through the hours of the day) from 1992 to 2040.
    const differ: string[] = [];
    let checked = 0;
    for (
      let ms = Date.parse('1992-01-01T00:00:00Z');
      ms < Date.parse('2040-01-01T00:00:00Z');
      ms += 97 * 3_600_000 + 7 * 60_000
    ) {
      checked++;
      if (formatChinaTime(ms) !== asText(ms))
        differ.push(`${new Date(ms).toISOString()}: ${formatChinaTime(ms)} vs ${asText(ms)}`);
    }
    expect(checked).toBeGreaterThan(4000);
    expect(differ).toEqual([]);
  });
});
