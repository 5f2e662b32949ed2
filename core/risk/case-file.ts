import type { RiskRecord } from '../../db/queries/risk';
import type { TimelineEntryRecord } from '../../db/queries/timeline';
import { localCaseKind, recordLocalStep, type LocalCaseStep } from '../case-file/local-case';
import type { ServiceContext } from '../context';

/** Risk assessments as a kind of case, kept in the township. */
export const RISK_CASE = localCaseKind<RiskRecord>({
  timeline: 'risk_assessment',
  entity: 'risk_assessment',
  actionPrefix: 'risk',
  label: (r) => ({ serial: r.serial }),
  push: (r) => ({ topic: 'risk.changed', payload: { ids: [r.id] } }),
});

export type RiskStep = LocalCaseStep;

export function recordRiskChange(ctx: ServiceContext, r: RiskRecord, step: RiskStep): TimelineEntryRecord {
  return recordLocalStep(ctx, RISK_CASE, r, step);
}
