/**
 * China-time arithmetic, the one place that knows the township's clock (core,
 * county center and common/assessment.ts all use it). Asia/Shanghai has been
 * UTC+8 with no daylight saving since 1991, so a fixed offset is exact for
 * every date this app handles and avoids shipping a time-zone database (common/
 * may import zod only). A "day index" counts China calendar days since
 * 1970-01-01 (China); it is the cheap key the calendar works with.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const CHINA_OFFSET_MS = 8 * HOUR_MS;
/** The IANA name, for libraries that take one (dayjs in the renderer, a browser's timezoneId). */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/**
 * A Date whose UTC fields read China wall-clock time (getUTCFullYear, getUTCHours, toISOString …).
 * For calendar arithmetic and for formats that take wall-clock time, such as Excel cells; never
 * store it or send it anywhere as a moment.
 */
export function chinaWallClock(ms: number): Date {
  return new Date(ms + CHINA_OFFSET_MS);
}

/** ISO 8601 in China time with its offset, as PROTOCOL.md wants on the wire: 2026-11-30T09:15:00.000+08:00. */
export function isoChina(ms: number): string {
  return chinaWallClock(ms).toISOString().replace('Z', '+08:00');
}

/** China calendar day index of a moment. */
export function dayIndexOf(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}

/** The moment China day `dayIndex` begins (00:00 China time). */
export function dayStartMs(dayIndex: number): number {
  return dayIndex * DAY_MS - CHINA_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

/** `YYYY-MM-DD` of a day index (the UTC date of dayIndex·DAY is that China date). */
export function dateKeyOfDay(dayIndex: number): string {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day index of a `YYYY-MM-DD` key, or null when it is not a real calendar date (e.g. 2026-02-30). */
export function parseDateKey(key: string): number | null {
  const m = DATE_KEY.exec(key);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 02-30 over to 03-02; a round trip exposes that.
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== key) return null;
  return utc / DAY_MS;
}

const CHINA_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?)?$/;

/**
 * Epoch ms of a China wall-clock time `YYYY-MM-DD[ HH:mm[:ss[.SSS]]]`.
 * Throws on anything else: it is meant for configuration and tests, where a
 * typo must not silently become another moment.
 */
export function chinaMs(text: string): number {
  const m = CHINA_TIME.exec(text);
  const day = m ? parseDateKey(m[1]!) : null;
  const [h, min, s, ms] = m ? [m[2], m[3], m[4], m[5]].map((part) => Number(part ?? 0)) : [];
  if (day === null || h! > 23 || min! > 59 || s! > 59) throw new RangeError(`Not a China time "YYYY-MM-DD HH:mm": "${text}"`);
  return dayStartMs(day) + h! * HOUR_MS + min! * MINUTE_MS + s! * 1000 + ms!;
}

/** `YYYY-MM-DD HH:mm` in China time, plus `:ss.SSS` only when the moment is not on a whole minute. */
export function formatChinaTime(ms: number): string {
  const iso = chinaWallClock(ms).toISOString(); // 2026-10-08T09:00:00.000Z, read as China wall clock
  const minute = `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  return ms % MINUTE_MS === 0 ? minute : `${minute}:${iso.slice(17, 23)}`;
}
