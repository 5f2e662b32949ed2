import phoneEn from './phone.en-US';
import referenceEn from './reference.en-US';
import importsEn from './imports.en-US';
import setupEn from './setup.en-US';
import dashboardEn from './dashboard.en-US';
import campaignsEn from './campaigns.en-US';
import riskEn from './risk.en-US';
import reviewsEn from './reviews.en-US';
import monthlyEn from './monthly.en-US';
import supervisionEn from './supervision.en-US';
import iotEn from './iot.en-US';
import safetyEn from './safety.en-US';
import assessmentEn from './assessment.en-US';
import type { MessageSchema } from './zh-CN';
import syncEn from './sync.en-US';
import serverEn from './server.en-US';
import desksEn from './desks.en-US';
import shellEn from './shell.en-US';
import loginEn from './login.en-US';
import homeEn from './home.en-US';
import orgEn from './org.en-US';
import calendarEn from './calendar.en-US';
import usersEn from './users.en-US';
import auditEn from './audit.en-US';
import eventsEn from './events.en-US';
import eventQueueEn from './event-queue.en-US';
import eventBatchEn from './event-batch.en-US';
import coreMessagesEn from './core-messages.en-US';
import eventDetailEn from './event-detail.en-US';
import errorsEn from './errors.en-US';

/** English, assembled like zh-CN.ts and typed against it so a missing key fails type-checking. */
const enUS: MessageSchema = {
  ...shellEn,
  ...loginEn,
  ...homeEn,
  ...orgEn,
  ...calendarEn,
  ...usersEn,
  ...auditEn,
  ...eventsEn,
  ...eventQueueEn,
  ...eventBatchEn,
  ...coreMessagesEn,
  ...eventDetailEn,
  ...errorsEn,
  sync: syncEn,
  server: serverEn,
  desks: desksEn,
  setup: setupEn,
  reference: referenceEn,
  imports: importsEn,
  dashboard: dashboardEn,
  safety: { ...safetyEn.page, audit: safetyEn.audit },
  iot: iotEn,
  assessment: assessmentEn,
  supervision: supervisionEn,
  phone: phoneEn,
  risk: riskEn,
  campaigns: campaignsEn,
  reviews: reviewsEn,
  monthly: monthlyEn,
};

export default enUS;
