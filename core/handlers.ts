import type { Contract, MethodName, OutputOf, ParsedInputOf } from '../common/contract';
import { listAudit } from '../db/queries/audit';
import { verifyAuditChain } from './audit/verify';
import * as alarms from './alarms/alarms';
import * as assessment from './assessment/service';
import * as auth from './auth/auth-service';
import * as backups from './backup/service';
import type { ServiceContext } from './context';
import { readAttachment } from './events/attachments';
import { dashboardSummary } from './dashboard/summary';
import { importVillageMap, villageMap } from './dashboard/village-map';
import * as calendar from './calendar/admin';
import { eventDetail } from './events/detail';
import { createEvent, findDuplicates } from './events/intake';
import { act } from './events/lifecycle';
import { queue } from './events/queue';
import { reference } from './events/reference';
import { routing } from './events/routing';
import { importDevices } from './iot/device-import';
import * as iotDevices from './iot/devices';
import { injectTestAlarm } from './iot/alarms';
import * as verification from './iot/verification';
import * as org from './org/org-service';
import * as supervision from './supervision/service';
import * as sync from './sync';
import * as syncInbox from './sync/inbox';
import * as syncRefused from './sync/refused';
import * as users from './users/users-service';

/** Write methods run inside their transaction and must be synchronous; reads and jobs may return a promise. */
export type Handler<M extends MethodName> = (
  ctx: ServiceContext,
  input: ParsedInputOf<M>,
) => Contract[M]['kind'] extends 'write' ? OutputOf<M> : OutputOf<M> | Promise<OutputOf<M>>;

/**
 * Every contract method bound to its service function. The mapped type makes
 * a missing or mistyped handler a compile error.
 */
export const handlers: { [M in MethodName]: Handler<M> } = {
  'auth.login': auth.login,
  'auth.resume': auth.resume,
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
  'audit.verify': (ctx) => verifyAuditChain(ctx.db),
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
  'dashboard.summary': dashboardSummary,
  'dashboard.map': villageMap,
  'dashboard.importMap': importVillageMap,
  ...supervision.handlers,
  'backups.list': backups.list,
  'backups.create': backups.create,
  'backups.restore': backups.restore,
  'iot.devices': iotDevices.devices,
  'iot.saveDevice': iotDevices.saveDevice,
  'iot.deleteDevice': iotDevices.deleteDevice,
  'iot.importDevices': importDevices,
  'iot.injectTestAlarm': injectTestAlarm,
  'iot.incident': verification.incident,
  'iot.recordCall': verification.recordCall,
  'iot.resolve': verification.resolve,
  'alarms.list': alarms.listAlarms,
  'alarms.ack': alarms.acknowledge,
  'alarms.mute': alarms.mute,
  'sync.status': sync.syncStatus,
  'sync.settings': sync.syncSettings,
  'sync.configure': sync.configureSync,
  'sync.retry': sync.retrySync,
  'sync.inbox': syncInbox.inbox,
  'sync.refused': syncRefused.refused,
  'sync.resendRefused': syncRefused.resendRefused,
  'sync.dismissRefused': syncRefused.dismissRefused,
  'sync.countyOrders': syncInbox.countyOrders,
  'sync.notices': syncInbox.notices,
  'sync.markNoticesRead': syncInbox.markRead,
  ...assessment.assessmentHandlers,
};
