import type { Priority } from '../../common/events';
import type { Db } from '../../db';
import type { EventRecord, EventUnitRecord } from '../../db/queries/events';
import { getDeadlineRule } from '../../db/queries/calendar';
import { getCategory } from '../../db/queries/reference';
import { DEFAULT_DEADLINE_RULES, HOUR_MS, type DeadlineRule, type WorkingCalendar } from './';

/** The rule for an event: its top-level category × priority, or the defaults. */
export function deadlineRule(db: Db, categoryId: string, priority: Priority): DeadlineRule {
  const category = getCategory(db, categoryId);
  const topId = category?.parentId ?? categoryId;
  const stored = getDeadlineRule(db, topId, priority);
  if (!stored) return DEFAULT_DEADLINE_RULES[priority];
  return {
    signHours: stored.signHours,
    handleDays: stored.handleDays,
    handleHours: stored.handleHours,
    calendarTime: priority === 'critical',
  };
}

/** The moment 75 % of the allowed time (working or clock) is used up. */
export function yellowMoment(calendar: WorkingCalendar, calendarTime: boolean, startAt: number, dueAt: number): number {
  if (calendarTime) return startAt + Math.ceil((dueAt - startAt) * 0.75);
  const allowedHours = calendar.workingMsBetween(startAt, dueAt) / HOUR_MS;
  return calendar.addWorkingHours(startAt, allowedHours * 0.75);
}

export interface WarningSchedule {
  warning: 0 | 1 | 2;
  yellowAt: number | null;
  redAt: number | null;
}

/**
 * The event-level warning follows the lead unit's running clocks: the
 * sign-for clock until it signs, the handling clock until it reports back.
 * When no clock runs (not dispatched, fed back, closed …) the warning is
 * frozen as it was and the tick no longer looks at the event.
 */
export function warningSchedule(
  calendar: WorkingCalendar,
  calendarTime: boolean,
  event: Pick<EventRecord, 'state' | 'warning'>,
  lead: EventUnitRecord | undefined,
  now: number,
): WarningSchedule {
  const running = event.state === 'dispatched' || event.state === 'in_progress';
  if (!running || !lead || lead.state === 'fed_back' || lead.state === 'returned' || lead.state === 'withdrawn') {
    return { warning: event.warning, yellowAt: null, redAt: null };
  }
  const clocks: { start: number; due: number }[] = [{ start: lead.dispatchedAt, due: lead.handleDueAt }];
  if (lead.state === 'pending') clocks.push({ start: lead.dispatchedAt, due: lead.signDueAt });
  const yellowAt = Math.min(...clocks.map((c) => yellowMoment(calendar, calendarTime, c.start, c.due)));
  const redAt = Math.min(...clocks.map((c) => c.due));
  const warning = now > redAt ? 2 : now >= yellowAt ? 1 : 0;
  return { warning, yellowAt, redAt };
}

export const WARNING_NAMES = ['none', 'yellow', 'red'] as const;
