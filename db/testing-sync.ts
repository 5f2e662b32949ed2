/** Test support for the county-sync tests (core/sync/): what they read back from the township's database. */
import type { Db } from './open';
import { sql } from './statements';

/** County inbox rows of a status, only those past `afterOffset` when given. */
export function countyInboxCount(db: Db, status: string, afterOffset?: number): number {
  return afterOffset === undefined
    ? sql<{ n: number }>(db, 'SELECT count(*) AS n FROM county_inbox WHERE status = ?').get(status)!.n
    : sql<{ n: number }>(db, 'SELECT count(*) AS n FROM county_inbox WHERE offset > ? AND status = ?').get(afterOffset, status)!
        .n;
}

/** Events that carry a county reference. */
export function eventsWithCountyRef(db: Db, countyRef: string): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM events WHERE county_ref = ?').get(countyRef)!.n;
}
