import { TRANSITIONS, type EventAction } from '../../common/events';
import { AppError } from '../../common/errors';
import type { EventRecord, EventUnitRecord, ExtensionRecord } from '../../db/queries/events';
import type { Actor } from '../context';

const STATE_NAMES: Record<string, string> = {
  reported: '待受理 (reported)',
  registered: '已立案 (registered)',
  dispatched: '已派遣 (dispatched)',
  in_progress: '处置中 (in progress)',
  awaiting_verification: '待核查 (awaiting verification)',
  returned: '被退回 (returned)',
  closed: '已办结 (closed)',
  archived: '已归档 (archived)',
  rejected: '不予立案 (rejected)',
  merged: '已合并 (merged)',
  escalated: '已上报县级 (escalated)',
  county_owned: '县级承办 (county-owned)',
};

export interface ActionSituation {
  event: EventRecord;
  units: EventUnitRecord[];
  pendingExtension: ExtensionRecord | undefined;
}

/** The actor's own (not withdrawn) unit record on the event, if any. */
export function ownUnit(actor: Actor, units: EventUnitRecord[]): EventUnitRecord | undefined {
  return actor.unitId ? units.find((u) => u.unitId === actor.unitId && u.state !== 'withdrawn') : undefined;
}

/**
 * Why this actor may not take this action now, as an AppError, or null when
 * they may. One function serves both the move itself and the list of actions
 * the UI offers, so the two can never disagree.
 */
export function refusal(action: EventAction, actor: Actor, s: ActionSituation): AppError | null {
  const t = TRANSITIONS[action];
  const { event, units } = s;
  if (!t.roles.includes(actor.role)) {
    return new AppError('FORBIDDEN', `Your role (${actor.role}) may not ${action} events.`);
  }
  if (event.owner === 'county') {
    return new AppError(
      'NOT_OWNER',
      'The county center owns this event now; the township sees its status but does not change it.',
    );
  }
  const own = ownUnit(actor, units);
  if (t.scope !== 'room') {
    if (!own) return new AppError('FORBIDDEN', 'This event is not assigned to your unit.');
    if (t.scope === 'lead' && own.role !== 'lead') return new AppError('FORBIDDEN', 'Only the lead unit (主办单位) may do this.');
  }
  if (!t.from.includes(event.state)) {
    return new AppError(
      'ILLEGAL_TRANSITION',
      `An event that is ${STATE_NAMES[event.state]} cannot be ${action}ed. Reload it to see what can be done now.`,
    );
  }
  return guard(action, s, own);
}

/** Conditions beyond state, role and unit. */
function guard(action: EventAction, s: ActionSituation, own: EventUnitRecord | undefined): AppError | null {
  const { event, pendingExtension } = s;
  switch (action) {
    case 'answer':
      return event.requestType === 'consult'
        ? null
        : new AppError('ILLEGAL_TRANSITION', 'Only a consultation (咨询) can be answered on the spot; dispatch the others.');
    case 'sign':
      return own?.state === 'pending' ? null : new AppError('ILLEGAL_TRANSITION', 'Your unit has already signed for this event.');
    case 'feedback':
      return own?.state === 'signed'
        ? null
        : new AppError('ILLEGAL_TRANSITION', 'Your unit must sign for the event before reporting back, and reports back once.');
    case 'reopen':
      return event.satisfaction === 'dissatisfied'
        ? null
        : new AppError('ILLEGAL_TRANSITION', 'Only an event whose call-back was dissatisfied (不满意) can be reopened.');
    case 'requestExtension':
      return pendingExtension
        ? new AppError('CONFLICT', 'An extension request for this event is already waiting for the director.')
        : null;
    case 'decideExtension':
      return pendingExtension
        ? null
        : new AppError('ILLEGAL_TRANSITION', 'There is no extension request waiting for a decision.');
    default:
      return null;
  }
}
