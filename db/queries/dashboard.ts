import { CHINA_OFFSET_MS, DAY_MS } from '../../common/china-time';
import type { EventState, Priority, ResolvedLevel } from '../../common/events';
import type { Db } from '../open';
import { sql } from '../statements';

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

export function countReceived(db: Db, from: number, to: number): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM events WHERE reported_at >= ? AND reported_at < ?').get(from, to)!.n;
}

export function countClosed(db: Db, from: number, to: number): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM events WHERE closed_at >= ? AND closed_at < ?').get(from, to)!.n;
}

/** Red events whose handling deadline fell in [from, to). */
export function countOverdue(db: Db, from: number, to: number): number {
  // `warning = 2` written out, not bound, so the partial index events_red_by_due applies.
  return sql<{ n: number }>(
    db,
    'SELECT count(*) AS n FROM events WHERE warning = 2 AND handle_due_at >= ? AND handle_due_at < ?',
  ).get(from, to)!.n;
}

// The three below read event_counts, kept by triggers (migration 0004), not the events themselves.

export function countsByState(db: Db): { state: EventState; count: number }[] {
  return sql<{ state: EventState; count: number }>(
    db,
    'SELECT state, sum(n) AS count FROM event_counts GROUP BY state HAVING sum(n) > 0',
  ).all();
}

/** Events in these states per (sub)category; the core folds sub-categories into their parents. */
export function countsByCategory(db: Db, states: readonly EventState[]): { categoryId: string; count: number }[] {
  return sql<{ categoryId: string; count: number }>(
    db,
    `SELECT category_id AS categoryId, sum(n) AS count FROM event_counts
       WHERE state IN (${placeholders(states)}) GROUP BY category_id HAVING sum(n) > 0`,
  ).all(...states);
}

export function countsByVillage(db: Db, states: readonly EventState[]): { villageId: string; count: number }[] {
  return sql<{ villageId: string; count: number }>(
    db,
    `SELECT village_id AS villageId, sum(n) AS count FROM event_counts
       WHERE state IN (${placeholders(states)}) AND village_id <> '' GROUP BY village_id HAVING sum(n) > 0`,
  ).all(...states);
}

/** Warnings per village among the given states, read through the partial warning index. */
export function warningsByVillage(db: Db, states: readonly EventState[]): { villageId: string; warning: 1 | 2; count: number }[] {
  return sql<{ villageId: string; warning: 1 | 2; count: number }>(
    db,
    `SELECT village_id AS villageId, warning, count(*) AS count FROM events INDEXED BY events_by_warning
       WHERE warning > 0 AND state IN (${placeholders(states)}) AND village_id IS NOT NULL GROUP BY village_id, warning`,
  ).all(...states);
}

/** Events per China day in [from, to), by report time or by closing time. */
export function countsByDay(db: Db, column: 'reported_at' | 'closed_at', from: number, to: number): Map<number, number> {
  const rows = sql<{ day: number; count: number }>(
    db,
    `SELECT (${column} + ${CHINA_OFFSET_MS}) / ${DAY_MS} AS day, count(*) AS count FROM events
       WHERE ${column} >= ? AND ${column} < ? GROUP BY day`,
  ).all(from, to);
  return new Map(rows.map((r) => [r.day, r.count]));
}

/**
 * Per unit with a live assignment (not withdrawn — as the queue's unit filter counts), the events
 * closed in [from, to) and how many of them closed by their handling deadline.
 */
export function unitClosures(db: Db, from: number, to: number): { unitId: string; closed: number; onTime: number }[] {
  // Both sides come from covering indexes (events_by_closed, event_units_by_event_state): no table row is read.
  return sql<{ unitId: string; closed: number; onTime: number }>(
    db,
    `SELECT u.unit_id AS unitId, count(*) AS closed,
         sum(CASE WHEN e.handle_due_at IS NOT NULL AND e.closed_at <= e.handle_due_at THEN 1 ELSE 0 END) AS onTime
       FROM events e INDEXED BY events_by_closed
       JOIN event_units u ON u.event_id = e.id AND u.state <> 'withdrawn'
       WHERE e.closed_at >= ? AND e.closed_at < ?
       GROUP BY u.unit_id`,
  ).all(from, to);
}

