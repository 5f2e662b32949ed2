import type { z } from 'zod';
import type { PhotoUpload } from '../../common/contract/case-file';
import type { PushMessage } from '../../common/topics';
import type { Db } from '../../db';
import type { OutboxEntity } from '../../db/queries/outbox';
import { insertTimelineEntry, type TimelineEntryRecord, type TimelineKind } from '../../db/queries/timeline';
import { audit, type ServiceContext } from '../context';
import { enqueueChange } from '../outbox';

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
  /** The county-bound rows of this change, in the order they are sent. */
  outbox(db: Db, c: C, entry: TimelineEntryRecord): OutboxRow[];
  /** Stores an entry's photos where this kind lists them. */
  attachPhotos?(ctx: ServiceContext, c: C, entry: TimelineEntryRecord, photos: PhotoInput[]): void;
  push(c: C, change: CaseChange): PushMessage;
  /** What this kind does besides, in the same transaction (an alarm, the target event's timeline). */
  after?(ctx: ServiceContext, c: C, change: CaseChange): void;
}

/**
 * The bookkeeping of every move on every case, in the caller's transaction:
 * the timeline entry, the audit row, the outbox rows for the county, and the
 * push that goes out after commit.
 */
export function recordChange<C>(ctx: ServiceContext, kind: CaseKind<C>, c: C, change: CaseChange): TimelineEntryRecord {
  const actor = ctx.actor;
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
    at: ctx.now(),
  };
  insertTimelineEntry(ctx.db, kind.timeline, entry);
  if (change.photos?.length) {
    if (!kind.attachPhotos) throw new Error(`a ${kind.entity} timeline entry has no photos`);
    kind.attachPhotos(ctx, c, entry, change.photos);
  }
  audit(ctx, { entity: kind.entity, entityId: entry.caseId, ...kind.audit(c, change) });
  for (const row of kind.outbox(ctx.db, c, entry)) enqueueChange(ctx, row.entity, row.id, row.data);
  ctx.publish(kind.push(c, change));
  kind.after?.(ctx, c, change);
  return entry;
}
