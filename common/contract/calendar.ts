import { z } from 'zod';
import { ADMIN, ANY_ROLE } from '../roles';
import { method } from './define';
import { Nothing } from './shared';

const DateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const CalendarDay = z.object({
  date: z.string(),
  kind: z.enum(['off', 'work']),
  name: z.string(),
  source: z.enum(['seed', 'admin', 'county']),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const DeadlineRuleRow = z.object({
  categoryId: z.string(),
  categoryName: z.string(),
  priority: z.enum(['normal', 'urgent', 'critical']),
  signHours: z.number(),
  handleDays: z.number().nullable(),
  handleHours: z.number().nullable(),
  /** 'county': sent by the county (县级下发), changed only there. */
  source: z.enum(['local', 'county']),
});

export const calendarContract = {
  'calendar.list': method({
    summary: 'Days off and adjusted working days (调休) of a year, on top of the Monday–Friday week.',
    input: z.strictObject({ year: z.number().int().min(2000).max(2100) }),
    output: z.array(CalendarDay),
    roles: ANY_ROLE,
    kind: 'read',
  }),
  'calendar.setDay': method({
    summary: 'Mark a date as a day off or an adjusted working day.',
    input: z.strictObject({ date: DateKey, kind: z.enum(['off', 'work']), name: z.string().trim().min(1).max(20) }),
    output: CalendarDay,
    roles: ADMIN,
    kind: 'write',
  }),
  'calendar.removeDay': method({
    summary: 'Return a date to the ordinary week.',
    input: z.strictObject({ date: DateKey }),
    output: Nothing,
    roles: ADMIN,
    kind: 'write',
  }),
  'calendar.importHolidays': method({
    summary: 'Replace a year’s days with a State Council holiday file (the format of holidays-CN-2026.json).',
    input: z.strictObject({ file: z.unknown() }),
    output: z.object({ year: z.number().int(), days: z.number().int() }),
    roles: ADMIN,
    kind: 'write',
  }),
  'calendar.deadlineRules': method({
    summary: 'Deadline rules per top-level category and priority.',
    input: z.strictObject({}),
    output: z.array(DeadlineRuleRow),
    roles: ANY_ROLE,
    kind: 'read',
  }),
  'calendar.setDeadlineRule': method({
    summary:
      'Change a deadline rule: sign-for within N working hours, handle within M working days (critical: hours of clock time). Rules the county sent are refused; the signing window must fit in the handling time.',
    input: z
      .strictObject({
        categoryId: z.string().uuid(),
        priority: z.enum(['normal', 'urgent', 'critical']),
        signHours: z.number().positive().max(720),
        handleDays: z.number().int().min(1).max(365).nullable(),
        handleHours: z.number().positive().max(8760).nullable(),
      })
      .refine((r) => (r.handleDays === null) !== (r.handleHours === null), {
        message: 'set exactly one of handleDays and handleHours',
        path: ['handleDays'],
      }),
    output: DeadlineRuleRow,
    roles: ADMIN,
    kind: 'write',
  }),
} as const;
