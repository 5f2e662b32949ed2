import type { CampaignState } from '../../common/campaigns';
import type { Db } from '../open';
import { sql } from '../statements';

export interface CampaignRecord {
  id: string;
  name: string;
  startsAt: number;
  endsAt: number;
  leadUnitId: string;
  state: CampaignState;
  createdBy: string | null;
  createdAt: number;
  closedAt: number | null;
}

const CAMPAIGN_COLUMNS = `id, name, starts_at AS startsAt, ends_at AS endsAt, lead_unit_id AS leadUnitId, state,
  created_by AS createdBy, created_at AS createdAt, closed_at AS closedAt`;

export function insertCampaign(db: Db, c: CampaignRecord): void {
  sql(
    db,
    `INSERT INTO campaigns (id, name, starts_at, ends_at, lead_unit_id, state, created_by, created_at, closed_at)
     VALUES (@id, @name, @startsAt, @endsAt, @leadUnitId, @state, @createdBy, @createdAt, @closedAt)`,
  ).run(c);
}

export function getCampaign(db: Db, id: string): CampaignRecord | undefined {
  return sql<CampaignRecord>(db, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE id = ?`).get(id);
}

export function setCampaignState(db: Db, id: string, state: CampaignState, closedAt: number | null): void {
  sql(db, 'UPDATE campaigns SET state = ?, closed_at = ? WHERE id = ?').run(state, closedAt, id);
}

/** Newest first. */
export function listCampaigns(db: Db): CampaignRecord[] {
  return sql<CampaignRecord>(db, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns ORDER BY starts_at DESC, id`).all();
}

export function insertCampaignUnit(db: Db, campaignId: string, unitId: string): void {
  sql(db, 'INSERT INTO campaign_units (campaign_id, unit_id) VALUES (?, ?)').run(campaignId, unitId);
}

/** Participating units in the directory's order. */
export function listCampaignUnitIds(db: Db, campaignId: string): string[] {
  return sql<string>(
    db,
    `SELECT cu.unit_id FROM campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = ? ORDER BY u.sort, u.name`,
  )
    .pluck()
    .all(campaignId);
}

export interface TargetRecord {
  id: string;
  campaignId: string;
  label: string;
  unit: string;
  goal: number;
  sort: number;
}

export function insertTarget(db: Db, t: TargetRecord): void {
  sql(
    db,
    'INSERT INTO campaign_targets (id, campaign_id, label, unit, goal, sort) VALUES (@id, @campaignId, @label, @unit, @goal, @sort)',
  ).run(t);
}

export function listTargets(db: Db, campaignId: string): TargetRecord[] {
  return sql<TargetRecord>(
    db,
    'SELECT id, campaign_id AS campaignId, label, unit, goal, sort FROM campaign_targets WHERE campaign_id = ? ORDER BY sort',
  ).all(campaignId);
}

export interface CampaignTaskRecord {
  id: string;
  campaignId: string;
  unitId: string;
  title: string;
  dueAt: number;
  doneAt: number | null;
  createdAt: number;
}

const TASK_COLUMNS =
  'id, campaign_id AS campaignId, unit_id AS unitId, title, due_at AS dueAt, done_at AS doneAt, created_at AS createdAt';

export function insertCampaignTask(db: Db, t: CampaignTaskRecord): void {
  sql(
    db,
    `INSERT INTO campaign_tasks (id, campaign_id, unit_id, title, due_at, done_at, created_at)
     VALUES (@id, @campaignId, @unitId, @title, @dueAt, @doneAt, @createdAt)`,
  ).run(t);
}

export function getCampaignTask(db: Db, id: string): CampaignTaskRecord | undefined {
  return sql<CampaignTaskRecord>(db, `SELECT ${TASK_COLUMNS} FROM campaign_tasks WHERE id = ?`).get(id);
}

