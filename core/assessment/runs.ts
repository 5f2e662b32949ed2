import { periodBounds, periodKind, SchemeIndicators, type SchemeIndicator } from '../../common/assessment';
import type { ParsedInputOf, RunSummary, Scheme } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { Db } from '../../db';
import {
  getRun,
  getScheme,
  insertRun,
  latestRunOfPeriod,
  listItems,
  listValues,
  replaceScores,
  replaceValues,
  saveRun,
  type RunRecord,
  type SchemeRecord,
  type ValueRecord,
} from '../../db/queries/assessment';
import type { AggregateRow } from '../../db/queries/assessment-indicators';
import { listUnits } from '../../db/queries/org';
import { getSetting } from '../../db/queries/settings';
import { audit, requireActor, type ServiceContext } from '../context';
import { aggregateInWorker } from './run-worker';
import { baseScore, competitionRanks, compositeScore, indicatorPoints, round2 } from './scoring';

/** The setting of the minimum sample of a rate (样本不足 below it); 5 when unset. */
export const MIN_SAMPLE_SETTING = 'assessment.minSample';
export const DEFAULT_MIN_SAMPLE = 5;

export function minSampleOf(db: Db): number {
  const value = Number(getSetting(db, MIN_SAMPLE_SETTING) ?? DEFAULT_MIN_SAMPLE);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_MIN_SAMPLE;
}

export function settingsOf(scheme: SchemeRecord): SchemeIndicator[] {
  return SchemeIndicators.parse(JSON.parse(scheme.indicators));
}

export function toScheme(s: SchemeRecord): Scheme {
  return {
    ...s,
    indicators: settingsOf(s),
    source: s.source ?? 'township',
    periods: s.periods ? (JSON.parse(s.periods) as string[]) : null,
  };
}

export function runSummary(r: RunRecord): RunSummary {
  return {
    id: r.id,
    schemeId: r.schemeId,
    schemeCode: r.schemeCode,
    period: r.period,
    revision: r.revision,
    state: r.state,
    reason: r.reason,
    superseded: r.supersededBy !== null,
    computedAt: r.computedAt,
    reviewedAt: r.reviewedAt,
    publishedAt: r.publishedAt,
  };
}

export function requireScheme(db: Db, id: string): SchemeRecord {
  const scheme = getScheme(db, id);
  if (!scheme) throw new AppError('NOT_FOUND', 'That assessment scheme does not exist; reload the schemes.');
  return scheme;
}

export function requireRun(db: Db, id: string): RunRecord {
  const run = getRun(db, id);
  if (!run) throw new AppError('NOT_FOUND', 'That assessment does not exist; reload the period.');
  return run;
}

/** The units a scheme assesses. */
export function unitsOf(db: Db, scheme: SchemeRecord) {
  return listUnits(db).filter((u) => scheme.unitKinds === 'all' || u.kind === scheme.unitKinds);
}

/** A run that may still change: the newest revision of its period and not published. */
export function requireOpenRun(db: Db, id: string): RunRecord {
  const run = requireRun(db, id);
  assertOpen(run, latestRunOfPeriod(db, run.period, run.schemeCode)!);
  return run;
}

function assertOpen(run: RunRecord, latest: RunRecord): void {
  if (run.state === 'published' || latest.id !== run.id) {
    throw new AppError(
      'CONFLICT',
      `The assessment of ${run.period} (revision ${run.revision}) is published and locked. Open a new revision with a reason to change it.`,
    );
  }
}

/**
 * Composite scores and ranks from the stored indicator values and the
 * approved manual items; cheap, so every approval re-ranks at once.
 */
export function rescore(db: Db, run: RunRecord): void {
  const settings = new Map(settingsOf(requireScheme(db, run.schemeId)).map((s) => [s.key, s]));
  const values = listValues(db, run.id);
  const manual = new Map<string, number>();
  for (const item of listItems(db, run.id).filter((i) => i.state === 'approved'))
    manual.set(item.unitId, (manual.get(item.unitId) ?? 0) + (item.kind === 'bonus' ? item.points : -item.points));
  const units = [...new Set(values.map((v) => v.unitId))];
  const rows = units.map((unitId) => {
    const own = values.filter((v) => v.unitId === unitId && settings.has(v.indicator));
    const base = baseScore(own.map((v) => ({ points: v.points, weight: settings.get(v.indicator)!.weight })));
    const extra = manual.get(unitId) ?? 0;
    return { unitId, base: round2(base), manual: extra, score: round2(compositeScore(base, extra)) };
  });
  const ranks = competitionRanks(rows.map((r) => r.score));
  replaceScores(
    db,
    run.id,
    rows.map((r, i) => ({ runId: run.id, ...r, rank: ranks[i]! })),
  );
}

