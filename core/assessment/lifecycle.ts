import type { ParsedInputOf, RunSummary } from '../../common/contract';
import { AppError } from '../../common/errors';
import {
  insertEvidence,
  insertItem,
  insertRun,
  listEvidence,
  listItems,
  listRunsOfPeriod,
  listScores,
  listValues,
  replaceScores,
  replaceValues,
  saveRun,
  type RunRecord,
} from '../../db/queries/assessment';
import { listUnits } from '../../db/queries/org';
import { audit, requireActor, type ServiceContext } from '../context';
import { isoChina } from '../../common/china-time';
import { enqueueChange } from '../outbox';
import { indicator } from '../../db/queries/assessment-indicators';
import { requireOpenRun, requireRun, runSummary } from './runs';

/** Computed → reviewed (审核): the numbers and every manual item have been looked at. */
export function review(ctx: ServiceContext, input: { runId: string }): RunSummary {
  const actor = requireActor(ctx);
  const run = requireOpenRun(ctx.db, input.runId);
  if (run.state !== 'computed')
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Only a computed assessment can be reviewed; this one is ${run.state}. Compute it first.`,
    );
  const pending = listItems(ctx.db, run.id).filter((i) => i.state === 'pending').length;
  if (pending > 0)
    throw new AppError(
      'CONFLICT',
      `${pending} manual item(s) still wait for the director's decision; decide them before the review.`,
    );
  Object.assign(run, { state: 'reviewed', reviewedAt: ctx.now(), reviewedBy: actor.userId });
  saveRun(ctx.db, run);
  audit(ctx, {
    action: 'review',
    entity: 'assessment_run',
    entityId: run.id,
    summary: { period: run.period, revision: run.revision },
  });
  return runSummary(run);
}

/** The `assessment_result` records of PROTOCOL.md, one per unit; indicators keyed by indicator key, manual points under `manual`. */
function resultRecords(ctx: ServiceContext, run: RunRecord): { id: string; data: Record<string, unknown> }[] {
  const names = new Map(listUnits(ctx.db).map((u) => [u.id, u.name]));
  const values = listValues(ctx.db, run.id);
  return listScores(ctx.db, run.id).map((s) => {
    const indicators: Record<string, number | null> = {};
    for (const v of values.filter((x) => x.unitId === s.unitId))
      indicators[v.indicator] =
        v.value === null ? null : indicator(v.indicator).kind === 'rate' ? Math.round(v.value * 10000) / 10000 : v.value;
    indicators.manual = s.manual;
    const id = ctx.newId();
    return {
      id,
      data: {
        id,
        schemeId: run.schemeId,
        period: run.period,
        unit: names.get(s.unitId) ?? s.unitId,
        score: s.score,
        rank: s.rank,
        indicators,
        revision: run.revision,
        publishedAt: isoChina(run.publishedAt!),
      },
    };
  });
}

/** Reviewed → published: locked, and the results go to the county in the same transaction. */
export function publish(ctx: ServiceContext, input: { runId: string }): RunSummary {
  const actor = requireActor(ctx);
  const run = requireOpenRun(ctx.db, input.runId);
  if (run.state !== 'reviewed')
    throw new AppError('ILLEGAL_TRANSITION', `Only a reviewed assessment can be published; this one is ${run.state}.`);
  Object.assign(run, { state: 'published', publishedAt: ctx.now(), publishedBy: actor.userId });
  saveRun(ctx.db, run);
  for (const older of listRunsOfPeriod(ctx.db, run.period, run.schemeCode))
    if (older.id !== run.id && older.state === 'published' && older.supersededBy === null)
      saveRun(ctx.db, { ...older, supersededBy: run.id });
  const records = resultRecords(ctx, run);
  for (const r of records) enqueueChange(ctx, 'assessment_result', r.id, r.data);
  audit(ctx, {
    action: 'publish',
    entity: 'assessment_run',
    entityId: run.id,
    summary: { period: run.period, revision: run.revision, results: records.length },
  });
  return runSummary(run);
}

/**
 * A change after publishing: a new revision (draft) starting from the
 * published numbers and manual items; the published one stays readable and is
 * superseded only when the revision is published.
 */
export function revise(ctx: ServiceContext, input: ParsedInputOf<'assessment.revise'>): RunSummary {
  const actor = requireActor(ctx);
  const old = requireRun(ctx.db, input.runId);
  const latest = listRunsOfPeriod(ctx.db, old.period, old.schemeCode)[0]!;
  if (old.state !== 'published' || latest.id !== old.id)
    throw new AppError(
      'ILLEGAL_TRANSITION',
      'Only the newest published assessment can be revised; an unpublished one can simply be changed.',
    );
  const now = ctx.now();
  const run: RunRecord = {
    ...old,
    id: ctx.newId(),
    revision: old.revision + 1,
    state: 'draft',
    reason: input.reason,
    supersededBy: null,
    createdBy: actor.userId,
    createdAt: now,
    reviewedAt: null,
    reviewedBy: null,
    publishedAt: null,
    publishedBy: null,
  };
  insertRun(ctx.db, run);
  replaceValues(
    ctx.db,
    run.id,
    listValues(ctx.db, old.id).map((v) => ({ ...v, runId: run.id })),
  );
  replaceScores(
    ctx.db,
    run.id,
    listScores(ctx.db, old.id).map((s) => ({ ...s, runId: run.id })),
  );
  for (const item of listItems(ctx.db, old.id)) {
    const id = ctx.newId();
    insertItem(ctx.db, { ...item, id, runId: run.id });
    for (const e of listEvidence(ctx.db, item.id)) insertEvidence(ctx.db, { ...e, id: ctx.newId(), itemId: id });
  }
  audit(ctx, {
    action: 'revise',
    entity: 'assessment_run',
    entityId: run.id,
    summary: { period: run.period, revision: run.revision, from: old.revision, reason: input.reason },
  });
  return runSummary(run);
}
