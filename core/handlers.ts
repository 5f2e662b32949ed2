import type { MethodName } from '../common/contract';
import { alarmsHandlers } from './alarms/handlers';
import { assessmentHandlers } from './assessment/handlers';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { backupsHandlers } from './backups/handlers';
import { calendarHandlers } from './calendar/handlers';
import { campaignsHandlers } from './campaigns/handlers';
import { dashboardHandlers } from './dashboard/handlers';
import { eventsHandlers } from './events/handlers';
import type { Handler } from './handler-types';
import { iotHandlers } from './iot/handlers';
import { importsHandlers } from './imports/handlers';
import { orgHandlers } from './org/handlers';
import { serverHandlers } from './server/handlers';
import { referenceHandlers } from './reference/handlers';
import { setupHandlers } from './setup/handlers';
import { riskHandlers } from './risk/handlers';
import { monthlyHandlers } from './monthly/handlers';
import { reviewsHandlers } from './reviews/handlers';
import { supervisionHandlers } from './supervision/handlers';
import { syncHandlers } from './sync/handlers';
import { usersHandlers } from './users/handlers';

export type { Handler, HandlersOf } from './handler-types';

/**
 * Every contract method bound to its service: one spread per namespace, each
 * from core/<ns>/handlers.ts. A namespace left out is a compile error here; a
 * method left out or mistyped is one in the feature's own HandlersOf<ns> map.
 */
export const handlers: { [M in MethodName]: Handler<M> } = {
  ...authHandlers,
  ...orgHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...eventsHandlers,
  ...calendarHandlers,
  ...dashboardHandlers,
  ...supervisionHandlers,
  ...backupsHandlers,
  ...iotHandlers,
  ...alarmsHandlers,
  ...syncHandlers,
  ...assessmentHandlers,
  ...serverHandlers,
  ...setupHandlers,
  ...importsHandlers,
  ...referenceHandlers,
  ...riskHandlers,
  ...campaignsHandlers,
  ...reviewsHandlers,
  ...monthlyHandlers,
};