/** Stores the worker's aggregates as the run's indicator values. */
export function storeValues(db: Db, run: RunRecord, scheme: SchemeRecord, rows: AggregateRow[], minSample: number): number {
  const byKey = new Map(rows.map((r) => [`${r.indicator}|${r.unitId}`, r]));
  const values: ValueRecord[] = [];
  const units = unitsOf(db, scheme);
  for (const unit of units) {
    for (const setting of settingsOf(scheme)) {
      const found = byKey.get(`${setting.key}|${unit.id}`);
      const numerator = found?.num ?? 0;
      const denominator = setting.kind === 'rate' ? (found?.den ?? 0) : null;
      const { value, points } = indicatorPoints(setting, numerator, denominator);
      // Too few cases to judge a unit by: the rate is shown but earns nothing and its weight leaves the total.
      const sampleShort = denominator !== null && denominator > 0 && denominator < minSample;
      values.push({
        runId: run.id,
        unitId: unit.id,
        indicator: setting.key,
        numerator,
        denominator,
        value,
        points: sampleShort ? null : points,
        sampleShort,
      });
    }
  }
  replaceValues(db, run.id, values);
  return units.length;
}

/**
 * Computes in a worker thread, then stores the snapshot in one transaction of
 * its own (with its audit row). The router runs this job (`kind: 'job'`) outside a
 * transaction precisely so that the slow part does not hold the write lock;
 * the store re-checks the run, which may have changed while the worker counted.
 */
export async function compute(ctx: ServiceContext, input: ParsedInputOf<'assessment.compute'>): Promise<RunSummary> {
  const actor = requireActor(ctx);
  const scheme = requireScheme(ctx.db, input.schemeId);
  if (periodKind(input.period) !== scheme.periodKind) {
    throw new AppError('BAD_INPUT', `The scheme "${scheme.name}" assesses by ${scheme.periodKind}; ${input.period} is not one.`, [
      { path: 'period', message: 'wrong kind of period' },
    ]);
  }
  // A county scheme (县级方案) is for the periods the county set it for.
  if (scheme.periods && !(JSON.parse(scheme.periods) as string[]).includes(input.period))
    throw new AppError('BAD_INPUT', `The county scheme "${scheme.name}" is not set for ${input.period}.`, [
      { path: 'period', message: 'not a period of this county scheme' },
    ]);
  // The period's runs are read once; inside the transaction only the newest is checked again.
  const before = latestRunOfPeriod(ctx.db, input.period, scheme.code);
  if (before) assertOpen(before, before);
  const minSample = minSampleOf(ctx.db);
  const { start, end } = periodBounds(input.period);
  const result = await aggregateInWorker({ dbPath: ctx.db.name, keys: settingsOf(scheme).map((s) => s.key), start, end });

  return ctx.db
    .transaction(() => {
      const latest = latestRunOfPeriod(ctx.db, input.period, scheme.code);
      if (latest?.id !== before?.id || (latest && latest.state === 'published'))
        throw new AppError('CONFLICT', 'Someone changed this assessment while it was being computed; compute it again.');
      const now = ctx.now();
      const run: RunRecord = latest ?? {
        id: ctx.newId(),
        schemeId: scheme.id,
        schemeCode: scheme.code,
        period: input.period,
        revision: 1,
        state: 'draft',
        reason: '',
        totals: '{}',
        supersededBy: null,
        createdBy: actor.userId,
        createdAt: now,
        computedAt: null,
        computedBy: null,
        reviewedAt: null,
        reviewedBy: null,
        publishedAt: null,
        publishedBy: null,
      };
      if (!latest) insertRun(ctx.db, run);
      const totals = { ...result.totals, minSample };
      Object.assign(run, {
        schemeId: scheme.id,
        state: 'computed',
        totals: JSON.stringify(totals),
        computedAt: now,
        computedBy: actor.userId,
        reviewedAt: null,
        reviewedBy: null,
      });
      saveRun(ctx.db, run);
      const units = storeValues(ctx.db, run, scheme, result.rows, minSample);
      rescore(ctx.db, run);
      audit(ctx, {
        action: 'compute',
        entity: 'assessment_run',
        entityId: run.id,
        summary: {
          period: run.period,
          revision: run.revision,
          scheme: `${scheme.code} v${scheme.version}`,
          units,
          minSample,
        },
      });
      return runSummary(run);
    })
    .immediate();
}
