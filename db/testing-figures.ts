/**
 * Test support: figures written out by hand in SQL, independently of the
 * production queries, for the tests to hold the app's figures against.
 * Not used by production code.
 */
import type { Db } from './open';
import { sql } from './statements';

/** Risk assessments concluded in a China-time year, by current state. */
export function riskConclusionsOfYear(db: Db, year: number): { state: string; n: number }[] {
  return sql<{ state: string; n: number }>(
    db,
    `SELECT state, COUNT(*) AS n FROM risk_assessments
     WHERE strftime('%Y', decided_at / 1000 + 8 * 3600, 'unixepoch') = ?
       AND state IN ('implemented', 'postponed', 'rejected', 'terminated')
     GROUP BY state`,
  ).all(String(year));
}

/** Each unit's latest reported figure per target of a campaign, with a window function. */
export function campaignLatestFigures(db: Db, campaignId: string): { unit_id: string; target_id: string; value: number }[] {
  return sql<{ unit_id: string; target_id: string; value: number }>(
    db,
    `SELECT unit_id, target_id, value FROM (
       SELECT r.unit_id, f.target_id, f.value,
         ROW_NUMBER() OVER (PARTITION BY r.unit_id, f.target_id ORDER BY r.at DESC, r.rowid DESC) AS rn
       FROM campaign_reports r JOIN campaign_report_figures f ON f.report_id = r.id WHERE r.campaign_id = ?)
     WHERE rn = 1`,
  ).all(campaignId);
}

/** How many events a campaign tagged, and how many of them are closed or archived. */
export function campaignEventFigures(db: Db, campaignId: string): { tagged: number; closed: number } {
  return sql<{ tagged: number; closed: number }>(
    db,
    `SELECT COUNT(*) AS tagged, SUM(CASE WHEN e.state IN ('closed', 'archived') THEN 1 ELSE 0 END) AS closed
     FROM events e WHERE e.id IN (SELECT event_id FROM campaign_events WHERE campaign_id = ?)`,
  ).get(campaignId)!;
}

/** A campaign's open tasks past their deadline at `now`, by unit. */
export function campaignOverdueTasks(db: Db, campaignId: string, now: number): { unit_id: string; n: number }[] {
  return sql<{ unit_id: string; n: number }>(
    db,
    'SELECT unit_id, COUNT(*) AS n FROM campaign_tasks WHERE campaign_id = ? AND done_at IS NULL AND due_at < ? GROUP BY unit_id',
  ).all(campaignId, now);
}
