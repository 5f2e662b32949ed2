import type { RiskRecord } from '../../db/queries/risk';
import type { TimelineEntryRecord } from '../../db/queries/timeline';
import { recordChange, type CaseKind } from '../case-file/record-change';
import type { ServiceContext } from '../context';

/**
 * Risk assessments as a kind of case. They stay in the township: PROTOCOL.md
 * carries no such entity, so a change writes no county records.
 */
export const RISK_CASE: CaseKind<RiskRecord> = {
  timeline: 'risk_assessment',
  entity: 'risk_assessment',
  caseId: (r) => r.id,
  audit: (r, change) => ({
    action: `risk.${change.kind}`,
    summary: {
      serial: r.serial,
      ...change.payload,
      from: change.fromState,
      to: change.toState,
      ...(change.note ? { note: change.note } : {}),
    },
  }),
  outbox: () => [],
  push: (r) => ({ topic: 'risk.changed', payload: { ids: [r.id] } }),
};

export interface RiskStep {
  kind: string;
  fromState: string | null;
  unitId?: string | null;
  note?: string;
  payload?: Record<string, unknown>;
}

export function recordRiskChange(ctx: ServiceContext, r: RiskRecord, step: RiskStep): TimelineEntryRecord {
  return recordChange(ctx, RISK_CASE, r, {
    kind: step.kind,
    fromState: step.fromState,
    toState: r.state,
    unitId: step.unitId ?? null,
    note: step.note ?? '',
    payload: step.payload ?? {},
  });
}
