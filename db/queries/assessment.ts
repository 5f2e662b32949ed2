import type { IndicatorKey, PeriodKind, RunState, UnitGroup } from '../../common/assessment';
import type { Db } from '../open';
import { sql } from '../statements';

export interface SchemeRecord {
  id: string;
  code: string;
  version: number;
  name: string;
  periodKind: PeriodKind;
  unitKinds: UnitGroup;
  /** JSON of SchemeIndicator[] (common/assessment.ts). */
  indicators: string;
  note: string;
  createdBy: string | null;
  createdAt: number;
  /** 县级方案: sent by the county (reference_data), read-only here. Absent on insert: the township's own. */
  source?: 'township' | 'county';
  /** JSON list of the periods a county scheme is for; null for any period of its kind. */
  periods?: string | null;
}

const SCHEME_COLUMNS = `id, code, version, name, period_kind AS periodKind, unit_kinds AS unitKinds, indicators, note,
  created_by AS createdBy, created_at AS createdAt, source, periods`;

export function insertScheme(db: Db, s: SchemeRecord): void {
  sql(
    db,
    `INSERT INTO assessment_schemes (id, code, version, name, period_kind, unit_kinds, indicators, note, created_by, created_at)
     VALUES (@id, @code, @version, @name, @periodKind, @unitKinds, @indicators, @note, @createdBy, @createdAt)`,
  ).run(s);
}

export function getScheme(db: Db, id: string): SchemeRecord | undefined {
  return sql<SchemeRecord>(db, `SELECT ${SCHEME_COLUMNS} FROM assessment_schemes WHERE id = ?`).get(id);
}

/** Every version of every scheme, newest version first within a family. */
export function listSchemes(db: Db): SchemeRecord[] {
  return sql<SchemeRecord>(db, `SELECT ${SCHEME_COLUMNS} FROM assessment_schemes ORDER BY code, version DESC`).all();
}

export function latestSchemeVersion(db: Db, code: string): number {
  return sql<{ v: number }>(db, 'SELECT coalesce(max(version), 0) AS v FROM assessment_schemes WHERE code = ?').get(code)!.v;
}

export function countSchemes(db: Db): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM assessment_schemes').get()!.n;
}

export interface RunRecord {
  id: string;
  schemeId: string;
  schemeCode: string;
  period: string;
  revision: number;
  state: RunState;
  reason: string;
  /** JSON of PeriodTotals. */
  totals: string;
  supersededBy: string | null;
  createdBy: string | null;
  createdAt: number;
  computedAt: number | null;
  computedBy: string | null;
  reviewedAt: number | null;
  reviewedBy: string | null;
  publishedAt: number | null;
  publishedBy: string | null;
}

const RUN_COLUMNS = `id, scheme_id AS schemeId, scheme_code AS schemeCode, period, revision, state, reason, totals,
  superseded_by AS supersededBy, created_by AS createdBy, created_at AS createdAt, computed_at AS computedAt,
  computed_by AS computedBy, reviewed_at AS reviewedAt, reviewed_by AS reviewedBy, published_at AS publishedAt,
  published_by AS publishedBy`;

export function insertRun(db: Db, r: RunRecord): void {
  sql(
    db,
    `INSERT INTO assessment_runs (id, scheme_id, scheme_code, period, revision, state, reason, totals, superseded_by,
       created_by, created_at, computed_at, computed_by, reviewed_at, reviewed_by, published_at, published_by)
     VALUES (@id, @schemeId, @schemeCode, @period, @revision, @state, @reason, @totals, @supersededBy,
       @createdBy, @createdAt, @computedAt, @computedBy, @reviewedAt, @reviewedBy, @publishedAt, @publishedBy)`,
  ).run(r);
}

export function saveRun(db: Db, r: RunRecord): void {
  sql(
    db,
    `UPDATE assessment_runs SET scheme_id = @schemeId, state = @state, reason = @reason, totals = @totals,
       superseded_by = @supersededBy, computed_at = @computedAt, computed_by = @computedBy, reviewed_at = @reviewedAt,
       reviewed_by = @reviewedBy, published_at = @publishedAt, published_by = @publishedBy
     WHERE id = @id`,
  ).run(r);
}

