import { z } from 'zod';
import { AppError } from '../../common/errors';
import { ORDER_COLOURS, ORDER_STRENGTHS, ORDER_TARGETS } from '../../common/supervision';
import { findUnitByName, getUnit } from '../../db/queries/org';
import { findOrderByCountyRef } from '../../db/queries/supervision';
import type { ServiceContext } from '../context';
import { createOrder, targetExists } from './orders';

/** The `supervision_order` record of PROTOCOL.md as the county sends it down; unknown fields are ignored. */
export const CountyOrderRecord = z.object({
  id: z.string().min(1).max(200),
  serial: z.string().trim().min(1).max(60),
  strength: z.enum(ORDER_STRENGTHS),
  colour: z.enum(ORDER_COLOURS),
  target: z.object({ kind: z.enum(ORDER_TARGETS), id: z.string().min(1) }),
  units: z.array(z.string().min(1)).min(1).max(50),
  problem: z.string().trim().min(1).max(4000),
  requirements: z.string().trim().min(1).max(4000),
  dueAt: z.string().datetime({ offset: true }),
  issuedBy: z.string().trim().max(100).optional(),
  issuedAt: z.string().datetime({ offset: true }).optional(),
  state: z.string().optional(),
});

/**
 * Registers an order the county sent down (source 'county', the county's id
 * kept as county_ref), inside the caller's transaction: the sync engine calls
 * this while applying a `supervision_order` message. Addressee units are
 * matched by id or by name. A message seen before returns the order it made
 * (nothing is doubled); an invalid one throws BAD_INPUT and writes nothing.
 */
export function receiveCountyOrder(ctx: ServiceContext, record: unknown): { id: string; serial: string; duplicate: boolean } {
  const parsed = CountyOrderRecord.safeParse(record);
  if (!parsed.success)
    throw new AppError(
      'BAD_INPUT',
      `The county's supervision order is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const r = parsed.data;
  const known = findOrderByCountyRef(ctx.db, r.id);
  if (known) return { id: known.id, serial: known.serial, duplicate: true };
  const unitIds = [
    ...new Set(
      r.units.map((ref) => {
        const unit = getUnit(ctx.db, ref) ?? findUnitByName(ctx.db, ref);
        if (!unit) throw new AppError('NOT_FOUND', `The county's order names a unit this township does not have: "${ref}".`);
        return unit.id;
      }),
    ),
  ];
  // The county may address the order to a unit without a local target record: the first unit stands in.
  const target = targetExists(ctx, r.target.kind, r.target.id)
    ? { targetKind: r.target.kind, targetId: r.target.id }
    : { targetKind: 'unit' as const, targetId: unitIds[0]! };
  const order = createOrder(ctx, {
    strength: r.strength,
    colour: r.colour,
    ...target,
    unitIds,
    problem: r.problem,
    requirements: r.requirements,
    dueAt: Date.parse(r.dueAt),
    source: 'county',
    countyRef: r.id,
    serial: r.serial,
    issuerName: r.issuedBy ?? '县级社会治理中心',
    issuedBy: null,
  });
  return { id: order.id, serial: order.serial, duplicate: false };
}
