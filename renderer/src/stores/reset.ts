import { useAlarmsStore } from './alarms';
import { useAssessmentStore } from './assessment';
import { useAuditStore } from './audit';
import { useAuditVerifyStore } from './auditVerify';
import { useBackupsStore } from './backups';
import { useCalendarStore } from './calendar';
import { useDashboardStore } from './dashboard';
import { useEventDetailStore } from './eventDetail';
import { useEventQueueStore } from './eventQueue';
import { useIotStore } from './iot';
import { useNoticesStore } from './notices';
import { useOrgStore } from './org';
import { useReferenceStore } from './reference';
import { useServerStore } from './server';
import { useSupervisionStore } from './supervision';
import { useSyncStore } from './sync';
import { useUsersStore } from './users';

/**
 * Forget everything read under the ended session, so the next person at this
 * screen does not see it before their own data loads. Called from the auth
 * store's actions, never during a store's setup.
 */
export function resetSignedInData(): void {
  useOrgStore().reset();
  useUsersStore().reset();
  useServerStore().reset();
  useAuditStore().reset();
  useReferenceStore().reset();
  useEventQueueStore().reset();
  useEventDetailStore().reset();
  useCalendarStore().reset();
  useDashboardStore().reset();
  useSupervisionStore().reset();
  useBackupsStore().reset();
  useAuditVerifyStore().reset();
  useAlarmsStore().reset();
  useIotStore().reset();
  useSyncStore().reset();
  useNoticesStore().reset();
  useAssessmentStore().reset();
}
