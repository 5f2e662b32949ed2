import type { Db } from '../open';
import { sql } from '../statements';

// The working calendar (calendar_days: holidays and swapped working days) and
// the deadline rules per category and priority: what the calendar.* methods
// edit and what event deadlines are computed from.

export interface CalendarDayRecord {
  date: string;
  kind: 'off' | 'work';
  name: string;
  source: 'seed' | 'admin' | 'county';
}

export function listCalendarDays(db: Db): CalendarDayRecord[] {
  return sql<CalendarDayRecord>(db, 'SELECT date, kind, name, source FROM calendar_days ORDER BY date').all();
}

export function upsertCalendarDay(db: Db, d: CalendarDayRecord): void {
  sql(
    db,
    'INSERT INTO calendar_days (date, kind, name, source) VALUES (@date, @kind, @name, @source) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = excluded.source',
  ).run(d);
}

export function deleteCalendarDay(db: Db, date: string): number {
  return sql(db, 'DELETE FROM calendar_days WHERE date = ?').run(date).changes;
}

export function listCalendarYear(db: Db, year: number): CalendarDayRecord[] {
  return sql<CalendarDayRecord>(db, 'SELECT date, kind, name, source FROM calendar_days WHERE date LIKE ? ORDER BY date').all(
    `${year}-%`,
  );
}

export function deleteCalendarYear(db: Db, year: number): number {
  return sql(db, 'DELETE FROM calendar_days WHERE date LIKE ?').run(`${year}-%`).changes;
}

export interface DeadlineRuleRecord {
  categoryId: string;
  priority: 'normal' | 'urgent' | 'critical';
  signHours: number;
  handleDays: number | null;
  handleHours: number | null;
}

/** Who set a rule: the township (seed or administrator) or the county (县级下发, read-only here). */
export type DeadlineRuleSource = 'local' | 'county';

const DEADLINE_RULE_COLUMNS =
  'category_id AS categoryId, priority, sign_hours AS signHours, handle_days AS handleDays, handle_hours AS handleHours';

export function getDeadlineRule(db: Db, categoryId: string, priority: string): DeadlineRuleRecord | undefined {
  return sql<DeadlineRuleRecord>(
    db,
    `SELECT ${DEADLINE_RULE_COLUMNS} FROM deadline_rules WHERE category_id = ? AND priority = ?`,
  ).get(categoryId, priority);
}

/** A rule with who set it, for the administrator's edit (a county rule is not changed here). */
export function getDeadlineRuleWithSource(
  db: Db,
  categoryId: string,
  priority: string,
): (DeadlineRuleRecord & { source: DeadlineRuleSource }) | undefined {
  return sql<DeadlineRuleRecord & { source: DeadlineRuleSource }>(
    db,
    `SELECT ${DEADLINE_RULE_COLUMNS}, source FROM deadline_rules WHERE category_id = ? AND priority = ?`,
  ).get(categoryId, priority);
}

export function insertDeadlineRule(db: Db, r: DeadlineRuleRecord): void {
  sql(
    db,
    `INSERT INTO deadline_rules (category_id, priority, sign_hours, handle_days, handle_hours)
     VALUES (@categoryId, @priority, @signHours, @handleDays, @handleHours)`,
  ).run(r);
}

export function listDeadlineRules(db: Db): (DeadlineRuleRecord & { categoryName: string; source: DeadlineRuleSource })[] {
  return sql<DeadlineRuleRecord & { categoryName: string; source: DeadlineRuleSource }>(
    db,
    `SELECT r.category_id AS categoryId, c.name AS categoryName, r.priority, r.sign_hours AS signHours, r.handle_days AS handleDays,
      r.handle_hours AS handleHours, r.source
     FROM deadline_rules r JOIN categories c ON c.id = r.category_id
     ORDER BY c.sort, CASE r.priority WHEN 'normal' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END`,
  ).all();
}

export function upsertDeadlineRule(db: Db, r: DeadlineRuleRecord): void {
  sql(
    db,
    `INSERT INTO deadline_rules (category_id, priority, sign_hours, handle_days, handle_hours)
     VALUES (@categoryId, @priority, @signHours, @handleDays, @handleHours)
     ON CONFLICT (category_id, priority) DO UPDATE SET sign_hours = excluded.sign_hours, handle_days = excluded.handle_days,
       handle_hours = excluded.handle_hours, source = 'local'`,
  ).run(r);
}
