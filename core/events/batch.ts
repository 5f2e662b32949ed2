import type { BatchCheck, BatchRefusal, ParsedInputOf } from '../../common/contract';
import { RUNNING_STATES } from '../../common/events';
import { AppError } from '../../common/errors';
import { ISSUERS } from '../../common/supervision';
import { getEventSituation } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import { liveOrderTargets } from '../../db/queries/supervision';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { issue } from '../supervision/orders';
import { draft } from '../supervision/read';
import { act } from './lifecycle';
import { refusal, type ActionSituation } from './rules';

type BatchIn = ParsedInputOf<'events.batch'>;
type Batch = BatchIn['batch'];

/** Why the chase (催办) of one event may not be sent; the same questions the supervision desk asks. */
function chaseRefusal(actor: Actor, s: ActionSituation, followed: Set<string>): AppError | null {
  const { event, units } = s;
  if (!ISSUERS.chase.includes(actor.role))
    return new AppError('FORBIDDEN', `Your role (${actor.role}) may not send chase notices.`);
  if (event.owner === 'county')
    return new AppError('NOT_OWNER', 'The county center owns this event now; the township does not chase it.');
  if (!RUNNING_STATES.includes(event.state) || !units.some((u) => u.state !== 'withdrawn'))
    return new AppError('ILLEGAL_TRANSITION', 'Only an event a unit is working on (dispatched, in progress) can be chased.');
  if (followed.has(event.id))
    return new AppError('CONFLICT', 'This event already has an open supervision order; follow that order instead.');
  return null;
}

/** Checks that concern the whole batch, not one event: a wrong unit stops everything. */
function checkBatch(ctx: ServiceContext, batch: Batch): void {
  if (batch.action !== 'dispatch') return;
  for (const id of [batch.leadUnitId, ...batch.assistUnitIds])
    if (!getUnit(ctx.db, id))
      throw new AppError('NOT_FOUND', 'One of the chosen units does not exist. Reload the directory.', [
        { path: 'batch.leadUnitId', message: 'unknown unit' },
      ]);
}

/** Every chosen event, split into those that may move and those that may not (with the reason). */
function split(ctx: ServiceContext, input: BatchIn): BatchCheck {
  const actor = requireActor(ctx);
  checkBatch(ctx, input.batch);
  const followed = input.batch.action === 'chase' ? liveOrderTargets(ctx.db, 'event') : new Set<string>();
  const out: BatchCheck = { movable: [], refused: [] };
  for (const id of input.ids) {
    const s = getEventSituation(ctx.db, id);
    if (!s) {
      out.refused.push({ id, serial: '', title: '', state: null, code: 'NOT_FOUND', message: 'That event does not exist.' });
      continue;
    }
    const { event } = s;
    const refused = input.batch.action === 'chase' ? chaseRefusal(actor, s, followed) : refusal(input.batch.action, actor, s);
    const facts = { id: event.id, serial: event.serial, title: event.title };
    if (refused) out.refused.push({ ...facts, state: event.state, code: refused.code, message: refused.message });
    else out.movable.push(facts);
  }
  return out;
}

/** The preview: writes nothing, so the operator sees every refusal before deciding. */
export function batchCheck(ctx: ServiceContext, input: BatchIn): BatchCheck {
  return split(ctx, input);
}

function moveOne(ctx: ServiceContext, id: string, batch: Batch): void {
  switch (batch.action) {
    case 'register':
      act(ctx, { action: 'register', id, ...(batch.note ? { note: batch.note } : {}) });
      return;
    case 'dispatch':
      // Deadlines come from each event's own rule (category and priority) inside `act`.
      act(ctx, {
        action: 'dispatch',
        id,
        leadUnitId: batch.leadUnitId,
        assistUnitIds: batch.assistUnitIds,
        instructions: batch.instructions,
      });
      return;
    case 'chase': {
      const made = draft(ctx, { targetKind: 'event', targetId: id, strength: 'chase' });
      issue(ctx, {
        strength: 'chase',
        targetKind: 'event',
        targetId: id,
        unitIds: made.unitIds,
        problem: made.problem,
        requirements: batch.requirements ?? made.requirements,
        dueAt: made.dueAt,
        photos: [],
      });
      return;
    }
  }
}

const refusalLine = (r: BatchRefusal) => ({ path: r.serial || r.id, message: r.message });

/**
 * The batch itself, in the router's one transaction: if any event may not
 * move now (someone moved it since the preview), nothing is written and the
 * answer lists every such event; an error while moving one undoes them all.
 */
export function batch(ctx: ServiceContext, input: BatchIn): { done: { id: string; serial: string }[] } {
  const checked = split(ctx, input);
  if (checked.refused.length) {
    throw new AppError(
      checked.refused.some((r) => r.code === 'NOT_FOUND') ? 'NOT_FOUND' : 'ILLEGAL_TRANSITION',
      `${checked.refused.length} of the chosen events may not be moved now; nothing was changed. Check the batch again and leave them out.`,
      checked.refused.slice(0, 50).map(refusalLine),
    );
  }
  for (const e of checked.movable) moveOne(ctx, e.id, input.batch);
  return { done: checked.movable.map(({ id, serial }) => ({ id, serial })) };
}
