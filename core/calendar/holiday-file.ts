import { z } from 'zod';
import { AppError } from '../../common/errors';
import { parseDateKey, weekdayOf } from './china-time';

/**
 * One entry of the working calendar on top of the Monday–Friday week.
 * 'off': a statutory day off (放假) — a weekday, or a weekend day inside the holiday.
 * 'work': an adjusted working day (调休上班) on a Saturday or Sunday.
 */
export type CalendarDay = { date: string; kind: 'off' | 'work'; name: string };

const DateKey = z.string().refine((value) => parseDateKey(value) !== null, 'must be a real date written YYYY-MM-DD');

/**
 * The holiday file as published each year after the State Council notice
 * (see holidays-CN-2026.json): the admin can edit it and the county can push
 * it, so it is validated as untrusted input.
 */
export const HolidayFileSchema = z
  .object({
    source: z.string().trim().min(1),
    year: z.number().int().min(2000).max(2100),
    note: z.string().optional(),
    holidays: z.array(
      z.object({
        name: z.string().trim().min(1).max(40),
        off: z.array(DateKey),
        workdays: z.array(DateKey),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>(); // date → where it was first listed
    file.holidays.forEach((holiday, h) => {
      for (const list of ['off', 'workdays'] as const) {
        holiday[list].forEach((date, i) => {
          const path = ['holidays', h, list, i];
          const where = `${holiday.name} ${list}`;
          if (!date.startsWith(`${file.year}-`)) {
            ctx.addIssue({ code: 'custom', path, message: `${date} is outside the file's year ${file.year}` });
          }
          const day = parseDateKey(date); // null only if the date check already failed
          const weekday = day === null ? null : weekdayOf(day);
          if (list === 'workdays' && weekday !== null && weekday !== 0 && weekday !== 6) {
            // Only a weekend day can be "adjusted" into a working day; a weekday here is a typo.
            ctx.addIssue({ code: 'custom', path, message: `${date} is a weekday, so it cannot be an adjusted working day` });
          }
          const first = seen.get(date);
          if (first !== undefined) {
            const message = first.endsWith('off') !== (list === 'off') ? 'both a day off and a working day' : 'listed twice';
            ctx.addIssue({ code: 'custom', path, message: `${date} is ${message} (${first}; ${where})` });
          } else seen.set(date, where);
        });
      }
    });
  });

export type HolidayFile = z.infer<typeof HolidayFileSchema>;

/** Validates a holiday file and flattens it into calendar days sorted by date; throws AppError BAD_INPUT otherwise. */
export function parseHolidayFile(json: unknown): CalendarDay[] {
  const parsed = HolidayFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 20)
      .map((issue) => ({ path: issue.path.map(String).join('.') || '(file)', message: issue.message }));
    const first = issues[0]!;
    throw new AppError('BAD_INPUT', `The holiday file is not valid: ${first.path}: ${first.message}`, issues);
  }
  const days: CalendarDay[] = parsed.data.holidays.flatMap((holiday) => [
    ...holiday.off.map((date) => ({ date, kind: 'off' as const, name: holiday.name })),
    ...holiday.workdays.map((date) => ({ date, kind: 'work' as const, name: holiday.name })),
  ]);
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
