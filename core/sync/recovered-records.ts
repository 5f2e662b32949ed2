import type {
  EventSource,
  EventState,
  Priority,
  RequestType,
  ResolvedLevel,
  RiskColour,
  Satisfaction,
} from '../../common/events';
import { getEvent, indexEventText, insertEvent, saveEvent, type EventRecord } from '../../db/queries/events';
import { insertTimelineEntry } from '../../db/queries/timeline';
import { findGridByName, findUnitByName, findVillageByName } from '../../db/queries/org';
import { findCategoryByCode, listCategories } from '../../db/queries/reference';
import { eventActionExists, noteMissingPhoto, noteRecovered, raiseSerialCounter } from '../../db/queries/sync';
import { bigrams, searchableText } from '../events/search-text';
import { initialLifecycle } from '../events/intake';
import { applyRecoveredAnswer, applyRecoveredFigures, applyRecoveredOrder, applyRecoveredResult } from './recovered-cases';
import type { RecoveryDeps } from './recovery';

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const time = (v: unknown): number | null => {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : null;
};

/**
 * Applies a record taken back from the county to the local database (records
 * are whole: an upsert replaces). Events, their actions, supervision orders,
 * answers and assessment results are rebuilt in their own tables; every
 * record is also kept in `sync_recovered` as the county held it, marked
 * applied or not, so nothing the county held is lost even where this
 * township cannot rebuild it. Photos never travel: an action that had them
 * lists them as missing. `seq` is null when re-applying a local change set
 * aside during the recovery.
 */
export function applyRecoveredRecord(
  deps: RecoveryDeps,
  entity: string,
  entityId: string,
  data: Data | null,
  seq: number | null,
): void {
  let applied = false;
  if (data !== null) {
    if (entity === 'event') applied = applyEvent(deps, data);
    else if (entity === 'event_action') applied = applyEventAction(deps, data);
    else if (entity === 'supervision_order') applied = applyRecoveredOrder(deps, data);
    else if (entity === 'supervision_answer') applied = applyRecoveredAnswer(deps, data);
    else if (entity === 'assessment_result') applied = applyRecoveredResult(deps, data);
    else if (entity === 'daily_figures') applied = applyRecoveredFigures(deps, data);
  }
  if (seq !== null)
    noteRecovered(deps.db, { entity, entityId, seq, data: data === null ? null : JSON.stringify(data), applied, at: deps.now() });
}

function categoryId(deps: RecoveryDeps, code: string | null, fallback: string | undefined): string | null {
  const found = code ? findCategoryByCode(deps.db, code) : undefined;
  if (found) return found.id;
  if (fallback) return fallback;
  const all = listCategories(deps.db);
  return (all.find((c) => c.code === 'livelihood') ?? all[0])?.id ?? null;
}

function applyEvent(deps: RecoveryDeps, d: Data): boolean {
  const { db } = deps;
  const id = str(d.id);
  if (!id) return false;
  const existing = getEvent(db, id);
  const category = categoryId(deps, str(d.category), existing?.categoryId);
  if (!category) return false;
  const now = deps.now();
  const village = str(d.village) ? findVillageByName(db, str(d.village)!) : undefined;
  const grid = village && str(d.grid) ? findGridByName(db, village.id, str(d.grid)!) : undefined;
  const lead = str(d.leadUnit) ? findUnitByName(db, str(d.leadUnit)!) : undefined;
  const state = (str(d.state) ?? existing?.state ?? 'reported') as EventState;
  const fields = {
    id,
    serial: str(d.serial) ?? existing?.serial ?? id,
    title: str(d.title) ?? '',
    description: str(d.description) ?? '',
    categoryId: category,
    requestType: (str(d.requestType) ?? 'request') as RequestType,
    source: (str(d.source) ?? 'walk_in') as EventSource,
    priority: (str(d.priority) ?? 'normal') as Priority,
    riskColour: (str(d.riskColour) ?? 'green') as RiskColour,
    villageId: village?.id ?? null,
    gridId: grid?.id ?? null,
    address: str(d.address) ?? '',
    lat: num(d.lat),
    lng: num(d.lng),
    reporterName: str(d.reporterName),
    reporterPhone: str(d.reporterPhone),
    reportedAt: time(d.reportedAt) ?? now,
    state,
    leadUnitId: lead?.id ?? null,
    signDueAt: time(d.signDueAt),
    handleDueAt: time(d.handleDueAt),
    resolvedLevel: str(d.resolvedLevel) as ResolvedLevel | null,
    satisfaction: str(d.satisfaction) as Satisfaction | null,
    mergedInto: str(d.mergedInto),
    countyRef: str(d.countyRef),
    updatedAt: now,
  } satisfies Partial<EventRecord>;
  if (existing) {
    const closedAt = state === 'closed' ? (existing.closedAt ?? now) : null;
    saveEvent(db, { ...existing, ...fields, closedAt });
    return true;
  }
  const event: Omit<EventRecord, 'rowid'> = {
    ...initialLifecycle(now, null, fields.countyRef),
    ...fields,
    closedAt: state === 'closed' ? now : null,
  };
  const serial = /-(\d{8})-(\d+)$/.exec(event.serial);
  if (serial) raiseSerialCounter(db, serial[1]!, Number(serial[2]));
  const rowid = insertEvent(db, event);
  const text = searchableText(event);
  indexEventText(db, rowid, text, bigrams(text));
  return true;
}

function applyEventAction(deps: RecoveryDeps, d: Data): boolean {
  const { db } = deps;
  const id = str(d.id);
  const eventId = str(d.eventId);
  if (!id || !eventId || !getEvent(db, eventId)) return false;
  if (eventActionExists(db, id)) return true; // an action never changes once written
  const payload = d.payload !== null && typeof d.payload === 'object' ? (d.payload as Data) : {};
  const unit = str(d.unit) ? findUnitByName(db, str(d.unit)!) : undefined;
  const role = str(d.actorRole);
  insertTimelineEntry(db, 'event', {
    id,
    caseId: eventId,
    kind: str(d.kind) ?? 'note',
    fromState: null,
    toState: null,
    actorId: null,
    actorName: str(d.actor) ?? 'system',
    actorRole: role === 'system' ? null : role,
    unitId: unit?.id ?? null,
    note: str(d.note) ?? '',
    payload: JSON.stringify(payload),
    at: time(d.at) ?? deps.now(),
  });
  // Photos stay in the township; what the action says about them is all that can come back.
  const photos = payload.photos;
  const hashes = Array.isArray(photos) ? photos.map((p) => (typeof p === 'string' && /^[0-9a-f]{64}$/.test(p) ? p : null)) : [];
  const count = typeof photos === 'number' && photos > 0 ? Math.min(photos, 100) : hashes.length;
  for (let i = 0; i < count; i++)
    noteMissingPhoto(db, { actionId: id, eventId, position: i, sha256: hashes[i] ?? null, at: deps.now() });
  return true;
}
