import { z } from 'zod';
import { chinaWallClock, isoChina } from '../../../common/china-time';
import { REFERENCE_KINDS } from '../../../common/protocol';
import { ConsoleError } from '../roles';
import { answerRecords, dailyFigures, eventRecords } from '../store/records';
import { latestReference, nextSerial, publishReference, sentOfType } from '../store/sent';
import { townshipExists, townshipSummaries } from '../store/townships';
import { method, type Methods } from './method';
import { sending } from './send';
import { TownshipId } from './townships';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const LEVELS = ['grid', 'village', 'township', 'county'] as const;

export const operationMethods: Methods = {
  'dashboard.figures': method(
    { kind: 'read', permission: 'read', input: z.object({ from: Day, to: Day }) },
    async (ctx, input) => {
      if (input.from > input.to) throw new ConsoleError('BAD_INPUT', 'from: the first day must not be after the last.');
      const [figures, events, townships] = await Promise.all([
        dailyFigures(ctx.deps.db, input.from, input.to),
        eventRecords(ctx.deps.db),
        townshipSummaries(ctx.deps.db),
      ]);
      const levels = { grid: 0, village: 0, township: 0, county: 0 };
      for (const e of events) if (e.resolvedLevel) levels[e.resolvedLevel] += 1;
      const resolved = LEVELS.reduce((n, l) => n + levels[l], 0);
      const totals = townships.map((t) => {
        const mine = figures.filter((f) => f.townshipId === t.id);
        return {
          townshipId: t.id,
          townshipName: t.name,
          received: mine.reduce((n, f) => n + f.received, 0),
          closed: mine.reduce((n, f) => n + f.closed, 0),
          overdue: mine.reduce((n, f) => n + f.overdue, 0),
          events: events.filter((e) => e.townshipId === t.id).length,
        };
      });
      return {
        figures,
        totals,
        levels,
        // The seed's headline: the share of resolved events settled at or below the township.
        belowCountyShare: resolved === 0 ? null : (levels.grid + levels.village + levels.township) / resolved,
      };
    },
  ),
  'orders.list': method({ kind: 'read', permission: 'read', input: z.object({}) }, async (ctx) => {
    const orders = await sentOfType(ctx.deps.db, 'supervision_order');
    const answers = new Map<string, Awaited<ReturnType<typeof answerRecords>>>();
    for (const townshipId of new Set(orders.map((o) => o.townshipId)))
      for (const a of await answerRecords(
        ctx.deps.db,
        townshipId,
        orders.filter((o) => o.townshipId === townshipId).map((o) => o.ref),
      ))
        answers.set(`${townshipId}/${a.orderId}`, [...(answers.get(`${townshipId}/${a.orderId}`) ?? []), a]);
    return { orders: orders.map((o) => ({ ...o, answers: answers.get(`${o.townshipId}/${o.ref}`) ?? [] })) };
  }),
  'orders.create': method(
    {
      kind: 'write',
      permission: 'supervise',
      input: z.object({
        townshipId: TownshipId,
        strength: z.enum(['chase', 'order', 'flagged']),
        colour: z.enum(['blue', 'yellow', 'red']),
        targetEventId: z.string().trim().max(200).optional(),
        units: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
        problem: z.string().trim().min(1).max(20_000),
        requirements: z.string().trim().min(1).max(20_000),
        dueAt: z.iso.datetime({ offset: true }),
      }),
    },
    async (ctx, input) => {
      if (!(await townshipExists(ctx.deps.db, input.townshipId)))
        throw new ConsoleError('NOT_FOUND', `There is no township "${input.townshipId}".`);
      if (
        input.targetEventId &&
        (await eventRecords(ctx.deps.db, { townshipId: input.townshipId, eventId: input.targetEventId })).length === 0
      )
        throw new ConsoleError('NOT_FOUND', `Township ${input.townshipId} has sent no event ${input.targetEventId}.`);
      const now = Date.now();
      const year = chinaWallClock(now).getUTCFullYear();
      return sending(
        ctx,
        async (send, tx) => {
          const n = await nextSerial(tx, `order:${year}`);
          const serial = `县督〔${year}〕${n}号`;
          const id = `county-order-${year}-${n}`;
          const order = {
            id,
            serial,
            strength: input.strength,
            colour: input.colour,
            target: input.targetEventId ? { kind: 'event', id: input.targetEventId } : { kind: 'unit', id: input.townshipId },
            units: input.units,
            problem: input.problem,
            requirements: input.requirements,
            dueAt: input.dueAt,
            issuedBy: ctx.user!.displayName,
            issuedAt: isoChina(now),
            state: 'open',
          };
          const { offset } = await send(input.townshipId, 'supervision_order', order, id, serial);
          return { id, serial, offset };
        },
        { action: 'orders.create', target: input.townshipId },
      );
    },
  ),
  'notices.list': method({ kind: 'read', permission: 'read', input: z.object({}) }, async (ctx) => ({
    notices: await sentOfType(ctx.deps.db, 'notice'),
  })),
  'notices.create': method(
    {
      kind: 'write',
      permission: 'supervise',
      input: z.object({
        townshipIds: z.array(TownshipId).min(1).max(1000),
        title: z.string().trim().min(1).max(500),
        body: z.string().trim().min(1).max(100_000),
      }),
    },
    async (ctx, input) => {
      for (const id of input.townshipIds)
        if (!(await townshipExists(ctx.deps.db, id))) throw new ConsoleError('NOT_FOUND', `There is no township "${id}".`);
      return sending(
        ctx,
        async (send) => {
          for (const id of new Set(input.townshipIds))
            await send(id, 'notice', { title: input.title, body: input.body }, input.title.slice(0, 200));
          return { sent: new Set(input.townshipIds).size };
        },
        { action: 'notices.create', detail: { title: input.title, townships: input.townshipIds.length } },
      );
    },
  ),
  'reference.list': method({ kind: 'read', permission: 'read', input: z.object({}) }, async (ctx) => ({
    reference: await latestReference(ctx.deps.db),
  })),
  'reference.publish': method(
    {
      kind: 'write',
      permission: 'administer',
      input: z.object({ kind: z.enum(REFERENCE_KINDS), items: z.array(z.record(z.string(), z.unknown())).max(100_000) }),
    },
    async (ctx, input) => {
      const townships = (await townshipSummaries(ctx.deps.db)).filter((t) => !t.revoked);
      return sending(
        ctx,
        async (send, tx) => {
          const version = await publishReference(tx, input.kind, input.items, ctx.user!.displayName);
          for (const t of townships)
            await send(t.id, 'reference_data', { kind: input.kind, version, items: input.items }, `${input.kind}:${version}`);
          return { version, townships: townships.length };
        },
        { action: 'reference.publish', target: input.kind },
      );
    },
  ),
};
