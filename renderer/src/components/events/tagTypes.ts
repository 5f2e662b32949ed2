import type { EventState, Priority, Warning } from '@common/events';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

/** Colours of the state tag: amber waits for the room, blue is with a unit, red came back, grey is over. */
export const STATE_TAG: Record<EventState, TagType> = {
  reported: 'warning',
  registered: 'primary',
  dispatched: 'primary',
  in_progress: 'primary',
  awaiting_verification: 'warning',
  returned: 'danger',
  closed: 'success',
  archived: 'info',
  rejected: 'info',
  merged: 'info',
  escalated: 'warning',
  county_owned: 'info',
};

export const PRIORITY_TAG: Record<Priority, TagType> = { normal: 'info', urgent: 'warning', critical: 'danger' };

export const WARNING_TAG: Record<Warning, TagType> = { none: 'success', yellow: 'warning', red: 'danger' };
