import type { MonthlyAnalysis } from '../../common/contract';
import type { ResolvedLevel } from '../../common/events';

export const LEVEL_WORDS: Record<ResolvedLevel, string> = {
  grid: '网格',
  village: '村（社区）',
  township: '镇级',
  county: '县级',
};

/** 增加 3 件 / 减少 2 件 / 持平. */
function change(count: number, previous: number): string {
  if (count === previous) return '与上月持平';
  return `较上月${count > previous ? '增加' : '减少'}${Math.abs(count - previous)}件`;
}

const monthWords = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`;

/**
 * The analysis in Chinese sentences, each built only from figures the page
 * shows (no figure is computed here that the page does not carry), so
 * nothing is said that the tables do not state.
 */
export function monthlyNarrative(a: Omit<MonthlyAnalysis, 'narrative'>): string[] {
  const s: string[] = [];
  const { received, closed, overdue } = a.totals;
  s.push(
    `${monthWords(a.month)}共受理事件${received.count}件，${change(received.count, received.previous)}；办结${closed.count}件，${change(closed.count, closed.previous)}。`,
  );
  const categories = a.byCategory.filter((c) => c.count > 0).slice(0, 3);
  if (categories.length)
    s.push(`受理量居前的类别：${categories.map((c) => `${c.name}${c.count}件（${change(c.count, c.previous)}）`).join('，')}。`);
  const villages = a.byVillage.filter((v) => v.count > 0).slice(0, 3);
  if (villages.length) s.push(`事件较多的村（社区）：${villages.map((v) => `${v.name}${v.count}件`).join('，')}。`);
  const levels = a.byLevel.filter((l) => l.count > 0);
  if (levels.length) s.push(`按化解层级，${levels.map((l) => `${LEVEL_WORDS[l.level]}化解${l.count}件`).join('，')}。`);
  const top = a.hotSpots[0];
  if (top) s.push(`热点为${top.villageName}的${top.categoryName}问题，本月${top.count}件，需重点关注。`);
  if (overdue.count > 0) {
    const worst = a.overdueUnits[0]!;
    s.push(
      `本月到期任务中逾期${overdue.count}件（${change(overdue.count, overdue.previous)}），涉及${a.overdueUnits.length}个单位，其中${worst.name}逾期${worst.overdue}件。`,
    );
  } else s.push('本月到期任务无逾期。');
  const { issued, accepted, openOverdue } = a.supervision;
  s.push(
    `发出督办${issued.count}件，${change(issued.count, issued.previous)}；销号${accepted.count}件${openOverdue ? `；另有${openOverdue}件督办逾期未反馈` : ''}。`,
  );
  if (a.campaigns.length)
    s.push(
      `本月开展专项整治${a.campaigns.length}项：${a.campaigns.map((c) => `${c.name}收录隐患${c.hazards}件、已办结${c.closed}件`).join('；')}。`,
    );
  const r = a.risk;
  const decided = [
    ['实施', r.implemented],
    ['暂缓实施', r.postponed],
    ['不予实施', r.rejected],
    ['中止实施', r.terminated],
  ].filter(([, n]) => (n as number) > 0);
  s.push(
    `登记重大决策社会稳定风险评估${r.registered}件${decided.length ? `，作出结论：${decided.map(([w, n]) => `${w}${n}件`).join('，')}` : ''}。`,
  );
  return s;
}
