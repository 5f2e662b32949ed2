import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { CHINA_TIME_ZONE } from '@common/china-time';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The township's clock, whatever the computer's own time zone says (ARCHITECTURE rule 9). */
export const DISPLAY_TIME_ZONE = CHINA_TIME_ZONE;

export function formatDateTime(epochMs: number): string {
  return dayjs(epochMs).tz(DISPLAY_TIME_ZONE).format('YYYY-MM-DD HH:mm:ss');
}

export function formatTime(epochMs: number): string {
  return dayjs(epochMs).tz(DISPLAY_TIME_ZONE).format('HH:mm');
}

/** Today's date for people: localized month names are not needed, digits read the same in both languages. */
export function formatDate(epochMs: number): string {
  return dayjs(epochMs).tz(DISPLAY_TIME_ZONE).format('YYYY-MM-DD');
}

/** Compact date and time for table cells: the year is rarely in doubt for a running deadline. */
export function formatShortDateTime(epochMs: number): string {
  return dayjs(epochMs).tz(DISPLAY_TIME_ZONE).format('MM-DD HH:mm');
}

/** Minutes precision, for deadlines and timelines. */
export function formatDateTimeMinutes(epochMs: number): string {
  return dayjs(epochMs).tz(DISPLAY_TIME_ZONE).format('YYYY-MM-DD HH:mm');
}

/** "2026-11-30" read as the start of that day on the township's clock. */
export function chinaDayStart(date: string): number {
  return dayjs.tz(date, 'YYYY-MM-DD', DISPLAY_TIME_ZONE).valueOf();
}

/** "2026-11-30" read as the last millisecond of that day on the township's clock. */
export function chinaDayEnd(date: string): number {
  return dayjs.tz(date, 'YYYY-MM-DD', DISPLAY_TIME_ZONE).add(1, 'day').valueOf() - 1;
}

/** The value format of the app's date-time pickers, read on the township's clock. */
export const PICKER_DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

export function parseChinaDateTime(text: string): number {
  return dayjs.tz(text, PICKER_DATE_TIME_FORMAT, DISPLAY_TIME_ZONE).valueOf();
}
