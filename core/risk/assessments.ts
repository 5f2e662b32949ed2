import type { ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { RISK_TRANSITIONS, STATE_WORDS, riskSerial, type RiskAction, type RiskState } from '../../common/risk';
import { getUnit } from '../../db/queries/org';
import {
  completeRiskTask,
  dropPendingReviews,
  getRisk,
  getRiskTask,
  insertRisk,
  insertRiskAttachment,
  insertRiskMethod,
  insertRiskReview,
  insertRiskTask,
  listRiskMethods,
  listRiskReviews,
  nextRiskNumber,
  recordRiskReview,
  updateRisk,
  type RiskRecord,
} from '../../db/queries/risk';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { writePhotoFiles } from '../events/attachments';
import { chinaYear } from '../supervision/orders';
import { recordRiskChange } from './case-file';
import { CHINA_OFFSET_MS, chinaWallClock } from '../../common/china-time';

export function requireRisk(ctx: ServiceContext, id: string): RiskRecord {
  const r = getRisk(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND', 'That risk assessment does not exist. Reload the register.');
  return r;
}

const ACTION_WORDS: Record<RiskAction, string> = {
  identify: 'record the identified risks of',
  record_method: 'record an assessment method for',
  rate: 'rate',
  decide: 'decide',
  add_task: 'add a mitigation task to',
  complete_task: 'complete a mitigation task of',
  review: 'record a review (回头看) of',
  terminate: 'terminate (中止实施)',
};

/** Why this actor may not make this move on this assessment now, or null; one function for the move and the UI. */
export function riskRefusal(action: RiskAction, actor: Actor, r: RiskRecord): AppError | null {
  const t = RISK_TRANSITIONS[action];
  if (!t.roles.includes(actor.role))
    return new AppError(
      'FORBIDDEN',
      t.roles.length === 1 && t.roles[0] === 'director'
        ? 'Only the director may conclude a risk assessment or stop an implemented decision.'
        : `Your role (${actor.role}) may not ${ACTION_WORDS[action]} risk assessments.`,
    );
  if (!t.from.includes(r.state))
    return new AppError(
      'ILLEGAL_TRANSITION',
      `${r.serial} is at ${STATE_WORDS[r.state]} (${r.state}); you cannot ${ACTION_WORDS[action]} it now. Reload it to see what can be done.`,
    );
  return null;
}

function check(ctx: ServiceContext, action: RiskAction, r: RiskRecord): Actor {
  const actor = requireActor(ctx);
  const refused = riskRefusal(action, actor, r);
  if (refused) throw refused;
  return actor;
}

function requireUnit(ctx: ServiceContext, id: string, path: string): void {
  if (!getUnit(ctx.db, id))
    throw new AppError('NOT_FOUND', 'That unit is not in the directory. Reload the directory and choose it again.', [
      { path, message: 'unknown unit' },
    ]);
}

export function create(ctx: ServiceContext, input: ParsedInputOf<'risk.create'>): { id: string; serial: string } {
  const actor = requireActor(ctx);
  requireUnit(ctx, input.proposingUnitId, 'proposingUnitId');
  const now = ctx.now();
  const year = chinaYear(now);
  const number = nextRiskNumber(ctx.db, year);
  const r: RiskRecord = {
    id: ctx.newId(),
    serial: riskSerial(year, number),
    year,
    number,
    title: input.title,
    proposingUnitId: input.proposingUnitId,
    kind: input.kind,
    scope: input.scope,
    peopleAffected: input.peopleAffected,
    state: 'identifying',
    risks: '',
    level: null,
    levelReason: '',
    decisionReason: '',
    decidedBy: null,
    decidedAt: null,
    createdBy: actor.userId,
    createdAt: now,
  };
  insertRisk(ctx.db, r);
  recordRiskChange(ctx, r, {
    kind: 'create',
    fromState: null,
    unitId: r.proposingUnitId,
    payload: { title: r.title, kind: r.kind, peopleAffected: r.peopleAffected },
  });
  return { id: r.id, serial: r.serial };
}

function move(ctx: ServiceContext, r: RiskRecord, to: RiskState | null): RiskState {
  const from = r.state;
  if (to) r.state = to;
  updateRisk(ctx.db, r);
  return from;
}

export function identify(ctx: ServiceContext, input: ParsedInputOf<'risk.identify'>): { id: string; state: RiskState } {
  const r = requireRisk(ctx, input.id);
  check(ctx, 'identify', r);
  r.risks = input.risks;
  const from = move(ctx, r, RISK_TRANSITIONS.identify.to);
  recordRiskChange(ctx, r, { kind: 'identify', fromState: from, note: input.risks });
  return { id: r.id, state: r.state };
}

export function recordMethod(ctx: ServiceContext, input: ParsedInputOf<'risk.recordMethod'>): { id: string; methodId: string } {
  const r = requireRisk(ctx, input.id);
  const actor = check(ctx, 'record_method', r);
  const now = ctx.now();
  if (input.heldOn > now)
    throw new AppError('BAD_INPUT', 'A method record describes what was held; its date cannot be in the future.', [
      { path: 'heldOn', message: 'in the future' },
    ]);
  const methodId = ctx.newId();
  insertRiskMethod(ctx.db, {
    id: methodId,
    assessmentId: r.id,
    method: input.method,
    heldOn: input.heldOn,
    participants: input.participants,
    summary: input.summary,
    recordedBy: actor.userId,
    recordedAt: now,
  });
  for (const { photo, sha256, size } of writePhotoFiles(ctx, input.photos))
    insertRiskAttachment(ctx.db, {
      id: ctx.newId(),
      sha256,
      methodId,
      name: photo.name,
      mime: photo.mime,
      size,
      uploadedBy: actor.userId,
      at: now,
    });
  recordRiskChange(ctx, r, {
    kind: 'record_method',
    fromState: r.state,
    note: input.summary,
    payload: { methodId, method: input.method, heldOn: input.heldOn, files: input.photos.length },
  });
  return { id: r.id, methodId };
}

export function rate(ctx: ServiceContext, input: ParsedInputOf<'risk.rate'>): { id: string; state: RiskState } {
  const r = requireRisk(ctx, input.id);
  check(ctx, 'rate', r);
  if (listRiskMethods(ctx.db, r.id).length === 0)
    throw new AppError(
      'ILLEGAL_TRANSITION',
      'Record at least one assessment method (公示, 听证, 问卷, 座谈 or 走访) before rating the risk.',
    );
  r.level = input.level;
  r.levelReason = input.reason;
  const from = move(ctx, r, RISK_TRANSITIONS.rate.to);
  recordRiskChange(ctx, r, { kind: 'rate', fromState: from, note: input.reason, payload: { level: input.level } });
  return { id: r.id, state: r.state };
}

/** The moment `months` calendar months after `ms`, in China time (the 31st falls back to the month's last day). */
export function addMonthsChina(ms: number, months: number): number {
  const d = chinaWallClock(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return target.getTime() - CHINA_OFFSET_MS;
}

export function decide(ctx: ServiceContext, input: ParsedInputOf<'risk.decide'>): { id: string; state: RiskState } {
  const r = requireRisk(ctx, input.id);
  const actor = check(ctx, 'decide', r);
  const now = ctx.now();
  r.decisionReason = input.reason;
  r.decidedBy = actor.userId;
  r.decidedAt = now;
  const from = move(ctx, r, input.decision);
  const months = input.decision === 'implemented' ? [...input.reviewMonths].sort((a, b) => a - b) : [];
  for (const m of months)
    insertRiskReview(ctx.db, {
      id: ctx.newId(),
      assessmentId: r.id,
      dueAt: addMonthsChina(now, m),
      doneAt: null,
      finding: '',
      outcome: null,
      reviewedBy: null,
    });
  recordRiskChange(ctx, r, {
    kind: 'decide',
    fromState: from,
    note: input.reason,
    payload: { decision: input.decision, ...(months.length ? { reviewMonths: months } : {}) },
  });
  return { id: r.id, state: r.state };
}

export function addTask(ctx: ServiceContext, input: ParsedInputOf<'risk.addTask'>): { id: string; taskId: string } {
  const r = requireRisk(ctx, input.id);
  check(ctx, 'add_task', r);
  requireUnit(ctx, input.unitId, 'unitId');
  const now = ctx.now();
  if (input.dueAt <= now)
    throw new AppError('BAD_INPUT', 'The deadline must be in the future.', [{ path: 'dueAt', message: 'deadline in the past' }]);
  const taskId = ctx.newId();
  insertRiskTask(ctx.db, {
    id: taskId,
    assessmentId: r.id,
    measure: input.measure,
    unitId: input.unitId,
    createdAt: now,
    dueAt: input.dueAt,
    doneAt: null,
    doneNote: '',
  });
  recordRiskChange(ctx, r, {
    kind: 'add_task',
    fromState: r.state,
    unitId: input.unitId,
    note: input.measure,
    payload: { taskId, dueAt: input.dueAt },
  });
  return { id: r.id, taskId };
}

export function completeTask(ctx: ServiceContext, input: ParsedInputOf<'risk.completeTask'>): { id: string; taskId: string } {
  const task = getRiskTask(ctx.db, input.taskId);
  if (!task) throw new AppError('NOT_FOUND', 'That mitigation task does not exist. Reload the assessment.');
  const r = requireRisk(ctx, task.assessmentId);
  check(ctx, 'complete_task', r);
  if (task.doneAt !== null) throw new AppError('ILLEGAL_TRANSITION', 'That mitigation task is already done.');
  const now = ctx.now();
  completeRiskTask(ctx.db, task.id, now, input.note);
  recordRiskChange(ctx, r, {
    kind: 'complete_task',
    fromState: r.state,
    unitId: task.unitId,
    note: input.note,
    payload: { taskId: task.id, late: now > task.dueAt },
  });
  return { id: r.id, taskId: task.id };
}

export function review(ctx: ServiceContext, input: ParsedInputOf<'risk.review'>): { id: string; state: RiskState } {
  const r = requireRisk(ctx, input.id);
  const action: RiskAction = input.terminate ? 'terminate' : 'review';
  const actor = check(ctx, action, r);
  const pending = listRiskReviews(ctx.db, r.id).find((v) => v.id === input.reviewId);
  if (!pending) throw new AppError('NOT_FOUND', 'That review is not scheduled for this assessment. Reload it.');
  if (pending.doneAt !== null) throw new AppError('ILLEGAL_TRANSITION', 'That review has already been recorded.');
  const now = ctx.now();
  recordRiskReview(ctx.db, pending.id, {
    doneAt: now,
    finding: input.finding,
    outcome: input.terminate ? 'terminate' : 'continue',
    reviewedBy: actor.userId,
  });
  let from = r.state;
  if (input.terminate) {
    r.decisionReason = input.finding;
    r.decidedBy = actor.userId;
    r.decidedAt = now;
    from = move(ctx, r, RISK_TRANSITIONS.terminate.to);
    dropPendingReviews(ctx.db, r.id);
  }
  recordRiskChange(ctx, r, {
    kind: action,
    fromState: from,
    note: input.finding,
    payload: { reviewId: pending.id, dueAt: pending.dueAt },
  });
  return { id: r.id, state: r.state };
}
