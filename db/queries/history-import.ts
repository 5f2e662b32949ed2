import type { EventState } from '../../common/events';
import type { Db } from '../open';
import { sql } from '../statements';

/** What an imported event holds that the old system gave it (for telling a re-import apart from a correction). */
export interface HistoricalEventRow {
  id: string;
  rowid: number;
  source: string;
  title: string;
  categoryId: string;
  villageId: string | null;
  leadUnitId: string | null;
  reportedAt: number;
  closedAt: number | null;
  state: EventState;
}

/** The event of a serial (the old system's serial is the natural key of an imported event). */
export function findEventBySerial(db: Db, serial: string): HistoricalEventRow | undefined {
  return sql<HistoricalEventRow>(
    db,
    `SELECT id, rowid, source, title, category_id AS categoryId, village_id AS villageId, lead_unit_id AS leadUnitId,
       reported_at AS reportedAt, closed_at AS closedAt, state FROM events WHERE serial = ?`,
  ).get(serial);
}

/** A correction of an imported event by a later import of the old system's data. */
export function updateHistoricalEvent(
  db: Db,
  e: Omit<HistoricalEventRow, 'rowid' | 'source'> & { description: string; updatedAt: number },
): void {
  sql(
    db,
    `UPDATE events SET title = @title, description = @description, category_id = @categoryId, village_id = @villageId,
       lead_unit_id = @leadUnitId, reported_at = @reportedAt, closed_at = @closedAt, state = @state, updated_at = @updatedAt
     WHERE id = @id AND source = 'history_import'`,
  ).run(e);
}

/** The single timeline entry of an imported event follows a correction of its final state. */
export function updateHistoryTimelineEntry(db: Db, eventId: string, toState: EventState, at: number): void {
  sql(db, "UPDATE event_actions SET to_state = ?, at = ? WHERE event_id = ? AND kind = 'history_import'").run(
    toState,
    at,
    eventId,
  );
}
