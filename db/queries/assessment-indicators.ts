import type { IndicatorKey } from '../../common/assessment';
import type { Db } from '../open';
import { sql } from '../statements';

/**
 * Every indicator's definition (口径), in words for people and in SQL for the
 * computer, side by side so that they cannot drift apart. Parameters: @start
 * and @end bound the period [start, end) in epoch ms (China time); @unit is
 * one unit in the drill-down lists.
 *
 * As of the period's end, always: every indicator reads the facts as they
 * stood at @end — the assignment history of 0011-assignment-history.sql keeps
 * each dispatch with its own times, and every time is compared with @end — so
 * computing a period again on any later day gives the same numbers unless a
 * fact about the period itself was corrected (a return judged afterwards is
 * such a correction).
 *
 * The SQL of one indicator has four parts: `source` (FROM … WHERE …: the rows
 * that count, i.e. the denominator of a rate or the candidates of a count),
 * `unit` (the unit a row is charged to), `hit` (1 when the row is in the
 * numerator) and `ref` (what a person clicks on: the event, order or finding).
 * The covering indexes of 0011 serve the aggregates; INDEXED BY pins them
 * (without statistics the planner would rather scan a unit index to avoid
 * sorting the groups, which on a million events is 50 times slower).
 */
export interface IndicatorDefinition {
  key: IndicatorKey;
  nameZh: string;
  nameEn: string;
  kind: 'rate' | 'count';
  definitionZh: string;
  definitionEn: string;
  refKind: 'event' | 'order' | 'finding';
  /** FROM … WHERE …, without the events table. */
  source: string;
  /** How a row reaches its event, when it has one. */
  eventKey?: string;
  unit: string;
  hit: string;
  ref: { id: string; serial: string; title: string; at: string };
}

const CUT_OFF_ZH = '截止时点：考核期末（期末之后发生的签收、反馈、返工、退单、撤回、重新派遣均不影响本期）。';
const CUT_OFF_EN =
  'Cut-off: the end of the period (sign-fors, reports, reworks, returns, withdrawals and redispatches after it do not change this period).';

/** A returned assignment counts once, as a return (退单率), and nowhere else. */
const NOT_RETURNED = '(a.returned_at IS NULL OR a.returned_at >= @end)';

/** Lead assignments (主办) dispatched within the period; the unit answers for them. */
const LED_IN_PERIOD = `event_assignments a INDEXED BY event_assignments_by_dispatched
  WHERE a.dispatched_at >= @start AND a.dispatched_at < @end AND a.role = 'lead'`;
/** …of those, the ones the unit kept: not returned, not taken back before the end (unless taken back by a reopen). */
const LED_AND_KEPT = `${LED_IN_PERIOD} AND ${NOT_RETURNED}
  AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= @end OR a.reworked_at <= a.withdrawn_at)`;

/**
 * 应办结: lead assignments whose handling deadline, as it stood at the end
 * (an extension approved later does not move it), falls within the period.
 * Two index ranges: the deadline now, and the one an extension after the end replaced.
 */
const DUE_COLUMNS = 'event_id, unit_id, returned_at, withdrawn_at, first_feedback_at, feedback_at, reworked_at, closed_at';
const DUE_IN_PERIOD = `(SELECT ${DUE_COLUMNS}, handle_due_at AS due FROM event_assignments INDEXED BY event_assignments_by_handle_due
      WHERE role = 'lead' AND handle_due_at >= @start AND handle_due_at < @end AND (due_changed_at IS NULL OR due_changed_at < @end)
    UNION ALL
    SELECT ${DUE_COLUMNS}, prev_due_at AS due FROM event_assignments INDEXED BY event_assignments_by_prev_due
      WHERE role = 'lead' AND prev_due_at >= @start AND prev_due_at < @end AND due_changed_at >= @end) a
  WHERE ${NOT_RETURNED} AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= a.due OR a.closed_at <= a.withdrawn_at)`;

