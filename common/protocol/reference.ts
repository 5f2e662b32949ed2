import { z } from 'zod';
import { PERIOD_KINDS, Period, periodKind, SchemeIndicators, UNIT_GROUPS } from '../assessment';

/**
 * The items of `reference_data` per kind. PROTOCOL.md leaves their shape to
 * the two sides; these are ours, documented in the README. Codes and names
 * are the keys the county and the township share (ids are local).
 */
export const CategoryItem = z.looseObject({
  code: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  parent: z.string().min(1).max(100).optional(),
  sort: z.number().int().optional(),
});
export const DeadlineRuleItem = z
  .looseObject({
    category: z.string().min(1).max(100),
    priority: z.enum(['normal', 'urgent', 'critical']),
    signHours: z.number().positive().max(720),
    handleDays: z.number().int().min(1).max(365).optional(),
    handleHours: z.number().positive().max(8760).optional(),
  })
  .refine((r) => (r.handleDays === undefined) !== (r.handleHours === undefined), {
    message: 'exactly one of handleDays and handleHours',
  });
export const HolidayItem = z.looseObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  kind: z.enum(['off', 'work']),
  name: z.string().min(1).max(20),
});
export const UnitItem = z.looseObject({
  name: z.string().min(1).max(100),
  platform: z.enum(['comprehensive_governance', 'market_supervision', 'comprehensive_enforcement', 'public_service']),
  village: z.string().min(1).max(100).optional(),
  phone: z.string().max(50).optional(),
});
/**
 * An assessment scheme of the county (县级方案): the township assesses its
 * units with it, read-only, for the listed periods (any period of its kind
 * when `periods` is absent). Indicators as in the township's own schemes.
 */
export const SchemeItem = z
  .looseObject({
    id: z.string().regex(/^[\w.-]{1,100}$/, 'a scheme id is 1–100 letters, digits, _ . -'),
    name: z.string().trim().min(1).max(100),
    periodKind: z.enum(PERIOD_KINDS),
    unitKinds: z.enum(UNIT_GROUPS),
    indicators: SchemeIndicators,
    periods: z.array(Period).min(1).max(100).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((s) => (s.periods ?? []).every((p) => periodKind(p) === s.periodKind), {
    message: 'every period must be of the scheme’s kind',
    path: ['periods'],
  });

export const REFERENCE_ITEM_SCHEMAS = {
  categories: CategoryItem,
  deadline_rules: DeadlineRuleItem,
  holiday_calendar: HolidayItem,
  units: UnitItem,
  scheme: SchemeItem,
} as const;
