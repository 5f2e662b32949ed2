import { describe } from 'vitest';
import {
  campaignEventCounts,
  lastReportAt,
  latestFigures,
  listCampaignTasks,
  listCampaigns,
  listTargets,
} from '../../db/queries/campaigns';
import { listTimeline } from '../../db/queries/timeline';
import { itUsesIndexes } from '../testing/query-plans';

describe('campaign query plans', () => {
  itUsesIndexes(
    [
      { name: 'campaigns, newest first', run: (db) => listCampaigns(db), index: /campaigns_by_start/ },
      { name: 'targets', run: (db) => listTargets(db, 'c'), index: /campaign_targets_by_campaign/ },
      { name: 'tasks', run: (db) => listCampaignTasks(db, 'c'), index: /campaign_tasks_by_campaign/ },
      { name: 'latest figures', run: (db) => latestFigures(db, 'c'), index: /campaign_reports_by_campaign/ },
      { name: 'last reports', run: (db) => lastReportAt(db, 'c'), index: /campaign_reports_by_campaign/ },
      { name: 'tagged hazards', run: (db) => campaignEventCounts(db, 'c'), index: /campaign_events_by_campaign/ },
      { name: 'timeline', run: (db) => listTimeline(db, 'campaign', 'c'), index: /campaign_actions_by_campaign/ },
    ],
    /campaign\w*/,
  );
});
