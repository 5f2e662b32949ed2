import type { CampaignRecord } from '../../db/queries/campaigns';
import type { TimelineEntryRecord } from '../../db/queries/timeline';
import { localCaseKind, recordLocalStep, type LocalCaseStep } from '../case-file/local-case';
import type { ServiceContext } from '../context';

/** Campaigns as a kind of case, kept in the township. */
export const CAMPAIGN_CASE = localCaseKind<CampaignRecord>({
  timeline: 'campaign',
  entity: 'campaign',
  actionPrefix: 'campaigns',
  label: (c) => ({ name: c.name }),
  push: (c) => ({ topic: 'campaigns.changed', payload: { ids: [c.id] } }),
});

export function recordCampaignChange(
  ctx: ServiceContext,
  c: CampaignRecord,
  step: LocalCaseStep & { fromState: string },
): TimelineEntryRecord {
  return recordLocalStep(ctx, CAMPAIGN_CASE, c, step);
}
