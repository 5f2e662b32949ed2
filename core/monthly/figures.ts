import type { MonthlyAnalysis } from '../../common/contract';
import { RESOLVED_LEVELS, type ResolvedLevel } from '../../common/events';
import { RISK_CONCLUSIONS } from '../../common/risk';
import { countClosed, countReceived, countsByLevel } from '../../db/queries/dashboard';
import {
  assignmentsDueByUnit,
  campaignsOfRange,
  hotSpots as hotSpotRows,
  ordersAccepted,
  ordersIssued,
  ordersOpenOverdue,
  reportedByTopCategory,
  reportedByVillage,
  risksRegistered,
} from '../../db/queries/monthly';
import { getUnit, getVillage } from '../../db/queries/org';
import { getCategory } from '../../db/queries/reference';
import { countConclusions } from '../../db/queries/risk';
import type { ServiceContext } from '../context';
import { monthlyNarrative } from './narrative';
import { CHINA_OFFSET_MS, chinaWallClock } from '../../common/china-time';

/** [from, to) of a China-time month `2026-11`, in epoch ms. */
export function chinaMonthRange(month: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS, to: Date.UTC(y, m, 1) - CHINA_OFFSET_MS };
}

/** The China-time month `offset` months from the one `ms` falls in. */
export function chinaMonthOf(ms: number, offset = 0): string {
  const d = chinaWallClock(ms);
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month before `month`. */
export function previousMonth(month: string): string {
  return chinaMonthOf(chinaMonthRange(month).from, -1);
}

/** Rows of two months side by side: every key present in either, most this month first. */
function compare<K>(
  now: { key: K; count: number }[],
  before: { key: K; count: number }[],
  name: (key: K) => string,
): { key: K; name: string; count: number; previous: number }[] {
  const rows = new Map<K, { key: K; name: string; count: number; previous: number }>();
  const row = (key: K) => rows.get(key) ?? rows.set(key, { key, name: name(key), count: 0, previous: 0 }).get(key)!;
  for (const r of now) row(r.key).count += r.count;
  for (const r of before) row(r.key).previous += r.count;
  return [...rows.values()].sort((a, b) => b.count - a.count || b.previous - a.previous || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Every figure of the monthly analysis for `month` (default: the previous month), and the narrative stating them. */
export function monthlyAnalysis(ctx: ServiceContext, input: { month?: string }): MonthlyAnalysis {
  const db = ctx.db;
  const now = ctx.now();
  const month = input.month ?? chinaMonthOf(now, -1);
  const prev = previousMonth(month);
  const { from, to } = chinaMonthRange(month);
  const p = chinaMonthRange(prev);
  const categoryName = (id: string) => getCategory(db, id)?.name ?? id;
  const villageName = (id: string | null) => (id ? (getVillage(db, id)?.name ?? id) : '未标注村（社区）');

  const unitsNow = assignmentsDueByUnit(db, from, to, now);
  const unitsBefore = assignmentsDueByUnit(db, p.from, p.to, now);
  const overdueOf = (rows: { overdue: number }[]) => rows.reduce((s, r) => s + r.overdue, 0);
  const levelsNow = countsByLevel(db, from, to);
  const levelsBefore = countsByLevel(db, p.from, p.to);
  const levelCount = (rows: { level: ResolvedLevel; count: number }[], level: ResolvedLevel) =>
    rows.find((r) => r.level === level)?.count ?? 0;
  const conclusions = Object.fromEntries(countConclusions(db, from, to).map((c) => [c.state, c.n]));

  const analysis: Omit<MonthlyAnalysis, 'narrative'> = {
    month,
    previousMonth: prev,
    from,
    to,
    totals: {
      received: { count: countReceived(db, from, to), previous: countReceived(db, p.from, p.to) },
      closed: { count: countClosed(db, from, to), previous: countClosed(db, p.from, p.to) },
      overdue: { count: overdueOf(unitsNow), previous: overdueOf(unitsBefore) },
    },
    byCategory: compare(
      reportedByTopCategory(db, from, to).map((r) => ({ key: r.categoryId, count: r.count })),
      reportedByTopCategory(db, p.from, p.to).map((r) => ({ key: r.categoryId, count: r.count })),
      categoryName,
    ).map((r) => ({ categoryId: r.key, name: r.name, count: r.count, previous: r.previous })),
    byVillage: compare(
      reportedByVillage(db, from, to).map((r) => ({ key: r.villageId, count: r.count })),
      reportedByVillage(db, p.from, p.to).map((r) => ({ key: r.villageId, count: r.count })),
      villageName,
    ).map((r) => ({ villageId: r.key, name: r.name, count: r.count, previous: r.previous })),
    byLevel: RESOLVED_LEVELS.map((level) => ({
      level,
      count: levelCount(levelsNow, level),
      previous: levelCount(levelsBefore, level),
    })),
    hotSpots: hotSpotRows(db, from, to, 2, 10).map((h) => ({
      villageName: villageName(h.villageId),
      categoryName: categoryName(h.categoryId),
      count: h.count,
    })),
    overdueUnits: unitsNow
      .filter((u) => u.overdue > 0)
      .map((u) => ({ unitId: u.unitId, name: getUnit(db, u.unitId)?.name ?? u.unitId, due: u.due, overdue: u.overdue }))
      .sort((a, b) => b.overdue - a.overdue || b.due - a.due || a.name.localeCompare(b.name, 'zh-CN')),
    supervision: {
      issued: { count: ordersIssued(db, from, to), previous: ordersIssued(db, p.from, p.to) },
      accepted: { count: ordersAccepted(db, from, to), previous: ordersAccepted(db, p.from, p.to) },
      openOverdue: ordersOpenOverdue(db, from, to, now),
    },
    campaigns: campaignsOfRange(db, from, to),
    risk: {
      registered: risksRegistered(db, from, to),
      ...(Object.fromEntries(RISK_CONCLUSIONS.map((c) => [c, conclusions[c] ?? 0])) as Record<
        (typeof RISK_CONCLUSIONS)[number],
        number
      >),
    },
  };
  return { ...analysis, narrative: monthlyNarrative(analysis) };
}
