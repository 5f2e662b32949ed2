import { chinaWallClock } from '../../common/china-time';
import type { BackupKind } from '../../common/contract/backups';

export const KEEP = { daily: 7, weekly: 4, monthly: 12, preMigration: 3 } as const;

/** The China-time calendar keys of a moment: day, ISO week, month. */
export function calendarKeys(ms: number): { day: string; week: string; month: string } {
  const d = chinaWallClock(ms);
  const day = d.toISOString().slice(0, 10);
  // ISO week: the week (Monday first) holding this date's Thursday.
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return { day, week: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`, month: day.slice(0, 7) };
}

/**
 * Grandfather-father-son rotation over the regular (daily and manual)
 * backups: the newest of each of the 7 latest days, of each of the 4 latest
 * ISO weeks and of each of the 12 latest months are kept; so are the 3
 * newest pre-migration backups. Everything else may go.
 */
export function backupsToKeep(backups: { name: string; kind: BackupKind; createdAt: number }[]): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...backups].sort((a, b) => b.createdAt - a.createdAt);
  newestFirst
    .filter((b) => b.kind === 'pre_migration')
    .slice(0, KEEP.preMigration)
    .forEach((b) => keep.add(b.name));
  const regular = newestFirst.filter((b) => b.kind !== 'pre_migration');
  for (const [key, limit] of [
    ['day', KEEP.daily],
    ['week', KEEP.weekly],
    ['month', KEEP.monthly],
  ] as const) {
    const seen = new Set<string>();
    for (const b of regular) {
      const k = calendarKeys(b.createdAt)[key];
      if (seen.has(k)) continue;
      if (seen.size >= limit) break;
      seen.add(k);
      keep.add(b.name);
    }
  }
  return keep;
}