export function getRun(db: Db, id: string): RunRecord | undefined {
  return sql<RunRecord>(db, `SELECT ${RUN_COLUMNS} FROM assessment_runs WHERE id = ?`).get(id);
}

/** Every revision of a scheme family's period, newest first. */
export function listRunsOfPeriod(db: Db, period: string, schemeCode: string): RunRecord[] {
  return sql<RunRecord>(
    db,
    `SELECT ${RUN_COLUMNS} FROM assessment_runs WHERE period = ? AND scheme_code = ? ORDER BY revision DESC`,
  ).all(period, schemeCode);
}

/** The newest revision of a scheme family's period, if any. */
export function latestRunOfPeriod(db: Db, period: string, schemeCode: string): RunRecord | undefined {
  return sql<RunRecord>(
    db,
    `SELECT ${RUN_COLUMNS} FROM assessment_runs WHERE period = ? AND scheme_code = ? ORDER BY revision DESC LIMIT 1`,
  ).get(period, schemeCode);
}

export interface ScoreRecord {
  runId: string;
  unitId: string;
  base: number;
  manual: number;
  score: number;
  rank: number;
}

export function replaceScores(db: Db, runId: string, scores: ScoreRecord[]): void {
  sql(db, 'DELETE FROM assessment_scores WHERE run_id = ?').run(runId);
  const insert = sql(
    db,
    'INSERT INTO assessment_scores (run_id, unit_id, base, manual, score, rank) VALUES (@runId, @unitId, @base, @manual, @score, @rank)',
  );
  for (const s of scores) insert.run(s);
}

export function listScores(db: Db, runId: string): ScoreRecord[] {
  return sql<ScoreRecord>(
    db,
    'SELECT run_id AS runId, unit_id AS unitId, base, manual, score, rank FROM assessment_scores WHERE run_id = ?',
  ).all(runId);
}

/** The average composite score of a run (the trend line), null for a run without scores. */
export function averageScore(db: Db, runId: string): number | null {
  return (
    sql<{ avg: number | null }>(db, 'SELECT avg(score) AS avg FROM assessment_scores WHERE run_id = ?').get(runId)?.avg ?? null
  );
}

export interface ValueRecord {
  runId: string;
  unitId: string;
  indicator: IndicatorKey;
  numerator: number;
  denominator: number | null;
  value: number | null;
  points: number | null;
  /** A rate with fewer cases than the minimum sample: shown as 样本不足, left out of the weight. */
  sampleShort: boolean;
}

export function replaceValues(db: Db, runId: string, values: ValueRecord[]): void {
  sql(db, 'DELETE FROM assessment_values WHERE run_id = ?').run(runId);
  const insert = sql(
    db,
    `INSERT INTO assessment_values (run_id, unit_id, indicator, numerator, denominator, value, points, sample_short)
     VALUES (@runId, @unitId, @indicator, @numerator, @denominator, @value, @points, @sampleShort)`,
  );
  for (const v of values) insert.run({ ...v, sampleShort: v.sampleShort ? 1 : 0 });
}

type StoredValue = Omit<ValueRecord, 'sampleShort'> & { sampleShort: number };

export function listValues(db: Db, runId: string, unitId?: string): ValueRecord[] {
  const columns = `run_id AS runId, unit_id AS unitId, indicator, numerator, denominator, value, points, sample_short AS sampleShort
    FROM assessment_values WHERE run_id = ?`;
  const rows = unitId
    ? sql<StoredValue>(db, `SELECT ${columns} AND unit_id = ?`).all(runId, unitId)
    : sql<StoredValue>(db, `SELECT ${columns}`).all(runId);
  return rows.map((v) => ({ ...v, sampleShort: v.sampleShort === 1 }));
}

