import type { CampaignDetail, CampaignRow, OrderDraft } from '../../common/contract';
import { CAMPAIGN_ACTIONS } from '../../common/campaigns';
import { AppError } from '../../common/errors';
import {
  campaignEventCounts,
  lastReportAt,
  latestFigures,
  listCampaignTasks,
  listCampaignUnitIds,
  listCampaigns,
  listTargets,
  type CampaignRecord,
} from '../../db/queries/campaigns';
import { getUnit } from '../../db/queries/org';
import { caseTimeline } from '../case-file/timeline';
import { requireActor, type ServiceContext } from '../context';
import { campaignRefusal, requireCampaign } from './campaigns';

const DAY = 86_400_000;
const unitName = (ctx: ServiceContext, id: string) => getUnit(ctx.db, id)?.name ?? id;

function toRow(ctx: ServiceContext, c: CampaignRecord): CampaignRow {
  return {
    id: c.id,
    name: c.name,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    leadUnitName: unitName(ctx, c.leadUnitId),
    state: c.state,
  };
}

/** Unit handlers see the campaigns their unit takes part in; the room and assessors see all. */
export function list(ctx: ServiceContext): CampaignRow[] {
  const actor = requireActor(ctx);
  return listCampaigns(ctx.db)
    .filter((c) => actor.role !== 'unit_handler' || listCampaignUnitIds(ctx.db, c.id).includes(actor.unitId ?? ''))
    .map((c) => toRow(ctx, c));
}

/** Share of the campaign's period gone by at `now`, 0–1. */
export function elapsedShare(c: CampaignRecord, now: number): number {
  return Math.min(1, Math.max(0, (now - c.startsAt) / (c.endsAt - c.startsAt)));
}

/**
 * One campaign with its figures. A count target's actual is the sum of each
 * unit's latest reported figure; a percentage target's (unit `%`) is their
 * average. A unit lags when it has an overdue task or, on a count target, its
 * latest figure is below its even share of the goal for the time gone by.
 */
export function get(ctx: ServiceContext, input: { id: string }): CampaignDetail {
  const actor = requireActor(ctx);
  const c = requireCampaign(ctx, input.id);
  const unitIds = listCampaignUnitIds(ctx.db, c.id);
  if (actor.role === 'unit_handler' && !unitIds.includes(actor.unitId ?? ''))
    throw new AppError('FORBIDDEN', 'Your unit does not take part in this campaign.');
  const now = ctx.now();
  const targets = listTargets(ctx.db, c.id);
  const figures = latestFigures(ctx.db, c.id);
  const valueOf = (unitId: string, targetId: string) =>
    figures.find((f) => f.unitId === unitId && f.targetId === targetId)?.value ?? 0;
  const tasks = listCampaignTasks(ctx.db, c.id);
  const reports = lastReportAt(ctx.db, c.id);
  const elapsed = elapsedShare(c, now);
  const shortfalls = new Map<string, string[]>();
  const units = unitIds.map((unitId) => {
    const overdueTasks = tasks.filter((t) => t.unitId === unitId && t.doneAt === null && now > t.dueAt).length;
    const short = targets
      .filter((t) => t.unit !== '%')
      .map((t) => ({ t, value: valueOf(unitId, t.id), expected: (t.goal / unitIds.length) * elapsed }))
      .filter((x) => x.value < x.expected)
      .map((x) => `${x.t.label}已完成${x.value}${x.t.unit}，按进度应达${Math.ceil(x.expected)}${x.t.unit}`);
    if (overdueTasks) short.push(`${overdueTasks}项任务逾期未完成`);
    if (short.length) shortfalls.set(unitId, short);
    return {
      unitId,
      unitName: unitName(ctx, unitId),
      lastReportAt: reports.find((r) => r.unitId === unitId)?.at ?? null,
      overdueTasks,
      lagging: c.state === 'running' && short.length > 0,
    };
  });
  const chase: OrderDraft[] =
    c.state === 'running'
      ? units
          .filter((u) => u.lagging)
          .map((u) => ({
            strength: 'chase',
            colour: 'blue',
            targetKind: 'unit',
            targetId: u.unitId,
            targetLabel: u.unitName,
            unitIds: [u.unitId],
            problem: `${c.name}中，${shortfalls.get(u.unitId)!.join('；')}。`,
            requirements: '请加快推进，于三日内报送整改进度。',
            dueAt: now + 3 * DAY,
          }))
      : [];
  return {
    ...toRow(ctx, c),
    leadUnitId: c.leadUnitId,
    units,
    targets: targets.map((t) => {
      const perUnit = unitIds.map((unitId) => ({ unitId, unitName: unitName(ctx, unitId), value: valueOf(unitId, t.id) }));
      const reported = perUnit.filter((p) => figures.some((f) => f.unitId === p.unitId && f.targetId === t.id));
      const actual =
        t.unit === '%'
          ? reported.length
            ? reported.reduce((s, p) => s + p.value, 0) / reported.length
            : 0
          : perUnit.reduce((s, p) => s + p.value, 0);
      return { id: t.id, label: t.label, unit: t.unit, goal: t.goal, actual, perUnit };
    }),
    events: campaignEventCounts(ctx.db, c.id),
    tasks: tasks.map((t) => ({
      id: t.id,
      unitId: t.unitId,
      unitName: unitName(ctx, t.unitId),
      title: t.title,
      dueAt: t.dueAt,
      doneAt: t.doneAt,
      overdue: t.doneAt === null && now > t.dueAt,
    })),
    chase,
    timeline: caseTimeline(ctx.db, 'campaign', c.id, (id) => (id ? unitName(ctx, id) : null)),
    allowedActions: CAMPAIGN_ACTIONS.filter((a) => campaignRefusal(a, actor, c, unitIds) === null),
  };
}
