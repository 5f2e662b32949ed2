import { previousPeriod } from '../../common/assessment';
import type { ParsedInputOf, RankingRow, RevisionChange, RunView } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { Db } from '../../db';
import { listRunsOfPeriod, listScores, listValues, type RunRecord } from '../../db/queries/assessment';
import type { PeriodTotals } from '../../db/queries/assessment-indicators';
import { listUnits } from '../../db/queries/org';
import { requireActor, type ServiceContext } from '../context';
import { runActions } from './allowed';
import { trend } from './analysis';
import { listItemsOfRun } from './items';
import { requireScheme, runSummary, settingsOf, toScheme } from './runs';

/** The run to compare with: the previous period's published result, else its newest computed one. */
function previousRun(db: Db, run: RunRecord): RunRecord | undefined {
  const runs = listRunsOfPeriod(db, previousPeriod(run.period), run.schemeCode);
  return (
    runs.find((r) => r.state === 'published' && r.supersededBy === null) ??
    runs.find((r) => r.state !== 'draft' || r.computedAt !== null)
  );
}

/**
 * What a revision changed: every unit × indicator whose numbers differ from
 * the revision before it. As every indicator reads the facts as of the
 * period's end, a difference means a fact about the period was corrected
 * (e.g. a return judged afterwards).
 */
function revisionChanges(db: Db, runs: RunRecord[], run: RunRecord): RevisionChange[] {
  const previous = runs.find((r) => r.revision === run.revision - 1);
  if (!previous) return [];
  const key = (v: { unitId: string; indicator: string }) => `${v.unitId}|${v.indicator}`;
  const before = new Map(listValues(db, previous.id).map((v) => [key(v), v]));
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  return listValues(db, run.id)
    .filter((v) => {
      const old = before.get(key(v));
      return !old || old.numerator !== v.numerator || old.denominator !== v.denominator;
    })
    .map((v) => {
      const old = before.get(key(v));
      return {
        unitId: v.unitId,
        unitName: names.get(v.unitId) ?? v.unitId,
        indicator: v.indicator,
        before: old ? { numerator: old.numerator, denominator: old.denominator } : null,
        after: { numerator: v.numerator, denominator: v.denominator },
      };
    });
}

export function rankingOf(db: Db, run: RunRecord): RankingRow[] {
  const scheme = requireScheme(db, run.schemeId);
  const weights = new Map(settingsOf(scheme).map((s) => [s.key, s.weight]));
  const order = new Map(settingsOf(scheme).map((s, i) => [s.key, i]));
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const previous = previousRun(db, run);
  const before = new Map(previous ? listScores(db, previous.id).map((s) => [s.unitId, s]) : []);
  const values = listValues(db, run.id);
  return listScores(db, run.id)
    .map((s) => ({
      unitId: s.unitId,
      unitName: names.get(s.unitId) ?? s.unitId,
      base: s.base,
      manual: s.manual,
      score: s.score,
      rank: s.rank,
      previousScore: before.get(s.unitId)?.score ?? null,
      previousRank: before.get(s.unitId)?.rank ?? null,
      values: values
        .filter((v) => v.unitId === s.unitId)
        .sort((a, b) => (order.get(a.indicator) ?? 99) - (order.get(b.indicator) ?? 99))
        .map((v) => ({
          indicator: v.indicator,
          numerator: v.numerator,
          denominator: v.denominator,
          value: v.value,
          points: v.points,
          sampleShort: v.sampleShort,
          weight: weights.get(v.indicator) ?? 0,
        })),
    }))
    .sort((a, b) => a.rank - b.rank || a.unitName.localeCompare(b.unitName, 'zh-CN'));
}

export function view(ctx: ServiceContext, input: ParsedInputOf<'assessment.view'>): RunView | null {
  const actor = requireActor(ctx);
  const runs = listRunsOfPeriod(ctx.db, input.period, input.schemeCode);
  const run = input.revision === undefined ? runs[0] : runs.find((r) => r.revision === input.revision);
  if (!run) {
    if (input.revision !== undefined)
      throw new AppError('NOT_FOUND', `There is no revision ${input.revision} of ${input.period}.`);
    return null;
  }
  const totals = JSON.parse(run.totals) as Partial<PeriodTotals> & { minSample?: number };
  const result: RunView = {
    run: runSummary(run),
    scheme: toScheme(requireScheme(ctx.db, run.schemeId)),
    revisions: runs.map(runSummary),
    previousPeriod: previousPeriod(run.period),
    ranking: rankingOf(ctx.db, run),
    items: listItemsOfRun(ctx.db, run.id),
    received: totals.received ?? 0,
    minSample: totals.minSample ?? 0,
    changes: revisionChanges(ctx.db, runs, run),
    allowedActions: runActions(actor.role, run, runs[0]!),
    trend: [],
  };
  result.trend = trend(ctx.db, result).map((p) => ({
    period: p.period,
    average: p.average,
    closedOnTime: p.rates.closed_on_time ?? null,
    closure: p.rates.closure ?? null,
    satisfaction: p.rates.satisfaction ?? null,
  }));
  return result;
}
