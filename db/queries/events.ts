import type {
  EventState,
  Priority,
  RequestType,
  ResolvedLevel,
  RiskColour,
  Satisfaction,
  EventSource,
} from '../../common/events';
import type { Db } from '../open';
import { sql } from '../statements';
import type { TimelineEntryRecord } from './timeline';

/** An events row as the core sees it (warning as 0/1/2, as stored for sorting). */
export interface EventRecord {
  rowid: number;
  id: string;
  serial: string;
  title: string;
  description: string;
  categoryId: string;
  requestType: RequestType;
  source: EventSource;
  priority: Priority;
  riskColour: RiskColour;
  villageId: string | null;
  gridId: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reportedAt: number;
  state: EventState;
  leadUnitId: string | null;
  dispatchedAt: number | null;
  signDueAt: number | null;
  handleDueAt: number | null;
  warning: 0 | 1 | 2;
  yellowAt: number | null;
  redAt: number | null;
  resolvedLevel: ResolvedLevel | null;
  satisfaction: Satisfaction | null;
  mergedInto: string | null;
  countyRef: string | null;
  owner: 'township' | 'county';
  returnCount: number;
  reworkCount: number;
  closedAt: number | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export const EVENT_COLUMNS = `rowid, id, serial, title, description, category_id AS categoryId, request_type AS requestType, source, priority,
  risk_colour AS riskColour, village_id AS villageId, grid_id AS gridId, address, lat, lng, reporter_name AS reporterName,
  reporter_phone AS reporterPhone, reported_at AS reportedAt, state, lead_unit_id AS leadUnitId, dispatched_at AS dispatchedAt,
  sign_due_at AS signDueAt, handle_due_at AS handleDueAt, warning, yellow_at AS yellowAt, red_at AS redAt, resolved_level AS resolvedLevel, satisfaction,
  merged_into AS mergedInto, county_ref AS countyRef, owner, return_count AS returnCount, rework_count AS reworkCount,
  closed_at AS closedAt, created_by AS createdBy, created_at AS createdAt, updated_at AS updatedAt`;

const INSERT_EVENT = `INSERT INTO events (id, serial, title, description, category_id, request_type, source, priority, risk_colour,
  village_id, grid_id, address, lat, lng, reporter_name, reporter_phone, reported_at, state, lead_unit_id, dispatched_at,
  sign_due_at, handle_due_at, warning, yellow_at, red_at, resolved_level, satisfaction, merged_into, county_ref, owner, return_count,
  rework_count, closed_at, created_by, created_at, updated_at)
  VALUES (@id, @serial, @title, @description, @categoryId, @requestType, @source, @priority, @riskColour, @villageId, @gridId,
  @address, @lat, @lng, @reporterName, @reporterPhone, @reportedAt, @state, @leadUnitId, @dispatchedAt, @signDueAt, @handleDueAt,
  @warning, @yellowAt, @redAt, @resolvedLevel, @satisfaction, @mergedInto, @countyRef, @owner, @returnCount, @reworkCount, @closedAt, @createdBy,
  @createdAt, @updatedAt)`;

export function insertEvent(db: Db, e: Omit<EventRecord, 'rowid'>): number {
  return Number(sql(db, INSERT_EVENT).run(e).lastInsertRowid);
}

export function getEvent(db: Db, id: string): EventRecord | undefined {
  return sql<EventRecord>(db, `SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`).get(id);
}

const UPDATE_EVENT = `UPDATE events SET title = @title, description = @description, category_id = @categoryId, request_type = @requestType,
      priority = @priority, risk_colour = @riskColour, village_id = @villageId, grid_id = @gridId, address = @address, lat = @lat,
      lng = @lng, state = @state, lead_unit_id = @leadUnitId, dispatched_at = @dispatchedAt, sign_due_at = @signDueAt,
      handle_due_at = @handleDueAt, warning = @warning, yellow_at = @yellowAt, red_at = @redAt, resolved_level = @resolvedLevel, satisfaction = @satisfaction,
      merged_into = @mergedInto, owner = @owner, return_count = @returnCount, rework_count = @reworkCount, closed_at = @closedAt,
      updated_at = @updatedAt
     WHERE id = @id`;

export function saveEvent(db: Db, e: EventRecord): void {
  sql(db, UPDATE_EVENT).run(e);
}

export function nextSerialNumber(db: Db, day: string): number {
  return sql<number>(
    db,
    'INSERT INTO serial_counters (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last',
  )
    .pluck()
    .get(day)!;
}

// Units on an event ---------------------------------------------------------

export interface EventUnitRecord {
  eventId: string;
  unitId: string;
  role: 'lead' | 'assist';
  state: 'pending' | 'signed' | 'fed_back' | 'returned' | 'withdrawn';
  instructions: string;
  dispatchedAt: number;
  signDueAt: number;
  handleDueAt: number;
  signedAt: number | null;
  feedbackAt: number | null;
  returnedAt: number | null;
  warning: 0 | 1 | 2;
}

const EVENT_UNIT_COLUMNS = `event_id AS eventId, unit_id AS unitId, role, state, instructions, dispatched_at AS dispatchedAt,
  sign_due_at AS signDueAt, handle_due_at AS handleDueAt, signed_at AS signedAt, feedback_at AS feedbackAt,
  returned_at AS returnedAt, warning`;

export function listEventUnits(db: Db, eventId: string): EventUnitRecord[] {
  return sql<EventUnitRecord>(
    db,
    `SELECT ${EVENT_UNIT_COLUMNS} FROM event_units WHERE event_id = ? ORDER BY role DESC, dispatched_at`,
  ).all(eventId);
}

const UPSERT_EVENT_UNIT = `INSERT INTO event_units (event_id, unit_id, role, state, instructions, dispatched_at, sign_due_at, handle_due_at, signed_at,
       feedback_at, returned_at, warning)
     VALUES (@eventId, @unitId, @role, @state, @instructions, @dispatchedAt, @signDueAt, @handleDueAt, @signedAt, @feedbackAt,
       @returnedAt, @warning)
     ON CONFLICT (event_id, unit_id) DO UPDATE SET role = excluded.role, state = excluded.state, instructions = excluded.instructions,
       dispatched_at = excluded.dispatched_at, sign_due_at = excluded.sign_due_at, handle_due_at = excluded.handle_due_at,
       signed_at = excluded.signed_at, feedback_at = excluded.feedback_at, returned_at = excluded.returned_at, warning = excluded.warning`;

/**
 * A lifecycle move's one write of its case: the units it changed or put on
 * the event (their triggers keep the assignment history), then the event.
 */
export function saveEventCase(db: Db, event: EventRecord, changedUnits: EventUnitRecord[]): void {
  const upsertUnit = sql(db, UPSERT_EVENT_UNIT);
  for (const unit of changedUnits) upsertUnit.run(unit);
  sql(db, UPDATE_EVENT).run(event);
}

// Timeline -------------------------------------------------------------------

/** An event's timeline entry as a bulk insert carries it; single entries go through `timeline.ts`. */
export interface EventActionRecord extends Omit<TimelineEntryRecord, 'caseId'> {
  eventId: string;
}

// Attachments -----------------------------------------------------------------

export interface AttachmentRecord {
  id: string;
  sha256: string;
  eventId: string;
  actionId: string | null;
  name: string;
  mime: string;
  size: number;
  uploadedBy: string | null;
  at: number;
}

export function insertAttachment(db: Db, a: AttachmentRecord): void {
  sql(
    db,
    `INSERT INTO attachments (id, sha256, event_id, action_id, name, mime, size, uploaded_by, at)
     VALUES (@id, @sha256, @eventId, @actionId, @name, @mime, @size, @uploadedBy, @at)`,
  ).run(a);
}

export function listAttachments(db: Db, eventId: string): AttachmentRecord[] {
  return sql<AttachmentRecord>(
    db,
    `SELECT id, sha256, event_id AS eventId, action_id AS actionId, name, mime, size, uploaded_by AS uploadedBy, at
       FROM attachments WHERE event_id = ? ORDER BY at, rowid`,
  ).all(eventId);
}

export function getAttachment(db: Db, id: string): AttachmentRecord | undefined {
  return sql<AttachmentRecord>(
    db,
    `SELECT id, sha256, event_id AS eventId, action_id AS actionId, name, mime, size, uploaded_by AS uploadedBy, at
       FROM attachments WHERE id = ?`,
  ).get(id);
}

// Extension requests -------------------------------------------------------------

export interface ExtensionRecord {
  id: string;
  eventId: string;
  unitId: string;
  reason: string;
  requestedDue: number;
  state: 'pending' | 'approved' | 'refused';
  requestedBy: string;
  requestedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionNote: string | null;
}

export function insertExtension(db: Db, r: ExtensionRecord): void {
  sql(
    db,
    `INSERT INTO extension_requests (id, event_id, unit_id, reason, requested_due, state, requested_by, requested_at, decided_by,
       decided_at, decision_note)
     VALUES (@id, @eventId, @unitId, @reason, @requestedDue, @state, @requestedBy, @requestedAt, @decidedBy, @decidedAt, @decisionNote)`,
  ).run(r);
}

const EXTENSION_COLUMNS = `id, event_id AS eventId, unit_id AS unitId, reason, requested_due AS requestedDue, state, requested_by AS requestedBy,
  requested_at AS requestedAt, decided_by AS decidedBy, decided_at AS decidedAt, decision_note AS decisionNote`;

export function pendingExtension(db: Db, eventId: string): ExtensionRecord | undefined {
  return sql<ExtensionRecord>(
    db,
    `SELECT ${EXTENSION_COLUMNS} FROM extension_requests WHERE event_id = ? AND state = 'pending'`,
  ).get(eventId);
}

// The case file ---------------------------------------------------------------------

/**
 * Everything a lifecycle move looks at, read once: the event, every unit
 * ever put on it (withdrawn ones too) and its pending extension request.
 */
export function getEventSituation(
  db: Db,
  id: string,
): { event: EventRecord; units: EventUnitRecord[]; pendingExtension: ExtensionRecord | undefined } | undefined {
  const event = getEvent(db, id);
  if (!event) return undefined;
  return { event, units: listEventUnits(db, id), pendingExtension: pendingExtension(db, id) };
}

export function decideExtension(
  db: Db,
  id: string,
  d: { state: 'approved' | 'refused'; by: string; at: number; note: string | null },
): void {
  sql(db, 'UPDATE extension_requests SET state = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?').run(
    d.state,
    d.by,
    d.at,
    d.note,
    id,
  );
}

// Search ---------------------------------------------------------------------------

export function indexEventText(db: Db, rowid: number, text: string, bigrams: string): void {
  sql(db, 'DELETE FROM events_fts WHERE rowid = ?').run(rowid);
  sql(db, 'DELETE FROM events_fts2 WHERE rowid = ?').run(rowid);
  sql(db, 'INSERT INTO events_fts (rowid, text) VALUES (?, ?)').run(rowid, text);
  sql(db, 'INSERT INTO events_fts2 (rowid, bigrams) VALUES (?, ?)').run(rowid, bigrams);
}

// Warnings -------------------------------------------------------------------------

/** Events whose yellow or red moment has come and whose stored warning is behind. */
export function eventsDueForWarning(
  db: Db,
  now: number,
): { id: string; warning: 0 | 1 | 2; yellowAt: number | null; redAt: number | null }[] {
  return sql<{ id: string; warning: 0 | 1 | 2; yellowAt: number | null; redAt: number | null }>(
    db,
    `SELECT id, warning, yellow_at AS yellowAt, red_at AS redAt FROM events WHERE red_at IS NOT NULL AND warning < 2 AND red_at < @now
       UNION
       SELECT id, warning, yellow_at AS yellowAt, red_at AS redAt FROM events WHERE yellow_at IS NOT NULL AND warning < 1 AND yellow_at <= @now`,
  ).all({ now });
}

export function setEventWarning(db: Db, id: string, warning: 0 | 1 | 2): void {
  sql(db, 'UPDATE events SET warning = ? WHERE id = ?').run(warning, id);
}
