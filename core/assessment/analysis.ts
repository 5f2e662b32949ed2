import { periodKind, previousPeriod, RATE_INDICATORS, type RateIndicator } from '../../common/assessment';
import type { RunView } from '../../common/contract';
import type { Db } from '../../db';
import { averageScore, listRunsOfPeriod, listValues, type RunRecord } from '../../db/queries/assessment';
import { indicator } from '../../db/queries/assessment-indicators';

/** Township-wide rates of a run: the units' numerators and denominators summed. */
export function townRates(db: Db, runId: string): Partial<Record<RateIndicator, number>> {
  const sums = new Map<string, { num: number; den: number }>();
  for (const v of listValues(db, runId)) {
    // Township-wide sums include every case, also those of units below the minimum sample.
    if (v.denominator === null) continue;
    const s = sums.get(v.indicator) ?? { num: 0, den: 0 };
    s.num += v.numerator;
    s.den += v.denominator;
    sums.set(v.indicator, s);
  }
  const rates: Partial<Record<RateIndicator, number>> = {};
  for (const key of RATE_INDICATORS) {
    const s = sums.get(key);
    if (s && s.den > 0) rates[key] = s.num / s.den;
  }
  return rates;
}

/** The run a period shows: its published result if any, else its newest revision. */
export function shownRun(db: Db, period: string, schemeCode: string): RunRecord | undefined {
  const runs = listRunsOfPeriod(db, period, schemeCode);
  return runs.find((r) => r.state === 'published' && r.supersededBy === null) ?? runs[0];
}

export interface TrendPoint {
  period: string;
  rates: Partial<Record<RateIndicator, number>>;
  average: number | null;
}

/** The last `count` periods up to and including the run's, oldest first, from the stored runs. */
export function trend(db: Db, view: RunView, count = 6): TrendPoint[] {
  const periods = [view.run.period];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0]!));
  return periods.map((period) => {
    const run = period === view.run.period ? { id: view.run.id } : shownRun(db, period, view.run.schemeCode);
    if (!run) return { period, rates: {}, average: null };
    return { period, rates: townRates(db, run.id), average: averageScore(db, run.id) };
  });
}

const PERIOD_WORD = { month: ['本月', '上月'], quarter: ['本季度', '上季度'], year: ['本年度', '上年度'] } as const;

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** A short narrative from the numbers, e.g. "本月共受理事件 1,234 件，按期办结率 92.3%，较上月上升 1.8 个百分点。" */
export function narrative(view: RunView, points: TrendPoint[]): string[] {
  const [now, before] = PERIOD_WORD[periodKind(view.run.period)];
  const current = points.at(-1)!.rates;
  const previous = points.at(-2)?.rates ?? {};
  const lines: string[] = [];
  const parts = [`${now}共受理事件 ${view.received.toLocaleString('en-US')} 件`];
  for (const key of ['closed_on_time', 'satisfaction'] as const) {
    const value = current[key];
    if (value === undefined) continue;
    let text = `${indicator(key).nameZh} ${pct(value)}`;
    const old = previous[key];
    if (old !== undefined) {
      const delta = (value - old) * 100;
      text +=
        Math.abs(delta) < 0.05
          ? `，与${before}持平`
          : `，较${before}${delta > 0 ? '上升' : '下降'} ${Math.abs(delta).toFixed(1)} 个百分点`;
    }
    parts.push(text);
  }
  lines.push(`${parts.join('，')}。`);
  const ranking = view.ranking;
  if (ranking.length > 0) {
    const top = ranking[0]!;
    const last = ranking.at(-1)!;
    lines.push(
      `参加考核单位 ${ranking.length} 个，综合得分第一名 ${top.unitName}（${top.score.toFixed(2)} 分），末位 ${last.unitName}（${last.score.toFixed(2)} 分）。`,
    );
    const risers = ranking
      .filter((r) => r.previousRank !== null && r.previousRank - r.rank >= 3)
      .map((r) => `${r.unitName}（上升 ${r.previousRank! - r.rank} 名）`);
    if (risers.length > 0) lines.push(`名次进步明显的有：${risers.slice(0, 5).join('、')}。`);
  }
  const approved = view.items.filter((i) => i.state === 'approved');
  if (approved.length > 0) {
    const bonus = approved.filter((i) => i.kind === 'bonus').length;
    lines.push(`经主任审批的手工加分 ${bonus} 项、扣分 ${approved.length - bonus} 项，已计入综合得分。`);
  }
  return lines;
}
