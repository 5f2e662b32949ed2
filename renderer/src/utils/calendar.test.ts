import { describe, expect, it } from 'vitest';
import { categorySpan, isWeekend, parseJsonText, sortRules, weekdayOf } from './calendar';

describe('calendar helpers', () => {
  it('knows the day of the week and refuses dates that do not exist', () => {
    expect(weekdayOf('2026-01-04')).toBe(0);
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(weekdayOf('2026-02-30')).toBeNull();
    expect(isWeekend('2026-02-28')).toBe(true);
    expect(isWeekend('2026-03-02')).toBe(false);
  });

  it('reports a JSON parse error plainly', () => {
    expect(parseJsonText('{"year":2026}')).toEqual({ ok: true, value: { year: 2026 } });
    expect(parseJsonText('{oops').ok).toBe(false);
  });

  it('groups rules by category in priority order', () => {
    const rows = sortRules([
      { categoryId: 'b', categoryName: '乙', priority: 'critical' as const },
      { categoryId: 'a', categoryName: '甲', priority: 'urgent' as const },
      { categoryId: 'b', categoryName: '乙', priority: 'normal' as const },
      { categoryId: 'a', categoryName: '甲', priority: 'normal' as const },
    ]);
    expect(rows.map((row) => `${row.categoryId}:${row.priority}`)).toEqual(['a:normal', 'a:urgent', 'b:normal', 'b:critical']);
    expect(rows.map((_row, index) => categorySpan(rows, index))).toEqual([2, 0, 2, 0]);
  });
});
