import { z } from 'zod';
import { CAMPAIGN_ACTIONS, CAMPAIGN_READERS, CAMPAIGN_STATES } from '../campaigns';
import { ROOM } from '../roles';
import { TimelineEntry } from './case-file';
import { method } from './define';
import { Id, Millis } from './shared';
import { OrderDraft } from './supervision';

const Text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const CampaignRow = z.object({
  id: Id,
  name: z.string(),
  startsAt: Millis,
  endsAt: Millis,
  leadUnitName: z.string(),
  state: z.enum(CAMPAIGN_STATES),
});
export type CampaignRow = z.infer<typeof CampaignRow>;

export const CampaignTarget = z.object({
  id: Id,
  label: z.string(),
  unit: z.string(),
  goal: z.number(),
  /** The sum of every unit's latest reported figure. */
  actual: z.number(),
  perUnit: z.array(z.object({ unitId: Id, unitName: z.string(), value: z.number() })),
});

export const CampaignDetail = CampaignRow.extend({
  leadUnitId: Id,
  units: z.array(
    z.object({
      unitId: Id,
      unitName: z.string(),
      lastReportAt: Millis.nullable(),
      overdueTasks: z.number().int(),
      lagging: z.boolean(),
    }),
  ),
  targets: z.array(CampaignTarget),
  /** Hazards taken in as events tagged with the campaign, and those closed or archived. */
  events: z.object({ tagged: z.number().int(), closed: z.number().int() }),
  tasks: z.array(
    z.object({
      id: Id,
      unitId: Id,
      unitName: z.string(),
      title: z.string(),
      dueAt: Millis,
      doneAt: Millis.nullable(),
      overdue: z.boolean(),
    }),
  ),
  /** Chase notices for lagging units, ready for the supervision dialog. */
  chase: z.array(OrderDraft),
  timeline: z.array(TimelineEntry),
  allowedActions: z.array(z.enum(CAMPAIGN_ACTIONS)),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const NewCampaign = z
  .strictObject({
    name: Text(2, 100),
    startsAt: Millis,
    endsAt: Millis,
    leadUnitId: Id,
    unitIds: z
      .array(Id)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'a unit is listed twice')
      .default([]),
    targets: z
      .array(z.strictObject({ label: Text(2, 60), unit: Text(1, 10), goal: z.number().min(0).max(1e9) }))
      .min(1)
      .max(20),
  })
  .refine((c) => c.endsAt > c.startsAt, { message: 'the campaign ends before it starts', path: ['endsAt'] });
export type NewCampaign = z.input<typeof NewCampaign>;

export const campaignsContract = {
  'campaigns.list': method({
    summary: 'Special campaigns (专项整治), newest first.',
    input: z.strictObject({}),
    output: z.array(CampaignRow),
    roles: CAMPAIGN_READERS,
    kind: 'read',
  }),
  'campaigns.get': method({
    summary: 'One campaign: targets against actuals per unit, tasks, tagged hazards, chase suggestions, timeline.',
    input: z.strictObject({ id: Id }),
    output: CampaignDetail,
    roles: CAMPAIGN_READERS,
    kind: 'read',
  }),
  'campaigns.create': method({
    summary: 'Plan a campaign: period, lead and participating units, targets.',
    input: NewCampaign,
    output: z.object({ id: Id }),
    roles: ROOM,
    kind: 'write',
  }),
  'campaigns.start': method({
    summary: 'Start a planned campaign (the director).',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id, state: z.enum(CAMPAIGN_STATES) }),
    roles: ['director'],
    kind: 'write',
  }),
  'campaigns.close': method({
    summary: 'Close a running campaign (the director).',
    input: z.strictObject({ id: Id, note: z.string().trim().max(2000).default('') }),
    output: z.object({ id: Id, state: z.enum(CAMPAIGN_STATES) }),
    roles: ['director'],
    kind: 'write',
  }),
  'campaigns.addTask': method({
    summary: 'A task for a participating unit with a deadline.',
    input: z.strictObject({ id: Id, unitId: Id, title: Text(2, 500), dueAt: Millis }),
    output: z.object({ id: Id, taskId: Id }),
    roles: ROOM,
    kind: 'write',
  }),
  'campaigns.completeTask': method({
    summary: 'A task done (its unit’s handler or the room).',
    input: z.strictObject({ taskId: Id }),
    output: z.object({ id: Id, taskId: Id }),
    roles: ['operator', 'director', 'unit_handler'],
    kind: 'write',
  }),
  'campaigns.report': method({
    summary: 'A unit’s progress report: cumulative figures to date against each target, and a narrative.',
    input: z.strictObject({
      id: Id,
      /** The reporting unit; a unit handler reports for their own unit only. */
      unitId: Id,
      narrative: Text(2, 4000),
      figures: z
        .array(z.strictObject({ targetId: Id, value: z.number().min(0).max(1e9) }))
        .min(1)
        .max(20),
    }),
    output: z.object({ id: Id, reportId: Id }),
    roles: ['operator', 'director', 'unit_handler'],
    kind: 'write',
  }),
  'campaigns.tagEvent': method({
    summary: 'Take a hazard in: tag an event with the campaign (it keeps its ordinary lifecycle).',
    input: z.strictObject({ id: Id, eventId: Id }),
    output: z.object({ id: Id }),
    roles: ROOM,
    kind: 'write',
  }),
} as const;
