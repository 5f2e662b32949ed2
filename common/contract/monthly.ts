import { z } from 'zod';
import { CAMPAIGN_STATES } from '../campaigns';
import { RESOLVED_LEVELS } from '../events';
import { FileOut } from './case-file';
import { method } from './define';
import { Millis } from './shared';

/** A China-time month, `2026-11`. */
export const Month = z.string().regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, 'a month is written 2026-11');

/** A count of the month against the previous month's. */
const Compared = z.object({ count: z.number().int(), previous: z.number().int() });

export const MonthlyAnalysis = z.object({
  month: z.string(),
  previousMonth: z.string(),
  /** [from, to) of the month in epoch ms (China time). */
  from: Millis,
  to: Millis,
  totals: z.object({
    received: Compared,
    closed: Compared,
    /** Unit assignments due in the month that were not fed back by their deadline. */
    overdue: Compared,
  }),
  /** Events reported in the month by top-level category. */
  byCategory: z.array(Compared.extend({ categoryId: z.string(), name: z.string() })),
  /** Events reported in the month by village (null: no village). */
  byVillage: z.array(Compared.extend({ villageId: z.string().nullable(), name: z.string() })),
  /** Events closed in the month by the level they were resolved at. */
  byLevel: z.array(Compared.extend({ level: z.enum(RESOLVED_LEVELS) })),
  /** Village × top-level category with at least two events reported in the month, most first (ten at most). */
  hotSpots: z.array(z.object({ villageName: z.string(), categoryName: z.string(), count: z.number().int() })),
  /** Units with assignments due in the month, by how many were overdue (most first; units with none left out). */
  overdueUnits: z.array(z.object({ unitId: z.string(), name: z.string(), due: z.number().int(), overdue: z.number().int() })),
  supervision: z.object({
    issued: Compared,
    accepted: Compared,
    /** Orders due in the month still open (unanswered) past their deadline now. */
    openOverdue: z.number().int(),
  }),
  /** Campaigns whose period overlaps the month, with the hazards tagged to them that were reported in the month. */
  campaigns: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      state: z.enum(CAMPAIGN_STATES),
      hazards: z.number().int(),
      closed: z.number().int(),
    }),
  ),
  risk: z.object({
    registered: z.number().int(),
    implemented: z.number().int(),
    postponed: z.number().int(),
    rejected: z.number().int(),
    terminated: z.number().int(),
  }),
  /** Sentences in Chinese, each stating figures shown above. */
  narrative: z.array(z.string()),
});
export type MonthlyAnalysis = z.infer<typeof MonthlyAnalysis>;

/** Who reads the monthly analysis: the room and the assessors. */
const READERS = ['operator', 'director', 'assessor'] as const;

export const monthlyContract = {
  'monthly.get': method({
    summary: 'The monthly analysis (月报分析) of a China-time month (default: the previous month).',
    input: z.strictObject({ month: Month.optional() }),
    output: MonthlyAnalysis,
    roles: READERS,
    kind: 'read',
  }),
  'monthly.reportPdf': method({
    summary: 'The monthly analysis as an A4 PDF (base64).',
    input: z.strictObject({ month: Month.optional() }),
    output: FileOut,
    roles: READERS,
    kind: 'read',
  }),
  'monthly.workbook': method({
    summary: 'The monthly analysis as an Excel workbook (base64), one sheet per table.',
    input: z.strictObject({ month: Month.optional() }),
    output: FileOut,
    roles: READERS,
    kind: 'read',
  }),
} as const;
