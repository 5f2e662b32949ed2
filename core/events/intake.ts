import type { ParsedInputOf, OutputOf } from '../../common/contract';
import { isCategoryDisabled } from '../../db/queries/reference-admin';
import { AppError } from '../../common/errors';
import { indexEventText, insertEvent, nextSerialNumber, type EventRecord } from '../../db/queries/events';
import { getGrid, getTownship, getVillage } from '../../db/queries/org';
import { categoryWithChildren, duplicateCandidates } from '../../db/queries/queue';
import { getCategory } from '../../db/queries/reference';
import { formatChinaTime } from '../calendar';
import { requireActor, type ServiceContext } from '../context';
import { storePhotos } from './attachments';
import { recordEventChange } from './case-file';
import { bigrams, searchableText } from './search-text';

/** QX-20261130-0042: the township's code, the China date, and the day's running number. */
export function nextSerial(ctx: ServiceContext, at: number): string {
  const code = getTownship(ctx.db)?.code ?? 'CR';
  const day = formatChinaTime(at).slice(0, 10).replace(/-/g, '');
  return `${code}-${day}-${String(nextSerialNumber(ctx.db, day)).padStart(4, '0')}`;
}

/** Village and grid must exist and agree; a grid alone tells the village. */
function resolvePlace(
  ctx: ServiceContext,
  villageId: string | null,
  gridId: string | null,
): { villageId: string | null; gridId: string | null } {
  if (gridId) {
    const grid = getGrid(ctx.db, gridId);
    if (!grid) throw new AppError('NOT_FOUND', 'That grid does not exist. Reload the directory.');
    if (villageId && villageId !== grid.villageId) {
      throw new AppError('BAD_INPUT', 'The grid does not belong to the chosen village.', [
        { path: 'gridId', message: 'not in this village' },
      ]);
    }
    return { villageId: grid.villageId, gridId };
  }
  if (villageId && !getVillage(ctx.db, villageId))
    throw new AppError('NOT_FOUND', 'That village or community does not exist. Reload the directory.');
  return { villageId, gridId: null };
}

export function indexForSearch(
  ctx: ServiceContext,
  rowid: number,
  e: Pick<EventRecord, 'serial' | 'title' | 'description' | 'address'>,
): void {
  const text = searchableText(e);
  indexEventText(ctx.db, rowid, text, bigrams(text));
}

/**
 * The lifecycle fields of an event that has just come in, whatever its road
 * (intake, an IoT alarm, a county assignment): not dispatched, no deadlines or
 * warning yet, owned by the township.
 */
export function initialLifecycle(now: number, createdBy: string | null, countyRef: string | null = null) {
  return {
    leadUnitId: null,
    dispatchedAt: null,
    signDueAt: null,
    handleDueAt: null,
    warning: 0,
    yellowAt: null,
    redAt: null,
    resolvedLevel: null,
    satisfaction: null,
    mergedInto: null,
    countyRef,
    owner: 'township',
    returnCount: 0,
    reworkCount: 0,
    closedAt: null,
    createdBy,
    createdAt: now,
    updatedAt: now,
  } satisfies Partial<EventRecord>;
}