export function listCampaignTasks(db: Db, campaignId: string): CampaignTaskRecord[] {
  return sql<CampaignTaskRecord>(
    db,
    `SELECT ${TASK_COLUMNS} FROM campaign_tasks WHERE campaign_id = ? ORDER BY due_at, rowid`,
  ).all(campaignId);
}

export function completeCampaignTask(db: Db, id: string, at: number): void {
  sql(db, 'UPDATE campaign_tasks SET done_at = ? WHERE id = ?').run(at, id);
}

export function insertReport(
  db: Db,
  r: { id: string; campaignId: string; unitId: string; narrative: string; reportedBy: string; at: number },
): void {
  sql(
    db,
    `INSERT INTO campaign_reports (id, campaign_id, unit_id, narrative, reported_by, at)
     VALUES (@id, @campaignId, @unitId, @narrative, @reportedBy, @at)`,
  ).run(r);
}

export function insertReportFigure(db: Db, reportId: string, targetId: string, value: number): void {
  sql(db, 'INSERT INTO campaign_report_figures (report_id, target_id, value) VALUES (?, ?, ?)').run(reportId, targetId, value);
}

/**
 * Each unit's latest figure per target: reports carry cumulative figures to
 * date, and a report that leaves a target out leaves its last figure standing.
 */
export function latestFigures(db: Db, campaignId: string): { unitId: string; targetId: string; value: number }[] {
  return sql<{ unitId: string; targetId: string; value: number }>(
    db,
    `SELECT r.unit_id AS unitId, f.target_id AS targetId, f.value
     FROM campaign_reports r JOIN campaign_report_figures f ON f.report_id = r.id
     WHERE r.campaign_id = ? AND NOT EXISTS (
       SELECT 1 FROM campaign_reports r2 JOIN campaign_report_figures f2 ON f2.report_id = r2.id
       WHERE r2.campaign_id = r.campaign_id AND r2.unit_id = r.unit_id AND f2.target_id = f.target_id
         AND (r2.at > r.at OR (r2.at = r.at AND r2.rowid > r.rowid)))`,
  ).all(campaignId);
}

export function lastReportAt(db: Db, campaignId: string): { unitId: string; at: number; narrative: string }[] {
  return sql<{ unitId: string; at: number; narrative: string }>(
    db,
    `SELECT unit_id AS unitId, MAX(at) AS at, narrative FROM campaign_reports WHERE campaign_id = ? GROUP BY unit_id`,
  ).all(campaignId);
}

export function tagEvent(db: Db, eventId: string, campaignId: string, at: number): void {
  sql(db, 'INSERT INTO campaign_events (event_id, campaign_id, tagged_at) VALUES (?, ?, ?)').run(eventId, campaignId, at);
}

export function campaignOfEvent(db: Db, eventId: string): string | undefined {
  return sql<string>(db, 'SELECT campaign_id FROM campaign_events WHERE event_id = ?').pluck().get(eventId);
}

/** The hazards taken in for a campaign and how many of them are done with (closed or archived). */
export function campaignEventCounts(db: Db, campaignId: string): { tagged: number; closed: number } {
  return sql<{ tagged: number; closed: number }>(
    db,
    `SELECT COUNT(*) AS tagged, COALESCE(SUM(e.state IN ('closed', 'archived')), 0) AS closed
     FROM campaign_events ce JOIN events e ON e.id = ce.event_id WHERE ce.campaign_id = ?`,
  ).get(campaignId)!;
}

/** Recent events of a top-level category (or its children), newest first: the demo's campaign hazards. */
export function recentEventsOfCategory(db: Db, topCode: string, since: number, limit: number): string[] {
  return sql<string>(
    db,
    `SELECT e.id FROM events e JOIN categories c ON c.id = e.category_id LEFT JOIN categories p ON p.id = c.parent_id
     WHERE (c.code = ? OR p.code = ?) AND e.reported_at >= ? ORDER BY e.reported_at DESC LIMIT ?`,
  )
    .pluck()
    .all(topCode, topCode, since, limit);
}
