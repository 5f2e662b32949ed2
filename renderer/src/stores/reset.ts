import { useAssessmentStore } from './assessment';
import { useAuditStore } from './audit';
import { useCalendarStore } from './calendar';
import { useEventDetailStore } from './eventDetail';
import { useEventQueueStore } from './eventQueue';
import { useOrgStore } from './org';
import { useReferenceStore } from './reference';
import { useUsersStore } from './users';

/**
 * Forget everything read under the ended session, so the next person at this
 * screen does not see it before their own data loads. Called from the auth
 * store's actions, never during a store's setup.
 */
export function resetSignedInData(): void {
  useOrgStore().reset();
  useUsersStore().reset();
  useAuditStore().reset();
  useReferenceStore().reset();
  useEventQueueStore().reset();
  useEventDetailStore().reset();
  useCalendarStore().reset();
  useAssessmentStore().reset();
}
