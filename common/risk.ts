import type { Role } from './roles';

/*
 * Social-stability risk assessments of major decisions (重大决策社会稳定风险评估):
 * 风险识别 → 风险评估 (one or more methods) → risk level → the director's
 * conclusion, then 回头看 reviews after implementation. Local records: they
 * are not part of the county protocol.
 */

/** 征地拆迁 / 重大项目 / 政策调整 / 其他. */
export const RISK_KINDS = ['land', 'project', 'policy', 'other'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];
/** 公示 / 听证 / 问卷 / 座谈 / 走访. */
export const RISK_METHODS = ['publicity', 'hearing', 'survey', 'forum', 'visit'] as const;
export type RiskMethod = (typeof RISK_METHODS)[number];
export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * identifying (风险识别) → assessing (风险评估) → rated (等级已定) → one of the
 * conclusions: implemented (实施), postponed (暂缓实施), rejected (不予实施);
 * a 回头看 review of an implemented decision may turn it to terminated (中止实施).
 */
export const RISK_STATES = ['identifying', 'assessing', 'rated', 'implemented', 'postponed', 'rejected', 'terminated'] as const;
export type RiskState = (typeof RISK_STATES)[number];
/** The states that are a conclusion, in the order the register counts them. */
export const RISK_CONCLUSIONS = ['implemented', 'postponed', 'rejected', 'terminated'] as const;
export type RiskConclusion = (typeof RISK_CONCLUSIONS)[number];
/** What the director may conclude when deciding (中止实施 comes only from a review). */
export const DECISIONS = ['implemented', 'postponed', 'rejected'] as const;
export type RiskDecision = (typeof DECISIONS)[number];

export const RISK_ACTIONS = [
  'identify',
  'record_method',
  'rate',
  'decide',
  'add_task',
  'complete_task',
  'review',
  'terminate',
] as const;
export type RiskAction = (typeof RISK_ACTIONS)[number];

export interface RiskTransition {
  from: readonly RiskState[];
  /** The state after the move; null when the move leaves the state as it is. */
  to: RiskState | null;
  roles: readonly Role[];
}

const DRAFTERS: readonly Role[] = ['operator', 'director'];

/**
 * The risk-assessment lifecycle as data. Operators draft every step up to the
 * rating; the director alone concludes (实施 / 暂缓实施 / 不予实施), and alone
 * turns an implemented decision to 中止实施 on a review's finding. A postponed
 * decision may be decided again once its causes are addressed.
 */
export const RISK_TRANSITIONS: Record<RiskAction, RiskTransition> = {
  identify: { from: ['identifying'], to: 'assessing', roles: DRAFTERS },
  record_method: { from: ['assessing'], to: null, roles: DRAFTERS },
  rate: { from: ['assessing'], to: 'rated', roles: DRAFTERS },
  decide: { from: ['rated', 'postponed'], to: null, roles: ['director'] },
  add_task: { from: ['assessing', 'rated', 'postponed', 'implemented'], to: null, roles: DRAFTERS },
  complete_task: { from: ['assessing', 'rated', 'postponed', 'implemented', 'terminated'], to: null, roles: DRAFTERS },
  review: { from: ['implemented'], to: null, roles: DRAFTERS },
  terminate: { from: ['implemented'], to: 'terminated', roles: ['director'] },
};

/** Who reads the register: the room and the assessors. */
export const RISK_READERS: readonly Role[] = ['operator', 'director', 'assessor'];

/** 回头看 by default 3 and 6 months after the decision to implement. */
export const DEFAULT_REVIEW_MONTHS = [3, 6] as const;

export const KIND_WORDS: Record<RiskKind, string> = { land: '征地拆迁', project: '重大项目', policy: '政策调整', other: '其他' };
export const METHOD_WORDS: Record<RiskMethod, string> = {
  publicity: '公示',
  hearing: '听证',
  survey: '问卷',
  forum: '座谈',
  visit: '走访',
};
export const LEVEL_WORDS: Record<RiskLevel, string> = { high: '高风险', medium: '中风险', low: '低风险' };
export const STATE_WORDS: Record<RiskState, string> = {
  identifying: '风险识别',
  assessing: '风险评估',
  rated: '待决策',
  implemented: '实施',
  postponed: '暂缓实施',
  rejected: '不予实施',
  terminated: '中止实施',
};

/** The serial of an assessment: one series per year, 稳评〔2026〕3号. */
export function riskSerial(year: number, number: number): string {
  return `稳评〔${year}〕${number}号`;
}