export interface ItemRecord {
  id: string;
  runId: string;
  unitId: string;
  kind: 'bonus' | 'deduction';
  points: number;
  reason: string;
  state: 'pending' | 'approved' | 'refused';
  createdBy: string;
  createdAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionNote: string | null;
}

const ITEM_COLUMNS = `id, run_id AS runId, unit_id AS unitId, kind, points, reason, state, created_by AS createdBy,
  created_at AS createdAt, decided_by AS decidedBy, decided_at AS decidedAt, decision_note AS decisionNote`;

export function insertItem(db: Db, i: ItemRecord): void {
  sql(
    db,
    `INSERT INTO assessment_items (id, run_id, unit_id, kind, points, reason, state, created_by, created_at, decided_by, decided_at, decision_note)
     VALUES (@id, @runId, @unitId, @kind, @points, @reason, @state, @createdBy, @createdAt, @decidedBy, @decidedAt, @decisionNote)`,
  ).run(i);
}

export function decideItem(
  db: Db,
  id: string,
  d: { state: 'approved' | 'refused'; by: string; at: number; note: string | null },
): void {
  sql(
    db,
    'UPDATE assessment_items SET state = @state, decided_by = @by, decided_at = @at, decision_note = @note WHERE id = @id',
  ).run({
    id,
    ...d,
  });
}

export function getItem(db: Db, id: string): ItemRecord | undefined {
  return sql<ItemRecord>(db, `SELECT ${ITEM_COLUMNS} FROM assessment_items WHERE id = ?`).get(id);
}

export function listItems(db: Db, runId: string): ItemRecord[] {
  return sql<ItemRecord>(db, `SELECT ${ITEM_COLUMNS} FROM assessment_items WHERE run_id = ? ORDER BY unit_id, created_at`).all(
    runId,
  );
}

export interface EvidenceRecord {
  id: string;
  itemId: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  at: number;
}

export function insertEvidence(db: Db, e: EvidenceRecord): void {
  sql(
    db,
    'INSERT INTO assessment_evidence (id, item_id, sha256, name, mime, size, at) VALUES (@id, @itemId, @sha256, @name, @mime, @size, @at)',
  ).run(e);
}

export function listEvidence(db: Db, itemId: string): EvidenceRecord[] {
  return sql<EvidenceRecord>(
    db,
    'SELECT id, item_id AS itemId, sha256, name, mime, size, at FROM assessment_evidence WHERE item_id = ? ORDER BY at',
  ).all(itemId);
}

export function getEvidence(db: Db, id: string): EvidenceRecord | undefined {
  return sql<EvidenceRecord>(
    db,
    'SELECT id, item_id AS itemId, sha256, name, mime, size, at FROM assessment_evidence WHERE id = ?',
  ).get(id);
}

// Assignment history (0011): the director's judgment on a return --------------------------

export interface ReturnedAssignmentRecord {
  id: number;
  eventId: string;
  unitId: string;
  dispatchedAt: number;
  returnedAt: number;
  returnVerdict: 'justified' | 'unjustified' | null;
}

/** The returned lead assignment of a unit on an event, dispatched at `dispatchedAt`. */
export function findReturnedAssignment(
  db: Db,
  eventId: string,
  unitId: string,
  dispatchedAt: number,
): ReturnedAssignmentRecord | undefined {
  return sql<ReturnedAssignmentRecord>(
    db,
    `SELECT id, event_id AS eventId, unit_id AS unitId, dispatched_at AS dispatchedAt, returned_at AS returnedAt,
       return_verdict AS returnVerdict
     FROM event_assignments WHERE event_id = ? AND unit_id = ? AND dispatched_at = ? AND role = 'lead'
       AND returned_at IS NOT NULL`,
  ).get(eventId, unitId, dispatchedAt);
}

export function setReturnVerdict(db: Db, id: number, v: { verdict: 'justified' | 'unjustified'; at: number; by: string }): void {
  sql(db, 'UPDATE event_assignments SET return_verdict = @verdict, verdict_at = @at, verdict_by = @by WHERE id = @id').run({
    id,
    ...v,
  });
}
