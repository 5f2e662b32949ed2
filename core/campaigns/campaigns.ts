import type { ParsedInputOf } from '../../common/contract';
import { CAMPAIGN_TRANSITIONS, type CampaignAction, type CampaignState } from '../../common/campaigns';
import { AppError } from '../../common/errors';
import {
  campaignOfEvent,
  completeCampaignTask,
  getCampaign,
  getCampaignTask,
  insertCampaign,
  insertCampaignTask,
  insertCampaignUnit,
  insertReport,
  insertReportFigure,
  insertTarget,
  listCampaignUnitIds,
  listTargets,
  setCampaignState,
  tagEvent as tagEventRow,
  type CampaignRecord,
} from '../../db/queries/campaigns';
import { getEvent } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { recordCampaignChange } from './case-file';

export function requireCampaign(ctx: ServiceContext, id: string): CampaignRecord {
  const c = getCampaign(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND', 'That campaign does not exist. Reload the list of campaigns.');
  return c;
}

const STATE_WORDS: Record<CampaignState, string> = {
  planned: '未启动 (planned)',
  running: '进行中 (running)',
  closed: '已结束 (closed)',
};

/** Why this actor may not make this move now (for `unitId`, the unit concerned), or null. */
export function campaignRefusal(
  action: CampaignAction,
  actor: Actor,
  c: CampaignRecord,
  unitIds: string[],
  unitId: string | null = null,
): AppError | null {
  const t = CAMPAIGN_TRANSITIONS[action];
  if (!t.roles.includes(actor.role))
    return new AppError('FORBIDDEN', `Your role (${actor.role}) may not ${action.replace('_', ' ')} on campaigns.`);
  if (actor.role === 'unit_handler') {
    if (!actor.unitId || !unitIds.includes(actor.unitId))
      return new AppError('FORBIDDEN', 'Your unit does not take part in this campaign.');
    if (unitId !== null && unitId !== actor.unitId)
      return new AppError('FORBIDDEN', 'A unit reports and finishes only its own work.');
  }
  if (!t.from.includes(c.state))
    return new AppError(
      'ILLEGAL_TRANSITION',
      `The campaign “${c.name}” is ${STATE_WORDS[c.state]}; that cannot be done now. Reload it.`,
    );
  return null;
}

function check(ctx: ServiceContext, action: CampaignAction, c: CampaignRecord, unitId: string | null = null): Actor {
  const actor = requireActor(ctx);
  const refused = campaignRefusal(action, actor, c, listCampaignUnitIds(ctx.db, c.id), unitId);
  if (refused) throw refused;
  return actor;
}

export function create(ctx: ServiceContext, input: ParsedInputOf<'campaigns.create'>): { id: string } {
  const actor = requireActor(ctx);
  const unitIds = [...new Set([input.leadUnitId, ...input.unitIds])];
  for (const id of unitIds)
    if (!getUnit(ctx.db, id))
      throw new AppError('NOT_FOUND', 'One of the units is not in the directory. Reload it and choose again.');
  const c: CampaignRecord = {
    id: ctx.newId(),
    name: input.name,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    leadUnitId: input.leadUnitId,
    state: 'planned',
    createdBy: actor.userId,
    createdAt: ctx.now(),
    closedAt: null,
  };
  insertCampaign(ctx.db, c);
  for (const id of unitIds) insertCampaignUnit(ctx.db, c.id, id);
  input.targets.forEach((t, sort) => insertTarget(ctx.db, { id: ctx.newId(), campaignId: c.id, ...t, sort }));
  recordCampaignChange(ctx, c, {
    kind: 'create',
    fromState: 'planned',
    payload: { units: unitIds.length, targets: input.targets.length },
  });
  return { id: c.id };
}

function move(
  ctx: ServiceContext,
  input: { id: string; note?: string },
  action: 'start' | 'close',
): { id: string; state: CampaignState } {
  const c = requireCampaign(ctx, input.id);
  check(ctx, action, c);
  const from = c.state;
  c.state = CAMPAIGN_TRANSITIONS[action].to!;
  c.closedAt = action === 'close' ? ctx.now() : null;
  setCampaignState(ctx.db, c.id, c.state, c.closedAt);
  recordCampaignChange(ctx, c, { kind: action, fromState: from, note: input.note ?? '' });
  return { id: c.id, state: c.state };
}

export const start = (ctx: ServiceContext, input: { id: string }) => move(ctx, input, 'start');
export const close = (ctx: ServiceContext, input: { id: string; note: string }) => move(ctx, input, 'close');

export function addTask(ctx: ServiceContext, input: ParsedInputOf<'campaigns.addTask'>): { id: string; taskId: string } {
  const c = requireCampaign(ctx, input.id);
  check(ctx, 'add_task', c);
  if (!listCampaignUnitIds(ctx.db, c.id).includes(input.unitId))
    throw new AppError('BAD_INPUT', 'That unit does not take part in this campaign.', [
      { path: 'unitId', message: 'not a participant' },
    ]);
  if (input.dueAt <= ctx.now())
    throw new AppError('BAD_INPUT', 'The deadline must be in the future.', [{ path: 'dueAt', message: 'deadline in the past' }]);
  const taskId = ctx.newId();
  insertCampaignTask(ctx.db, {
    id: taskId,
    campaignId: c.id,
    unitId: input.unitId,
    title: input.title,
    dueAt: input.dueAt,
    doneAt: null,
    createdAt: ctx.now(),
  });
  recordCampaignChange(ctx, c, {
    kind: 'add_task',
    fromState: c.state,
    unitId: input.unitId,
    note: input.title,
    payload: { taskId, dueAt: input.dueAt },
  });
  return { id: c.id, taskId };
}

export function completeTask(ctx: ServiceContext, input: { taskId: string }): { id: string; taskId: string } {
  const task = getCampaignTask(ctx.db, input.taskId);
  if (!task) throw new AppError('NOT_FOUND', 'That task does not exist. Reload the campaign.');
  const c = requireCampaign(ctx, task.campaignId);
  check(ctx, 'complete_task', c, task.unitId);
  if (task.doneAt !== null) throw new AppError('ILLEGAL_TRANSITION', 'That task is already done.');
  const now = ctx.now();
  completeCampaignTask(ctx.db, task.id, now);
  recordCampaignChange(ctx, c, {
    kind: 'complete_task',
    fromState: c.state,
    unitId: task.unitId,
    note: task.title,
    payload: { taskId: task.id, late: now > task.dueAt },
  });
  return { id: c.id, taskId: task.id };
}

export function report(ctx: ServiceContext, input: ParsedInputOf<'campaigns.report'>): { id: string; reportId: string } {
  const c = requireCampaign(ctx, input.id);
  const actor = check(ctx, 'report', c, input.unitId);
  if (!listCampaignUnitIds(ctx.db, c.id).includes(input.unitId))
    throw new AppError('BAD_INPUT', 'That unit does not take part in this campaign.', [
      { path: 'unitId', message: 'not a participant' },
    ]);
  const targets = new Set(listTargets(ctx.db, c.id).map((t) => t.id));
  const seen = new Set<string>();
  for (const f of input.figures) {
    if (!targets.has(f.targetId) || seen.has(f.targetId))
      throw new AppError('BAD_INPUT', 'Each figure must answer one target of this campaign, once.', [
        { path: 'figures', message: 'unknown or repeated target' },
      ]);
    seen.add(f.targetId);
  }
  const reportId = ctx.newId();
  insertReport(ctx.db, {
    id: reportId,
    campaignId: c.id,
    unitId: input.unitId,
    narrative: input.narrative,
    reportedBy: actor.userId,
    at: ctx.now(),
  });
  for (const f of input.figures) insertReportFigure(ctx.db, reportId, f.targetId, f.value);
  recordCampaignChange(ctx, c, {
    kind: 'report',
    fromState: c.state,
    unitId: input.unitId,
    note: input.narrative,
    payload: { reportId, figures: Object.fromEntries(input.figures.map((f) => [f.targetId, f.value])) },
  });
  return { id: c.id, reportId };
}

export function tagEvent(ctx: ServiceContext, input: { id: string; eventId: string }): { id: string } {
  const c = requireCampaign(ctx, input.id);
  check(ctx, 'tag_event', c);
  const event = getEvent(ctx.db, input.eventId);
  if (!event) throw new AppError('NOT_FOUND', 'That event does not exist. Reload the queue.');
  if (campaignOfEvent(ctx.db, event.id))
    throw new AppError('CONFLICT', `Event ${event.serial} is already tagged with a campaign.`);
  tagEventRow(ctx.db, event.id, c.id, ctx.now());
  recordCampaignChange(ctx, c, { kind: 'tag_event', fromState: c.state, note: event.serial, payload: { eventId: event.id } });
  return { id: c.id };
}
