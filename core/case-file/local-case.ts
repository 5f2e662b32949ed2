import type { PushMessage } from '../../common/topics';
import type { TimelineEntryRecord, TimelineKind } from '../../db/queries/timeline';
import type { ServiceContext } from '../context';
import { recordChange, type CaseKind } from './record-change';

/** One move on a township-only case: the new state is the record's own. */
export interface LocalCaseStep {
  kind: string;
  fromState: string | null;
  unitId?: string | null;
  note?: string;
  payload?: Record<string, unknown>;
}

/**
 * A kind of case the township keeps to itself (risk assessments, campaigns,
 * reviews): PROTOCOL.md carries no such entity, so a change writes no county
 * records. The audit summary starts with what names the case to a reader.
 */
export function localCaseKind<C extends { id: string }>(spec: {
  timeline: TimelineKind;
  entity: string;
  /** The audit action's namespace, e.g. `risk` for `risk.decide`. */
  actionPrefix: string;
  label(c: C): Record<string, unknown>;
  push(c: C): PushMessage;
}): CaseKind<C> {
  return {
    timeline: spec.timeline,
    entity: spec.entity,
    caseId: (c) => c.id,
    audit: (c, change) => ({
      action: `${spec.actionPrefix}.${change.kind}`,
      summary: {
        ...spec.label(c),
        ...change.payload,
        from: change.fromState,
        to: change.toState,
        ...(change.note ? { note: change.note } : {}),
      },
    }),
    outbox: () => [],
    push: (c) => spec.push(c),
  };
}

/** Records a step of a township-only case, in the caller's transaction. */
export function recordLocalStep<C extends { state: string }>(
  ctx: ServiceContext,
  kind: CaseKind<C>,
  c: C,
  step: LocalCaseStep,
): TimelineEntryRecord {
  return recordChange(ctx, kind, c, {
    kind: step.kind,
    fromState: step.fromState,
    toState: c.state,
    unitId: step.unitId ?? null,
    note: step.note ?? '',
    payload: step.payload ?? {},
  });
}
