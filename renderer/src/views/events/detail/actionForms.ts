import type { EventActionInput } from '@common/contract';
import type { EventAction, ResolvedLevel, ReturnReason, Satisfaction } from '@common/events';
import { parseChinaDateTime } from '@/utils/time';

/** Actions whose form is a few fields; dispatch and feedback have dialogs of their own. */
export type SimpleAction = Exclude<EventAction, 'dispatch' | 'feedback'>;

/** Every field any simple action asks for; each action uses some of them. */
export interface ActForm {
  /** Optional remark (≤ 2000). */
  note: string;
  /** Required text of 2–500 characters: a reason, the answer to a consultation, the arbitration's grounds. */
  reason: string;
  reasonCode: ReturnReason | '';
  decision: 'uphold' | 'overrule' | '';
  resolvedLevel: ResolvedLevel | '';
  satisfaction: Satisfaction | '';
  approve: 'yes' | 'no' | '';
  /** 'YYYY-MM-DD HH:mm' on the township's clock. */
  requestedDue: string;
  intoId: string;
}
export type ActField = keyof ActForm;

/** Which fields each action's dialog shows, in order. */
export const ACTION_FIELDS: Record<SimpleAction, ActField[]> = {
  register: ['note'],
  reject: ['reason'],
  merge: ['intoId', 'note'],
  answer: ['reason'],
  sign: ['note'],
  return: ['reasonCode', 'reason'],
  arbitrate: ['decision', 'reason'],
  verify: ['resolvedLevel', 'note'],
  rework: ['reason'],
  callback: ['satisfaction', 'note'],
  reopen: ['reason'],
  escalate: ['reason'],
  requestExtension: ['requestedDue', 'reason'],
  decideExtension: ['approve', 'note'],
};

export const REASON_MIN = 2;
export const REASON_MAX = 500;
export const NOTE_MAX = 2000;

export function blankActForm(action: SimpleAction): ActForm {
  return {
    note: '',
    reason: '',
    reasonCode: '',
    decision: '',
    // Dispatched by the township and verified by it: the usual answer, still a choice.
    resolvedLevel: action === 'verify' ? 'township' : '',
    satisfaction: '',
    approve: '',
    requestedDue: '',
    intoId: '',
  };
}

function optionalNote(form: ActForm): { note?: string } {
  const note = form.note.trim();
  return note ? { note } : {};
}

/** The contract's input for an action, from a validated form. */
export function buildActInput(action: SimpleAction, id: string, form: ActForm): EventActionInput {
  const reason = form.reason.trim();
  switch (action) {
    case 'register':
    case 'sign':
      return { action, id, ...optionalNote(form) };
    case 'reject':
    case 'rework':
    case 'reopen':
    case 'escalate':
      return { action, id, reason };
    case 'answer':
      return { action, id, answer: reason };
    case 'merge':
      return { action, id, intoId: form.intoId, ...optionalNote(form) };
    case 'return':
      return { action, id, reasonCode: form.reasonCode as ReturnReason, reason };
    case 'arbitrate':
      return { action, id, decision: form.decision as 'uphold' | 'overrule', note: reason };
    case 'verify':
      return { action, id, resolvedLevel: form.resolvedLevel as ResolvedLevel, ...optionalNote(form) };
    case 'callback':
      return { action, id, satisfaction: form.satisfaction as Satisfaction, ...optionalNote(form) };
    case 'requestExtension':
      return { action, id, requestedDue: parseChinaDateTime(form.requestedDue), reason };
    case 'decideExtension':
      return { action, id, approve: form.approve === 'yes', ...optionalNote(form) };
  }
}