const EVENT_REF = { id: 'a.event_id', serial: 'ev.serial', title: 'ev.title' };

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    key: 'sign_on_time',
    nameZh: '按时签收率',
    nameEn: 'On-time sign-for rate',
    kind: 'rate',
    definitionZh: `分母：签收时限落在考核期内的派遣记录（主办和协办各自计算，每次派遣一条记录），不含已退单的（退单只计入退单率）和在签收时限前未签收即被撤回的；分子：其中在签收时限之前签收的。${CUT_OFF_ZH}`,
    definitionEn: `Denominator: assignments (lead or assisting; each dispatch is its own record) whose sign-for deadline falls within the period, except those returned (a return counts only in the return rate) and those withdrawn before the deadline without having been signed for. Numerator: those signed for by the deadline. ${CUT_OFF_EN}`,
    refKind: 'event',
    source: `event_assignments a INDEXED BY event_assignments_by_sign_due
      WHERE a.sign_due_at >= @start AND a.sign_due_at < @end AND ${NOT_RETURNED}
        AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= a.sign_due_at OR a.signed_at <= a.withdrawn_at)`,
    eventKey: 'a.event_id',
    unit: 'a.unit_id',
    hit: 'a.signed_at IS NOT NULL AND a.signed_at <= a.sign_due_at',
    ref: { ...EVENT_REF, at: 'a.sign_due_at' },
  },
  {
    key: 'closed_on_time',
    nameZh: '按期办结率',
    nameEn: 'On-time closure rate',
    kind: 'rate',
    definitionZh: `分母：应办结，即该单位主办、办理时限（含期末前已批准的延期）落在考核期内的派遣记录，不含已退单的和在时限前被撤回的（办结后被重办撤回的仍计）；分子：其中该单位在时限之前反馈办结、且该反馈在期末前未被返工的（返工后在时限前再次反馈的也算）。协办单位不计。${CUT_OFF_ZH}`,
    definitionEn: `Denominator (due): lead assignments whose handling deadline (after extensions approved before the end) falls within the period, except those returned and those withdrawn before the deadline (unless closed before a reopen withdrew them). Numerator: those the unit reported done by the deadline with no rework of that report before the end (or reported again by the deadline after a rework). Assisting units are not counted. ${CUT_OFF_EN}`,
    refKind: 'event',
    source: DUE_IN_PERIOD,
    eventKey: 'a.event_id',
    unit: 'a.unit_id',
    hit: `(a.reworked_at IS NULL OR a.reworked_at >= @end) AND a.first_feedback_at <= a.due
      OR a.reworked_at < @end AND a.feedback_at > a.reworked_at AND a.feedback_at <= a.due`,
    ref: { ...EVENT_REF, at: 'a.due' },
  },
  {
    key: 'closure',
    nameZh: '办结率',
    nameEn: 'Closure rate',
    kind: 'rate',
    definitionZh: `已办结 ÷ 应办结。分母：同按期办结率（该单位主办、办理时限落在考核期内的派遣记录）；分子：其中在考核期结束前已办结（核查通过）的，不论是否逾期。${CUT_OFF_ZH}`,
    definitionEn: `Closed ÷ due. Denominator: as for the on-time closure rate (lead assignments whose handling deadline falls within the period). Numerator: those closed (verified) before the period ended, late or not. ${CUT_OFF_EN}`,
    refKind: 'event',
    source: DUE_IN_PERIOD,
    eventKey: 'a.event_id',
    unit: 'a.unit_id',
    hit: 'a.closed_at < @end',
    ref: { ...EVENT_REF, at: 'a.due' },
  },
  {
    key: 'rework',
    nameZh: '返工率',
    nameEn: 'Rework rate',
    kind: 'rate',
    definitionZh: `越低越好。分母：考核期内派遣给该单位主办的派遣记录，不含已退单的和期末前被撤回的（因重办而结束的除外）；分子：其中在期末前被返工的（核查不通过返工，或回访不满意重办）。${CUT_OFF_ZH}`,
    definitionEn: `Lower is better. Denominator: lead assignments dispatched within the period, except those returned and those withdrawn before the end (other than by a reopen). Numerator: those reworked before the end (failed verification, or reopened after a dissatisfied call-back). ${CUT_OFF_EN}`,
    refKind: 'event',
    source: LED_AND_KEPT,
    eventKey: 'a.event_id',
    unit: 'a.unit_id',
    hit: 'a.reworked_at < @end',
    ref: { ...EVENT_REF, at: 'a.dispatched_at' },
  },
  {
    key: 'return',
    nameZh: '退单率',
    nameEn: 'Return rate',
    kind: 'rate',
    definitionZh:
      '越低越好。只计不合理退单。分母：考核期内以该单位为主办的派遣记录（同一事件每次派遣各计一次）；分子：其中该单位在期末前退单、且退单被判定为不合理的（主任仲裁驳回退单、改派回该单位，或主任在考核中标记为不合理）。被接受并改派他处的退单不计；退单是否合理以判定为准，期末后作出的判定视为对期内事实的更正，重算时计入。',
    definitionEn:
      'Lower is better; only unjustified returns count. Denominator: lead assignments dispatched within the period (each dispatch counts). Numerator: those the unit returned before the end and whose return was judged unjustified (overruled in arbitration and sent back to the unit, or marked unjustified by the director). A return accepted and redispatched elsewhere does not count; a judgment made after the end corrects a fact of the period and counts when the period is computed again.',
    refKind: 'event',
    source: LED_IN_PERIOD,
    eventKey: 'a.event_id',
    unit: 'a.unit_id',
    hit: "a.returned_at < @end AND a.return_verdict = 'unjustified'",
    ref: { ...EVENT_REF, at: 'a.dispatched_at' },
  },
  {
    key: 'extension',
    nameZh: '延期率',
    nameEn: 'Extension rate',
    kind: 'rate',
    definitionZh: `越低越好。分母：同返工率；分子：其中该单位的延期申请在期末前获批准的（被驳回的申请不计）。${CUT_OFF_ZH}`,
    definitionEn: `Lower is better. Denominator: as for the rework rate. Numerator: those for which an extension requested by the unit was approved before the end (refused requests do not count). ${CUT_OFF_EN}`,
    refKind: 'event',
    source: LED_AND_KEPT,
    eventKey: 'a.event_id',
    unit: 'a.unit_id',
    hit: `EXISTS (SELECT 1 FROM extension_requests x INDEXED BY extension_requests_approved
      WHERE x.state = 'approved' AND x.event_id = a.event_id AND x.unit_id = a.unit_id
        AND x.decided_at >= a.dispatched_at AND x.decided_at < @end)`,
    ref: { ...EVENT_REF, at: 'a.dispatched_at' },
  },
  {
    key: 'satisfaction',
    nameZh: '满意率',
    nameEn: 'Satisfaction rate',
    kind: 'rate',
    definitionZh:
      '分母：考核期内完成的回访（每次回访计一次），记在回访时办理该事件的主办单位名下（回访前最后一次派遣的主办单位，退单的除外），此后的重办、退单、改派不改变归属；分子：其中回访结果为“满意”或“基本满意”的。',
    definitionEn:
      'Denominator: call-backs made within the period (each counts), charged to the lead unit handling the event at the time of the call-back (the last lead dispatched before it, unless it returned the event); a later reopen, return or redispatch does not move it. Numerator: those answered "satisfied" or "basically satisfied".',
    refKind: 'event',
    source: `event_actions c INDEXED BY event_actions_callbacks WHERE c.kind = 'callback' AND c.at >= @start AND c.at < @end`,
    eventKey: 'c.event_id',
    unit: `(SELECT l.unit_id FROM event_assignments l INDEXED BY event_assignments_leads
      WHERE l.role = 'lead' AND l.event_id = c.event_id AND l.dispatched_at <= c.at AND l.returned_at IS NULL
      ORDER BY l.dispatched_at DESC LIMIT 1)`,
    hit: `json_extract(c.payload, '$.satisfaction') IN ('satisfied', 'basically_satisfied')`,
    ref: { id: 'c.event_id', serial: 'ev.serial', title: 'ev.title', at: 'c.at' },
  },
  {
    key: 'orders',
    nameZh: '督办件数',
    nameEn: 'Supervision orders received',
    kind: 'count',
    definitionZh:
      '考核期内签发、收件单位包含该单位的督办单（催办、督办、挂牌督办，含县级下发），每件按方案扣分，扣满封顶。以签发时间归期。',
    definitionEn:
      'Supervision orders (chase, order, flagged; township or county) issued within the period with the unit among their addressees; each costs the points of the scheme, up to the cap. An order belongs to the period it was issued in.',
    refKind: 'order',
    source: `supervision_order_units ou JOIN supervision_orders o ON o.id = ou.order_id
      WHERE o.issued_at >= @start AND o.issued_at < @end`,
    unit: 'ou.unit_id',
    hit: '1',
    ref: { id: 'o.id', serial: 'o.serial', title: 'o.problem', at: 'o.issued_at' },
  },
  {
    key: 'orders_late',
    nameZh: '督办逾期',
    nameEn: 'Supervision orders answered late',
    kind: 'count',
    definitionZh:
      '整改期限落在考核期内、收件单位包含该单位的督办单（不论何时签发，跨季度的督办单计入期限所在的考核期）中，该单位首次整改反馈逾期的，或截至考核期末尚未反馈的。截止时点：考核期末。',
    definitionEn:
      "Orders due within the period (whenever issued: an order crossing quarters counts in the quarter it was due) with the unit among their addressees, whose first rectification report by the unit was late or had not come by the period's end. Cut-off: the end of the period.",
    refKind: 'order',
    source: `supervision_orders o INDEXED BY supervision_orders_by_due JOIN supervision_order_units ou ON ou.order_id = o.id
      WHERE o.due_at >= @start AND o.due_at < @end`,
    unit: 'ou.unit_id',
    hit: `coalesce((SELECT s.late FROM supervision_answers s
      WHERE s.order_id = o.id AND s.unit_id = ou.unit_id AND s.answered_at < @end
      ORDER BY s.answered_at LIMIT 1), 1)`,
    ref: { id: 'o.id', serial: 'o.serial', title: 'o.problem', at: 'o.due_at' },
  },
  {
    key: 'findings',
    nameZh: '暗访问题',
    nameEn: 'Undercover inspection findings',
    kind: 'count',
    definitionZh: '考核期内常态暗访发现、责任单位为该单位的问题，每个问题按方案扣分，扣满封顶。以发现时间归期。',
    definitionEn:
      'Problems found by undercover inspections within the period with the unit responsible; each costs the points of the scheme, up to the cap. A finding belongs to the period it was found in.',
    refKind: 'finding',
    source: 'inspection_findings f WHERE f.found_at >= @start AND f.found_at < @end',
    unit: 'f.unit_id',
    hit: '1',
    ref: { id: 'f.id', serial: 'f.place', title: 'f.problem', at: 'f.found_at' },
  },
];

