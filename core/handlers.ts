import type { MethodName, OutputOf, ParsedInputOf } from '../common/contract';
import { listAudit } from '../db/queries/audit';
import * as auth from './auth/auth-service';
import type { ServiceContext } from './context';
import * as org from './org/org-service';
import * as users from './users/users-service';

export type Handler<M extends MethodName> = (ctx: ServiceContext, input: ParsedInputOf<M>) => OutputOf<M>;

/**
 * Every contract method bound to its service function. The mapped type makes
 * a missing or mistyped handler a compile error.
 */
export const handlers: { [M in MethodName]: Handler<M> } = {
  'auth.login': auth.login,
  'auth.me': auth.me,
  'auth.logout': auth.logout,
  'auth.changePassword': auth.changePassword,
  'org.directory': org.directory,
  'org.updateTownship': org.updateTownship,
  'org.createVillage': org.createVillage,
  'org.updateVillage': org.updateVillage,
  'org.deleteVillage': org.deleteVillage,
  'org.createGrid': org.createGrid,
  'org.updateGrid': org.updateGrid,
  'org.deleteGrid': org.deleteGrid,
  'org.createUnit': org.createUnit,
  'org.updateUnit': org.updateUnit,
  'org.deleteUnit': org.deleteUnit,
  'users.list': users.list,
  'users.create': users.create,
  'users.update': users.update,
  'users.resetPassword': users.resetPassword,
  'users.unlock': users.unlock,
  'audit.list': (ctx, input) => {
    const entries = listAudit(ctx.db, { ...input, limit: input.limit + 1 });
    return { entries: entries.slice(0, input.limit), more: entries.length > input.limit };
  },
};
