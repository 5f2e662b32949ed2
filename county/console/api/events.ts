import { z } from 'zod';
import { chinaWallClock, isoChina } from '../../../common/china-time';
import { PRIORITIES, REQUEST_TYPES, RISK_COLOURS } from '../../../common/events';
import { ConsoleError } from '../roles';
import { DONE_STATES, eventCategories, eventPage } from '../store/event-list';
import { actionRecords, eventRecords, type CountyEvent } from '../store/records';
import {
  countyEventStates,
  decisions,
  nextSerial,
  recordDecision,
  sentFor,
  sentOfType,
  setCountyEventState,
} from '../store/sent';
import { townshipExists, townshipNames } from '../store/townships';
import { method, type Methods } from './method';
import { sending } from './send';
import { TownshipId } from './townships';

const DONE = new Set<string>(DONE_STATES);
/** What the county may set on an event it owns (status_update). */
export const COUNTY_STATES = ['county_owned', 'in_progress', 'closed', 'archived'] as const;

export function isOverdue(e: Pick<CountyEvent, 'state' | 'handleDueAt'>, now: number): boolean {
  return e.handleDueAt !== undefined && !DONE.has(e.state) && Date.parse(e.handleDueAt) < now;
}

const Id = z.string().trim().min(1).max(200);

