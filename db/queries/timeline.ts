import type { Db } from '../open';
import { sql } from '../statements';
import { AUDIT_INSERT, chainAuditRecord, type AuditRecord } from './audit';
import { OUTBOX_INSERT, type OutboxRecord } from './outbox';

/**
 * Every kind of case keeps its timeline in a table of the same shape; this
 * fixed map is the only place a table name comes from (never from input).
 * A new kind of case adds its table here and nothing else in this file.
 */
const TIMELINES = {
  event: { table: 'event_actions', caseColumn: 'event_id' },
  supervision_order: { table: 'supervision_order_actions', caseColumn: 'order_id' },
  risk_assessment: { table: 'risk_assessment_actions', caseColumn: 'assessment_id' },
  campaign: { table: 'campaign_actions', caseColumn: 'campaign_id' },
  review: { table: 'review_actions', caseColumn: 'review_id' },
} as const;

export type TimelineKind = keyof typeof TIMELINES;

/** One entry of a case's timeline: who moved it from which state to which, and why. */
export interface TimelineEntryRecord {
  id: string;
  /** The event, order, … the entry belongs to. */
  caseId: string;
  kind: string;
  fromState: string | null;
  toState: string | null;
  actorId: string | null;
  actorName: string;
  actorRole: string | null;
  unitId: string | null;
  note: string;
  /** JSON text of an object. */
  payload: string;
  at: number;
}

/** The statement that adds an entry to a kind's timeline (named parameters as in `TimelineEntryRecord`). */
export function timelineInsert(kind: TimelineKind): string {
  const { table, caseColumn } = TIMELINES[kind];
  return `INSERT INTO ${table} (id, ${caseColumn}, kind, from_state, to_state, actor_id, actor_name, actor_role, unit_id, note, payload, at)
     VALUES (@id, @caseId, @kind, @fromState, @toState, @actorId, @actorName, @actorRole, @unitId, @note, @payload, @at)`;
}

export function insertTimelineEntry(db: Db, kind: TimelineKind, entry: TimelineEntryRecord): void {
  sql(db, timelineInsert(kind)).run(entry);
}

export function listTimeline(db: Db, kind: TimelineKind, caseId: string): TimelineEntryRecord[] {
  const { table, caseColumn } = TIMELINES[kind];
  return sql<TimelineEntryRecord>(
    db,
    `SELECT id, ${caseColumn} AS caseId, kind, from_state AS fromState, to_state AS toState, actor_id AS actorId,
       actor_name AS actorName, actor_role AS actorRole, unit_id AS unitId, note, payload, at
     FROM ${table} WHERE ${caseColumn} = ? ORDER BY at, rowid`,
  ).all(caseId);
}

// The change record ------------------------------------------------------------------

/**
 * What one move on a case leaves behind besides the case itself: the entry
 * on its timeline, the row in the audit chain, and the rows queued for the
 * county. Core computes all of it (core/case-file/record-change.ts); this
 * module only keeps it.
 */
export interface ChangeRecord {
  timeline: TimelineKind;
  entry: TimelineEntryRecord;
  audit: AuditRecord;
  outbox: OutboxRecord[];
}

/**
 * Writes a change record inside the caller's transaction: it commits with the
 * move or not at all. The audit row takes its place in the chain first (a read
 * of the chain's head); then the rows go in: timeline, audit, outbox.
 */
export function writeChangeRecord(db: Db, r: ChangeRecord): void {
  const entryInsert = timelineInsert(r.timeline);
  const audit = chainAuditRecord(db, r.audit);
  sql(db, entryInsert).run(r.entry);
  sql(db, AUDIT_INSERT).run(audit);
  const outboxInsert = sql(db, OUTBOX_INSERT);
  for (const row of r.outbox) outboxInsert.run(row);
}
