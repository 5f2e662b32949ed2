import { INDICATOR_KEYS, type IndicatorKey } from '../../common/assessment';
import { ORDER_COLOURS, ORDER_STATES, ORDER_STRENGTHS, ORDER_TARGETS } from '../../common/supervision';
import { getScheme, insertRun, listRunsOfPeriod, saveRun } from '../../db/queries/assessment';
import { findUnitByName } from '../../db/queries/org';
import { getSyncState, saveDailyFigures, setFiguresSentThrough } from '../../db/queries/sync';
import { findOrderByCountyRef, getOrder, insertAnswer, insertOrder, serialTaken } from '../../db/queries/supervision';
import {
  answerExists,
  findRunByRevision,
  recoveryUserId,
  replaceOrderUnits,
  updateRecoveredAnswer,
  updateRecoveredOrder,
  upsertRecoveredScore,
  upsertRecoveredValue,
} from '../../db/queries/sync-recovery';
import { workingCalendar } from '../calendar/cache';
import { yellowMoment } from '../calendar/event-deadlines';
import type { RecoveryDeps } from './recovery';

/**
 * Supervision orders, their answers and assessment results taken back from
 * the county after a restore (PROTOCOL.md `recover`). Records are whole: an
 * upsert replaces the restored backup's older state. A record that cannot be
 * rebuilt here (its order, unit or scheme is unknown to the restored
 * database) returns false and stays in `sync_recovered` for the admin.
 */

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const time = (v: unknown): number | null => {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : null;
};
const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | null =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null;

export function applyRecoveredOrder(deps: RecoveryDeps, d: Data): boolean {
  const { db } = deps;
  const id = str(d.id);
  const serial = str(d.serial);
  const target = d.target !== null && typeof d.target === 'object' ? (d.target as Data) : {};
  const strength = oneOf(d.strength, ORDER_STRENGTHS);
  const colour = oneOf(d.colour, ORDER_COLOURS);
  const targetKind = oneOf(target.kind, ORDER_TARGETS);
  const targetId = str(target.id);
  const state = oneOf(d.state, ORDER_STATES);
  const dueAt = time(d.dueAt);
  const issuedAt = time(d.issuedAt);
  if (!id || !serial || !strength || !colour || !targetKind || !targetId || !state || dueAt === null || issuedAt === null)
    return false;
  const units = Array.isArray(d.units) ? d.units.map((n) => (typeof n === 'string' ? findUnitByName(db, n)?.id : undefined)) : [];
  if (units.some((u) => u === undefined)) return false;
  const closedAt = state === 'accepted' || state === 'rejected' ? deps.now() : null;
  const fields = {
    id,
    strength,
    colour,
    targetKind,
    targetId,
    problem: str(d.problem) ?? '',
    requirements: str(d.requirements) ?? '',
    dueAt,
    issuedAt,
    issuerName: str(d.issuedBy) ?? '',
    state,
    closedAt,
  };
  if (getOrder(db, id)) updateRecoveredOrder(db, fields);
  else {
    // 督〔2026〕12号: the serial carries the year and number the unique key is made of.
    const m = /(\d{4})\D+(\d+)\D*$/.exec(serial);
    if (!m || serialTaken(db, serial)) return false;
    insertOrder(db, {
      ...fields,
      serial,
      year: Number(m[1]),
      number: Number(m[2]),
      issuedBy: null,
      previousId: null,
      source: 'township',
      countyRef: null,
      yellowAt: dueAt > issuedAt ? yellowMoment(workingCalendar(db), false, issuedAt, dueAt) : dueAt,
    });
  }
  replaceOrderUnits(db, id, units as string[]);
  return true;
}

export function applyRecoveredAnswer(deps: RecoveryDeps, d: Data): boolean {
  const { db } = deps;
  const id = str(d.id);
  const orderRef = str(d.orderId);
  const unitName = str(d.unit);
  const at = time(d.at);
  if (!id || !orderRef || !unitName || at === null) return false;
  // An answer to a county order names the order by the county's id.
  const order = getOrder(db, orderRef) ?? findOrderByCountyRef(db, orderRef);
  const unit = findUnitByName(db, unitName);
  if (!order || !unit) return false;
  const decision = d.accepted === true ? 'accepted' : d.accepted === false ? 'rejected' : null;
  const fields = {
    id,
    unitId: unit.id,
    text: str(d.text) ?? '',
    answeredAt: at,
    late: at > order.dueAt ? 1 : 0,
    decision,
  } as const;
  if (answerExists(db, id)) {
    updateRecoveredAnswer(db, fields);
    return true;
  }
  const user = recoveryUserId(db);
  if (!user) return false;
  insertAnswer(db, {
    ...fields,
    orderId: order.id,
    answeredBy: user,
    decidedBy: null,
    decidedAt: decision ? at : null,
    decisionNote: decision ? '从县级中心恢复' : null,
  });
  return true;
}

export function applyRecoveredResult(deps: RecoveryDeps, d: Data): boolean {
  const { db } = deps;
  const schemeId = str(d.schemeId);
  const period = str(d.period);
  const unitName = str(d.unit);
  const score = num(d.score);
  const rank = num(d.rank);
  const revision = num(d.revision);
  const publishedAt = time(d.publishedAt);
  if (!schemeId || !period || !unitName || score === null || rank === null || revision === null || publishedAt === null)
    return false;
  const scheme = getScheme(db, schemeId);
  const unit = findUnitByName(db, unitName);
  if (!scheme || !unit) return false;
  let runId = findRunByRevision(db, scheme.code, period, revision);
  if (!runId) {
    runId = `recovered-${scheme.code}-${period}-${revision}`;
    insertRun(db, {
      id: runId,
      schemeId,
      schemeCode: scheme.code,
      period,
      revision,
      state: 'published',
      reason: '从县级中心恢复',
      totals: '{}',
      supersededBy: null,
      createdBy: null,
      createdAt: publishedAt,
      computedAt: publishedAt,
      computedBy: null,
      reviewedAt: publishedAt,
      reviewedBy: null,
      publishedAt,
      publishedBy: null,
    });
    for (const older of listRunsOfPeriod(db, period, scheme.code))
      if (older.revision < revision && older.state === 'published' && older.supersededBy === null)
        saveRun(db, { ...older, supersededBy: runId });
  }
  upsertRecoveredScore(db, { runId, unitId: unit.id, score, rank });
  const indicators = d.indicators !== null && typeof d.indicators === 'object' ? (d.indicators as Data) : {};
  for (const [key, value] of Object.entries(indicators))
    if ((INDICATOR_KEYS as readonly string[]).includes(key) && num(value) !== null)
      upsertRecoveredValue(db, { runId, unitId: unit.id, indicator: key as IndicatorKey, value: value as number });
  return true;
}

/** Figures the county holds count as sent: the township re-sends a day only when its own figures for it change. */
export function applyRecoveredFigures(deps: RecoveryDeps, d: Data): boolean {
  const date = str(d.date);
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  saveDailyFigures(deps.db, date, JSON.stringify(d), deps.now());
  const through = getSyncState(deps.db).figuresSentThrough;
  if (!through || through < date) setFiguresSentThrough(deps.db, date);
  return true;
}
