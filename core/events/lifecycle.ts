import type { ParsedInputOf } from '../../common/contract';
import { TRANSITIONS, type EventState } from '../../common/events';
import { AppError } from '../../common/errors';
import {
  decideExtension,
  getEvent,
  getEventSituation,
  insertExtension,
  saveEventCase,
  type EventRecord,
  type EventUnitRecord,
} from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import { computeDeadlines, type WorkingCalendar } from '../calendar';
import { requireActor, type Actor, type ServiceContext } from '../context';
import type { PhotoInput } from './attachments';
import { workingCalendar } from '../calendar/cache';
import { deadlineRule, warningSchedule } from '../calendar/event-deadlines';
import { recordChange } from '../case-file/record-change';
import { EVENT_CASE, recordEventChange } from './case-file';
import { ownUnit, refusal, type ActionSituation } from './rules';

type ActInput = ParsedInputOf<'events.act'>;
type Of<A extends ActInput['action']> = Extract<ActInput, { action: A }>;

/** What an action did, for the timeline. */
interface Outcome {
  unitId?: string | null;
  note?: string;
  payload?: Record<string, unknown>;
  photos?: PhotoInput[];
}

interface Step {
  ctx: ServiceContext;
  actor: Actor;
  event: EventRecord;
  units: EventUnitRecord[];
  situation: ActionSituation;
  /** The working calendar, read once for the move's deadlines and its warning schedule. */
  calendar: WorkingCalendar;
}

const eventNotFound = () =>
  new AppError('NOT_FOUND', 'That event does not exist. It may have been typed wrong; search the queue for it.');

export function requireEvent(ctx: ServiceContext, id: string): EventRecord {
  const event = getEvent(ctx.db, id);
  if (!event) throw eventNotFound();
  return event;
}

/** The event with its units and pending extension, read once for a move or a detail view. */
export function requireSituation(ctx: ServiceContext, id: string): ActionSituation {
  const situation = getEventSituation(ctx.db, id);
  if (!situation) throw eventNotFound();
  return situation;
}

function requireUnitExists(ctx: ServiceContext, unitId: string): void {
  if (!getUnit(ctx.db, unitId)) throw new AppError('NOT_FOUND', 'One of the chosen units does not exist. Reload the directory.');
}

/** The order `listEventUnits` reads them in: the lead first, then by dispatch time. */
const byRoleThenDispatch = (a: EventUnitRecord, b: EventUnitRecord) =>
  a.role === b.role ? a.dispatchedAt - b.dispatchedAt : a.role === 'lead' ? -1 : 1;

/** Puts units on an event with deadlines from the rules, starting now. */
function assignUnits(s: Step, lead: string, assists: string[], instructions: string, handleDueOverride?: number): void {
  const { ctx, event } = s;
  const now = ctx.now();
  const rule = deadlineRule(ctx.db, event.categoryId, event.priority);
  const due = computeDeadlines(s.calendar, rule, now);
  const handleDueAt = handleDueOverride ?? due.handleDueAt;
  withdrawUnits(s);
  for (const [unitId, role] of [[lead, 'lead'] as const, ...assists.map((id) => [id, 'assist'] as const)]) {
    const unit: EventUnitRecord = {
      eventId: event.id,
      unitId,
      role,
      state: 'pending',
      instructions,
      dispatchedAt: now,
      signDueAt: due.signDueAt,
      handleDueAt,
      signedAt: null,
      feedbackAt: null,
      returnedAt: null,
      warning: 0,
    };
    // One row per event and unit: a unit put on the event again replaces its old row.
    const index = s.units.findIndex((u) => u.unitId === unitId);
    if (index >= 0) s.units.splice(index, 1);
    s.units.push(unit);
  }
  s.units.sort(byRoleThenDispatch);
  Object.assign(event, { leadUnitId: lead, dispatchedAt: now, signDueAt: due.signDueAt, handleDueAt, warning: 0 });
}

/** Units still working on the event step down. */
function withdrawUnits(s: Step): void {
  for (const unit of s.units) unit.state = 'withdrawn';
}

function setUnit(s: Step, unitId: string, change: Partial<EventUnitRecord>): void {
  const unit = s.units.find((u) => u.unitId === unitId && u.state !== 'withdrawn')!;
  Object.assign(unit, change);
}

/** The units as a move found them, to write back only what it changed. */
const unitSnapshot = (units: EventUnitRecord[]) => new Map(units.map((u) => [u.unitId, JSON.stringify(u)]));

