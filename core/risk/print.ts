import type { FileOut } from '../../common/contract/case-file';
import { getTownship, getUnit } from '../../db/queries/org';
import { listRiskAttachments, listRiskMethods, listRiskReviews, listRiskTasks } from '../../db/queries/risk';
import { getUser } from '../../db/queries/users';
import type { ServiceContext } from '../context';
import { requireRisk } from './assessments';
import { riskReportHtml, type PrintableRisk } from './print-template';

export function printableRisk(ctx: ServiceContext, id: string): PrintableRisk {
  const r = requireRisk(ctx, id);
  const unit = (u: string) => getUnit(ctx.db, u)?.name ?? u;
  return {
    townshipName: getTownship(ctx.db)?.name ?? '',
    serial: r.serial,
    title: r.title,
    proposingUnit: unit(r.proposingUnitId),
    kind: r.kind,
    scope: r.scope,
    peopleAffected: r.peopleAffected,
    risks: r.risks,
    methods: listRiskMethods(ctx.db, r.id).map((m) => ({
      method: m.method,
      heldOn: m.heldOn,
      participants: m.participants,
      summary: m.summary,
      files: listRiskAttachments(ctx.db, m.id).length,
    })),
    level: r.level,
    levelReason: r.levelReason,
    state: r.state,
    decisionReason: r.decisionReason,
    decidedBy: r.decidedBy ? (getUser(ctx.db, r.decidedBy)?.displayName ?? null) : null,
    decidedAt: r.decidedAt,
    tasks: listRiskTasks(ctx.db, r.id).map((t) => ({
      measure: t.measure,
      unit: unit(t.unitId),
      dueAt: t.dueAt,
      doneAt: t.doneAt,
    })),
    reviews: listRiskReviews(ctx.db, r.id).map((v) => ({
      dueAt: v.dueAt,
      doneAt: v.doneAt,
      finding: v.finding,
      outcome: v.outcome,
    })),
    printedAt: ctx.now(),
  };
}

/** The printed report as an A4 PDF, through the shell's printer (PDF_UNAVAILABLE without one). */
export async function reportPdf(ctx: ServiceContext, input: { id: string }): Promise<FileOut> {
  const printable = printableRisk(ctx, input.id);
  const pdf = await ctx.printPdf(riskReportHtml(printable));
  return {
    name: `社会稳定风险评估报告-${printable.serial}.pdf`,
    mime: 'application/pdf',
    dataBase64: Buffer.from(pdf).toString('base64'),
  };
}
