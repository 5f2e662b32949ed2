import { periodOf, previousPeriod, type PeriodKind } from '@common/assessment';
import type { IndicatorValue, RankingRow } from '@common/contract';

/** A rate as a percentage, a count as it is, "—" when the rate has no cases. */
export function valueText(v: Pick<IndicatorValue, 'value' | 'denominator'>): string {
  if (v.value === null) return '—';
  return v.denominator === null ? String(v.value) : `${(v.value * 100).toFixed(1)}%`;
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** Places gained (positive) or lost since the previous period; null when there is nothing to compare. */
export function rankChange(row: Pick<RankingRow, 'rank' | 'previousRank'>): number | null {
  return row.previousRank === null ? null : row.previousRank - row.rank;
}

/** The last `count` periods of a kind, newest first, starting with the one in progress (China time). */
export function recentPeriods(kind: PeriodKind, now: number, count = 8): string[] {
  const periods = [periodOf(kind, now)];
  while (periods.length < count) periods.push(previousPeriod(periods.at(-1)!));
  return periods;
}
