const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Countdown {
  overdue: boolean;
  /** The largest unit that reads well at a glance: "3 天", "5 小时", "40 分钟". */
  unit: 'minute' | 'hour' | 'day';
  n: number;
}

/** Time left until a deadline (or past it), rounded down to the unit a card shows. */
export function countdown(dueAt: number, now: number): Countdown {
  const left = dueAt - now;
  const span = Math.abs(left);
  const overdue = left < 0;
  if (span >= 2 * DAY) return { overdue, unit: 'day', n: Math.floor(span / DAY) };
  if (span >= HOUR) return { overdue, unit: 'hour', n: Math.floor(span / HOUR) };
  return { overdue, unit: 'minute', n: Math.max(1, Math.floor(span / MINUTE)) };
}
