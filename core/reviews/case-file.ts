import type { ReviewRecord } from '../../db/queries/reviews';
import type { TimelineEntryRecord } from '../../db/queries/timeline';
import { recordChange, type CaseKind } from '../case-file/record-change';
import type { ServiceContext } from '../context';

/**
 * After-action reviews as a kind of case. They stay in the township:
 * PROTOCOL.md carries no such entity, so a change writes no county records
 * (an order made from an improvement action is the supervision module's own
 * case and goes out as any order does).
 */
export const REVIEW_CASE: CaseKind<ReviewRecord> = {
  timeline: 'review',
  entity: 'review',
  caseId: (r) => r.id,
  audit: (r, change) => ({
    action: `review.${change.kind}`,
    summary: {
      serial: r.serial,
      ...change.payload,
      from: change.fromState,
      to: change.toState,
      ...(change.note ? { note: change.note } : {}),
    },
  }),
  outbox: () => [],
  push: (r) => ({ topic: 'reviews.changed', payload: { ids: [r.id] } }),
};

export interface ReviewStepChange {
  kind: string;
  fromState: string | null;
  unitId?: string | null;
  note?: string;
  payload?: Record<string, unknown>;
}

export function recordReviewChange(ctx: ServiceContext, r: ReviewRecord, step: ReviewStepChange): TimelineEntryRecord {
  return recordChange(ctx, REVIEW_CASE, r, {
    kind: step.kind,
    fromState: step.fromState,
    toState: r.state,
    unitId: step.unitId ?? null,
    note: step.note ?? '',
    payload: step.payload ?? {},
  });
}
