import { countClosed, countOverdue, countReceived, countsByLevel } from '../../db/queries/dashboard';
import { getSyncState, saveDailyFigures, sentDailyFigures, setFiguresSentThrough } from '../../db/queries/sync';
import type { Db } from '../../db';
import { dateKeyOfDay, dayIndexOf, dayStartMs } from '../calendar/china-time';
import { newId, type ServiceContext } from '../context';
import { enqueueChange } from '../outbox';
import { LoginGuard } from '../auth/login-guard';
import { pdfPrinter } from '../print/pdf';

/** How many days back a late change is looked for, and how many missed days are sent at most. */
export const FIGURES_LOOKBACK_DAYS = 92;
export const FIGURES_BACKFILL_DAYS = 31;

export interface DailyFigures {
  date: string;
  received: number;
  closed: number;
  overdue: number;
  byLevel: { grid: number; village: number; township: number; county: number };
}

/** The figures of one China day, by the very queries the dashboard counts its day with. */
export function dailyFigures(db: Db, dayIndex: number): DailyFigures {
  const from = dayStartMs(dayIndex);
  const to = dayStartMs(dayIndex + 1);
  const levels = new Map(countsByLevel(db, from, to).map((r) => [r.level, r.count]));
  return {
    date: dateKeyOfDay(dayIndex),
    received: countReceived(db, from, to),
    closed: countClosed(db, from, to),
    overdue: countOverdue(db, from, to),
    byLevel: {
      grid: levels.get('grid') ?? 0,
      village: levels.get('village') ?? 0,
      township: levels.get('township') ?? 0,
      county: levels.get('county') ?? 0,
    },
  };
}

function systemContext(db: Db, dataDir: string, now: () => number): ServiceContext {
  return {
    db,
    dataDir,
    actor: null,
    connection: { id: 'county-sync', address: 'county', sessionId: null },
    now,
    newId,
    publish: () => {},
    afterCommit: () => {},
    recordOnFailure: () => {},
    endSessions: () => {},
    printPdf: pdfPrinter(undefined),
    loginGuard: new LoginGuard(),
  };
}

/**
 * PROTOCOL.md `daily_figures`, in one transaction: the previous China day
 * once it is over (and every day missed since the last one sent, up to a
 * month, e.g. when the app was off at midnight), and again, as an upsert, any
 * day already sent whose figures a late change altered. Nothing is queued
 * until the township id is known (it is part of the record's id).
 * Returns the dates queued.
 */
export function queueDailyFigures(deps: { db: Db; dataDir: string; now: () => number }, townshipId: string): string[] {
  const { db } = deps;
  if (!townshipId) return [];
  return db
    .transaction((): string[] => {
      const ctx = systemContext(db, deps.dataDir, deps.now);
      const now = deps.now();
      const yesterday = dayIndexOf(now) - 1;
      const queued: string[] = [];
      const send = (f: DailyFigures) => {
        const data = { ...f, byLevel: { ...f.byLevel } };
        enqueueChange(ctx, 'daily_figures', `${townshipId}:${f.date}`, data);
        saveDailyFigures(db, f.date, JSON.stringify(data), now);
        queued.push(f.date);
      };
      // Days already sent that a late change altered.
      for (const sent of sentDailyFigures(db, dateKeyOfDay(yesterday - FIGURES_LOOKBACK_DAYS))) {
        const day = dayIndexOf(Date.parse(`${sent.date}T12:00:00+08:00`));
        if (day > yesterday) continue;
        const fresh = dailyFigures(db, day);
        if (JSON.stringify(fresh) !== sent.data) send(fresh);
      }
      // The days not sent yet, up to yesterday.
      const through = getSyncState(db).figuresSentThrough;
      const last = through ? dayIndexOf(Date.parse(`${through}T12:00:00+08:00`)) : yesterday - 1;
      for (let day = Math.max(last + 1, yesterday - FIGURES_BACKFILL_DAYS + 1); day <= yesterday; day++)
        send(dailyFigures(db, day));
      if (last < yesterday) setFiguresSentThrough(db, dateKeyOfDay(yesterday));
      return queued;
    })
    .immediate();
}
