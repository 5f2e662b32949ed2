import { z } from 'zod';
import { CHINA_OFFSET_MS, chinaWallClock } from './china-time';

/** Assessment (考核): shared enums, the indicator settings of a scheme, and period arithmetic. */

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const UNIT_GROUPS = ['department', 'village', 'all'] as const;
export type UnitGroup = (typeof UNIT_GROUPS)[number];

export const RUN_STATES = ['draft', 'computed', 'reviewed', 'published'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const ITEM_KINDS = ['bonus', 'deduction'] as const;
export const ITEM_STATES = ['pending', 'approved', 'refused'] as const;

/** What a person may do on the assessment page; the core lists the ones allowed now (allowedActions). */
export const RUN_ACTIONS = ['compute', 'review', 'publish', 'revise', 'addItem', 'decideItem', 'judgeReturn'] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

/** Every indicator the core can compute; each one's definition (口径) sits beside its SQL in db/queries/assessment-indicators.ts. */
export const RATE_INDICATORS = [
  'sign_on_time', // 按时签收率
  'closed_on_time', // 按期办结率
  'closure', // 办结率
  'rework', // 返工率 (lower is better)
  'return', // 退单率 (lower is better)
  'extension', // 延期率 (lower is better)
  'satisfaction', // 满意率
] as const;
export const COUNT_INDICATORS = [
  'orders', // 督办件数
  'orders_late', // 督办逾期
  'findings', // 暗访问题
] as const;
export const INDICATOR_KEYS = [...RATE_INDICATORS, ...COUNT_INDICATORS] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export type RateIndicator = (typeof RATE_INDICATORS)[number];
export const LOWER_IS_BETTER: readonly IndicatorKey[] = ['rework', 'return', 'extension'];

const Weight = z.number().min(0).max(100);
const Ratio = z.number().min(0).max(1);

export const RateSetting = z
  .strictObject({ key: z.enum(RATE_INDICATORS), kind: z.literal('rate'), weight: Weight, target: Ratio, floor: Ratio })
  .refine((s) => (LOWER_IS_BETTER.includes(s.key) ? s.target < s.floor : s.target > s.floor), {
    message: 'the target must be better than the floor (lower for 返工率/退单率/延期率, higher otherwise)',
    path: ['target'],
  });
export const CountSetting = z
  .strictObject({
    key: z.enum(COUNT_INDICATORS),
    kind: z.literal('count'),
    weight: Weight,
    perItem: z.number().positive().max(100),
    cap: z.number().positive().max(100),
  })
  .refine((s) => s.cap <= s.weight, { message: 'the cap cannot exceed the weight', path: ['cap'] });
export const SchemeIndicator = z.union([RateSetting, CountSetting]);
export type SchemeIndicator = z.infer<typeof SchemeIndicator>;

export const SchemeIndicators = z
  .array(SchemeIndicator)
  .min(1)
  .max(INDICATOR_KEYS.length)
  .refine((list) => new Set(list.map((i) => i.key)).size === list.length, { message: 'an indicator appears twice' })
  .refine((list) => list.reduce((sum, i) => sum + i.weight, 0) > 0, { message: 'the weights add up to zero' });

/** A period as written on the wire: `2026-11`, `2026-Q3`, `2026`. */
export const Period = z.string().regex(/^(20\d\d)(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'a period looks like 2026-11, 2026-Q3 or 2026');

export function periodKind(period: string): PeriodKind {
  return period.includes('Q') ? 'quarter' : period.length === 4 ? 'year' : 'month';
}

/** First month (1–12) and length in months of a period. */
function monthsOf(period: string): { year: number; month: number; months: number } {
  const year = Number(period.slice(0, 4));
  const kind = periodKind(period);
  if (kind === 'year') return { year, month: 1, months: 12 };
  if (kind === 'quarter') return { year, month: (Number(period.slice(6)) - 1) * 3 + 1, months: 3 };
  return { year, month: Number(period.slice(5)), months: 1 };
}

/** [start, end) in epoch ms, in China time (the township's calendar). */
export function periodBounds(period: string): { start: number; end: number } {
  const { year, month, months } = monthsOf(period);
  return {
    start: Date.UTC(year, month - 1, 1) - CHINA_OFFSET_MS,
    end: Date.UTC(year, month - 1 + months, 1) - CHINA_OFFSET_MS,
  };
}

export function previousPeriod(period: string): string {
  const { year, month } = monthsOf(period);
  const kind = periodKind(period);
  if (kind === 'year') return String(year - 1);
  if (kind === 'quarter') {
    const q = (month - 1) / 3 + 1;
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The period of a kind containing a moment (China time). */
export function periodOf(kind: PeriodKind, ms: number): string {
  const d = chinaWallClock(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Competition ranking (1, 1, 3) on scores rounded to two decimals. */
export function competitionRanks(scores: number[]): number[] {
  const rounded = scores.map((s) => Math.round(s * 100));
  return rounded.map((s) => 1 + rounded.filter((other) => other > s).length);
}