const INDICATOR_BY_KEY = new Map(INDICATORS.map((d) => [d.key, d]));

export function indicator(key: IndicatorKey): IndicatorDefinition {
  const d = INDICATOR_BY_KEY.get(key);
  if (!d) throw new Error(`unknown indicator ${key}`);
  return d;
}

/** One indicator's counts for every unit at once (rows charged to no unit are left out). */
export function aggregateSql(d: IndicatorDefinition): string {
  // A unit found by a correlated subquery (满意率: the lead at the time of the call-back) is looked up once per row.
  // Written plainly, SQLite evaluates it for the WHERE and again for the GROUP BY (three times slower on a quarter
  // of a million events); LIMIT -1 (no limit) keeps the inner query from being flattened into the outer one.
  if (d.unit.startsWith('(')) {
    return `SELECT unitId, count(*) AS den, total(hit) AS num
      FROM (SELECT ${d.unit} AS unitId, ${d.hit} AS hit FROM ${d.source} LIMIT -1) WHERE unitId IS NOT NULL GROUP BY 1`;
  }
  return `SELECT ${d.unit} AS unitId, count(*) AS den, total(${d.hit}) AS num FROM ${d.source} AND ${d.unit} IS NOT NULL GROUP BY 1`;
}

/**
 * The rows behind one unit's numbers, hits first, newest first. For events the
 * page is picked on the indexes alone and only its rows fetch their titles.
 */
