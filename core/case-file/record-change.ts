import type { z } from 'zod';
import type { PhotoUpload } from '../../common/contract/case-file';
import type { PushMessage } from '../../common/topics';
import type { Db } from '../../db';
import type { OutboxEntity } from '../../db/queries/outbox';
import { writeChangeRecord, type TimelineEntryRecord, type TimelineKind } from '../../db/queries/timeline';
import { auditRecord } from '../audit/record';
import type { ServiceContext } from '../context';
import { outboxRecord } from '../outbox';

type PhotoInput = z.output<typeof PhotoUpload>;

/** One move on a case, as its kind describes it; the actor and the time come from the call. */
export interface CaseChange {
  kind: string;
  fromState: string | null;
  toState: string | null;
  unitId?: string | null;
  note?: string;
  payload?: Record<string, unknown>;
  /** Photos that belong to this entry (a unit's feedback); checked and stored with it. */
  photos?: PhotoInput[];
}

/** A row for the county (PROTOCOL.md): what changed, under which entity. */
export interface OutboxRow {
  entity: OutboxEntity;
  id: string;
  data: Record<string, unknown>;
}

/**
 * What makes a kind of case (an event, a supervision order, …) different
 * from the others: where its timeline lives, how its audit row and county
 * records read, which push tells the screens. Everything else is the same
 * for every kind and lives in `recordChange`.
 */
export interface CaseKind<C> {
  readonly timeline: TimelineKind;
  /** The audit row's entity. */
  readonly entity: string;
  caseId(c: C): string;
  /** Who the timeline names when no one is signed in (a scheduled tick, the county). */
  systemActor?(c: C): string;
  audit(c: C, change: CaseChange): { action: string; summary: Record<string, unknown> };
  /**
   * The county-bound rows of this change, in the order they are sent. The
   * kind holds the case, so it leaves out what the county owns (PROTOCOL.md
   * "Ownership") and what only the county may set.
   */
  outbox(db: Db, c: C, entry: TimelineEntryRecord): OutboxRow[];
  /** Stores an entry's photos where this kind lists them. */
  attachPhotos?(ctx: ServiceContext, c: C, entry: TimelineEntryRecord, photos: PhotoInput[]): void;
  push(c: C, change: CaseChange): PushMessage;
  /** What this kind does besides, in the same transaction (an alarm, the target event's timeline). */
  after?(ctx: ServiceContext, c: C, change: CaseChange): void;
}

/**
 * The bookkeeping of every move on every case, in the caller's transaction.
 * Core computes the whole change record (the timeline entry, the audit row,
 * the outbox rows fitted for the county) and the db keeps it with one write;
 * the entry's photos follow it, and the push goes out after commit.
 */
export function recordChange<C>(ctx: ServiceContext, kind: CaseKind<C>, c: C, change: CaseChange): TimelineEntryRecord {
  const actor = ctx.actor;
  const at = ctx.now();
  const entry: TimelineEntryRecord = {
    id: ctx.newId(),
    caseId: kind.caseId(c),
    kind: change.kind,
    fromState: change.fromState,
    toState: change.toState,
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? kind.systemActor?.(c) ?? 'system',
    actorRole: actor?.role ?? null,
    unitId: change.unitId ?? null,
    note: change.note ?? '',
    payload: JSON.stringify(change.payload ?? {}),
    at,
  };
  if (change.photos?.length && !kind.attachPhotos) throw new Error(`a ${kind.entity} timeline entry has no photos`);
  const { action, summary } = kind.audit(c, change);
  const audit = auditRecord(at, actor, { action, entity: kind.entity, entityId: entry.caseId, summary });
  const outbox = kind.outbox(ctx.db, c, entry).map((row) => outboxRecord(ctx.newId(), at, row.entity, row.id, row.data));
  writeChangeRecord(ctx.db, { timeline: kind.timeline, entry, audit, outbox });
  if (change.photos?.length) kind.attachPhotos!(ctx, c, entry, change.photos);
  ctx.publish(kind.push(c, change));
  kind.after?.(ctx, c, change);
  return entry;
}
