import { describe, expect, it } from 'vitest';
import { quarterBounds, rankTownships } from './ranking';

describe('quarterly ranking, pure', () => {
  it('bounds a quarter in China time', () => {
    expect(quarterBounds('2026-Q4')).toEqual({
      start: Date.parse('2026-10-01T00:00:00+08:00'),
      end: Date.parse('2027-01-01T00:00:00+08:00'),
    });
    expect(quarterBounds('2026-Q1').start).toBe(Date.parse('2026-01-01T00:00:00+08:00'));
    expect(() => quarterBounds('2026-Q5')).toThrow();
  });

  it('counts an event by the China day it was reported, and lets equal scores share a rank', () => {
    const event = (townshipId: string, id: string, reportedAt: string) => ({
      townshipId,
      id,
      serial: id,
      title: id,
      state: 'closed',
      reportedAt,
      satisfaction: 'satisfied',
      resolvedLevel: 'grid',
    });
    const rows = rankTownships(
      [
        { id: 'A', name: '甲' },
        { id: 'B', name: '乙' },
        { id: 'C', name: '丙' },
      ],
      [
        // 23:59 on 30 September in China is still Q3, whatever UTC says.
        event('A', 'A-1', '2026-09-30T23:59:00+08:00'),
        event('A', 'A-2', '2026-10-01T00:00:00+08:00'),
        event('B', 'B-1', '2026-09-30T16:30:00Z'), // 00:30 on 1 October in China: Q4
        event('C', 'C-1', '2026-12-31T23:59:59+08:00'),
      ],
      [],
      '2026-Q4',
      Date.parse('2027-02-01T00:00:00+08:00'),
    );
    expect(rows.map((r) => [r.townshipId, r.events, r.score, r.rank])).toEqual([
      ['A', 1, 100, 1],
      ['B', 1, 100, 1],
      ['C', 1, 100, 1],
    ]);
    expect(rows[0]!.indicators.onTime.denominator).toEqual(['A-2']);
  });
});
