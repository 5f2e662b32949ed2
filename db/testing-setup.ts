/** Test support for first-run setup, onboarding and reference data (the day-one e2e test among others). Not used by production code. */
import type { Db } from './open';
import { sql } from './statements';

export function storedTownshipCode(db: Db): string | undefined {
  return sql<{ code: string }>(db, 'SELECT code FROM township').get()?.code;
}

export function mustChangePasswordOf(db: Db, username: string): number | undefined {
  return sql<{ m: number }>(db, 'SELECT must_change_password AS m FROM users WHERE username = ?').get(username)?.m;
}

/** Routing rules that name the unit of that name. */
export function routingRulesOfUnit(db: Db, unitName: string): number {
  return sql<{ n: number }>(
    db,
    'SELECT count(*) AS n FROM routing_rules r JOIN units u ON u.id = r.unit_id WHERE u.name = ?',
  ).get(unitName)!.n;
}

/** Whether the routing rules of a category put the village's own unit first (1) or not (0). */
export function localityFirstOf(db: Db, categoryCode: string): number | undefined {
  return sql<{ l: number }>(
    db,
    'SELECT locality_first AS l FROM routing_rules WHERE category_id = (SELECT id FROM categories WHERE code = ?)',
  ).get(categoryCode)?.l;
}

/** The units on the event of that serial, with their role and handling deadline. */
export function unitsOnEventSerial(db: Db, serial: string): { name: string; role: string; due: number }[] {
  return sql<{ name: string; role: string; due: number }>(
    db,
    `SELECT u.name, eu.role, eu.handle_due_at AS due FROM event_units eu JOIN units u ON u.id = eu.unit_id
       JOIN events e ON e.id = eu.event_id WHERE e.serial = ?`,
  ).all(serial);
}

/** The payload (JSON text) of the first timeline entry of a kind on the event of that serial. */
export function actionPayloadOfSerial(db: Db, serial: string, kind: string): string | undefined {
  return sql<{ payload: string }>(
    db,
    'SELECT a.payload FROM event_actions a JOIN events e ON e.id = a.event_id WHERE e.serial = ? AND a.kind = ? ORDER BY a.at LIMIT 1',
  ).get(serial, kind)?.payload;
}

/** Events of a source, by state. */
export function eventStatesOfSource(db: Db, source: string): { state: string; n: number }[] {
  return sql<{ state: string; n: number }>(
    db,
    'SELECT state, count(*) AS n FROM events WHERE source = ? GROUP BY state ORDER BY state',
  ).all(source);
}
