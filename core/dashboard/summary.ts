import type { DashboardPeriod, Figure, OutputOf, QueueFilter } from '../../common/contract';
import { OPEN_STATES } from '../../common/contract';
import { EVENT_STATES, RESOLVED_LEVELS } from '../../common/events';
import * as q from '../../db/queries/dashboard';
import { listUnits, listVillages } from '../../db/queries/org';
import { queueCount, queuePage } from '../../db/queries/queue';
import { listCategories } from '../../db/queries/reference';
import { dayIndexOf, dayStartMs, DAY_MS } from '../calendar';
import { dateKeyOfDay, weekdayOf } from '../calendar/china-time';
import type { ServiceContext } from '../context';
import { WARNING_NAMES } from '../calendar/event-deadlines';
import { resolveQueueQuery } from '../events/queue';
import { maskPhone } from '../events/search-text';
import { scatter } from './geometry';
import { villageCentres } from './village-map';

type Summary = OutputOf<'dashboard.summary'>;

/** The trend, the unit ranking and the level ratios look back this many China days, today included. */
export const WINDOW_DAYS = 30;
/** A unit needs this many closures in the window to be ranked, so that 1 of 1 on time does not top the list. */
export const MIN_CLOSED = 5;
const RANKED = 5;
const FEED_SIZE = 20;
const WARNING_ROWS = 12;
const MAP_POINTS = 400;

const figure = (count: number, filter: Omit<QueueFilter, 'view'>): Figure => ({ count, filter: { view: 'all', ...filter } });
const states = [...OPEN_STATES];

/** [start, end) of today, this week (Monday first) and this month, in Asia/Shanghai. */
export function periodBounds(now: number): { period: DashboardPeriod; from: number; to: number }[] {
  const today = dayIndexOf(now);
  const monday = today - ((weekdayOf(today) + 6) % 7);
  const [year, month] = dateKeyOfDay(today).split('-').map(Number) as [number, number];
  const monthStart = Date.UTC(year, month - 1, 1) / DAY_MS;
  const nextMonth = Date.UTC(year, month, 1) / DAY_MS;
  return [
    { period: 'today', from: dayStartMs(today), to: dayStartMs(today + 1) },
    { period: 'week', from: dayStartMs(monday), to: dayStartMs(monday + 7) },
    { period: 'month', from: dayStartMs(monthStart), to: dayStartMs(nextMonth) },
  ];
}

function warnings(ctx: ServiceContext): Summary['warnings'] {
  const read = (view: 'overdue' | 'due_soon') => {
    const query = resolveQueueQuery(ctx, { filter: { view }, sort: 'due', offset: 0, limit: WARNING_ROWS });
    return { count: queueCount(ctx.db, query), rows: queuePage(ctx.db, query), filter: { view } };
  };
  const red = read('overdue');
  const yellow = read('due_soon');
  const rows = [...red.rows, ...yellow.rows].slice(0, WARNING_ROWS).map((r) => ({
    ...r,
    warning: WARNING_NAMES[r.warning],
    reporterPhone: maskPhone(r.reporterPhone),
  }));
  return { red: { count: red.count, filter: red.filter }, yellow: { count: yellow.count, filter: yellow.filter }, rows };
}

function trendAndWindow(ctx: ServiceContext, now: number) {
  const today = dayIndexOf(now);
  const firstDay = today - WINDOW_DAYS + 1;
  const from = dayStartMs(firstDay);
  const to = dayStartMs(today + 1);
  const received = q.countsByDay(ctx.db, 'reported_at', from, to);
  const closed = q.countsByDay(ctx.db, 'closed_at', from, to);
  const trend: Summary['trend'] = [];
  for (let day = firstDay; day <= today; day++) {
    const dayFrom = dayStartMs(day);
    const dayTo = dayStartMs(day + 1);
    trend.push({
      day: dateKeyOfDay(day),
      from: dayFrom,
      received: figure(received.get(day) ?? 0, { reportedFrom: dayFrom, reportedTo: dayTo }),
      closed: figure(closed.get(day) ?? 0, { closedFrom: dayFrom, closedTo: dayTo }),
    });
  }
  return { trend, from, to };
}

