import { dayStartMs, DAY_MS } from '../../common/china-time';

/**
 * 季度排名: the county's scheme over townships, computed from the event
 * records and actions the townships synced. Every figure is a share of events,
 * and every share names its events, so a township can check its rank by hand.
 *
 * - events of the quarter: reported in it (China time), neither rejected nor merged;
 * - on-time closure: closed events closed by their handling deadline / closed events
 *   (closed = state closed or archived; closed at = the latest close, verify or answer action);
 * - overdue rate: events past their handling deadline (closed late, or still open after it
 *   at the end of the quarter or now, whichever is earlier) / events;
 * - rework rate: events with at least one rework action / closed events;
 * - satisfaction: satisfied or basically satisfied / events with a call-back answer;
 * - resolved below the county: resolved at grid, village or township / events with a level.
 * An empty denominator gives 0. Score = 100 × (0.30 on-time + 0.20 (1 − overdue)
 * + 0.15 (1 − rework) + 0.20 satisfaction + 0.15 below-county), to two decimals;
 * equal scores share a rank (1, 1, 3).
 */
export const COUNTY_SCHEME = {
  id: 'county-quarterly-v1',
  weights: { onTime: 0.3, overdue: 0.2, rework: 0.15, satisfaction: 0.2, belowCounty: 0.15 },
} as const;
export const INDICATORS = ['onTime', 'overdue', 'rework', 'satisfaction', 'belowCounty'] as const;
export type Indicator = (typeof INDICATORS)[number];

export interface RankingEvent {
  townshipId: string;
  id: string;
  serial: string;
  title: string;
  state: string;
  reportedAt: string;
  handleDueAt?: string | undefined;
  satisfaction?: string | undefined;
  resolvedLevel?: string | undefined;
}
export interface RankingAction {
  townshipId: string;
  eventId: string;
  kind: string;
  at: string;
}

export interface Share {
  value: number;
  numerator: string[];
  denominator: string[];
}
export interface RankingRow {
  townshipId: string;
  townshipName: string;
  rank: number;
  score: number;
  events: number;
  indicators: Record<Indicator, Share>;
}

const CLOSED = new Set(['closed', 'archived']);
const CLOSING_ACTIONS = new Set(['close', 'verify', 'answer']);

/** The China-time bounds of a quarter like 2026-Q4: [start, end). */
export function quarterBounds(period: string): { start: number; end: number } {
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!m) throw new Error(`not a quarter: ${period}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const day = (y: number, month: number) => Math.floor(Date.UTC(y, month, 1) / DAY_MS);
  return { start: dayStartMs(day(year, (q - 1) * 3)), end: dayStartMs(q === 4 ? day(year + 1, 0) : day(year, q * 3)) };
}

const round2 = (x: number) => Math.round(x * 10_000) / 100;
const share = (numerator: RankingEvent[], denominator: RankingEvent[]): Share => ({
  value: denominator.length === 0 ? 0 : numerator.length / denominator.length,
  numerator: numerator.map((e) => e.serial),
  denominator: denominator.map((e) => e.serial),
});

export function rankTownships(
  townships: readonly { id: string; name: string }[],
  allEvents: readonly RankingEvent[],
  allActions: readonly RankingAction[],
  period: string,
  now: number,
): RankingRow[] {
  const { start, end } = quarterBounds(period);
  const cutoff = Math.min(end, now);
  const actionsOf = new Map<string, RankingAction[]>();
  for (const a of allActions) {
    const key = `${a.townshipId}/${a.eventId}`;
    actionsOf.set(key, [...(actionsOf.get(key) ?? []), a]);
  }
  const rows = townships.map((t) => {
    const events = allEvents
      .filter((e) => e.townshipId === t.id && !['rejected', 'merged'].includes(e.state))
      .filter((e) => {
        const at = Date.parse(e.reportedAt);
        return at >= start && at < end;
      })
      .sort((a, b) => a.serial.localeCompare(b.serial));
    const closedAt = (e: RankingEvent) => {
      const times = (actionsOf.get(`${e.townshipId}/${e.id}`) ?? [])
        .filter((a) => CLOSING_ACTIONS.has(a.kind))
        .map((a) => Date.parse(a.at));
      return times.length ? Math.max(...times) : null;
    };
    const due = (e: RankingEvent) => (e.handleDueAt ? Date.parse(e.handleDueAt) : null);
    const closed = events.filter((e) => CLOSED.has(e.state));
    const onTime = closed.filter((e) => {
      const d = due(e);
      const c = closedAt(e);
      return d === null || (c !== null && c <= d);
    });
    const overdue = events.filter((e) => {
      const d = due(e);
      if (d === null) return false;
      const c = CLOSED.has(e.state) ? closedAt(e) : null;
      return (c ?? cutoff) > d;
    });
    const reworked = closed.filter((e) => (actionsOf.get(`${e.townshipId}/${e.id}`) ?? []).some((a) => a.kind === 'rework'));
    const answered = events.filter((e) => e.satisfaction);
    const satisfied = answered.filter((e) => e.satisfaction === 'satisfied' || e.satisfaction === 'basically_satisfied');
    const levelled = events.filter((e) => e.resolvedLevel);
    const below = levelled.filter((e) => e.resolvedLevel !== 'county');
    const indicators: Record<Indicator, Share> = {
      onTime: share(onTime, closed),
      overdue: share(overdue, events),
      rework: share(reworked, closed),
      satisfaction: share(satisfied, answered),
      belowCounty: share(below, levelled),
    };
    const w = COUNTY_SCHEME.weights;
    const score = round2(
      w.onTime * indicators.onTime.value +
        w.overdue * (1 - indicators.overdue.value) +
        w.rework * (1 - indicators.rework.value) +
        w.satisfaction * indicators.satisfaction.value +
        w.belowCounty * indicators.belowCounty.value,
    );
    return { townshipId: t.id, townshipName: t.name, rank: 0, score, events: events.length, indicators };
  });
  rows.sort((a, b) => b.score - a.score || a.townshipId.localeCompare(b.townshipId));
  rows.forEach((r, i) => {
    r.rank = i > 0 && rows[i - 1]!.score === r.score ? rows[i - 1]!.rank : i + 1;
  });
  return rows;
}
