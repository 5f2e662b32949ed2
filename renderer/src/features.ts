import type { Component } from 'vue';
import { Document, House, OfficeBuilding, User } from '@element-plus/icons-vue';
import { contract, type MethodName } from '@common/contract';
import type { Role } from '@common/roles';

/**
 * The features that exist, each gated by the contract method it is built on:
 * a role sees a feature exactly when the core would let it call that method,
 * so the menu can never drift from what the core enforces.
 */
export interface Feature {
  /** Route name, also the i18n key under `nav.` */
  name: 'home' | 'org' | 'users' | 'audit';
  path: string;
  icon: Component;
  /** null: every signed-in user. */
  gate: MethodName | null;
}

export const FEATURES: readonly Feature[] = [
  { name: 'home', path: '/', icon: House, gate: null },
  // Reading the directory is open to all; this page is for changing it.
  { name: 'org', path: '/org', icon: OfficeBuilding, gate: 'org.createVillage' },
  { name: 'users', path: '/users', icon: User, gate: 'users.list' },
  { name: 'audit', path: '/audit', icon: Document, gate: 'audit.list' },
];

export function mayCall(role: Role, method: MethodName): boolean {
  const roles = contract[method].roles;
  return roles === 'public' || roles.includes(role);
}

export function featuresFor(role: Role): Feature[] {
  return FEATURES.filter((feature) => feature.gate === null || mayCall(role, feature.gate));
}
