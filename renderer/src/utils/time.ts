import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The township's clock, whatever the computer's own time zone says (ARCHITECTURE rule 9). */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

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
