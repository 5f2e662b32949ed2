import { describe, expect, it } from 'vitest';
import { createBundledCalendar } from './bundled';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './china-time';
import { DEFAULT_WORKING_PERIODS } from './working-calendar';
import { cn, seededRandom, show } from '../testing/calendar-helpers';

const cal = createBundledCalendar();
const FROM = cn('2025-12-20 00:00');
const SPAN = cn('2027-01-10 00:00') - FROM; // the whole 2026 holiday year and its edges

describe('working calendar properties (seeded)', () => {
  it('workingMsBetween is the exact inverse of addWorkingHours', () => {
    const random = seededRandom(20261001);
    for (let i = 0; i < 5000; i++) {
      const start = FROM + Math.floor(random() * SPAN);
      const hours = random() < 0.2 ? Math.floor(random() * 8) * 0.5 : random() * 200;
      const end = cal.addWorkingHours(start, hours);
      expect(cal.workingMsBetween(start, end), `${show(start)} + ${hours} h → ${show(end)}`).toBe(Math.round(hours * HOUR_MS));
      if (hours > 0) expect(cal.isWorkingTime(end - 1), show(end)).toBe(true); // the last millisecond used was office time
    }
  });

  it('addWorkingHours of the measured time reaches the earliest moment with that much work done', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 3000; i++) {
      const a = FROM + Math.floor(random() * SPAN);
      const b = a + Math.floor(random() * 40 * DAY_MS);
      const worked = cal.workingMsBetween(a, b);
      const reached = cal.addWorkingHours(a, worked / HOUR_MS);
      expect(reached).toBeLessThanOrEqual(b);
      expect(cal.workingMsBetween(reached, b), `${show(a)} → ${show(b)}`).toBe(0);
    }
  });

  it('agrees with a minute-by-minute count', () => {
    const random = seededRandom(42);
    const inOffice = (minuteOfDay: number) => DEFAULT_WORKING_PERIODS.some(([s, e]) => minuteOfDay >= s && minuteOfDay < e);
    for (let i = 0; i < 40; i++) {
      const a = FROM + Math.floor((random() * SPAN) / MINUTE_MS) * MINUTE_MS;
      const b = a + Math.floor(random() * 6 * 24 * 60) * MINUTE_MS;
      let minutes = 0;
      for (let t = a; t < b; t += MINUTE_MS) {
        const dayStart = cal.startOfDay(t);
        if (cal.isWorkingDay(cal.dateKey(t)) && inOffice((t - dayStart) / MINUTE_MS)) minutes++;
      }
      expect(cal.workingMsBetween(a, b), `${show(a)} → ${show(b)}`).toBe(minutes * MINUTE_MS);
    }
  });
});
