import type { Component } from 'vue';
import {
  Aim,
  Bell,
  Calendar,
  Connection,
  DataAnalysis,
  Document,
  Flag,
  FolderChecked,
  Monitor,
  House,
  MapLocation,
  Message,
  OfficeBuilding,
  Tickets,
  TrendCharts,
  User,
  Collection,
  Warning,
  Memo,
  Histogram,
} from '@element-plus/icons-vue';
import { contract, type MethodName } from '@common/contract';
import type { Role } from '@common/roles';

/**
 * The features that exist, each gated by the contract method it is built on:
 * a role sees a feature exactly when the core would let it call that method,
 * so the menu can never drift from what the core enforces.
 */
export interface Feature {
  /** Route name, also the i18n key under `nav.` */
  name:
    | 'home'
    | 'dashboard'
    | 'events'
    | 'supervision'
    | 'risk'
    | 'campaigns'
    | 'reviews'
    | 'monthly'
    | 'assessment'
    | 'iot'
    | 'org'
    | 'calendar'
    | 'reference'
    | 'villageMap'
    | 'users'
    | 'audit'
    | 'backups'
    | 'server'
    | 'notices'
    | 'sync';
  path: string;
  icon: Component;
  /** null: every signed-in user. */
  gate: MethodName | null;
}

export const FEATURES: readonly Feature[] = [
  { name: 'home', path: '/', icon: House, gate: null },
  { name: 'dashboard', path: '/dashboard', icon: DataAnalysis, gate: 'dashboard.summary' },
  // Unit handlers see only their unit's events: for them the queue is their to-do list.
  { name: 'events', path: '/events', icon: Tickets, gate: 'events.queue' },
  // Unit handlers see only the orders addressed to their unit.
  { name: 'supervision', path: '/supervision', icon: Flag, gate: 'supervision.list' },
  // The room drafts and decides; assessors read.
  { name: 'risk', path: '/risk', icon: Warning, gate: 'risk.list' },
  // Units see the campaigns they take part in and report their progress.
  { name: 'campaigns', path: '/campaigns', icon: Aim, gate: 'campaigns.list' },
  // The director opens reviews of 特急 or escalated events; the room drafts, assessors read.
  { name: 'reviews', path: '/reviews', icon: Memo, gate: 'reviews.list' },
  { name: 'monthly', path: '/monthly', icon: Histogram, gate: 'monthly.get' },
  { name: 'assessment', path: '/assessment', icon: TrendCharts, gate: 'assessment.view' },
  { name: 'iot', path: '/iot', icon: Bell, gate: 'iot.devices' },
  // Reading the directory is open to all; this page is for changing it.
  { name: 'org', path: '/org', icon: OfficeBuilding, gate: 'org.createVillage' },
  // Reading the calendar is open to all; this page is for changing it and the deadline rules.
  { name: 'calendar', path: '/calendar', icon: Calendar, gate: 'calendar.setDay' },
  // Categories, routing rules and 一件事 templates: the admin keeps them, the director and assessor read them.
  { name: 'reference', path: '/reference', icon: Collection, gate: 'reference.list' },
  { name: 'villageMap', path: '/village-map', icon: MapLocation, gate: 'dashboard.importMap' },
  { name: 'users', path: '/users', icon: User, gate: 'users.list' },
  { name: 'audit', path: '/audit', icon: Document, gate: 'audit.list' },
  { name: 'backups', path: '/backups', icon: FolderChecked, gate: 'backups.list' },
  { name: 'server', path: '/server', icon: Monitor, gate: 'server.certificate' },
  { name: 'notices', path: '/notices', icon: Message, gate: 'sync.notices' },
  { name: 'sync', path: '/sync', icon: Connection, gate: 'sync.settings' },
];

export function mayCall(role: Role, method: MethodName): boolean {
  const roles = contract[method].roles;
  return roles === 'public' || roles.includes(role);
}

export function featuresFor(role: Role): Feature[] {
  return FEATURES.filter((feature) => feature.gate === null || mayCall(role, feature.gate));
}

/** The i18n key of a feature's menu label, which can depend on the role. */
export function navLabelKey(feature: Feature, role: Role): string {
  if (feature.name === 'events' && role === 'unit_handler') return 'nav.eventsOfMyUnit';
  // The feature's messages live in its own file (i18n/supervision.*.ts).
  if (feature.name === 'supervision') return 'supervision.nav';
  if (feature.name === 'risk') return 'risk.nav';
  if (feature.name === 'campaigns') return 'campaigns.nav';
  if (feature.name === 'reviews') return 'reviews.nav';
  if (feature.name === 'monthly') return 'monthly.nav';
  return `nav.${feature.name}`;
}