export function evidenceSql(d: IndicatorDefinition): string {
  if (!d.eventKey) {
    return `SELECT ${d.ref.id} AS id, ${d.ref.serial} AS serial, ${d.ref.title} AS title, ${d.ref.at} AS at, coalesce(${d.hit}, 0) AS hit
      FROM ${d.source} AND ${d.unit} = @unit
      ORDER BY hit DESC, at DESC LIMIT @limit OFFSET @offset`;
  }
  return `SELECT page.eventId AS id, ev.serial AS serial, ev.title AS title, page.at AS at, page.hit AS hit
    FROM (SELECT ${d.eventKey} AS eventId, ${d.ref.at} AS at, coalesce(${d.hit}, 0) AS hit FROM ${d.source} AND ${d.unit} = @unit
          ORDER BY hit DESC, at DESC LIMIT @limit OFFSET @offset) AS page
    CROSS JOIN events ev ON ev.id = page.eventId
    ORDER BY page.hit DESC, page.at DESC`;
}

export interface AggregateRow {
  indicator: IndicatorKey;
  unitId: string;
  num: number;
  den: number;
}

export interface PeriodTotals {
  /** Events reported within the period, township-wide. */
  received: number;
}

/** Everything a run needs from the data, for every unit; the worker thread calls this. */
export function computeAggregates(
  db: Db,
  keys: readonly IndicatorKey[],
  start: number,
  end: number,
): { rows: AggregateRow[]; totals: PeriodTotals } {
  const rows: AggregateRow[] = [];
  for (const key of keys) {
    for (const r of sql<{ unitId: string; num: number; den: number }>(db, aggregateSql(indicator(key))).all({ start, end }))
      rows.push({ indicator: key, unitId: r.unitId, num: r.num, den: r.den });
  }
  const received =
    sql<{ n: number }>(db, 'SELECT count(*) AS n FROM events WHERE reported_at >= ? AND reported_at < ?').get(start, end)?.n ?? 0;
  return { rows, totals: { received } };
}

export interface IndicatorEvidenceRow {
  id: string;
  serial: string;
  title: string;
  at: number;
  hit: number;
}

/** One page of the rows behind a unit's indicator. */
export function indicatorEvidence(
  db: Db,
  key: IndicatorKey,
  p: { start: number; end: number; unit: string; limit: number; offset: number },
): IndicatorEvidenceRow[] {
  return sql<IndicatorEvidenceRow>(db, evidenceSql(indicator(key))).all(p);
}
