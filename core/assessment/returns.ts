import type { OutputOf, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { findReturnedAssignment, setReturnVerdict } from '../../db/queries/assessment';
import { getEvent } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import { audit, requireActor, type ServiceContext } from '../context';

/**
 * The director marks a return (退单) justified or unjustified. Only
 * unjustified returns count in the return rate; arbitration judges the
 * returns it decides, this covers the ones the room simply redispatched. The
 * judgment concerns a fact of the period the return belongs to, so a run
 * computed again afterwards counts it.
 */
export function judgeReturn(
  ctx: ServiceContext,
  input: ParsedInputOf<'assessment.judgeReturn'>,
): OutputOf<'assessment.judgeReturn'> {
  const actor = requireActor(ctx);
  const assignment = findReturnedAssignment(ctx.db, input.eventId, input.unitId, input.dispatchedAt);
  if (!assignment)
    throw new AppError('NOT_FOUND', 'That unit did not return this dispatch of the event; reload the list of returns.');
  const verdict = input.unjustified ? 'unjustified' : 'justified';
  setReturnVerdict(ctx.db, assignment.id, { verdict, at: ctx.now(), by: actor.userId });
  audit(ctx, {
    action: 'judge_return',
    entity: 'event',
    entityId: input.eventId,
    summary: {
      serial: getEvent(ctx.db, input.eventId)?.serial,
      unit: getUnit(ctx.db, input.unitId)?.name,
      dispatchedAt: input.dispatchedAt,
      verdict,
      ...(assignment.returnVerdict && assignment.returnVerdict !== verdict ? { was: assignment.returnVerdict } : {}),
      ...(input.note ? { note: input.note } : {}),
    },
  });
  return { eventId: input.eventId, unitId: input.unitId, verdict };
}
