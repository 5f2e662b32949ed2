import { z } from 'zod';
import type { WorkingCalendar } from './working-calendar';

/**
 * How long a unit has to sign for and to handle a dispatched event. Normal and
 * urgent events count working time (sign-for in working hours, handling in
 * working days); 特急 (critical) events count plain clock time
 * (`calendarTime: true`) in hours, because a fire does not wait for Monday.
 * Exactly one of `handleDays` / `handleHours` is set.
 */
export type DeadlineRule = { signHours: number; handleDays: number | null; handleHours: number | null; calendarTime: boolean };

/** For rules stored in the database or pushed by the county. */
export const DeadlineRuleSchema = z
  .object({
    signHours: z
      .number()
      .positive()
      .max(24 * 30),
    handleDays: z.number().int().min(1).max(365).nullable(),
    handleHours: z
      .number()
      .positive()
      .max(24 * 365)
      .nullable(),
    calendarTime: z.boolean(),
  })
  .refine((rule) => (rule.handleDays === null) !== (rule.handleHours === null), {
    message: 'set exactly one of handleDays and handleHours',
    path: ['handleDays'],
  });

export type DeadlinePriority = 'normal' | 'urgent' | 'critical';

/** Defaults until a category sets its own rules (the database overrides these per category × priority). */
export const DEFAULT_DEADLINE_RULES: Readonly<Record<DeadlinePriority, DeadlineRule>> = {
  normal: { signHours: 2, handleDays: 5, handleHours: null, calendarTime: false },
  urgent: { signHours: 1, handleDays: 2, handleHours: null, calendarTime: false },
  critical: { signHours: 0.5, handleDays: null, handleHours: 24, calendarTime: true },
};

/** Due moments for sign-for and handling. The clock starts at dispatch, not at sign-for. */
export function computeDeadlines(
  calendar: WorkingCalendar,
  rule: DeadlineRule,
  dispatchedAtMs: number,
): { signDueAt: number; handleDueAt: number } {
  const { signHours, handleDays, handleHours, calendarTime } = rule;
  if ((handleDays === null) === (handleHours === null)) {
    throw new RangeError('A deadline rule sets exactly one of handleDays and handleHours');
  }
  const addHours = (hours: number) =>
    calendarTime ? calendar.addCalendarHours(dispatchedAtMs, hours) : calendar.addWorkingHours(dispatchedAtMs, hours);
  let handleDueAt: number;
  if (handleHours !== null) handleDueAt = addHours(handleHours);
  else if (calendarTime) handleDueAt = calendar.addCalendarHours(dispatchedAtMs, handleDays! * 24);
  else handleDueAt = calendar.addWorkingDays(dispatchedAtMs, handleDays!);
  return { signDueAt: addHours(signHours), handleDueAt };
}

export type Warning = 'none' | 'yellow' | 'red';

export interface WarningTask {
  startAt: number;
  dueAt: number;
  /** Set once signed for / handled: the warning then stays what it was at that moment. */
  doneAt?: number | null;
  /** True for 特急 rules: the 75 % is measured on clock time, otherwise on working time. */
  calendarTime: boolean;
}

/**
 * red: now (or doneAt, when done) is past the due moment.
 * yellow: not done and ≥ 75 % of the allowed time used (working or clock time).
 * A finished task is frozen: red if it was finished late, otherwise none — a
 * task done in time needs no one's attention any more.
 */
export function warningLevel(calendar: WorkingCalendar, task: WarningTask, nowMs: number): Warning {
  const { startAt, dueAt, calendarTime } = task;
  const doneAt = task.doneAt ?? null;
  if ((doneAt ?? nowMs) > dueAt) return 'red';
  if (doneAt !== null) return 'none';
  const measure = (from: number, to: number) => (calendarTime ? Math.max(0, to - from) : calendar.workingMsBetween(from, to));
  const allowed = measure(startAt, dueAt);
  const used = measure(startAt, nowMs);
  // Integer comparison, so exactly 75 % is yellow without floating-point doubt.
  // No allowed time at all (due at the start) means the deadline is already upon us.
  return allowed <= 0 || used * 4 >= allowed * 3 ? 'yellow' : 'none';
}
