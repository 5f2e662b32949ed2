import type { ReviewStep } from '../../common/contract';
import type { ReviewStepKind } from '../../common/reviews';
import type { Db } from '../../db';
import { getEvent, listEventUnits } from '../../db/queries/events';
import { getUnit } from '../../db/queries/org';
import { listTimeline } from '../../db/queries/timeline';

/** Which event timeline entries the review shows, and as which step. */
const STEP_OF: Record<string, ReviewStepKind> = {
  create: 'report',
  dispatch: 'dispatch',
  reopen: 'dispatch',
  sign: 'sign',
  feedback: 'feedback',
  escalate: 'escalate',
  verify: 'close',
  answer: 'close',
};

/**
 * The timeline of the covered events assembled from their records: the
 * first report, each dispatch, sign-for, feedback, escalation and the close,
 * each with how long it took against what its deadline allowed. A unit's
 * sign-for and feedback are measured from its dispatch against its own
 * deadlines; a dispatch, an escalation and the close from the first report.
 */
export function reviewSteps(db: Db, eventIds: string[]): ReviewStep[] {
  const steps: ReviewStep[] = [];
  for (const eventId of eventIds) {
    const e = getEvent(db, eventId);
    if (!e) continue;
    const units = listEventUnits(db, eventId);
    for (const entry of listTimeline(db, 'event', eventId)) {
      const kind = STEP_OF[entry.kind];
      if (!kind) continue;
      if (kind === 'close' && entry.toState !== 'closed') continue;
      const unit = entry.unitId ? units.find((u) => u.unitId === entry.unitId) : undefined;
      let tookMs: number | null = null;
      let allowedMs: number | null = null;
      if (kind === 'dispatch' || kind === 'escalate') tookMs = entry.at - e.reportedAt;
      else if (kind === 'sign' && unit) {
        tookMs = entry.at - unit.dispatchedAt;
        allowedMs = unit.signDueAt - unit.dispatchedAt;
      } else if (kind === 'feedback' && unit) {
        tookMs = entry.at - unit.dispatchedAt;
        allowedMs = unit.handleDueAt - unit.dispatchedAt;
      } else if (kind === 'close') {
        tookMs = entry.at - e.reportedAt;
        allowedMs = e.handleDueAt !== null ? e.handleDueAt - e.reportedAt : null;
      }
      steps.push({
        eventId,
        eventSerial: e.serial,
        kind,
        at: kind === 'report' ? e.reportedAt : entry.at,
        unitName: entry.unitId ? (getUnit(db, entry.unitId)?.name ?? null) : null,
        actorName: entry.actorName,
        tookMs,
        allowedMs,
        late: tookMs !== null && allowedMs !== null && tookMs > allowedMs,
      });
    }
  }
  return steps.sort((a, b) => a.at - b.at);
}
