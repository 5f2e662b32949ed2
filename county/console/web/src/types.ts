/** The shapes the console API returns (county/console/api), as the pages use them. */
export type Role = 'county_dispatcher' | 'county_supervisor' | 'county_admin';
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChange: boolean;
  disabled: boolean;
}
export interface Township {
  id: string;
  name: string;
  revoked: boolean;
  connected: boolean;
  lastSeq: number;
  lastOffset: number;
  lastPushAt: number | null;
  lastPullAt: number | null;
  backlog: number;
  refused: number;
}
export interface Refused {
  seq: number;
  entity: string;
  entityId: string;
  code: string;
  message: string;
  receivedAt: number;
}
export interface EventRow {
  townshipId: string;
  townshipName: string;
  id: string;
  serial: string;
  title: string;
  category: string;
  state: string;
  countyState: string | null;
  priority: string;
  source: string;
  reportedAt: string;
  handleDueAt: string | null;
  overdue: boolean;
}
export interface EventDetail {
  event: Record<string, unknown> & { id: string; serial: string; title: string; state: string; townshipId: string };
  overdue: boolean;
  actions: { id: string; kind: string; actor: string; actorRole: string; unit?: string; note?: string; at: string }[];
  decisions: { decision: string; note: string; decidedBy: string; decidedAt: number }[];
  countyState: { state: string; note: string; updatedBy: string; updatedAt: number } | null;
  sent: Sent[];
}
export interface Sent {
  id: string;
  townshipId: string;
  type: string;
  ref: string;
  serial: string | null;
  data: Record<string, unknown>;
  sentBy: string;
  sentAt: number;
}
export interface Escalation {
  townshipId: string;
  townshipName: string;
  eventId: string;
  serial: string;
  title: string;
  category: string;
  priority: string;
  reason: string;
  escalatedAt: string | null;
  escalatedBy: string | null;
}
export interface Share {
  value: number;
  numerator: string[];
  denominator: string[];
}
export const INDICATORS = ['onTime', 'overdue', 'rework', 'satisfaction', 'belowCounty'] as const;
export type Indicator = (typeof INDICATORS)[number];
export interface RankingRow {
  townshipId: string;
  townshipName: string;
  rank: number;
  score: number;
  events: number;
  indicators: Record<Indicator, Share>;
}
export interface Figures {
  figures: { townshipId: string; date: string; received: number; closed: number; overdue: number }[];
  totals: { townshipId: string; townshipName: string; received: number; closed: number; overdue: number; events: number }[];
  levels: { grid: number; village: number; township: number; county: number };
  belowCountyShare: number | null;
}
export interface Order extends Sent {
  answers: { id: string; unit: string; text: string; at: string; accepted?: boolean }[];
}
export interface ReferenceSet {
  kind: string;
  version: number;
  items: unknown[];
  publishedBy: string;
  publishedAt: number;
}
