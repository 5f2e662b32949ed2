import type { OutputOf, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import {
  deleteCalendarDay,
  deleteCalendarYear,
  listCalendarYear,
  listDeadlineRules,
  upsertCalendarDay,
  getDeadlineRuleWithSource,
  upsertDeadlineRule,
} from '../../db/queries/calendar';
import { getCategory } from '../../db/queries/reference';
import { parseDateKey, parseHolidayFile, WorkingCalendar } from './';
import { audit, type ServiceContext } from '../context';
import { invalidateCalendar } from './cache';

/**
 * The working calendar and deadline rules are reference data: the admin edits
 * them here and the county may push them (sync). Deadlines already computed
 * stay as they were given; new dispatches use the new calendar.
 */
export function listYear(ctx: ServiceContext, input: { year: number }): OutputOf<'calendar.list'> {
  return listCalendarYear(ctx.db, input.year);
}

function weekday(date: string): number {
  const index = parseDateKey(date);
  if (index === null)
    throw new AppError('BAD_INPUT', `"${date}" is not a real date.`, [{ path: 'date', message: 'not a real date' }]);
  return new Date(Date.UTC(1970, 0, 1 + index)).getUTCDay();
}

export function setDay(ctx: ServiceContext, input: ParsedInputOf<'calendar.setDay'>): OutputOf<'calendar.setDay'> {
  const day = weekday(input.date);
  const weekend = day === 0 || day === 6;
  if (input.kind === 'work' && !weekend) {
    throw new AppError(
      'BAD_INPUT',
      `${input.date} is a weekday and already a working day; an adjusted working day (调休) falls on a weekend.`,
      [{ path: 'kind', message: 'weekday' }],
    );
  }
  const record = { date: input.date, kind: input.kind, name: input.name, source: 'admin' as const };
  upsertCalendarDay(ctx.db, record);
  invalidateCalendar(ctx.db);
  audit(ctx, { action: 'set_day', entity: 'calendar', entityId: input.date, summary: { kind: input.kind, name: input.name } });
  return record;
}

export function removeDay(ctx: ServiceContext, input: { date: string }): null {
  if (deleteCalendarDay(ctx.db, input.date) === 0) throw new AppError('NOT_FOUND', `${input.date} is an ordinary day already.`);
  invalidateCalendar(ctx.db);
  audit(ctx, { action: 'remove_day', entity: 'calendar', entityId: input.date, summary: {} });
  return null;
}

export function importHolidays(ctx: ServiceContext, input: { file: unknown }): OutputOf<'calendar.importHolidays'> {
  const days = parseHolidayFile(input.file);
  new WorkingCalendar(days); // refuses contradictions before anything is written
  const year = Number((input.file as { year: number }).year);
  const removed = deleteCalendarYear(ctx.db, year);
  for (const day of days) upsertCalendarDay(ctx.db, { ...day, source: 'admin' });
  invalidateCalendar(ctx.db);
  audit(ctx, {
    action: 'import_holidays',
    entity: 'calendar',
    entityId: String(year),
    summary: { year, days: days.length, replaced: removed },
  });
  return { year, days: days.length };
}

export function deadlineRules(ctx: ServiceContext): OutputOf<'calendar.deadlineRules'> {
  return listDeadlineRules(ctx.db);
}

export function setDeadlineRule(
  ctx: ServiceContext,
  input: ParsedInputOf<'calendar.setDeadlineRule'>,
): OutputOf<'calendar.setDeadlineRule'> {
  const category = getCategory(ctx.db, input.categoryId);
  if (!category) throw new AppError('NOT_FOUND', 'That category does not exist.');
  if (category.parentId !== null)
    throw new AppError('BAD_INPUT', 'Deadline rules belong to top-level categories.', [
      { path: 'categoryId', message: 'not top-level' },
    ]);
  const current = getDeadlineRuleWithSource(ctx.db, input.categoryId, input.priority);
  if (current?.source === 'county')
    throw new AppError(
      'FORBIDDEN',
      `The ${input.priority} rule of "${category.name}" was sent by the county (县级下发); it is changed there, not here.`,
    );
  // A working day is 8 working hours; 特急 counts clock hours. Signing for it cannot take longer than handling it.
  const handleHours = input.handleHours ?? (input.handleDays ?? 0) * (input.priority === 'critical' ? 24 : 8);
  if (input.signHours > handleHours)
    throw new AppError('BAD_INPUT', 'The time to sign for an event must not be longer than the time to handle it.', [
      { path: 'signHours', message: 'longer than the handling time' },
    ]);
  const rule = {
    categoryId: input.categoryId,
    priority: input.priority,
    signHours: input.signHours,
    handleDays: input.handleDays,
    handleHours: input.handleHours,
  };
  upsertDeadlineRule(ctx.db, rule);
  audit(ctx, {
    action: 'set_deadline_rule',
    entity: 'deadline_rule',
    entityId: `${category.code}:${input.priority}`,
    summary: { ...rule, before: current ?? null },
  });
  ctx.publish({ topic: 'reference.changed', payload: {} });
  return { ...rule, categoryName: category.name, source: 'local' };
}
