import type { Role } from './roles';

export const EVENT_STATES = [
  'reported', // 待受理
  'registered', // 已立案
  'dispatched', // 已派遣
  'in_progress', // 处置中
  'awaiting_verification', // 待核查
  'returned', // 被退回: a unit sent it back; the room redispatches or the director arbitrates
  'closed', // 已办结
  'archived', // 已归档
  'rejected', // 不予立案
  'merged', // 已合并
  'escalated', // 已上报县级: waiting for the county's answer
  'county_owned', // 县级承办: the county accepted it and now owns it
] as const;
export type EventState = (typeof EVENT_STATES)[number];

/** States in which nothing more will happen unless someone reopens the event. */
export const FINAL_STATES: readonly EventState[] = ['archived', 'rejected', 'merged'];
/** States whose deadlines are running against a unit (a chase makes sense only then). */
export const RUNNING_STATES: readonly EventState[] = ['dispatched', 'in_progress', 'awaiting_verification'];

export const PRIORITIES = ['normal', 'urgent', 'critical'] as const; // 一般 / 紧急 / 特急
export type Priority = (typeof PRIORITIES)[number];
export const RISK_COLOURS = ['green', 'yellow', 'red'] as const;
export type RiskColour = (typeof RISK_COLOURS)[number];
export const REQUEST_TYPES = ['request', 'consult', 'complaint', 'suggestion'] as const; // 求决/咨询/投诉举报/意见建议
export type RequestType = (typeof REQUEST_TYPES)[number];
export const SOURCES = [
  'grid_report',
  'hotline_12345',
  'county_assignment',
  'iot_alarm',
  'walk_in',
  'leader_instruction',
  'inspection',
] as const;
/** Events taken over from the township's old system (历史导入): never taken in, only imported, already closed. */
export const HISTORY_SOURCE = 'history_import';
/** Every source an event can carry; SOURCES above are the ones a person takes an event in from. */
export const ALL_SOURCES = [...SOURCES, HISTORY_SOURCE] as const;
export type EventSource = (typeof ALL_SOURCES)[number];
export type IntakeSource = (typeof SOURCES)[number];
export const RETURN_REASONS = ['not_our_function', 'not_our_area', 'ownership_unclear'] as const; // 职能不符/属地不符/权属不清
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const RESOLVED_LEVELS = ['grid', 'village', 'township', 'county'] as const;
export type ResolvedLevel = (typeof RESOLVED_LEVELS)[number];
export const WARNINGS = ['none', 'yellow', 'red'] as const;
export type Warning = (typeof WARNINGS)[number];

export const EVENT_ACTIONS = [
  'register',
  'reject',
  'merge',
  'answer',
  'dispatch',
  'sign',
  'return',
  'arbitrate',
  'feedback',
  'verify',
  'rework',
  'callback',
  'reopen',
  'escalate',
  'requestExtension',
  'decideExtension',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/**
 * Who may act on an event's units: `room` is the command room (operator and
 * director), `assigned` a handler of any unit on the event, `lead` a handler of
 * the lead unit.
 */
export type ActorScope = 'room' | 'assigned' | 'lead';

export interface Transition {
  from: readonly EventState[];
  /** Possible next states; `[]` when the event's state does not change. */
  to: readonly EventState[];
  roles: readonly Role[];
  scope: ActorScope;
}

const ROOM: readonly Role[] = ['operator', 'director'];
const DIRECTOR: readonly Role[] = ['director'];
const HANDLER: readonly Role[] = ['unit_handler'];

/**
 * The lifecycle of PRODUCT.md as data. The core checks every move against
 * this table, the UI shows what the core says is allowed, and the tests walk
 * the table itself.
 */
export const TRANSITIONS: Record<EventAction, Transition> = {
  register: { from: ['reported'], to: ['registered'], roles: ROOM, scope: 'room' },
  reject: { from: ['reported'], to: ['rejected'], roles: ROOM, scope: 'room' },
  merge: { from: ['reported', 'registered'], to: ['merged'], roles: ROOM, scope: 'room' },
  answer: { from: ['reported', 'registered'], to: ['closed'], roles: ROOM, scope: 'room' },
  dispatch: { from: ['registered', 'returned'], to: ['dispatched'], roles: ROOM, scope: 'room' },
  sign: { from: ['dispatched', 'in_progress'], to: ['in_progress'], roles: HANDLER, scope: 'assigned' },
  return: { from: ['dispatched'], to: ['returned'], roles: HANDLER, scope: 'lead' },
  arbitrate: { from: ['returned'], to: ['registered', 'dispatched'], roles: DIRECTOR, scope: 'room' },
  feedback: { from: ['in_progress'], to: ['awaiting_verification'], roles: HANDLER, scope: 'assigned' },
  verify: { from: ['awaiting_verification'], to: ['closed'], roles: ROOM, scope: 'room' },
  rework: { from: ['awaiting_verification'], to: ['in_progress'], roles: ROOM, scope: 'room' },
  callback: { from: ['closed'], to: ['archived'], roles: ROOM, scope: 'room' },
  reopen: { from: ['archived'], to: ['dispatched'], roles: ROOM, scope: 'room' },
  escalate: { from: ['registered', 'in_progress'], to: ['escalated'], roles: DIRECTOR, scope: 'room' },
  requestExtension: { from: ['dispatched', 'in_progress'], to: [], roles: HANDLER, scope: 'lead' },
  decideExtension: { from: ['dispatched', 'in_progress', 'awaiting_verification'], to: [], roles: DIRECTOR, scope: 'room' },
};
