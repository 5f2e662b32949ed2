/**
 * Test support: events and the rows around them as stored, for tests that
 * check what the app wrote behind its own API. Not used by production code.
 */
import type { Db } from './open';
import { sql } from './statements';

/** An events row as stored, column names as in the table. */
export interface StoredEventRecord {
  id: string;
  serial: string;
  title: string;
  description: string;
  category_id: string;
  request_type: string;
  source: string;
  priority: string;
  risk_colour: string;
  village_id: string | null;
  grid_id: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  reported_at: number;
  state: string;
  lead_unit_id: string | null;
  dispatched_at: number | null;
  sign_due_at: number | null;
  handle_due_at: number | null;
  warning: number;
  yellow_at: number | null;
  red_at: number | null;
  resolved_level: string | null;
  satisfaction: string | null;
  merged_into: string | null;
  county_ref: string | null;
  owner: string;
  return_count: number;
  rework_count: number;
  closed_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** One event as stored (undefined when there is none with that id). */
export function storedEventRow(db: Db, id: string): StoredEventRecord | undefined {
  return sql<StoredEventRecord>(db, 'SELECT * FROM events WHERE id = ?').get(id);
}

/** Every event as stored, by id. */
export function storedEventRows(db: Db): StoredEventRecord[] {
  return sql<StoredEventRecord>(db, 'SELECT * FROM events ORDER BY id').all();
}

/** The kinds of an event's actions, in the order they were written. */
export function eventActionKinds(db: Db, eventId: string): string[] {
  return sql<{ kind: string }>(db, 'SELECT kind FROM event_actions WHERE event_id = ? ORDER BY rowid')
    .all(eventId)
    .map((r) => r.kind);
}

/** Some grid of a village (undefined when it has none). */
export function anyGridOfVillage(db: Db, villageId: string): string | undefined {
  return sql<{ id: string }>(db, 'SELECT id FROM grids WHERE village_id = ? LIMIT 1').get(villageId)?.id;
}

export function categoryIdByCode(db: Db, code: string): string | undefined {
  return sql<{ id: string }>(db, 'SELECT id FROM categories WHERE code = ?').get(code)?.id;
}

/** A supervision_orders row's deadlines as stored. */
export function storedOrderDeadlines(db: Db, id: string): { yellow_at: number | null; due_at: number } | undefined {
  return sql<{ yellow_at: number | null; due_at: number }>(
    db,
    'SELECT yellow_at, due_at FROM supervision_orders WHERE id = ?',
  ).get(id);
}

/** Every username, in table order. */
export function storedUsernames(db: Db): string[] {
  return sql<{ username: string }>(db, 'SELECT username FROM users')
    .all()
    .map((r) => r.username);
}

/** The grids of the named villages with their village's name and kind, by village name then grid name. */
export function gridsOfVillages(
  db: Db,
  villageNames: readonly string[],
): { village: string; kind: string; name: string; worker: string | null }[] {
  return sql<{ village: string; kind: string; name: string; worker: string | null }>(
    db,
    'SELECT v.name AS village, v.kind, g.name, g.worker_name AS worker FROM grids g JOIN villages v ON v.id = g.village_id ORDER BY v.name, g.name',
  )
    .all()
    .filter((r) => villageNames.includes(r.village));
}

/** An event_units row (an assignment) as stored, the columns tests look at. */
export interface StoredAssignmentRecord {
  event_id: string;
  unit_id: string;
  role: string;
  state: string;
  signed_at: number | null;
  feedback_at: number | null;
}

export function storedAssignmentRows(db: Db): StoredAssignmentRecord[] {
  return sql<StoredAssignmentRecord>(
    db,
    'SELECT event_id, unit_id, role, state, signed_at, feedback_at FROM event_units ORDER BY rowid',
  ).all();
}

/** The ids of the events that have at least one action. */
export function eventIdsWithActions(db: Db): Set<string> {
  return new Set(
    sql<{ id: string }>(db, 'SELECT DISTINCT event_id AS id FROM event_actions')
      .all()
      .map((r) => r.id),
  );
}

/** How many supervision orders of a strength aim at a target. */
export function ordersOnTarget(db: Db, targetId: string, strength: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM supervision_orders WHERE target_id = ? AND strength = ?').get(
    targetId,
    strength,
  )!.n;
}

/**
 * The disk refusing one event's assignment rows, as a real failure inside a
 * transaction would: inserts into event_units for that event abort until the
 * returned function is called. A trigger cannot bind parameters, so the id is
 * quoted into its text.
 */
export function refuseAssignmentsOf(db: Db, eventId: string): () => void {
  const quoted = `'${eventId.replace(/'/g, "''")}'`;
  sql(
    db,
    `CREATE TRIGGER refuse_assignments BEFORE INSERT ON event_units WHEN NEW.event_id = ${quoted}
     BEGIN SELECT RAISE(ABORT, 'disk says no'); END`,
  ).run();
  return () => sql(db, 'DROP TRIGGER refuse_assignments').run();
}

/** Some village id (the first the table returns). */
export function anyVillageId(db: Db): string | undefined {
  return sql<{ id: string }>(db, 'SELECT id FROM villages LIMIT 1').get()?.id;
}

/** Some child of a category (the first the table returns). */
export function anyChildCategory(db: Db, parentId: string): string | undefined {
  return sql<{ id: string }>(db, 'SELECT id FROM categories WHERE parent_id = ? LIMIT 1').get(parentId)?.id;
}

/** The first child (by sort) of the category with that code. */
export function firstChildOfCategoryCode(db: Db, code: string): string | undefined {
  return sql<{ id: string }>(
    db,
    'SELECT id FROM categories WHERE parent_id = (SELECT id FROM categories WHERE code = ?) ORDER BY sort LIMIT 1',
  ).get(code)?.id;
}

/** An event's assignments with their unit's name, lead first. */
export function assignmentsWithUnitNames(
  db: Db,
  eventId: string,
): { name: string; role: string; state: string; instructions: string | null; due: number | null }[] {
  return sql<{ name: string; role: string; state: string; instructions: string | null; due: number | null }>(
    db,
    'SELECT u.name, eu.role, eu.state, eu.instructions, eu.handle_due_at AS due FROM event_units eu JOIN units u ON u.id = eu.unit_id WHERE eu.event_id = ? ORDER BY eu.role DESC',
  ).all(eventId);
}

/** The payloads of an event's actions of one kind, in the order they were written. */
export function actionPayloads(db: Db, eventId: string, kind: string): string[] {
  return sql<{ payload: string }>(db, 'SELECT payload FROM event_actions WHERE event_id = ? AND kind = ? ORDER BY rowid')
    .all(eventId, kind)
    .map((r) => r.payload);
}

/** An event's event_units rows as stored, every column, by unit id. */
export function storedAssignmentRowsOf(db: Db, eventId: string): Record<string, unknown>[] {
  return sql<Record<string, unknown>>(db, 'SELECT * FROM event_units WHERE event_id = ? ORDER BY unit_id').all(eventId);
}

/** An event's extension requests as stored, every column, in the order they were written. */
export function storedExtensionRowsOf(db: Db, eventId: string): Record<string, unknown>[] {
  return sql<Record<string, unknown>>(db, 'SELECT * FROM extension_requests WHERE event_id = ? ORDER BY rowid').all(eventId);
}
