/**
 * Test support: figures written out by hand in SQL, independently of the
 * production queries, for the tests to hold the app's figures against.
 * Not used by production code.
 */
import type { Db } from './open';
import { sql } from './statements';

/** Risk assessments concluded in a China-time year, by current state. */
export function riskConclusionsOfYear(db: Db, year: number): { state: string; n: number }[] {
  return sql<{ state: string; n: number }>(
    db,
    `SELECT state, COUNT(*) AS n FROM risk_assessments
     WHERE strftime('%Y', decided_at / 1000 + 8 * 3600, 'unixepoch') = ?
       AND state IN ('implemented', 'postponed', 'rejected', 'terminated')
     GROUP BY state`,
  ).all(String(year));
}

/** Each unit's latest reported figure per target of a campaign, with a window function. */
export function campaignLatestFigures(db: Db, campaignId: string): { unit_id: string; target_id: string; value: number }[] {
  return sql<{ unit_id: string; target_id: string; value: number }>(
    db,
    `SELECT unit_id, target_id, value FROM (
       SELECT r.unit_id, f.target_id, f.value,
         ROW_NUMBER() OVER (PARTITION BY r.unit_id, f.target_id ORDER BY r.at DESC, r.rowid DESC) AS rn
       FROM campaign_reports r JOIN campaign_report_figures f ON f.report_id = r.id WHERE r.campaign_id = ?)
     WHERE rn = 1`,
  ).all(campaignId);
}

/** How many events a campaign tagged, and how many of them are closed or archived. */
export function campaignEventFigures(db: Db, campaignId: string): { tagged: number; closed: number } {
  return sql<{ tagged: number; closed: number }>(
    db,
    `SELECT COUNT(*) AS tagged, SUM(CASE WHEN e.state IN ('closed', 'archived') THEN 1 ELSE 0 END) AS closed
     FROM events e WHERE e.id IN (SELECT event_id FROM campaign_events WHERE campaign_id = ?)`,
  ).get(campaignId)!;
}

/** A campaign's open tasks past their deadline at `now`, by unit. */
export function campaignOverdueTasks(db: Db, campaignId: string, now: number): { unit_id: string; n: number }[] {
  return sql<{ unit_id: string; n: number }>(
    db,
    'SELECT unit_id, COUNT(*) AS n FROM campaign_tasks WHERE campaign_id = ? AND done_at IS NULL AND due_at < ? GROUP BY unit_id',
  ).all(campaignId, now);
}

// The dashboard's figures by hand (core/dashboard/dashboard.test.ts). `states` are bound, one ? each.

const inList = (states: readonly string[]) => states.map(() => '?').join(', ');
const n = (db: Db, text: string, ...params: unknown[]) => sql<{ n: number }>(db, text).get(...params)!.n;

/** Events reported between two moments, both included. */
export function eventsReportedBetween(db: Db, from: number, last: number): number {
  return n(db, 'SELECT count(*) AS n FROM events WHERE reported_at BETWEEN ? AND ?', from, last);
}

/** Closed or archived events closed between two moments, both included. */
export function eventsClosedBetween(db: Db, from: number, last: number): number {
  return n(
    db,
    "SELECT count(*) AS n FROM events WHERE state IN ('closed', 'archived') AND closed_at BETWEEN ? AND ?",
    from,
    last,
  );
}

/** Red-warned events due between two moments, both included. */
export function redEventsDueBetween(db: Db, from: number, last: number): number {
  return n(db, 'SELECT count(*) AS n FROM events WHERE warning = 2 AND handle_due_at BETWEEN ? AND ?', from, last);
}

/** Events in `states` of a category or of its direct children. */
export function eventsInCategoryTree(db: Db, states: readonly string[], categoryId: string): number {
  return n(
    db,
    `SELECT count(*) AS n FROM events e JOIN categories c ON c.id = e.category_id
     WHERE e.state IN (${inList(states)}) AND (c.id = ? OR c.parent_id = ?)`,
    ...states,
    categoryId,
    categoryId,
  );
}

/** Events in `states` of the village with that name. */
export function eventsInVillageNamed(db: Db, states: readonly string[], name: string): number {
  return n(
    db,
    `SELECT count(*) AS n FROM events e JOIN villages v ON v.id = e.village_id WHERE e.state IN (${inList(states)}) AND v.name = ?`,
    ...states,
    name,
  );
}

/** Red-warned events in `states` of a village. */
export function redEventsOfVillage(db: Db, states: readonly string[], villageId: string): number {
  return n(
    db,
    `SELECT count(*) AS n FROM events WHERE state IN (${inList(states)}) AND warning = 2 AND village_id = ?`,
    ...states,
    villageId,
  );
}

/** Events in `states` that lie in some village. */
export function eventsWithVillage(db: Db, states: readonly string[]): number {
  return n(db, `SELECT count(*) AS n FROM events WHERE state IN (${inList(states)}) AND village_id IS NOT NULL`, ...states);
}

/** Events resolved at a level and closed in [from, to). */
export function eventsResolvedAt(db: Db, level: string, from: number, to: number): number {
  return n(db, 'SELECT count(*) AS n FROM events WHERE resolved_level = ? AND closed_at >= ? AND closed_at < ?', level, from, to);
}

/** Per unit name: live assignments of events closed in [from, to), and how many of them closed by the deadline. */
export function unitClosuresBetween(db: Db, from: number, to: number): { name: string; closed: number; onTime: number }[] {
  return sql<{ name: string; closed: number; onTime: number }>(
    db,
    `SELECT un.name, count(*) AS closed, sum(e.closed_at <= e.handle_due_at) AS onTime
     FROM event_units u JOIN events e ON e.id = u.event_id JOIN units un ON un.id = u.unit_id
     WHERE u.state != 'withdrawn' AND e.closed_at >= ? AND e.closed_at < ? GROUP BY un.name`,
  ).all(from, to);
}

