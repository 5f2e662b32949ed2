import type { CampaignRecord } from '../../db/queries/campaigns';
import type { TimelineEntryRecord } from '../../db/queries/timeline';
import { recordChange, type CaseKind } from '../case-file/record-change';
import type { ServiceContext } from '../context';

/** Campaigns as a kind of case; local records, so no county rows (PROTOCOL.md has no such entity). */
export const CAMPAIGN_CASE: CaseKind<CampaignRecord> = {
  timeline: 'campaign',
  entity: 'campaign',
  caseId: (c) => c.id,
  audit: (c, change) => ({
    action: `campaigns.${change.kind}`,
    summary: {
      name: c.name,
      ...change.payload,
      from: change.fromState,
      to: change.toState,
      ...(change.note ? { note: change.note } : {}),
    },
  }),
  outbox: () => [],
  push: (c) => ({ topic: 'campaigns.changed', payload: { ids: [c.id] } }),
};

export function recordCampaignChange(
  ctx: ServiceContext,
  c: CampaignRecord,
  step: { kind: string; fromState: string; unitId?: string | null; note?: string; payload?: Record<string, unknown> },
): TimelineEntryRecord {
  return recordChange(ctx, CAMPAIGN_CASE, c, {
    kind: step.kind,
    fromState: step.fromState,
    toState: c.state,
    unitId: step.unitId ?? null,
    note: step.note ?? '',
    payload: step.payload ?? {},
  });
}