export function countsByLevel(db: Db, from: number, to: number): { level: ResolvedLevel; count: number }[] {
  return sql<{ level: ResolvedLevel; count: number }>(
    db,
    `SELECT resolved_level AS level, count(*) AS count FROM events
       WHERE closed_at >= ? AND closed_at < ? AND resolved_level IS NOT NULL GROUP BY resolved_level`,
  ).all(from, to);
}

export interface FeedRow {
  id: string;
  eventId: string;
  serial: string;
  title: string;
  kind: string;
  toState: string | null;
  actorName: string;
  at: number;
}

/** The newest actions, picked on the time index first and joined after. */
export function latestActions(db: Db, limit: number): FeedRow[] {
  return sql<FeedRow>(
    db,
    `SELECT a.id, a.event_id AS eventId, e.serial, e.title, a.kind, a.to_state AS toState, a.actor_name AS actorName, a.at
       FROM (SELECT rowid AS rid FROM event_actions ORDER BY at DESC, rowid DESC LIMIT ?) page
       CROSS JOIN event_actions a ON a.rowid = page.rid
       JOIN events e ON e.id = a.event_id
       ORDER BY a.at DESC, a.rowid DESC`,
  ).all(limit);
}

export interface PointRow {
  id: string;
  serial: string;
  title: string;
  villageId: string | null;
  lat: number | null;
  lng: number | null;
  warning: 0 | 1 | 2;
  priority: Priority;
}

const POINT_COLUMNS = 'id, serial, title, village_id AS villageId, lat, lng, warning, priority';

/** Open events for the map: every warned one first (red, then yellow), then the newest others. */
export function mapPoints(db: Db, states: readonly EventState[], limit: number): PointRow[] {
  const warned = sql<PointRow>(
    db,
    `SELECT ${POINT_COLUMNS} FROM events INDEXED BY events_by_warning
       WHERE warning > 0 AND state IN (${placeholders(states)}) ORDER BY warning DESC LIMIT ?`,
  ).all(...states, limit);
  if (warned.length >= limit) return warned;
  const rest = sql<PointRow>(
    db,
    `SELECT ${POINT_COLUMNS} FROM events INDEXED BY events_by_reported
       WHERE warning = 0 AND state IN (${placeholders(states)}) ORDER BY reported_at DESC LIMIT ?`,
  ).all(...states, limit - warned.length);
  return [...warned, ...rest];
}

export interface VillageShapeRow {
  villageId: string;
  geometry: string;
  centreLng: number;
  centreLat: number;
  importedAt: number;
}

export function listVillageShapes(db: Db): VillageShapeRow[] {
  return sql<VillageShapeRow>(
    db,
    `SELECT village_id AS villageId, geometry, centre_lng AS centreLng, centre_lat AS centreLat, imported_at AS importedAt
       FROM village_shapes`,
  ).all();
}

export function listVillageCentres(db: Db): { villageId: string; lng: number; lat: number }[] {
  return sql<{ villageId: string; lng: number; lat: number }>(
    db,
    'SELECT village_id AS villageId, centre_lng AS lng, centre_lat AS lat FROM village_shapes',
  ).all();
}

export function replaceVillageShapes(db: Db, rows: readonly VillageShapeRow[]): void {
  sql(db, 'DELETE FROM village_shapes').run();
  const insert = sql(
    db,
    `INSERT INTO village_shapes (village_id, geometry, centre_lng, centre_lat, imported_at)
     VALUES (@villageId, @geometry, @centreLng, @centreLat, @importedAt)`,
  );
  for (const row of rows) insert.run(row);
}
