import phoneZh from './phone.zh-CN';
import referenceZh from './reference.zh-CN';
import importsZh from './imports.zh-CN';
import setupZh from './setup.zh-CN';
import dashboardZh from './dashboard.zh-CN';
import campaignsZh from './campaigns.zh-CN';
import riskZh from './risk.zh-CN';
import reviewsZh from './reviews.zh-CN';
import monthlyZh from './monthly.zh-CN';
import iotZh from './iot.zh-CN';
import safetyZh from './safety.zh-CN';
import syncZh from './sync.zh-CN';
import serverZh from './server.zh-CN';
import desksZh from './desks.zh-CN';
import supervisionZh from './supervision.zh-CN';
import assessmentZh from './assessment.zh-CN';
import shellZh from './shell.zh-CN';
import loginZh from './login.zh-CN';
import homeZh from './home.zh-CN';
import orgZh from './org.zh-CN';
import calendarZh from './calendar.zh-CN';
import usersZh from './users.zh-CN';
import auditZh from './audit.zh-CN';
import eventsZh from './events.zh-CN';
import eventQueueZh from './event-queue.zh-CN';
import eventBatchZh from './event-batch.zh-CN';
import coreMessagesZh from './core-messages.zh-CN';
import eventDetailZh from './event-detail.zh-CN';
import errorsZh from './errors.zh-CN';

/**
 * Simplified Chinese, the app's first language, assembled from one file per
 * feature (`<feature>.zh-CN.ts`). en-US.ts must have exactly the same keys (its
 * type says so, and i18n.test.ts checks it, file by file too). A new feature adds
 * its own file pair and one import plus one line here and in en-US.ts.
 */
const zhCN = {
  ...shellZh,
  ...loginZh,
  ...homeZh,
  ...orgZh,
  ...calendarZh,
  ...usersZh,
  ...auditZh,
  ...eventsZh,
  ...eventQueueZh,
  ...eventBatchZh,
  ...coreMessagesZh,
  ...eventDetailZh,
  ...errorsZh,
  sync: syncZh,
  server: serverZh,
  desks: desksZh,
  setup: setupZh,
  reference: referenceZh,
  imports: importsZh,
  dashboard: dashboardZh,
  safety: { ...safetyZh.page, audit: safetyZh.audit },
  iot: iotZh,
  assessment: assessmentZh,
  supervision: supervisionZh,
  phone: phoneZh,
  risk: riskZh,
  campaigns: campaignsZh,
  reviews: reviewsZh,
  monthly: monthlyZh,
};

export type MessageSchema = typeof zhCN;
export default zhCN;
