import {
  EVENT_TIMELINE_WORDS,
  PRIORITY_WORDS,
  REQUEST_WORDS,
  RISK_WORDS,
  SOURCE_WORDS,
  STATE_WORDS,
  WARNING_WORDS,
} from '@common/event-words';
import { iotTimelineKindsZh } from './iot.zh-CN';

// The entries no one takes as an action: the rest are the lifecycle's moves.
const {
  create: _create,
  merged_from: _mergedFrom,
  county_accept: _countyAccept,
  county_return: _countyReturn,
  county_status: _countyStatus,
  history_import: _historyImport,
  ...moveWords
} = EVENT_TIMELINE_WORDS;

/** Event vocabulary shared by the queue, intake and detail pages (the words the paper shares: common/event-words.ts). */
const eventsZh = {
  eventStates: STATE_WORDS,
  // A move's button is named after the timeline entry it records; four are shorter on a button.
  eventActions: { ...moveWords, merge: '合并', answer: '当场答复', callback: '回访', decideExtension: '审批延期' },
  timelineKinds: { ...iotTimelineKindsZh, ...EVENT_TIMELINE_WORDS },
  priorities: PRIORITY_WORDS,
  riskColours: RISK_WORDS,
  requestTypes: REQUEST_WORDS,
  sources: SOURCE_WORDS,
  returnReasons: {
    not_our_function: '职能不符',
    not_our_area: '属地不符',
    ownership_unclear: '权属不清',
  },
  satisfactions: {
    satisfied: '满意',
    basically_satisfied: '基本满意',
    dissatisfied: '不满意',
  },
  resolvedLevels: {
    grid: '网格',
    village: '村（社区）',
    township: '乡镇（街道）',
    county: '县级',
  },
  warnings: WARNING_WORDS,
  queueViews: {
    all: '全部',
    my_todo: '我的待办',
    today: '今日新增',
    due_soon: '即将超期',
    overdue: '已超期',
    returned: '被退回',
  },
  queueSorts: {
    due: '按办理时限',
    reported_desc: '最新上报在前',
    reported: '最早上报在前',
    priority: '按紧急程度',
  },
  unitRoles: {
    lead: '主办',
    assist: '协办',
  },
  unitStates: {
    pending: '待签收',
    signed: '已签收',
    fed_back: '已反馈',
    returned: '已退单',
    withdrawn: '已撤回',
  },
  arbitrateDecisions: {
    uphold: '同意退单（重新派遣）',
    overrule: '驳回退单（原单位继续办理）',
  },
  owners: {
    township: '本乡镇（街道）',
    county: '县级',
  },
  routingReasons: {
    locality: '属地优先',
    category: '按类别',
  },
};

export default eventsZh;
