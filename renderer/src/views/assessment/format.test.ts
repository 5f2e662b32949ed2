import { describe, expect, it } from 'vitest';
import { rankChange, recentPeriods, signed, valueText } from './format';

describe('assessment formatting', () => {
  it('lists recent periods in China time, newest first', () => {
    // 2026-12-31 17:00 UTC is already 2027-01-01 in Beijing.
    const newYear = Date.UTC(2026, 11, 31, 17);
    expect(recentPeriods('month', newYear, 3)).toEqual(['2027-01', '2026-12', '2026-11']);
    expect(recentPeriods('quarter', newYear, 3)).toEqual(['2027-Q1', '2026-Q4', '2026-Q3']);
    expect(recentPeriods('year', newYear, 2)).toEqual(['2027', '2026']);
  });

  it('shows rates as percentages, counts as they are, and nothing for a rate without cases', () => {
    expect(valueText({ value: 0.9234, denominator: 10 })).toBe('92.3%');
    expect(valueText({ value: 3, denominator: null })).toBe('3');
    expect(valueText({ value: null, denominator: 0 })).toBe('—');
    expect([signed(2), signed(-5), signed(0)]).toEqual(['+2', '-5', '0']);
  });

  it('counts places gained against the previous period', () => {
    expect(rankChange({ rank: 2, previousRank: 5 })).toBe(3);
    expect(rankChange({ rank: 5, previousRank: 2 })).toBe(-3);
    expect(rankChange({ rank: 1, previousRank: null })).toBeNull();
  });
});
