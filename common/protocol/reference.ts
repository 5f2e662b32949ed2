import { z } from 'zod';

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
export const SchemeItem = z.looseObject({ id: z.string().min(1).max(200).optional() });

export const REFERENCE_ITEM_SCHEMAS = {
  categories: CategoryItem,
  deadline_rules: DeadlineRuleItem,
  holiday_calendar: HolidayItem,
  units: UnitItem,
  scheme: SchemeItem,
} as const;