export function createEvent(ctx: ServiceContext, input: ParsedInputOf<'events.create'>): OutputOf<'events.create'> {
  const actor = requireActor(ctx);
  if (!getCategory(ctx.db, input.categoryId)) throw new AppError('NOT_FOUND', 'That category does not exist. Reload the form.');
  if (
    isCategoryDisabled(ctx.db, input.categoryId) ||
    isCategoryDisabled(ctx.db, getCategory(ctx.db, input.categoryId)!.parentId ?? '')
  )
    throw new AppError('BAD_INPUT', 'That category was disabled by the administrator; choose another.', [
      { path: 'categoryId', message: 'disabled' },
    ]);
  const place = resolvePlace(ctx, input.villageId ?? null, input.gridId ?? null);
  const now = ctx.now();
  const reportedAt = input.reportedAt ?? now;
  if (reportedAt > now + 5 * 60_000) {
    throw new AppError('BAD_INPUT', 'The report time cannot be in the future.', [
      { path: 'reportedAt', message: 'in the future' },
    ]);
  }
  const event: Omit<EventRecord, 'rowid'> = {
    id: ctx.newId(),
    serial: nextSerial(ctx, now),
    title: input.title,
    description: input.description,
    categoryId: input.categoryId,
    requestType: input.requestType,
    source: input.source,
    priority: input.priority,
    riskColour: input.riskColour,
    ...place,
    address: input.address,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    reporterName: input.reporterName ?? null,
    reporterPhone: input.reporterPhone ?? null,
    reportedAt,
    state: input.register ? 'registered' : 'reported',
    ...initialLifecycle(now, actor.userId),
  };
  const rowid = insertEvent(ctx.db, event);
  indexForSearch(ctx, rowid, event);
  const entry = recordEventChange(ctx, event.id, {
    kind: 'create',
    fromState: null,
    toState: 'reported',
    unitId: null,
    note: '',
    payload: JSON.stringify({ source: event.source, priority: event.priority }),
  });
  if (input.register) {
    recordEventChange(ctx, event.id, {
      kind: 'register',
      fromState: 'reported',
      toState: 'registered',
      unitId: null,
      note: '',
      payload: '{}',
    });
  }
  if (input.photos.length > 0) storePhotos(ctx, event.id, entry.id, input.photos);
  return { id: event.id, serial: event.serial };
}

// Duplicates -----------------------------------------------------------------------

const DUPLICATE_WINDOW_MS = 72 * 3600_000;
const NEAR_METRES = 100;
const MIN_SIMILARITY = 0.12;

function metresBetween(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const x = (bLng - aLng) * rad * Math.cos(((aLat + bLat) / 2) * rad);
  const y = (bLat - aLat) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

/** Dice coefficient over character pairs: robust for short Chinese texts without word segmentation. */
export function textSimilarity(a: string, b: string): number {
  const pairs = (t: string) => new Set(bigrams(t).split(' ').filter(Boolean));
  const x = pairs(a);
  const y = pairs(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const p of x) if (y.has(p)) shared++;
  return (2 * shared) / (x.size + y.size);
}

export function findDuplicates(ctx: ServiceContext, input: ParsedInputOf<'events.duplicates'>): OutputOf<'events.duplicates'> {
  const category = getCategory(ctx.db, input.categoryId);
  if (!category) return [];
  const top = category.parentId ?? category.id;
  const at = input.reportedAt ?? ctx.now();
  const candidates = duplicateCandidates(
    ctx.db,
    categoryWithChildren(ctx.db, top),
    at - DUPLICATE_WINDOW_MS,
    at + DUPLICATE_WINDOW_MS,
    input.excludeId ?? null,
  );
  const text = `${input.title} ${input.description}`;
  return candidates
    .map((c) => {
      const sameGrid = !!input.gridId && c.gridId === input.gridId;
      const distanceMetres =
        input.lat != null && input.lng != null && c.lat !== null && c.lng !== null
          ? Math.round(metresBetween(input.lat, input.lng, c.lat, c.lng))
          : null;
      return { c, sameGrid, distanceMetres, similarity: textSimilarity(text, `${c.title} ${c.description}`) };
    })
    .filter(
      (m) => (m.sameGrid || (m.distanceMetres !== null && m.distanceMetres <= NEAR_METRES)) && m.similarity >= MIN_SIMILARITY,
    )
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 5)
    .map(({ c, sameGrid, distanceMetres, similarity }) => ({
      id: c.id,
      serial: c.serial,
      title: c.title,
      state: c.state,
      reportedAt: c.reportedAt,
      distanceMetres,
      sameGrid,
      similarity: Math.round(similarity * 100) / 100,
    }));
}