function unitRanking(ctx: ServiceContext, from: number, to: number): Summary['units'] {
  const names = new Map(listUnits(ctx.db).map((u) => [u.id, u.name]));
  const ranked = q
    .unitClosures(ctx.db, from, to)
    .filter((u) => u.closed >= MIN_CLOSED)
    .map((u) => ({
      unitId: u.unitId,
      name: names.get(u.unitId) ?? '',
      onTime: u.onTime,
      rate: u.onTime / u.closed,
      closed: figure(u.closed, { unitId: u.unitId, closedFrom: from, closedTo: to }),
    }));
  const best = [...ranked].sort((a, b) => b.rate - a.rate || b.closed.count - a.closed.count).slice(0, RANKED);
  const shown = new Set(best.map((u) => u.unitId));
  const worst = ranked
    .filter((u) => !shown.has(u.unitId))
    .sort((a, b) => a.rate - b.rate || b.closed.count - a.closed.count)
    .slice(0, RANKED);
  return { from, to, minClosed: MIN_CLOSED, best, worst };
}

function villagesAndPoints(ctx: ServiceContext): Pick<Summary, 'villages' | 'points'> {
  const open = new Map(q.countsByVillage(ctx.db, states).map((r) => [r.villageId, r.count]));
  const warned = new Map<string, { red: number; yellow: number }>();
  for (const r of q.warningsByVillage(ctx.db, states)) {
    const entry = warned.get(r.villageId) ?? { red: 0, yellow: 0 };
    if (r.warning === 2) entry.red = r.count;
    else entry.yellow = r.count;
    warned.set(r.villageId, entry);
  }
  const villages = listVillages(ctx.db).map((v) => ({
    villageId: v.id,
    name: v.name,
    open: figure(open.get(v.id) ?? 0, { villageId: v.id, states }),
    red: warned.get(v.id)?.red ?? 0,
    yellow: warned.get(v.id)?.yellow ?? 0,
  }));
  const centres = villageCentres(ctx.db);
  const points = q.mapPoints(ctx.db, states, MAP_POINTS).flatMap((p) => {
    let lng = p.lng;
    let lat = p.lat;
    if (lng === null || lat === null) {
      const centre = p.villageId ? centres.get(p.villageId) : undefined;
      if (!centre) return [];
      const offset = scatter(p.id);
      lng = centre.lng + offset.dLng;
      lat = centre.lat + offset.dLat;
    }
    return [
      {
        id: p.id,
        serial: p.serial,
        title: p.title,
        villageId: p.villageId,
        lng,
        lat,
        warning: WARNING_NAMES[p.warning],
        priority: p.priority,
      },
    ];
  });
  return { villages, points };
}

function categories(ctx: ServiceContext): Summary['byCategory'] {
  const all = listCategories(ctx.db);
  const parentOf = new Map(all.map((c) => [c.id, c.parentId ?? c.id]));
  const totals = new Map<string, number>();
  for (const row of q.countsByCategory(ctx.db, states)) {
    const top = parentOf.get(row.categoryId) ?? row.categoryId;
    totals.set(top, (totals.get(top) ?? 0) + row.count);
  }
  return all
    .filter((c) => c.parentId === null)
    .map((c) => ({ categoryId: c.id, name: c.name, figure: figure(totals.get(c.id) ?? 0, { categoryId: c.id, states }) }))
    .sort((a, b) => b.figure.count - a.figure.count);
}

/**
 * Every figure of the dashboard, read in one go (a read transaction keeps the
 * numbers consistent with each other), each with the queue filter that lists it.
 */
export function dashboardSummary(ctx: ServiceContext): Summary {
  return ctx.db.transaction((): Summary => {
    const now = ctx.now();
    const periods = periodBounds(now).map(({ period, from, to }) => ({
      period,
      from,
      to,
      received: figure(q.countReceived(ctx.db, from, to), { reportedFrom: from, reportedTo: to }),
      closed: figure(q.countClosed(ctx.db, from, to), { closedFrom: from, closedTo: to }),
      overdue: figure(q.countOverdue(ctx.db, from, to), { warning: 'red', dueFrom: from, dueTo: to }),
    }));
    const stateCounts = new Map(q.countsByState(ctx.db).map((r) => [r.state, r.count]));
    const byState = EVENT_STATES.map((state) => ({ state, figure: figure(stateCounts.get(state) ?? 0, { states: [state] }) }));
    const { trend, from, to } = trendAndWindow(ctx, now);
    const levelCounts = new Map(q.countsByLevel(ctx.db, from, to).map((r) => [r.level, r.count]));
    return {
      generatedAt: now,
      periods,
      byState,
      byCategory: categories(ctx),
      trend,
      units: unitRanking(ctx, from, to),
      levels: {
        from,
        to,
        counts: RESOLVED_LEVELS.map((level) => ({
          level,
          figure: figure(levelCounts.get(level) ?? 0, { resolvedLevel: level, closedFrom: from, closedTo: to }),
        })),
      },
      warnings: warnings(ctx),
      feed: q.latestActions(ctx.db, FEED_SIZE),
      ...villagesAndPoints(ctx),
    };
  })();
}
