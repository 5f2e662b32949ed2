import type { EventState, Priority, EventSource, ResolvedLevel } from '../../common/events';
import type { Db } from '../open';
import { sql } from '../statements';

/** The queue's filters, already resolved by the core (views turned into conditions). */
export interface QueueQuery {
  states?: readonly EventState[];
  categoryIds?: readonly string[];
  villageId?: string;
  /** Events on which this unit has a live assignment. */
  unitId?: string;
  /** For a unit's to-do list: only its assignments in these unit states. */
  unitStates?: readonly string[];
  priority?: Priority;
  source?: EventSource;
  warning?: 0 | 1 | 2;
  reportedFrom?: number;
  reportedTo?: number;
  closedFrom?: number;
  closedTo?: number;
  dueFrom?: number;
  dueTo?: number;
  resolvedLevel?: ResolvedLevel;
  ftsTrigram?: string | null;
  ftsBigram?: string | null;
  sort: 'due' | 'reported_desc' | 'reported' | 'priority';
  offset: number;
  limit: number;
}

const ORDER: Record<QueueQuery['sort'], string> = {
  // Undispatched events (no deadline yet) first — they wait for the room — then the nearest deadline.
  // Ties by rowid keep the order an index order, so no sort over the whole result is needed.
  due: 'e.handle_due_at, e.rowid',
  reported_desc: 'e.reported_at DESC',
  reported: 'e.reported_at',
  priority: "CASE e.priority WHEN 'critical' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, e.reported_at DESC",
};

export interface QueueRecord {
  id: string;
  serial: string;
  title: string;
  categoryName: string;
  villageName: string | null;
  gridName: string | null;
  priority: Priority;
  riskColour: 'green' | 'yellow' | 'red';
  state: EventState;
  leadUnitName: string | null;
  handleDueAt: number | null;
  warning: 0 | 1 | 2;
  source: EventSource;
  reportedAt: number;
  reporterPhone: string | null;
}

/** WHERE clause and parameters for a queue query; every value is bound, never spliced. */
export function queueConditions(q: QueueQuery): { where: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const list = (name: string, values: readonly string[]) => {
    values.forEach((v, i) => (params[`${name}${i}`] = v));
    return values.map((_, i) => `@${name}${i}`).join(', ');
  };
  if (q.states && q.states.length > 0) parts.push(`e.state IN (${list('state', q.states)})`);
  if (q.categoryIds && q.categoryIds.length > 0) parts.push(`e.category_id IN (${list('category', q.categoryIds)})`);
  const equal = (column: string, name: string, value: unknown, op = '=') => {
    if (value === undefined) return;
    parts.push(`${column} ${op} @${name}`);
    params[name] = value;
  };
  equal('e.village_id', 'villageId', q.villageId);
  equal('e.priority', 'priority', q.priority);
  equal('e.source', 'source', q.source);
  equal('e.warning', 'warning', q.warning);
  equal('e.reported_at', 'reportedFrom', q.reportedFrom, '>=');
  equal('e.reported_at', 'reportedTo', q.reportedTo, '<');
  equal('e.closed_at', 'closedFrom', q.closedFrom, '>=');
  equal('e.closed_at', 'closedTo', q.closedTo, '<');
  equal('e.handle_due_at', 'dueFrom', q.dueFrom, '>=');
  equal('e.handle_due_at', 'dueTo', q.dueTo, '<');
  equal('e.resolved_level', 'resolvedLevel', q.resolvedLevel);
  if (q.unitId) {
    params.unitId = q.unitId;
    const unitStates =
      q.unitStates && q.unitStates.length > 0
        ? `AND u.state IN (${list('unitState', q.unitStates)})`
        : "AND u.state <> 'withdrawn'";
    parts.push(`e.id IN (SELECT u.event_id FROM event_units u WHERE u.unit_id = @unitId ${unitStates})`);
  }
  if (q.ftsTrigram) {
    parts.push('e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH @ftsTrigram)');
    params.ftsTrigram = q.ftsTrigram;
  }
  if (q.ftsBigram) {
    parts.push('e.rowid IN (SELECT rowid FROM events_fts2 WHERE events_fts2 MATCH @ftsBigram)');
    params.ftsBigram = q.ftsBigram;
  }
  return { where: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/**
 * The page is chosen on rowids alone (the cheap part an index can answer), then joined to the
 * rest. CROSS JOIN keeps SQLite from turning this inside out and walking every event to find
 * the page's hundred rows.
 */
export function queuePageSql(q: QueueQuery): { sql: string; params: Record<string, unknown> } {
  const { where, params } = queueConditions(q);
  const sql = `SELECT e.id, e.serial, e.title, c.name AS categoryName, v.name AS villageName, g.name AS gridName, e.priority,
      e.risk_colour AS riskColour, e.state, lu.name AS leadUnitName, e.handle_due_at AS handleDueAt, e.warning, e.source,
      e.reported_at AS reportedAt, e.reporter_phone AS reporterPhone
    FROM (SELECT e.rowid AS rid FROM events e ${where} ORDER BY ${ORDER[q.sort]} LIMIT @limit OFFSET @offset) page
    CROSS JOIN events e ON e.rowid = page.rid
    JOIN categories c ON c.id = e.category_id
    LEFT JOIN villages v ON v.id = e.village_id
    LEFT JOIN grids g ON g.id = e.grid_id
    LEFT JOIN units lu ON lu.id = e.lead_unit_id
    ORDER BY ${ORDER[q.sort]}`;
  return { sql, params: { ...params, limit: q.limit, offset: q.offset } };
}

export function queuePage(db: Db, q: QueueQuery): QueueRecord[] {
  const { sql: text, params } = queuePageSql(q);
  return sql<QueueRecord>(db, text).all(params);
}

export function queueCount(db: Db, q: QueueQuery): number {
  const { where, params } = queueConditions(q);
  return sql<{ n: number }>(db, `SELECT count(*) AS n FROM events e ${where}`).get(params)!.n;
}

export function categoryWithChildren(db: Db, categoryId: string): string[] {
  return sql<{ id: string }>(db, 'SELECT id FROM categories WHERE id = ? OR parent_id = ?')
    .all(categoryId, categoryId)
    .map((r) => r.id);
}

export interface DuplicateRow {
  id: string;
  serial: string;
  title: string;
  description: string;
  state: EventState;
  reportedAt: number;
  gridId: string | null;
  lat: number | null;
  lng: number | null;
}

export function duplicateCandidates(
  db: Db,
  categoryIds: readonly string[],
  from: number,
  to: number,
  excludeId: string | null,
): DuplicateRow[] {
  const placeholders = categoryIds.map(() => '?').join(', ');
  return sql<DuplicateRow>(
    db,
    `SELECT id, serial, title, description, state, reported_at AS reportedAt, grid_id AS gridId, lat, lng FROM events
     WHERE category_id IN (${placeholders}) AND reported_at BETWEEN ? AND ? AND state NOT IN ('rejected', 'merged') AND id IS NOT ?
     ORDER BY reported_at DESC LIMIT 500`,
  ).all(...categoryIds, from, to, excludeId);
}
