import type { Priority } from '@common/events';

/** Day of the week of a YYYY-MM-DD date: 0 Sunday … 6 Saturday; null for a date that does not exist. */
export function weekdayOf(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const moment = new Date(Date.UTC(year, month - 1, day));
  if (moment.getUTCFullYear() !== year || moment.getUTCMonth() !== month - 1 || moment.getUTCDate() !== day) return null;
  return moment.getUTCDay();
}

export function isWeekend(date: string): boolean {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
}

/** The parsed JSON of a holiday file, or the parser's complaint. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

const PRIORITY_ORDER: Record<Priority, number> = { normal: 0, urgent: 1, critical: 2 };

/** Rules in table order: by category name, then 一般 / 紧急 / 特急. */
export function sortRules<T extends { categoryName: string; priority: Priority }>(rules: readonly T[]): T[] {
  return [...rules].sort(
    (a, b) => a.categoryName.localeCompare(b.categoryName, 'zh-CN') || PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority],
  );
}

/** How many rows from `index` on share its category (0 for rows merged into the one above). */
export function categorySpan(rows: readonly { categoryId: string }[], index: number): number {
  const id = rows[index]?.categoryId;
  if (index > 0 && rows[index - 1]?.categoryId === id) return 0;
  let span = 1;
  while (rows[index + span]?.categoryId === id) span += 1;
  return span;
}
