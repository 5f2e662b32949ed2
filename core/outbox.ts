import { AppError } from '../common/errors';
import {
  MAX_ADDRESS_CHARS,
  MAX_CHANGE_BYTES,
  MAX_DATA_DEPTH,
  MAX_TEXT_CHARS,
  MAX_TITLE_CHARS,
  measureJson,
  parseChange,
} from '../common/protocol';
import { appendOutbox, isCountyOrder, isCountyOwnedEvent, type OutboxEntity, type OutboxRecord } from '../db/queries/outbox';
import type { ServiceContext } from './context';

import { isoChina } from '../common/china-time';

/** Appended to a text cut to the county's limit; the full text stays in the township's database. */
export const CUT_NOTE = '……〔原文过长，已截断；全文保存在乡镇指挥室〕';

const cut = (text: string, max: number) => {
  let keep = Math.max(0, max - CUT_NOTE.length);
  // Never split a surrogate pair.
  if (keep > 0 && (text.charCodeAt(keep - 1) & 0xfc00) === 0xd800) keep--;
  return text.slice(0, keep) + CUT_NOTE;
};

/** The limit of a field by its name at the top of a record (PROTOCOL.md "Limits"). */
function limitOf(entity: OutboxEntity, path: string[]): number {
  if (path.length === 1 && entity === 'event' && path[0] === 'title') return MAX_TITLE_CHARS;
  if (path.length === 1 && entity === 'event' && path[0] === 'address') return MAX_ADDRESS_CHARS;
  return MAX_TEXT_CHARS;
}

/** Every string within its limit, cut with a note; `budget` lowers the limit further (to fit 64 KiB). */
function cutTexts(entity: OutboxEntity, value: unknown, path: string[], budget: number): unknown {
  if (typeof value === 'string') {
    const max = Math.min(limitOf(entity, path), budget);
    return value.length > max ? cut(value, max) : value;
  }
  if (Array.isArray(value)) return value.map((v, i) => cutTexts(entity, v, [...path, String(i)], budget));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cutTexts(entity, v, [...path, k], budget)]));
  return value;
}

/**
 * The record as the county may take it (PROTOCOL.md revision 2): long texts
 * cut with a note, the whole change within 64 KiB, `data` at most 16 levels
 * deep, and valid by the protocol schema. A record that cannot be made so is
 * a bug of the township, so the action fails (and changes nothing) instead
 * of queueing a change the county must refuse.
 */
export function fitRecord(entity: OutboxEntity, entityId: string, data: Record<string, unknown>): Record<string, unknown> {
  if (measureJson(data, MAX_DATA_DEPTH).depth > MAX_DATA_DEPTH)
    throw new AppError(
      'TOO_LARGE',
      `The ${entity} record is nested more than ${MAX_DATA_DEPTH} levels deep; the county would refuse it.`,
    );
  // An indicator without a value (no data for the unit) is a number or absent on the wire, never null.
  if (entity === 'assessment_result' && data.indicators !== null && typeof data.indicators === 'object')
    data = {
      ...data,
      indicators: Object.fromEntries(Object.entries(data.indicators).filter(([, v]) => v !== null && v !== undefined)),
    };
  const envelope = { seq: 1, id: '00000000-0000-7000-8000-000000000000', entity, entityId, op: 'upsert', at: isoChina(0) };
  let fitted = cutTexts(entity, data, [], MAX_TEXT_CHARS) as Record<string, unknown>;
  // Over 64 KiB with every text within its own limit: lower the limit for all texts until it fits.
  for (let budget = MAX_TEXT_CHARS / 2; measureJson({ ...envelope, data: fitted }).bytes > MAX_CHANGE_BYTES; budget /= 2) {
    if (budget < 100)
      throw new AppError('TOO_LARGE', `The ${entity} record is larger than the county's 64 KiB even with its texts cut.`);
    fitted = cutTexts(entity, data, [], Math.floor(budget)) as Record<string, unknown>;
  }
  const parsed = parseChange({ ...envelope, data: fitted });
  if (!parsed.ok) throw new AppError('INTERNAL', `The ${entity} record does not match PROTOCOL.md: ${parsed.message}`);
  return fitted;
}

/**
 * Queues a change for the county inside the caller's transaction: it commits
 * with the change or not at all. The record is checked and fitted to the
 * protocol's limits here, in the same transaction. Records the county owns
 * (PROTOCOL.md "Ownership") are never queued: the result is then 0, else the
 * change's seq.
 */
export function enqueueChange(
  ctx: ServiceContext,
  entity: OutboxEntity,
  entityId: string,
  data: Record<string, unknown> | null,
): number {
  const db = ctx.db;
  if (entity === 'event' && isCountyOwnedEvent(db, entityId)) return 0;
  if (entity === 'supervision_order' && isCountyOrder(db, entityId)) return 0;
  if (entity === 'event_action' && data && typeof data.eventId === 'string' && isCountyOwnedEvent(db, data.eventId)) return 0;
  let record = data;
  // `accepted` on an answer is the issuer's to set: never on an answer to a county order.
  if (record && entity === 'supervision_answer' && 'accepted' in record && typeof record.orderId === 'string') {
    if (isCountyOrder(db, record.orderId)) {
      const { accepted: _accepted, ...rest } = record;
      record = rest;
    }
  }
  return appendOutbox(db, outboxRecord(ctx.newId(), ctx.now(), entity, entityId, record));
}

/**
 * A change for the county as the outbox keeps it: an upsert carries its
 * record fitted to the protocol (see `fitRecord`), a delete carries none.
 */
export function outboxRecord(
  id: string,
  at: number,
  entity: OutboxEntity,
  entityId: string,
  data: Record<string, unknown> | null,
): OutboxRecord {
  return {
    id,
    entity,
    entityId,
    op: data === null ? 'delete' : 'upsert',
    at,
    data: data === null ? null : JSON.stringify(fitRecord(entity, entityId, data)),
  };
}
