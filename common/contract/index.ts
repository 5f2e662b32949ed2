import type { z } from 'zod';
import { alarmsContract } from './alarms';
import { assessmentContract } from './assessment';
import { auditContract } from './audit';
import { authContract } from './auth';
import { backupsContract } from './backups';
import type { MethodSpec } from './define';
import { calendarContract } from './calendar';
import { campaignsContract } from './campaigns';
import { monthlyContract } from './monthly';
import { reviewsContract } from './reviews';
import { dashboardContract } from './dashboard';
import { eventsContract } from './events';
import { importsContract } from './imports';
import { iotContract } from './iot';
import { orgContract } from './org';
import { serverContract } from './server';
import { referenceContract } from './reference';
import { setupContract } from './setup';
import { riskContract } from './risk';
import { supervisionContract } from './supervision';
import { syncContract } from './sync';
import { usersContract } from './users';

/** The whole contract: every method the renderer may call, defined once. */
export const contract = {
  ...authContract,
  ...orgContract,
  ...usersContract,
  ...auditContract,
  ...eventsContract,
  ...calendarContract,
  ...dashboardContract,
  ...supervisionContract,
  ...backupsContract,
  ...iotContract,
  ...alarmsContract,
  ...syncContract,
  ...assessmentContract,
  ...serverContract,
  ...setupContract,
  ...importsContract,
  ...referenceContract,
  ...riskContract,
  ...campaignsContract,
  ...reviewsContract,
  ...monthlyContract,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './define';
export * from './shared';
export * from './case-file';
export * from './auth';
export * from './server';
export * from './org';
export * from './users';
export * from './audit';
export * from './events';
export * from './calendar';
export * from './dashboard';
export * from './supervision';
export * from './backups';
export * from './iot';
export * from './alarms';
export * from './sync';
export * from './assessment';
export * from './setup';
export * from './imports';
export * from './reference';
export * from './risk';
export * from './campaigns';
export * from './reviews';
export * from './monthly';
