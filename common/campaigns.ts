import type { Role } from './roles';

/*
 * Special rectification campaigns (专项整治). Local records: not part of the
 * county protocol.
 */
export const CAMPAIGN_STATES = ['planned', 'running', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const CAMPAIGN_ACTIONS = ['start', 'add_task', 'complete_task', 'report', 'tag_event', 'close'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

export interface CampaignTransition {
  from: readonly CampaignState[];
  to: CampaignState | null;
  roles: readonly Role[];
  /** `participant`: a unit handler only for a unit taking part (or the task's own unit). */
  scope: 'room' | 'participant';
}

/**
 * The campaign lifecycle as data (planned → running → closed). The room sets
 * tasks and tags hazards; units report their own progress and finish their
 * own tasks; the director starts and closes a campaign.
 */
export const CAMPAIGN_TRANSITIONS: Record<CampaignAction, CampaignTransition> = {
  start: { from: ['planned'], to: 'running', roles: ['director'], scope: 'room' },
  add_task: { from: ['planned', 'running'], to: null, roles: ['operator', 'director'], scope: 'room' },
  complete_task: { from: ['running'], to: null, roles: ['operator', 'director', 'unit_handler'], scope: 'participant' },
  report: { from: ['running'], to: null, roles: ['operator', 'director', 'unit_handler'], scope: 'participant' },
  tag_event: { from: ['running'], to: null, roles: ['operator', 'director'], scope: 'room' },
  close: { from: ['running'], to: 'closed', roles: ['director'], scope: 'room' },
};

/** Who reads campaigns: the room, the assessors, and the units (their own campaigns). */
export const CAMPAIGN_READERS: readonly Role[] = ['operator', 'director', 'assessor', 'unit_handler'];
