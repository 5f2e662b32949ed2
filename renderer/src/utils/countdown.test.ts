import { describe, expect, it } from 'vitest';
import { countdown } from './countdown';

const NOW = Date.UTC(2026, 11, 7, 8, 0);
const MIN = 60_000;

describe('countdown', () => {
  it('counts minutes under an hour, never zero', () => {
    expect(countdown(NOW + 40 * MIN, NOW)).toEqual({ overdue: false, unit: 'minute', n: 40 });
    expect(countdown(NOW + 10_000, NOW)).toEqual({ overdue: false, unit: 'minute', n: 1 });
  });

  it('counts hours up to two days, then days', () => {
    expect(countdown(NOW + 5 * 60 * MIN + 59 * MIN, NOW)).toEqual({ overdue: false, unit: 'hour', n: 5 });
    expect(countdown(NOW + 47 * 60 * MIN, NOW)).toEqual({ overdue: false, unit: 'hour', n: 47 });
    expect(countdown(NOW + 3 * 24 * 60 * MIN + 1, NOW)).toEqual({ overdue: false, unit: 'day', n: 3 });
  });

  it('says how long ago a passed deadline was', () => {
    expect(countdown(NOW - 90 * MIN, NOW)).toEqual({ overdue: true, unit: 'hour', n: 1 });
    expect(countdown(NOW - 5 * 24 * 60 * MIN, NOW)).toEqual({ overdue: true, unit: 'day', n: 5 });
  });
});
