import type { FileOut, RiskDetail, RiskRow, RiskTask, RiskYearCounts } from '../../common/contract';
import { AppError } from '../../common/errors';
import { RISK_ACTIONS, RISK_CONCLUSIONS, type RiskAction } from '../../common/risk';
import type { Warning } from '../../common/events';
import { getUnit } from '../../db/queries/org';
import {
  countConclusions,
  getRiskAttachment,
  listRiskAttachments,
  listRiskMethods,
  listRiskReviews,
  listRiskTasks,
  listRisks,
  type RiskRecord,
  type RiskTaskRecord,
} from '../../db/queries/risk';
import { getUser } from '../../db/queries/users';
import { caseTimeline, toAttachment } from '../case-file/timeline';
import { requireActor, type ServiceContext } from '../context';
import { readStoredFile } from '../events/attachments';
import { chinaYear } from '../supervision/orders';
import { requireRisk, riskRefusal } from './assessments';
import { CHINA_OFFSET_MS } from '../../common/china-time';

/** [start, end) of a calendar year in China time. */
export function chinaYearRange(year: number): { from: number; to: number } {
  return { from: Date.UTC(year, 0, 1) - CHINA_OFFSET_MS, to: Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS };
}

/** A mitigation task warns like an event: yellow once 75 % of its time is used, red once overdue. */
export function taskWarning(t: RiskTaskRecord, now: number): Warning {
  if (t.doneAt !== null) return 'none';
  if (now > t.dueAt) return 'red';
  return now >= t.createdAt + Math.ceil((t.dueAt - t.createdAt) * 0.75) ? 'yellow' : 'none';
}

const unitName = (ctx: ServiceContext, id: string | null) => (id ? (getUnit(ctx.db, id)?.name ?? id) : null);

function toRow(ctx: ServiceContext, r: RiskRecord, now: number): RiskRow {
  const tasks = listRiskTasks(ctx.db, r.id);
  const next = listRiskReviews(ctx.db, r.id).find((v) => v.doneAt === null);
  return {
    id: r.id,
    serial: r.serial,
    title: r.title,
    proposingUnitName: unitName(ctx, r.proposingUnitId)!,
    kind: r.kind,
    peopleAffected: r.peopleAffected,
    state: r.state,
    level: r.level,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    overdueTasks: tasks.filter((t) => t.doneAt === null && now > t.dueAt).length,
    nextReviewAt: next?.dueAt ?? null,
  };
}

export function list(ctx: ServiceContext, input: { year?: number }): RiskRow[] {
  const now = ctx.now();
  const { from, to } = chinaYearRange(input.year ?? chinaYear(now));
  return listRisks(ctx.db, from, to).map((r) => toRow(ctx, r, now));
}

export function toTask(ctx: ServiceContext, t: RiskTaskRecord, now: number): RiskTask {
  return {
    id: t.id,
    measure: t.measure,
    unitId: t.unitId,
    unitName: unitName(ctx, t.unitId)!,
    dueAt: t.dueAt,
    doneAt: t.doneAt,
    doneNote: t.doneNote,
    warning: taskWarning(t, now),
  };
}

export function get(ctx: ServiceContext, input: { id: string }): RiskDetail {
  const actor = requireActor(ctx);
  const r = requireRisk(ctx, input.id);
  const now = ctx.now();
  return {
    ...toRow(ctx, r, now),
    proposingUnitId: r.proposingUnitId,
    scope: r.scope,
    risks: r.risks,
    levelReason: r.levelReason,
    decisionReason: r.decisionReason,
    decidedByName: r.decidedBy ? (getUser(ctx.db, r.decidedBy)?.displayName ?? null) : null,
    methods: listRiskMethods(ctx.db, r.id).map((m) => ({
      id: m.id,
      method: m.method,
      heldOn: m.heldOn,
      participants: m.participants,
      summary: m.summary,
      attachments: listRiskAttachments(ctx.db, m.id).map(toAttachment),
    })),
    tasks: listRiskTasks(ctx.db, r.id).map((t) => toTask(ctx, t, now)),
    reviews: listRiskReviews(ctx.db, r.id).map((v) => ({
      id: v.id,
      dueAt: v.dueAt,
      doneAt: v.doneAt,
      finding: v.finding,
      outcome: v.outcome,
    })),
    timeline: caseTimeline(ctx.db, 'risk_assessment', r.id, (id) => unitName(ctx, id)),
    allowedActions: RISK_ACTIONS.filter((a: RiskAction) => riskRefusal(a, actor, r) === null),
  };
}

/** The dashboard's figure: decisions concluded in the year, by the conclusion they hold now. */
export function yearCounts(ctx: ServiceContext, input: { year?: number }): RiskYearCounts {
  const year = input.year ?? chinaYear(ctx.now());
  const { from, to } = chinaYearRange(year);
  const counts: RiskYearCounts = { year, total: 0, implemented: 0, postponed: 0, rejected: 0, terminated: 0 };
  for (const { state, n } of countConclusions(ctx.db, from, to))
    if ((RISK_CONCLUSIONS as readonly string[]).includes(state)) {
      counts[state as (typeof RISK_CONCLUSIONS)[number]] = n;
      counts.total += n;
    }
  return counts;
}

export function attachment(ctx: ServiceContext, input: { id: string }): FileOut {
  const record = getRiskAttachment(ctx.db, input.id);
  if (!record) throw new AppError('NOT_FOUND', 'That file does not exist. Reload the assessment.');
  return { name: record.name, mime: record.mime, dataBase64: readStoredFile(ctx.dataDir, record).toString('base64') };
}
