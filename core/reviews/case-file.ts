import type { ReviewRecord } from '../../db/queries/reviews';
import type { TimelineEntryRecord } from '../../db/queries/timeline';
import { localCaseKind, recordLocalStep, type LocalCaseStep } from '../case-file/local-case';
import type { ServiceContext } from '../context';

/**
 * After-action reviews as a kind of case, kept in the township (an order made
 * from an improvement action is the supervision module's own case and goes out
 * as any order does).
 */
export const REVIEW_CASE = localCaseKind<ReviewRecord>({
  timeline: 'review',
  entity: 'review',
  actionPrefix: 'review',
  label: (r) => ({ serial: r.serial }),
  push: (r) => ({ topic: 'reviews.changed', payload: { ids: [r.id] } }),
});

export type ReviewStepChange = LocalCaseStep;

export function recordReviewChange(ctx: ServiceContext, r: ReviewRecord, step: ReviewStepChange): TimelineEntryRecord {
  return recordLocalStep(ctx, REVIEW_CASE, r, step);
}
