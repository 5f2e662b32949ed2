import type { EventSource, EventState, Priority, RequestType, RiskColour, Warning } from './events';

/**
 * The Chinese words of an event's fields and timeline, written once: the
 * screen's zh-CN texts (renderer/src/i18n/events.zh-CN.ts) and the township's
 * own paper (exports, the 处置单: Chinese whatever language the screen is in)
 * both read them here.
 */
export const STATE_WORDS: Record<EventState, string> = {
  reported: '待受理',
  registered: '已立案',
  dispatched: '已派遣',
  in_progress: '处置中',
  awaiting_verification: '待核查',
  returned: '被退回',
  closed: '已办结',
  archived: '已归档',
  rejected: '不予立案',
  merged: '已合并',
  escalated: '已上报县级',
  county_owned: '县级承办',
};
export const PRIORITY_WORDS: Record<Priority, string> = { normal: '一般', urgent: '紧急', critical: '特急' };
export const RISK_WORDS: Record<RiskColour, string> = { green: '绿色', yellow: '黄色', red: '红色' };
export const WARNING_WORDS: Record<Warning, string> = { none: '正常', yellow: '黄色预警', red: '红色预警' };
export const REQUEST_WORDS: Record<RequestType, string> = {
  request: '求决',
  consult: '咨询',
  complaint: '投诉举报',
  suggestion: '意见建议',
};
export const SOURCE_WORDS: Record<EventSource, string> = {
  grid_report: '网格上报',
  hotline_12345: '12345 热线',
  county_assignment: '县级交办',
  iot_alarm: '物联感知',
  walk_in: '群众来访',
  leader_instruction: '领导交办',
  inspection: '暗访发现',
  history_import: '历史导入',
};
/** An event's own timeline entries (supervision and IoT entries have words of their own). */
export const EVENT_TIMELINE_WORDS = {
  create: '受理登记',
  merged_from: '并入重复事件',
  register: '立案',
  reject: '不予立案',
  merge: '合并至其他事件',
  answer: '当场答复办结',
  dispatch: '派遣',
  sign: '签收',
  return: '退单',
  arbitrate: '退单仲裁',
  feedback: '处置反馈',
  verify: '核查办结',
  rework: '返工',
  callback: '回访归档',
  reopen: '重办',
  escalate: '上报县级',
  requestExtension: '申请延期',
  decideExtension: '延期审批',
  county_accept: '县级受理',
  county_return: '县级退回',
  county_status: '县级办理进展',
  history_import: '历史导入',
};
