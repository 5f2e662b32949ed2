import type { Contract, MethodName, OutputOf, ParsedInputOf } from '../common/contract';
import { listAudit } from '../db/queries/audit';
import * as assessment from './assessment/service';
import * as auth from './auth/auth-service';
import type { ServiceContext } from './context';
import { readAttachment } from './events/attachments';
import * as calendar from './events/calendar-admin';
import { eventDetail } from './events/detail';
import { createEvent, findDuplicates } from './events/intake';
import { act } from './events/lifecycle';
import { queue } from './events/queue';
import { reference } from './events/reference';
import { routing } from './events/routing';
import * as org from './org/org-service';
import * as users from './users/users-service';

/** Write methods run inside their transaction and must be synchronous; reads may return a promise. */
export type Handler<M extends MethodName> = (
  ctx: ServiceContext,
  input: ParsedInputOf<M>,
) => Contract[M]['write'] extends true ? OutputOf<M> : OutputOf<M> | Promise<OutputOf<M>>;

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
  'events.reference': reference,
  'events.create': createEvent,
  'events.duplicates': findDuplicates,
  'events.queue': queue,
  'events.get': eventDetail,
  'events.act': act,
  'events.routing': routing,
  'events.attachment': (ctx, input) => {
    const file = readAttachment(ctx, input.id);
    eventDetail(ctx, { id: file.eventId }); // the same visibility as the event itself
    return { name: file.name, mime: file.mime, dataBase64: file.dataBase64 };
  },
  'calendar.list': calendar.listYear,
  'calendar.setDay': calendar.setDay,
  'calendar.removeDay': calendar.removeDay,
  'calendar.importHolidays': calendar.importHolidays,
  'calendar.deadlineRules': calendar.deadlineRules,
  'calendar.setDeadlineRule': calendar.setDeadlineRule,
  ...assessment.assessmentHandlers,
};
