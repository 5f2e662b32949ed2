import type { TimelineEntry } from '@common/contract';
import type { Translator } from '@/composables/errorText';
import { formatDateTimeMinutes } from '@/utils/time';

/** A known word for `value` in `section`, or nothing: unknown payload values are left out, not shown raw. */
function word(i18n: Translator, section: string, value: unknown): string | null {
  return typeof value === 'string' && i18n.te(`${section}.${value}`) ? i18n.t(`${section}.${value}`) : null;
}

/** What a timeline entry's kind is called; a kind this build does not know shows as the core wrote it. */
export function timelineKindLabel(i18n: Translator, kind: string): string {
  return word(i18n, 'timelineKinds', kind) ?? word(i18n, 'supervision.eventKinds', kind) ?? kind;
}

/**
 * The facts an entry's payload adds, as short phrases for tags: the return
 * reason, the level resolved at, the satisfaction, the requested deadline…
 */
export function timelineDetails(i18n: Translator, entry: Pick<TimelineEntry, 'kind' | 'payload'>): string[] {
  const p = entry.payload;
  const details: (string | null)[] = [];
  if (p.late === true) details.push(i18n.t('timeline.late'));
  details.push(word(i18n, 'returnReasons', p.reasonCode));
  details.push(word(i18n, 'resolvedLevels', p.resolvedLevel));
  details.push(word(i18n, 'satisfactions', p.satisfaction));
  details.push(word(i18n, 'arbitrateDecisions', p.decision));
  if (typeof p.approved === 'boolean') details.push(i18n.t(p.approved ? 'act.approveYes' : 'act.approveNo'));
  if (typeof p.requestedDue === 'number')
    details.push(i18n.t('timeline.requestedDue', { time: formatDateTimeMinutes(p.requestedDue) }));
  if (p.overriddenDue === true) details.push(i18n.t('timeline.overriddenDue'));
  if (Array.isArray(p.assistUnitIds) && p.assistUnitIds.length > 0)
    details.push(i18n.t('timeline.assists', { count: p.assistUnitIds.length }));
  if (typeof p.intoSerial === 'string') details.push(i18n.t('timeline.mergedInto', { serial: p.intoSerial }));
  if (entry.kind === 'merged_from' && typeof p.serial === 'string')
    details.push(i18n.t('timeline.mergedFrom', { serial: p.serial }));
  // Supervision on the event's timeline: the order's serial and its strength.
  if (typeof p.orderSerial === 'string') details.push(p.orderSerial, word(i18n, 'supervision.strengths', p.strength));
  if (entry.kind === 'iot_call' && typeof p.contactName === 'string')
    details.push(
      i18n.t('iot.timeline.call', {
        name: p.contactName,
        relation: word(i18n, 'iot.relations', p.relation) ?? '',
        outcome: word(i18n, 'iot.outcomes', p.outcome) ?? '',
      }),
    );
  if (entry.kind === 'repeat_alarm' && typeof p.count === 'number')
    details.push(i18n.t('iot.timeline.repeat', { count: p.count }));
  if (entry.kind === 'realarm' && typeof p.previousSerial === 'string')
    details.push(i18n.t('iot.timeline.previous', { serial: p.previousSerial }));
  if (entry.kind === 'create') details.push(word(i18n, 'sources', p.source), word(i18n, 'priorities', p.priority));
  return details.filter((detail): detail is string => detail !== null);
}