function dispatch(s: Step, input: Of<'dispatch'>): Outcome {
  const assists = [...new Set(input.assistUnitIds)].filter((id) => id !== input.leadUnitId);
  [input.leadUnitId, ...assists].forEach((id) => requireUnitExists(s.ctx, id));
  if (input.handleDueAt !== undefined) {
    if (s.actor.role !== 'director') throw new AppError('FORBIDDEN', 'Only the director may set a handling deadline by hand.');
    if (input.handleDueAt <= s.ctx.now())
      throw new AppError('BAD_INPUT', 'The handling deadline must be in the future.', [
        { path: 'handleDueAt', message: 'in the past' },
      ]);
  }
  assignUnits(s, input.leadUnitId, assists, input.instructions, input.handleDueAt);
  return {
    unitId: input.leadUnitId,
    note: input.instructions,
    payload: {
      leadUnitId: input.leadUnitId,
      assistUnitIds: assists,
      ...(input.templateId ? { templateId: input.templateId } : {}),
      ...(input.handleDueAt ? { overriddenDue: true } : {}),
    },
  };
}

/**
 * Each action's own effect on the event and its units, made on the move's
 * copy of them; state changes are applied, and the whole saved once, by `act`.
 */
const EFFECTS: { [A in ActInput['action']]: (s: Step, input: Of<A>) => Outcome & { to?: EventState } } = {
  register: (_s, input) => ({ note: input.note ?? '' }),
  reject: (_s, input) => ({ note: input.reason }),
  merge: (s, input) => {
    if (input.intoId === s.event.id)
      throw new AppError('BAD_INPUT', 'An event cannot be merged into itself.', [{ path: 'intoId', message: 'same event' }]);
    const target = requireEvent(s.ctx, input.intoId);
    if (['rejected', 'merged'].includes(target.state)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `Event ${target.serial} is itself rejected or merged; merge into the event it ended in.`,
      );
    }
    s.event.mergedInto = target.id;
    recordEventChange(s.ctx, target.id, {
      kind: 'merged_from',
      fromState: target.state,
      toState: target.state,
      unitId: null,
      note: input.note ?? '',
      payload: JSON.stringify({ eventId: s.event.id, serial: s.event.serial }),
    });
    return { note: input.note ?? '', payload: { intoId: target.id, intoSerial: target.serial } };
  },
  answer: (s, input) => {
    if (s.event.requestType !== 'consult')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        'Only a consultation (咨询) can be answered on the spot; dispatch this event instead.',
      );
    Object.assign(s.event, { resolvedLevel: 'township', closedAt: s.ctx.now() });
    return { note: input.answer };
  },
  dispatch,
  sign: (s, input) => {
    const own = ownUnit(s.actor, s.units)!;
    setUnit(s, own.unitId, { state: 'signed', signedAt: s.ctx.now() });
    const late = s.ctx.now() > own.signDueAt;
    return {
      unitId: own.unitId,
      note: input.note ?? '',
      payload: { late },
      ...(own.role === 'lead' ? { to: 'in_progress' as const } : { to: s.event.state }),
    };
  },
  return: (s, input) => {
    const own = ownUnit(s.actor, s.units)!;
    setUnit(s, own.unitId, { state: 'returned', returnedAt: s.ctx.now() });
    s.event.returnCount += 1;
    return { unitId: own.unitId, note: input.reason, payload: { reasonCode: input.reasonCode } };
  },
  arbitrate: (s, input) => {
    const returnedLead = s.units.find((u) => u.role === 'lead' && u.state === 'returned');
    if (input.decision === 'uphold' || !returnedLead) {
      withdrawUnits(s);
      Object.assign(s.event, { leadUnitId: null, signDueAt: null, handleDueAt: null });
      return { note: input.note, payload: { decision: 'uphold' }, to: 'registered' };
    }
    const assists = s.units.filter((u) => u.role === 'assist' && u.state !== 'withdrawn').map((u) => u.unitId);
    assignUnits(s, returnedLead.unitId, assists, returnedLead.instructions);
    return { unitId: returnedLead.unitId, note: input.note, payload: { decision: 'overrule' }, to: 'dispatched' };
  },
  feedback: (s, input) => {
    const own = ownUnit(s.actor, s.units)!;
    setUnit(s, own.unitId, { state: 'fed_back', feedbackAt: s.ctx.now() });
    const late = s.ctx.now() > own.handleDueAt;
    return {
      unitId: own.unitId,
      note: input.text,
      payload: { late, photos: input.photos.length },
      photos: input.photos,
      to: own.role === 'lead' ? 'awaiting_verification' : s.event.state,
    };
  },
  verify: (s, input) => {
    Object.assign(s.event, { resolvedLevel: input.resolvedLevel, closedAt: s.ctx.now() });
    return { note: input.note ?? '', payload: { resolvedLevel: input.resolvedLevel } };
  },
  rework: (s, input) => {
    const lead = s.units.find((u) => u.role === 'lead' && u.state === 'fed_back');
    if (lead) setUnit(s, lead.unitId, { state: 'signed', feedbackAt: null });
    s.event.reworkCount += 1;
    return { unitId: lead?.unitId ?? null, note: input.reason };
  },
  callback: (s, input) => {
    s.event.satisfaction = input.satisfaction;
    return { note: input.note ?? '', payload: { satisfaction: input.satisfaction } };
  },
  reopen: (s, input) => {
    if (s.event.satisfaction === 'satisfied')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        'The reporter was satisfied at the call-back; register a new event for a new problem.',
      );
    const previous = s.units.filter((u) => u.state !== 'withdrawn');
    const lead = previous.find((u) => u.role === 'lead');
    if (!lead)
      throw new AppError('ILLEGAL_TRANSITION', 'This event was never dispatched to a unit; register a new event instead.');
    assignUnits(
      s,
      lead.unitId,
      previous.filter((u) => u.role === 'assist').map((u) => u.unitId),
      lead.instructions,
    );
    Object.assign(s.event, { satisfaction: null, resolvedLevel: null, closedAt: null });
    s.event.reworkCount += 1;
    return { unitId: lead.unitId, note: input.reason };
  },
  escalate: (_s, input) => ({ note: input.reason }),
  requestExtension: (s, input) => {
    const own = ownUnit(s.actor, s.units)!;
    if (input.requestedDue <= (s.event.handleDueAt ?? 0)) {
      throw new AppError('BAD_INPUT', 'The requested deadline must be later than the current one.', [
        { path: 'requestedDue', message: 'not later than now due' },
      ]);
    }
    insertExtension(s.ctx.db, {
      id: s.ctx.newId(),
      eventId: s.event.id,
      unitId: own.unitId,
      reason: input.reason,
      requestedDue: input.requestedDue,
      state: 'pending',
      requestedBy: s.actor.userId,
      requestedAt: s.ctx.now(),
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
    });
    return { unitId: own.unitId, note: input.reason, payload: { requestedDue: input.requestedDue } };
  },
  decideExtension: (s, input) => {
    const request = s.situation.pendingExtension!;
    decideExtension(s.ctx.db, request.id, {
      state: input.approve ? 'approved' : 'refused',
      by: s.actor.userId,
      at: s.ctx.now(),
      note: input.note ?? null,
    });
    if (input.approve) {
      s.event.handleDueAt = request.requestedDue;
      for (const unit of s.units.filter((u) => u.state !== 'withdrawn'))
        setUnit(s, unit.unitId, { handleDueAt: request.requestedDue });
    }
    return {
      unitId: request.unitId,
      note: input.note ?? '',
      payload: { approved: input.approve, requestedDue: request.requestedDue },
    };
  },
};