const EventsQuery = z.object({
  townshipId: TownshipId.optional(),
  state: z.string().max(50).optional(),
  category: z.string().max(200).optional(),
  overdue: z.boolean().optional(),
  search: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

const AssignmentInput = z.object({
  townshipId: TownshipId,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(20_000),
  category: z.string().trim().min(1).max(200),
  requestType: z.enum(REQUEST_TYPES),
  priority: z.enum(PRIORITIES),
  riskColour: z.enum(RISK_COLOURS),
  village: z.string().trim().max(200).default(''),
  address: z.string().trim().max(1000).default(''),
  reporterName: z.string().trim().max(100).optional(),
  reporterPhone: z.string().trim().max(50).optional(),
  handleDueAt: z.iso.datetime({ offset: true }),
});

/** Escalated events the county has not yet answered since their latest escalation. */
async function pendingEscalations(db: Parameters<typeof eventRecords>[0]) {
  const escalated = await eventRecords(db, { state: 'escalated' });
  const actions = await actionRecords(
    db,
    null,
    escalated.map((e) => e.id),
  );
  const answered = await decisions(db);
  return escalated
    .map((e) => {
      const escalation = actions
        .filter((a) => a.townshipId === e.townshipId && a.eventId === e.id && a.kind === 'escalate')
        .at(-1);
      const since = escalation ? Date.parse(escalation.at) : 0;
      return { event: e, escalation: escalation ?? null, since };
    })
    .filter(
      ({ event, since }) =>
        !answered.some((d) => d.townshipId === event.townshipId && d.eventId === event.id && d.decidedAt >= since),
    )
    .sort((a, b) => a.since - b.since);
}

export const eventMethods: Methods = {
  'events.list': method({ kind: 'read', permission: 'read', input: EventsQuery }, async (ctx, q) => {
    const now = Date.now();
    const { limit, offset, ...filter } = q;
    const [page, categories, names, county] = await Promise.all([
      eventPage(ctx.deps.db, filter, { limit, offset }, now),
      eventCategories(ctx.deps.db, filter),
      townshipNames(ctx.deps.db),
      countyEventStates(ctx.deps.db),
    ]);
    return {
      total: page.total,
      categories,
      rows: page.rows.map((e) => ({
        townshipId: e.townshipId,
        townshipName: names.get(e.townshipId) ?? e.townshipId,
        id: e.id,
        serial: e.serial,
        title: e.title,
        category: e.category,
        state: e.state,
        countyState: county.get(`${e.townshipId}/${e.id}`)?.state ?? null,
        priority: e.priority,
        source: e.source,
        reportedAt: e.reportedAt,
        handleDueAt: e.handleDueAt ?? null,
        overdue: isOverdue(e, now),
      })),
    };
  }),
  'events.detail': method(
    { kind: 'read', permission: 'read', input: z.object({ townshipId: TownshipId, eventId: Id }) },
    async (ctx, input) => {
      const db = ctx.deps.db;
      const [event] = await eventRecords(db, input);
      if (!event) throw new ConsoleError('NOT_FOUND', `Township ${input.townshipId} has sent no event ${input.eventId}.`);
      const [actions, answered, county, sent] = await Promise.all([
        actionRecords(db, input.townshipId, [input.eventId]),
        decisions(db, input.townshipId, input.eventId),
        countyEventStates(db),
        sentFor(db, input.townshipId, [input.eventId, ...(event.countyRef ? [event.countyRef] : [])]),
      ]);
      return {
        event,
        overdue: isOverdue(event, Date.now()),
        actions,
        decisions: answered,
        countyState: county.get(`${input.townshipId}/${input.eventId}`) ?? null,
        sent,
      };
    },
  ),
  'assignments.create': method({ kind: 'write', permission: 'dispatch', input: AssignmentInput }, async (ctx, input) => {
    if (!(await townshipExists(ctx.deps.db, input.townshipId)))
      throw new ConsoleError('NOT_FOUND', `There is no township "${input.townshipId}".`);
    if (Date.parse(input.handleDueAt) <= Date.now())
      throw new ConsoleError('BAD_INPUT', 'handleDueAt: the deadline must lie in the future.');
    const now = Date.now();
    const day = chinaWallClock(now).toISOString().slice(0, 10).replaceAll('-', '');
    return sending(
      ctx,
      async (send, tx) => {
        const serial = `XJ-${day}-${String(await nextSerial(tx, `assignment:${day}`)).padStart(3, '0')}`;
        const countyRef = `county-${serial}`;
        const { townshipId, ...fields } = input;
        const data = {
          id: countyRef,
          serial,
          ...fields,
          source: 'county_assignment',
          grid: '',
          reportedAt: isoChina(now),
          state: 'registered',
          assistingUnits: [],
          countyRef,
        };
        const { offset } = await send(townshipId, 'assignment', data, countyRef, serial);
        return { countyRef, serial, offset };
      },
      { action: 'assignments.create', target: input.townshipId, detail: { title: input.title } },
    );
  }),
  'assignments.list': method({ kind: 'read', permission: 'read', input: z.object({}) }, async (ctx) => {
    const sent = await sentOfType(ctx.deps.db, 'assignment');
    const events = await eventRecords(ctx.deps.db, { countyAssigned: true });
    const byRef = new Map(events.filter((e) => e.countyRef).map((e) => [`${e.townshipId}/${e.countyRef}`, e]));
    return {
      assignments: sent.map((s) => {
        const e = byRef.get(`${s.townshipId}/${s.ref}`);
        return { ...s, eventId: e?.id ?? null, state: e?.state ?? null, townshipSerial: e?.serial ?? null };
      }),
    };
  }),
  'escalations.list': method({ kind: 'read', permission: 'read', input: z.object({}) }, async (ctx) => {
    const names = await townshipNames(ctx.deps.db);
    return {
      escalations: (await pendingEscalations(ctx.deps.db)).map(({ event, escalation }) => ({
        townshipId: event.townshipId,
        townshipName: names.get(event.townshipId) ?? event.townshipId,
        eventId: event.id,
        serial: event.serial,
        title: event.title,
        category: event.category,
        priority: event.priority,
        reason: escalation?.note ?? '',
        escalatedAt: escalation?.at ?? null,
        escalatedBy: escalation?.actor ?? null,
      })),
    };
  }),
  'escalations.decide': method(
    {
      kind: 'write',
      permission: 'dispatch',
      input: z.object({
        townshipId: TownshipId,
        eventId: Id,
        decision: z.enum(['accepted', 'returned']),
        note: z.string().trim().min(1).max(2000),
      }),
    },
    async (ctx, input) => {
      const pending = (await pendingEscalations(ctx.deps.db)).find(
        (p) => p.event.townshipId === input.townshipId && p.event.id === input.eventId,
      );
      if (!pending)
        throw new ConsoleError(
          'ILLEGAL_TRANSITION',
          'This event is not waiting for the county’s answer (already answered, or not escalated).',
        );
      return sending(
        ctx,
        async (send, tx) => {
          const now = Date.now();
          const reply = { eventId: input.eventId, decision: input.decision, note: input.note };
          const { offset } = await send(input.townshipId, 'escalation_reply', reply, input.eventId);
          const inserted = await recordDecision(tx, {
            townshipId: input.townshipId,
            eventId: input.eventId,
            recordSeq: pending.event.seq,
            decision: input.decision,
            note: input.note,
            decidedBy: ctx.user!.displayName,
            decidedAt: Math.max(now, pending.since),
          });
          if (inserted === 0) throw new ConsoleError('CONFLICT', 'Someone else answered this escalation a moment ago.');
          if (input.decision === 'accepted')
            await setCountyEventState(tx, { ...input, state: 'county_owned', updatedBy: ctx.user!.displayName, updatedAt: now });
          return { offset };
        },
        { action: 'escalations.decide', target: `${input.townshipId}/${input.eventId}`, detail: { decision: input.decision } },
      );
    },
  ),
  'countyEvents.update': method(
    {
      kind: 'write',
      permission: 'dispatch',
      input: z.object({
        townshipId: TownshipId,
        eventId: Id,
        state: z.enum(COUNTY_STATES),
        note: z.string().trim().min(1).max(2000),
      }),
    },
    async (ctx, input) => {
      const county = await countyEventStates(ctx.deps.db);
      if (!county.has(`${input.townshipId}/${input.eventId}`))
        throw new ConsoleError('ILLEGAL_TRANSITION', 'The county updates only events whose escalation it accepted.');
      return sending(
        ctx,
        async (send, tx) => {
          const { offset } = await send(
            input.townshipId,
            'status_update',
            { eventId: input.eventId, state: input.state, note: input.note },
            input.eventId,
          );
          await setCountyEventState(tx, { ...input, updatedBy: ctx.user!.displayName, updatedAt: Date.now() });
          return { offset };
        },
        { action: 'countyEvents.update', target: `${input.townshipId}/${input.eventId}`, detail: { state: input.state } },
      );
    },
  ),
};
