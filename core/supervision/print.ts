import type { FileOut } from '../../common/contract/case-file';
import { getOrder } from '../../db/queries/supervision';
import { getTownship } from '../../db/queries/org';
import { getUnit } from '../../db/queries/org';
import type { ServiceContext } from '../context';
import { orderHtml, type PrintableOrder } from './print-template';
import { requireVisibleOrder, targetLabel } from './read';

export function printableOrder(ctx: ServiceContext, id: string): PrintableOrder {
  const { order, unitIds } = requireVisibleOrder(ctx, id);
  return {
    townshipName: getTownship(ctx.db)?.name ?? '',
    serial: order.serial,
    strength: order.strength,
    colour: order.colour,
    units: unitIds.map((u) => getUnit(ctx.db, u)?.name ?? u),
    targetLabel: targetLabel(ctx, order.targetKind, order.targetId),
    problem: order.problem,
    requirements: order.requirements,
    dueAt: order.dueAt,
    issuerName: order.issuerName,
    issuedAt: order.issuedAt,
    previousSerial: order.previousId ? (getOrder(ctx.db, order.previousId)?.serial ?? null) : null,
  };
}

/** The printed order as an A4 PDF, through the shell's printer (PDF_UNAVAILABLE without one). */
export async function orderPdf(ctx: ServiceContext, input: { id: string }): Promise<FileOut> {
  const printable = printableOrder(ctx, input.id);
  const pdf = await ctx.printPdf(orderHtml(printable));
  return { name: `${printable.serial}.pdf`, mime: 'application/pdf', dataBase64: Buffer.from(pdf).toString('base64') };
}
