import { z } from 'zod';
import { EVENT_STATES, PRIORITIES, RESOLVED_LEVELS, WARNINGS, type EventState } from '../events';
import { method } from './define';
import { QueueFilter, QueueRow } from './events';
import { Empty, Id, Millis } from './shared';

/** Who sees the whole township at a glance; unit handlers see only their unit's events. */
const DASHBOARD_READERS = ['operator', 'director', 'assessor', 'viewer'] as const;

/** Events still being worked on somewhere (township or county): the map and the category chart count these. */
export const OPEN_STATES: readonly EventState[] = [
  'reported',
  'registered',
  'dispatched',
  'in_progress',
  'awaiting_verification',
  'returned',
  'escalated',
  'county_owned',
];

/**
 * A number on the dashboard together with the queue filter that lists exactly
 * those events: a click opens the queue with `filter` and finds `count` rows.
 */
export const Figure = z.object({ count: z.number().int(), filter: QueueFilter });
export type Figure = z.infer<typeof Figure>;

export const DASHBOARD_PERIODS = ['today', 'week', 'month'] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

export const DashboardSummary = z.object({
  generatedAt: Millis,
  periods: z.array(
    z.object({
      period: z.enum(DASHBOARD_PERIODS),
      from: Millis,
      to: Millis,
      received: Figure,
      closed: Figure,
      /** Red (overdue) events whose handling deadline falls in the period. */
      overdue: Figure,
    }),
  ),
  /** Every state, all time. */
  byState: z.array(z.object({ state: z.enum(EVENT_STATES), figure: Figure })),
  /** Open events by top-level category. */
  byCategory: z.array(z.object({ categoryId: Id, name: z.string(), figure: Figure })),
  /** Received and closed per day, the last 30 days in Asia/Shanghai, oldest first. */
  trend: z.array(z.object({ day: z.string(), from: Millis, received: Figure, closed: Figure })),
  /** On-time closure rate per unit over the last 30 days, among units with at least `minClosed` closures. */
  units: z.object({
    from: Millis,
    to: Millis,
    minClosed: z.number().int(),
    best: z.array(z.object({ unitId: Id, name: z.string(), onTime: z.number().int(), rate: z.number(), closed: Figure })),
    worst: z.array(z.object({ unitId: Id, name: z.string(), onTime: z.number().int(), rate: z.number(), closed: Figure })),
  }),
  /** Where events closed in the last 30 days were resolved (微事不出格、小事不出村、大事不出乡). */
  levels: z.object({
    from: Millis,
    to: Millis,
    counts: z.array(z.object({ level: z.enum(RESOLVED_LEVELS), figure: Figure })),
  }),
  warnings: z.object({ red: Figure, yellow: Figure, rows: z.array(QueueRow) }),
  feed: z.array(
    z.object({
      id: Id,
      eventId: Id,
      serial: z.string(),
      title: z.string(),
      kind: z.string(),
      toState: z.string().nullable(),
      actorName: z.string(),
      at: Millis,
    }),
  ),
  /** Open events per village, with the warnings among them (the map's colours). */
  villages: z.array(z.object({ villageId: Id, name: z.string(), open: Figure, red: z.number().int(), yellow: z.number().int() })),
  /** Open events with a warning first, at their coordinates or their village's centre. */
  points: z.array(
    z.object({
      id: Id,
      serial: z.string(),
      title: z.string(),
      villageId: Id.nullable(),
      lng: z.number(),
      lat: z.number(),
      warning: z.enum(WARNINGS),
      priority: z.enum(PRIORITIES),
    }),
  ),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z.array(Position).min(4).max(20_000);
const Polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1).max(100) });
const MultiPolygon = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1).max(100)).min(1).max(100),
});
export const VillageGeometry = z.discriminatedUnion('type', [Polygon, MultiPolygon]);
export type VillageGeometry = z.infer<typeof VillageGeometry>;

/** A GeoJSON FeatureCollection of the villages' outlines; `properties.name` names the village. */
export const VillageMapFile = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.looseObject({ name: z.string().trim().min(1).max(60) }),
        geometry: VillageGeometry,
      }),
    )
    .min(1)
    .max(500),
});
export type VillageMapFile = z.infer<typeof VillageMapFile>;

export const VillageMap = z.object({
  /** A FeatureCollection ready for echarts.registerMap; empty when no map is set up. */
  geoJson: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ name: z.string(), villageId: Id }),
        geometry: VillageGeometry,
      }),
    ),
  }),
  villages: z.array(z.object({ villageId: Id, name: z.string(), lng: z.number(), lat: z.number() })),
  /** Where the map came from: the admin's import, the bundled demo map, or nothing yet. */
  source: z.enum(['imported', 'demo', 'none']),
  importedAt: Millis.nullable(),
});
export type VillageMap = z.infer<typeof VillageMap>;

export const dashboardContract = {
  'dashboard.summary': method({
    summary: 'Every figure of the command dashboard and the wall display, each with the queue filter that lists it.',
    input: Empty,
    output: DashboardSummary,
    roles: DASHBOARD_READERS,
    kind: 'read',
  }),
  'dashboard.map': method({
    summary: 'The outlines of the villages (GeoJSON) and their centres, for the dashboard map.',
    input: Empty,
    output: VillageMap,
    roles: [...DASHBOARD_READERS, 'admin'],
    kind: 'read',
  }),
  'dashboard.importMap': method({
    summary: 'Replace the village map with a GeoJSON file; every feature must name a village, or nothing is imported.',
    // Parsed from text in the core so a broken file gets the same clear error as a wrong one.
    input: z.strictObject({ fileName: z.string().trim().min(1).max(200), text: z.string().min(2).max(20_000_000) }),
    output: z.object({ villages: z.number().int(), unmatchedVillages: z.array(z.string()) }),
    roles: ['admin'],
    kind: 'write',
  }),
} as const;
