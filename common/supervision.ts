import type { Role } from './roles';

/** 催办 / 督办 / 挂牌督办, weakest first: a rejected order is re-issued one step up. */
export const ORDER_STRENGTHS = ['chase', 'order', 'flagged'] as const;
export type OrderStrength = (typeof ORDER_STRENGTHS)[number];
/** 蓝 / 黄 / 红, lowest first. */
export const ORDER_COLOURS = ['blue', 'yellow', 'red'] as const;
export type OrderColour = (typeof ORDER_COLOURS)[number];
export const ORDER_STATES = ['open', 'answered', 'accepted', 'rejected'] as const;
export type OrderState = (typeof ORDER_STATES)[number];
export const ORDER_TARGETS = ['event', 'unit', 'finding'] as const;
export type OrderTarget = (typeof ORDER_TARGETS)[number];
export const ORDER_SOURCES = ['township', 'county'] as const;
export const FINDING_STATES = ['open', 'ordered', 'closed'] as const;
export type FindingState = (typeof FINDING_STATES)[number];
export const SUGGESTION_KINDS = [
  'overdue_event',
  'bounced_event',
  'stalled_red_event',
  'unit_overdue_rate',
  // A yellow warning (75 % of the time gone) suggests a chase (催办) before it turns red.
  'yellow_event',
  'yellow_order',
] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** The colour an order gets unless the director raises it. */
export const DEFAULT_COLOUR: Record<OrderStrength, OrderColour> = { chase: 'blue', order: 'yellow', flagged: 'red' };

/** 再督办: one strength higher; a flagged order stays flagged. */
export function raisedStrength(strength: OrderStrength): OrderStrength {
  return ORDER_STRENGTHS[Math.min(ORDER_STRENGTHS.indexOf(strength) + 1, ORDER_STRENGTHS.length - 1)]!;
}

/** Who may issue each strength: operators send chase notices, only the director issues orders. */
export const ISSUERS: Record<OrderStrength, readonly Role[]> = {
  chase: ['operator', 'director'],
  order: ['director'],
  flagged: ['director'],
};

export const ORDER_ACTIONS = ['answer', 'accept', 'reject'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export interface OrderTransition {
  from: readonly OrderState[];
  /** The state after the move; an answer leaves the order open until every addressee unit has answered. */
  to: OrderState;
  roles: readonly Role[];
  /** `addressee`: only a handler of one of the order's units. */
  scope: 'room' | 'addressee';
}

/**
 * The order lifecycle as data (open → answered → accepted | rejected). A
 * rejection re-issues the order one strength higher as a new order in the
 * same transaction (再督办), so `rejected` is final for the old order.
 */
export const ORDER_TRANSITIONS: Record<OrderAction, OrderTransition> = {
  answer: { from: ['open'], to: 'answered', roles: ['unit_handler'], scope: 'addressee' },
  accept: { from: ['answered'], to: 'accepted', roles: ['director'], scope: 'room' },
  reject: { from: ['answered'], to: 'rejected', roles: ['director'], scope: 'room' },
};

/** The serial of an order: one series per year for every strength, 督〔2026〕12号. */
export function orderSerial(year: number, number: number): string {
  return `督〔${year}〕${number}号`;
}

/** The word on the printed document. */
export const DOCUMENT_TITLES: Record<OrderStrength, string> = { chase: '催办单', order: '督办单', flagged: '挂牌督办单' };
