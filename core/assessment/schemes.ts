import { INDICATOR_KEYS, LOWER_IS_BETTER, periodBounds } from '../../common/assessment';
import type { IndicatorInfo, OutputOf, ParsedInputOf, Scheme } from '../../common/contract';
import { AppError } from '../../common/errors';
import { insertScheme, latestSchemeVersion, listSchemes } from '../../db/queries/assessment';
import { isCountyScheme } from '../../db/queries/sync-schemes';
import { indicatorEvidence, INDICATORS } from '../../db/queries/assessment-indicators';
import { audit, requireActor, type ServiceContext } from '../context';
import { periodActions } from './allowed';
import { requireRun, toScheme } from './runs';

export function indicatorInfo(): IndicatorInfo[] {
  return INDICATORS.map((d) => ({
    key: d.key,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    kind: d.kind,
    lowerIsBetter: LOWER_IS_BETTER.includes(d.key),
    definitionZh: d.definitionZh,
    definitionEn: d.definitionEn,
    refKind: d.refKind,
  }));
}

export function schemes(ctx: ServiceContext): OutputOf<'assessment.schemes'> {
  const actor = requireActor(ctx);
  return { schemes: listSchemes(ctx.db).map(toScheme), indicators: indicatorInfo(), allowedActions: periodActions(actor.role) };
}

/** Saving never edits a version in place: runs computed with it must stay explainable. */
export function saveScheme(ctx: ServiceContext, input: ParsedInputOf<'assessment.saveScheme'>): Scheme {
  const actor = requireActor(ctx);
  const code = input.code ?? `scheme-${ctx.newId().slice(-12)}`;
  const previous = latestSchemeVersion(ctx.db, code);
  if (input.code && previous === 0)
    throw new AppError('NOT_FOUND', `There is no scheme "${input.code}" to save a new version of.`);
  if (input.code && isCountyScheme(ctx.db, input.code))
    throw new AppError(
      'NOT_OWNER',
      'This is a county scheme (县级方案): only the county changes it; save a copy under a new name instead.',
    );
  const record = {
    id: ctx.newId(),
    code,
    version: previous + 1,
    name: input.name,
    periodKind: input.periodKind,
    unitKinds: input.unitKinds,
    indicators: JSON.stringify(input.indicators),
    note: input.note,
    createdBy: actor.userId,
    createdAt: ctx.now(),
  };
  insertScheme(ctx.db, record);
  audit(ctx, {
    action: 'save_scheme',
    entity: 'assessment_scheme',
    entityId: record.id,
    summary: { code, version: record.version, name: input.name, indicators: input.indicators.map((i) => `${i.key}:${i.weight}`) },
  });
  return toScheme(record);
}

export function evidence(ctx: ServiceContext, input: ParsedInputOf<'assessment.evidence'>): OutputOf<'assessment.evidence'> {
  const run = requireRun(ctx.db, input.runId);
  if (!INDICATOR_KEYS.includes(input.indicator)) throw new AppError('NOT_FOUND', 'Unknown indicator.');
  const { start, end } = periodBounds(run.period);
  const rows = indicatorEvidence(ctx.db, input.indicator, {
    start,
    end,
    unit: input.unitId,
    limit: input.limit + 1,
    offset: input.offset,
  });
  return {
    refKind: INDICATORS.find((d) => d.key === input.indicator)!.refKind,
    rows: rows.slice(0, input.limit).map((r) => ({ ...r, hit: Boolean(r.hit) })),
    more: rows.length > input.limit,
  };
}
