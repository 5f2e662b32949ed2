import type { Db } from '../../db';
import { eventsDueForWarning, setEventWarning } from '../../db/queries/events';

/**
 * Raises the stored warning of events whose yellow or red moment has passed.
 * Only those rows are read (partial indexes on yellow_at / red_at), so a tick
 * on a database of a million events costs what the changed rows cost.
 * Warnings are derived data: no timeline, audit or outbox rows.
 */
export function runWarningTick(db: Db, now: number): string[] {
  return db.transaction(() => {
    const due = eventsDueForWarning(db, now);
    for (const e of due) setEventWarning(db, e.id, e.redAt !== null && now > e.redAt ? 2 : 1);
    return due.map((e) => e.id);
  })();
}