/**
 * One lifecycle move: check (role, owner, unit, state, guards) → effect →
 * new state and warning schedule → timeline + audit + outbox, all inside the
 * router's transaction.
 */
export function act(ctx: ServiceContext, input: ActInput): { id: string; state: EventState } {
  const situation = requireSituation(ctx, input.id);
  const actor = requireActor(ctx);
  const refused = refusal(input.action, actor, situation);
  if (refused) throw refused;

  const { event, units } = situation;
  const step: Step = { ctx, actor, event, units, situation, calendar: workingCalendar(ctx.db) };
  const from = event.state;
  const before = unitSnapshot(units);
  const effect = EFFECTS[input.action] as (s: Step, i: ActInput) => Outcome & { to?: EventState };
  const outcome = effect(step, input);
  event.state = outcome.to ?? TRANSITIONS[input.action].to[0] ?? event.state;

  const now = ctx.now();
  const lead = units.find((u) => u.role === 'lead' && u.state !== 'withdrawn');
  const schedule = warningSchedule(step.calendar, event.priority === 'critical', event, lead, now);
  Object.assign(event, schedule, { updatedAt: now });
  saveEventCase(
    ctx.db,
    event,
    units.filter((u) => before.get(u.unitId) !== JSON.stringify(u)),
  );

  recordChange(ctx, EVENT_CASE, situation, {
    kind: input.action,
    fromState: from,
    toState: event.state,
    unitId: outcome.unitId ?? null,
    note: outcome.note ?? '',
    payload: outcome.payload ?? {},
    photos: outcome.photos ?? [],
  });
  return { id: event.id, state: event.state };
}
