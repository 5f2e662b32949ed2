import type { z } from 'zod';
import type { EventActionRecord, EventRecord, SupervisionAnswerRecord } from '../../../common/protocol';
import { json, num, type ConsoleDb } from './console-db';

export type CountyEvent = z.infer<typeof EventRecord> & { townshipId: string; seq: number };
export type CountyAction = z.infer<typeof EventActionRecord>;
export type CountyAnswer = z.infer<typeof SupervisionAnswerRecord> & { townshipId: string };

/** A field of the JSON `data` column, as SQL both engines accept. */
export function jsonText(db: ConsoleDb, field: string): string {
  if (!/^[A-Za-z]+$/.test(field)) throw new Error(`not a field name: ${field}`);
  return db.kind === 'sqlite' ? `json_extract(data, '$.${field}')` : `(data::json ->> '${field}')`;
}

/** An event's row of the `records` table (its latest record as the township sent it). */
export interface EventRow {
  township_id: string;
  data: unknown;
  seq: unknown;
}

export function countyEventOf(r: EventRow): CountyEvent {
  return { ...json<z.infer<typeof EventRecord>>(r.data), townshipId: r.township_id, seq: num(r.seq) };
}

/** The latest record of every event the townships sent (optionally of one township), as they sent it. */
export async function eventRecords(
  db: ConsoleDb,
  filter: { townshipId?: string; eventId?: string; state?: string; countyAssigned?: boolean } = {},
): Promise<CountyEvent[]> {
  const where = ["entity = 'event'"];
  const params: unknown[] = [];
  if (filter.townshipId) {
    where.push('township_id = ?');
    params.push(filter.townshipId);
  }
  if (filter.eventId) {
    where.push('entity_id = ?');
    params.push(filter.eventId);
  }
  if (filter.state) {
    where.push(`${jsonText(db, 'state')} = ?`);
    params.push(filter.state);
  }
  if (filter.countyAssigned) where.push(`${jsonText(db, 'countyRef')} IS NOT NULL`);
  const rows = await db.query<EventRow>(`SELECT township_id, data, seq FROM records WHERE ${where.join(' AND ')}`, params);
  return rows.map(countyEventOf);
}

/** The actions of some events (all of a township's when `eventIds` is absent). */
export async function actionRecords(
  db: ConsoleDb,
  townshipId: string | null,
  eventIds?: readonly string[],
): Promise<(CountyAction & { townshipId: string })[]> {
  const where = ["entity = 'event_action'"];
  const params: unknown[] = [];
  if (townshipId) {
    where.push('township_id = ?');
    params.push(townshipId);
  }
  if (eventIds) {
    if (eventIds.length === 0) return [];
    where.push(`${jsonText(db, 'eventId')} IN (${eventIds.map(() => '?').join(', ')})`);
    params.push(...eventIds);
  }
  const rows = await db.query<{ township_id: string; data: unknown }>(
    `SELECT township_id, data FROM records WHERE ${where.join(' AND ')}`,
    params,
  );
  return rows
    .map((r) => ({ ...json<CountyAction>(r.data), townshipId: r.township_id }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export async function answerRecords(db: ConsoleDb, townshipId: string, orderIds: readonly string[]): Promise<CountyAnswer[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.query<{ township_id: string; data: unknown }>(
    `SELECT township_id, data FROM records WHERE entity = 'supervision_answer' AND township_id = ?
       AND ${jsonText(db, 'orderId')} IN (${orderIds.map(() => '?').join(', ')})`,
    [townshipId, ...orderIds],
  );
  return rows.map((r) => ({ ...json<z.infer<typeof SupervisionAnswerRecord>>(r.data), townshipId: r.township_id }));
}

export interface DailyFigures {
  townshipId: string;
  date: string;
  received: number;
  closed: number;
  overdue: number;
  byLevel: { grid: number; village: number; township: number; county: number };
}

export async function dailyFigures(db: ConsoleDb, from: string, to: string): Promise<DailyFigures[]> {
  const rows = await db.query<{ township_id: string; data: unknown }>(
    `SELECT township_id, data FROM records WHERE entity = 'daily_figures' AND ${jsonText(db, 'date')} >= ? AND ${jsonText(db, 'date')} <= ?`,
    [from, to],
  );
  return rows
    .map((r) => ({ ...json<Omit<DailyFigures, 'townshipId'>>(r.data), townshipId: r.township_id }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.townshipId.localeCompare(b.townshipId));
}