/** When the newest event action happened (null when there is none). */
export function newestActionAt(db: Db): number | null {
  return sql<{ at: number | null }>(db, 'SELECT max(at) AS at FROM event_actions').get()!.at;
}

// The monthly analysis by hand (core/monthly/figures.test.ts): months are matched as China-time
// 'YYYY-MM' text with strftime, independently of the app's [from, to) arithmetic.

const MONTH_OF = (column: string) => `strftime('%Y-%m', (${column}) / 1000 + 8 * 3600, 'unixepoch')`;

export interface HandMonth {
  received: number;
  closed: number;
  byTopCategory: { category_id: string; n: number }[];
  byVillage: { village_id: string | null; n: number }[];
  byLevel: { level: string; n: number }[];
  hotSpots: { village_id: string; category_id: string; n: number }[];
  leadDueByUnit: { unit_id: string; due: number; overdue: number }[];
  ordersIssued: number;
  ordersAccepted: number;
  ordersOpenOverdue: number;
  campaigns: { id: string; hazards: number; closed: number }[];
  risksRegistered: number;
  riskConclusions: { state: string; n: number }[];
}

/** Every figure of the monthly analysis for `month` ('2027-01') at `now`, written out by hand. */
export function monthlyByHand(db: Db, month: string, now: number): HandMonth {
  const top = 'CASE WHEN c.parent_id IS NULL THEN c.id ELSE c.parent_id END';
  return {
    received: n(db, `SELECT count(*) AS n FROM events WHERE ${MONTH_OF('reported_at')} = ?`, month),
    closed: n(db, `SELECT count(*) AS n FROM events WHERE closed_at IS NOT NULL AND ${MONTH_OF('closed_at')} = ?`, month),
    byTopCategory: sql<{ category_id: string; n: number }>(
      db,
      `SELECT ${top} AS category_id, count(*) AS n FROM events e, categories c
       WHERE c.id = e.category_id AND ${MONTH_OF('e.reported_at')} = ? GROUP BY ${top}`,
    ).all(month),
    byVillage: sql<{ village_id: string | null; n: number }>(
      db,
      `SELECT village_id, count(*) AS n FROM events WHERE ${MONTH_OF('reported_at')} = ? GROUP BY village_id`,
    ).all(month),
    byLevel: sql<{ level: string; n: number }>(
      db,
      `SELECT resolved_level AS level, count(*) AS n FROM events
       WHERE resolved_level IS NOT NULL AND closed_at IS NOT NULL AND ${MONTH_OF('closed_at')} = ? GROUP BY resolved_level`,
    ).all(month),
    hotSpots: sql<{ village_id: string; category_id: string; n: number }>(
      db,
      `SELECT e.village_id, ${top} AS category_id, count(*) AS n FROM events e, categories c
       WHERE c.id = e.category_id AND e.village_id IS NOT NULL AND ${MONTH_OF('e.reported_at')} = ?
       GROUP BY e.village_id, ${top} HAVING count(*) > 1`,
    ).all(month),
    leadDueByUnit: sql<{ unit_id: string; due: number; overdue: number }>(
      db,
      `SELECT unit_id, count(*) AS due, count(CASE WHEN feedback_at IS NULL OR feedback_at > handle_due_at THEN 1 END) AS overdue
       FROM event_units WHERE role = 'lead' AND state != 'withdrawn' AND ${MONTH_OF('handle_due_at')} = ? AND handle_due_at < ?
       GROUP BY unit_id`,
    ).all(month, now),
    ordersIssued: n(db, `SELECT count(*) AS n FROM supervision_orders WHERE ${MONTH_OF('issued_at')} = ?`, month),
    ordersAccepted: n(
      db,
      `SELECT count(*) AS n FROM supervision_orders WHERE state = 'accepted' AND closed_at IS NOT NULL AND ${MONTH_OF('closed_at')} = ?`,
      month,
    ),
    ordersOpenOverdue: n(
      db,
      `SELECT count(*) AS n FROM supervision_orders WHERE state = 'open' AND ${MONTH_OF('due_at')} = ? AND due_at < ?`,
      month,
      now,
    ),
    campaigns: sql<{ id: string; hazards: number; closed: number }>(
      db,
      `SELECT c.id,
         (SELECT count(*) FROM campaign_events ce, events e WHERE ce.event_id = e.id AND ce.campaign_id = c.id
           AND ${MONTH_OF('e.reported_at')} = @month) AS hazards,
         (SELECT count(*) FROM campaign_events ce, events e WHERE ce.event_id = e.id AND ce.campaign_id = c.id
           AND ${MONTH_OF('e.reported_at')} = @month AND e.closed_at IS NOT NULL AND ${MONTH_OF('e.closed_at')} <= @month) AS closed
       FROM campaigns c WHERE ${MONTH_OF('c.starts_at')} <= @month AND ${MONTH_OF('c.ends_at - 1')} >= @month`,
    ).all({ month }),
    risksRegistered: n(db, `SELECT count(*) AS n FROM risk_assessments WHERE ${MONTH_OF('created_at')} = ?`, month),
    riskConclusions: sql<{ state: string; n: number }>(
      db,
      `SELECT state, count(*) AS n FROM risk_assessments
       WHERE decided_at IS NOT NULL AND ${MONTH_OF('decided_at')} = ? AND state IN ('implemented', 'postponed', 'rejected', 'terminated')
       GROUP BY state`,
    ).all(month),
  };
}
