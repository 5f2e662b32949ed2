import type { Db } from '../open';
import { sql } from '../statements';
import { type EventActionRecord, type EventRecord, type EventUnitRecord } from './events';

/** One event with everything that hangs off it, as a bulk import carries it. */
export interface ImportedEvent {
  event: Omit<EventRecord, 'rowid'>;
  units: EventUnitRecord[];
  actions: EventActionRecord[];
  searchText: string;
  searchBigrams: string;
}

/**
 * Writes many events with prepared statements in the caller's transaction:
 * the path for demo data, county back-fills and benchmarks.
 */
export function prepareBulkWriter(db: Db): (item: ImportedEvent) => void {
  const event = sql(
    db,
    `INSERT INTO events (id, serial, title, description, category_id, request_type, source, priority, risk_colour,
    village_id, grid_id, address, lat, lng, reporter_name, reporter_phone, reported_at, state, lead_unit_id, dispatched_at,
    sign_due_at, handle_due_at, warning, yellow_at, red_at, resolved_level, satisfaction, merged_into, county_ref, owner, return_count,
    rework_count, closed_at, created_by, created_at, updated_at)
    VALUES (@id, @serial, @title, @description, @categoryId, @requestType, @source, @priority, @riskColour, @villageId, @gridId,
    @address, @lat, @lng, @reporterName, @reporterPhone, @reportedAt, @state, @leadUnitId, @dispatchedAt, @signDueAt, @handleDueAt,
    @warning, @yellowAt, @redAt, @resolvedLevel, @satisfaction, @mergedInto, @countyRef, @owner, @returnCount, @reworkCount, @closedAt,
    @createdBy, @createdAt, @updatedAt)`,
  );
  const unit = sql(
    db,
    `INSERT INTO event_units (event_id, unit_id, role, state, instructions, dispatched_at, sign_due_at, handle_due_at,
    signed_at, feedback_at, returned_at, warning)
    VALUES (@eventId, @unitId, @role, @state, @instructions, @dispatchedAt, @signDueAt, @handleDueAt, @signedAt, @feedbackAt, @returnedAt, @warning)`,
  );
  const action = sql(
    db,
    `INSERT INTO event_actions (id, event_id, kind, from_state, to_state, actor_id, actor_name, actor_role, unit_id, note,
    payload, at) VALUES (@id, @eventId, @kind, @fromState, @toState, @actorId, @actorName, @actorRole, @unitId, @note, @payload, @at)`,
  );
  const fts = sql(db, 'INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
  const fts2 = sql(db, 'INSERT INTO events_fts2 (rowid, bigrams) VALUES (?, ?)');
  return (item) => {
    const rowid = event.run(item.event).lastInsertRowid;
    for (const u of item.units) unit.run(u);
    for (const a of item.actions) action.run(a);
    fts.run(rowid, item.searchText);
    fts2.run(rowid, item.searchBigrams);
  };
}

/** Keeps the per-day serial counters ahead of imported serials. */
export function raiseSerialCounters(db: Db, counters: Map<string, number>): void {
  const upsert = sql(
    db,
    'INSERT INTO serial_counters (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)',
  );
  for (const [day, last] of counters) upsert.run(day, last);
}
