import { describe, expect, it } from 'vitest';
import { createBundledCalendar } from './bundled';
import { computeDeadlines, DEFAULT_DEADLINE_RULES, DeadlineRuleSchema, warningLevel, type DeadlineRule } from './deadlines';
import { cn, show } from '../testing/calendar-helpers';

const cal = createBundledCalendar();
const due = (rule: DeadlineRule, dispatched: string) => {
  const { signDueAt, handleDueAt } = computeDeadlines(cal, rule, cn(dispatched));
  return { sign: show(signDueAt), handle: show(handleDueAt) };
};

describe('computeDeadlines', () => {
  it('normal and urgent count working hours and working days from dispatch, across National Day', () => {
    expect(due(DEFAULT_DEADLINE_RULES.normal, '2026-09-30 16:00')).toEqual({
      sign: '2026-10-08 09:00',
      handle: '2026-10-13 17:30',
    });
    expect(due(DEFAULT_DEADLINE_RULES.urgent, '2026-09-30 16:00')).toEqual({
      sign: '2026-09-30 17:00',
      handle: '2026-10-09 17:30',
    });
  });

  it('critical (特急) counts clock time straight through a holiday', () => {
    expect(due(DEFAULT_DEADLINE_RULES.critical, '2026-10-01 10:00')).toEqual({
      sign: '2026-10-01 10:30',
      handle: '2026-10-02 10:00',
    });
    expect(due(DEFAULT_DEADLINE_RULES.critical, '2026-02-16 23:50')).toEqual({
      sign: '2026-02-17 00:20',
      handle: '2026-02-17 23:50',
    });
  });

  it('supports handling in working hours, and days of clock time', () => {
    const inWorkingHours = { signHours: 1, handleDays: null, handleHours: 4, calendarTime: false };
    expect(due(inWorkingHours, '2026-03-09 16:00')).toEqual({ sign: '2026-03-09 17:00', handle: '2026-03-10 11:00' });
    const calendarDays = { signHours: 2, handleDays: 2, handleHours: null, calendarTime: true };
    expect(due(calendarDays, '2026-03-06 10:00')).toEqual({ sign: '2026-03-06 12:00', handle: '2026-03-08 10:00' });
  });

  it('refuses a rule with both or neither handling limits', () => {
    expect(() => due({ signHours: 1, handleDays: 2, handleHours: 4, calendarTime: false }, '2026-03-09 09:00')).toThrow(
      RangeError,
    );
    expect(() => due({ signHours: 1, handleDays: null, handleHours: null, calendarTime: false }, '2026-03-09 09:00')).toThrow(
      RangeError,
    );
    for (const rule of Object.values(DEFAULT_DEADLINE_RULES)) expect(DeadlineRuleSchema.safeParse(rule).success).toBe(true);
    expect(DeadlineRuleSchema.safeParse({ signHours: 1, handleDays: 2, handleHours: 4, calendarTime: false }).success).toBe(
      false,
    );
    expect(DeadlineRuleSchema.safeParse({ signHours: 1, handleDays: 0.5, handleHours: null, calendarTime: false }).success).toBe(
      false,
    );
  });
});

describe('warningLevel', () => {
  const at = (task: { startAt: string; dueAt: string; doneAt?: string; calendarTime?: boolean }, now: string) =>
    warningLevel(
      cal,
      {
        startAt: cn(task.startAt),
        dueAt: cn(task.dueAt),
        doneAt: task.doneAt ? cn(task.doneAt) : null,
        calendarTime: task.calendarTime ?? false,
      },
      cn(now),
    );

  it('turns yellow at exactly 75 % of the working time and red only after the due moment', () => {
    const task = { startAt: '2026-03-09 09:00', dueAt: '2026-03-09 11:00' }; // 2 working hours
    expect(at(task, '2026-03-09 08:00')).toBe('none');
    expect(at(task, '2026-03-09 10:29:59.999')).toBe('none');
    expect(at(task, '2026-03-09 10:30')).toBe('yellow');
    expect(at(task, '2026-03-09 11:00')).toBe('yellow');
    expect(at(task, '2026-03-09 11:00:00.001')).toBe('red');
  });

  it('measures working time, not clock time, for normal rules', () => {
    const task = { startAt: '2026-03-09 16:00', dueAt: '2026-03-10 09:00' }; // 2 working hours over a night
    expect(at(task, '2026-03-09 17:29')).toBe('none');
    expect(at(task, '2026-03-09 17:30')).toBe('yellow'); // 1.5 of 2 working hours; only 1.5 of 17 clock hours
    expect(at(task, '2026-03-10 09:01')).toBe('red');
  });

  it('measures clock time for critical rules, holidays included', () => {
    const task = { startAt: '2026-10-01 10:00', dueAt: '2026-10-02 10:00', calendarTime: true };
    expect(at(task, '2026-10-02 03:59')).toBe('none');
    expect(at(task, '2026-10-02 04:00')).toBe('yellow');
    expect(at(task, '2026-10-02 10:01')).toBe('red');
  });

  it('freezes once done: none if done in time (even from yellow), red if done late', () => {
    const task = { startAt: '2026-03-09 09:00', dueAt: '2026-03-09 11:00' };
    expect(at({ ...task, doneAt: '2026-03-09 10:45' }, '2026-03-20 09:00')).toBe('none');
    expect(at({ ...task, doneAt: '2026-03-09 11:00' }, '2026-03-20 09:00')).toBe('none');
    expect(at({ ...task, doneAt: '2026-03-09 11:30' }, '2026-03-09 11:30')).toBe('red');
    expect(at({ ...task, doneAt: '2026-03-09 11:30' }, '2026-03-20 09:00')).toBe('red');
  });

  it('is yellow when no time was allowed at all', () => {
    expect(at({ startAt: '2026-03-09 09:00', dueAt: '2026-03-09 09:00' }, '2026-03-09 09:00')).toBe('yellow');
  });
});
