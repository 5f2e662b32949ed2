import type { IndicatorKey } from '../../common/assessment';
import type { Db } from '../../db';

/**
 * Every indicator's definition (口径), in words for people and in SQL for the
 * computer, side by side so that they cannot drift apart. Parameters: @start
 * and @end bound the period [start, end) in epoch ms (China time); @unit is
 * one unit in the drill-down lists.
 *
 * The SQL of one indicator has four parts: `source` (FROM … WHERE …: the rows
 * that count, i.e. the denominator of a rate or the candidates of a count),
 * `unit` (the unit a row is charged to), `hit` (1 when the row is in the
 * numerator) and `ref` (what a person clicks on: the event, order or finding).
 * The events table (`e`) is joined only where needed: the indexes of
 * 0004-assessment.sql cover what each aggregate reads, and INDEXED BY pins
 * them (without statistics the planner would rather scan a unit index to
 * avoid sorting the groups, which on a million events is 50 times slower).
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
  /** How a row reaches its event (`e`), when it has one; `eventInAggregate` when `unit` or `hit` read it. */
  eventKey?: string;
  eventInAggregate?: boolean;
  unit: string;
  hit: string;
  ref: { id: string; serial: string; title: string; at: string };
}

const EVENT_REF = { id: 'e.id', serial: 'e.serial', title: 'e.title' };

/** Assignments of a unit (lead or assisting) made within the period and not taken back. */
const ASSIGNED_IN_PERIOD = `event_units eu INDEXED BY event_units_by_dispatched
  WHERE eu.dispatched_at >= @start AND eu.dispatched_at < @end AND eu.state <> 'withdrawn'`;
/** The same, only where the unit leads (主办): the lead answers for closing the event. */
const LED_IN_PERIOD = `${ASSIGNED_IN_PERIOD} AND eu.role = 'lead'`;

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    key: 'sign_on_time',
    nameZh: '按时签收率',
    nameEn: 'On-time sign-for rate',
    kind: 'rate',
    definitionZh:
      '分母：考核期内派遣给该单位的事件（主办和协办各自计算，每个单位单独签收），不含派遣后被撤回的单位；分子：其中在签收时限（sign_due_at）之前签收的。',
    definitionEn:
      'Denominator: assignments to the unit dispatched within the period, as lead or assisting unit (each unit signs for itself), excluding assignments withdrawn later. Numerator: those signed for no later than the sign-for deadline.',
    refKind: 'event',
    source: ASSIGNED_IN_PERIOD,
    eventKey: 'eu.event_id',
    unit: 'eu.unit_id',
    hit: 'eu.signed_at IS NOT NULL AND eu.signed_at <= eu.sign_due_at',
    ref: { ...EVENT_REF, at: 'eu.dispatched_at' },
  },
  {
    key: 'closed_on_time',
    nameZh: '按期办结率',
    nameEn: 'On-time closure rate',
    kind: 'rate',
    definitionZh:
      '分母：该单位主办、办理时限（含已批准的延期）落在考核期内的事件；分子：其中已办结、且该单位最后一次反馈不晚于办理时限的。协办单位不计。',
    definitionEn:
      'Denominator: events the unit leads whose handling deadline (after any approved extension) falls within the period. Numerator: those closed whose last feedback by the unit came no later than the deadline. Assisting units are not counted.',
    refKind: 'event',
    source: `event_units eu INDEXED BY event_units_by_handle_due
      WHERE eu.role = 'lead' AND eu.handle_due_at >= @start AND eu.handle_due_at < @end AND eu.state <> 'withdrawn'`,
    eventKey: 'eu.event_id',
    eventInAggregate: true,
    unit: 'eu.unit_id',
    hit: 'e.closed_at IS NOT NULL AND eu.feedback_at IS NOT NULL AND eu.feedback_at <= eu.handle_due_at',
    ref: { ...EVENT_REF, at: 'eu.handle_due_at' },
  },
  {
    key: 'closure',
    nameZh: '办结率',
    nameEn: 'Closure rate',
    kind: 'rate',
    definitionZh: '分母：考核期内派遣给该单位主办的事件（不含撤回）；分子：其中在考核期结束前已办结（核查通过）的。',
    definitionEn:
      'Denominator: events dispatched to the unit as lead within the period (not withdrawn). Numerator: those closed (verified) before the period ended.',
    refKind: 'event',
    source: LED_IN_PERIOD,
    eventKey: 'eu.event_id',
    eventInAggregate: true,
    unit: 'eu.unit_id',
    hit: 'e.closed_at IS NOT NULL AND e.closed_at < @end',
    ref: { ...EVENT_REF, at: 'eu.dispatched_at' },
  },
  {
    key: 'rework',
    nameZh: '返工率',
    nameEn: 'Rework rate',
    kind: 'rate',
    definitionZh:
      '越低越好。分母：考核期内派遣给该单位主办的事件；分子：其中至少返工一次的（核查不通过返工，或回访不满意重办）。',
    definitionEn:
      'Lower is better. Denominator: events dispatched to the unit as lead within the period. Numerator: those reworked at least once (failed verification, or reopened after a dissatisfied call-back).',
    refKind: 'event',
    source: LED_IN_PERIOD,
    eventKey: 'eu.event_id',
    eventInAggregate: true,
    unit: 'eu.unit_id',
    hit: 'e.rework_count > 0',
    ref: { ...EVENT_REF, at: 'eu.dispatched_at' },
  },
  {
    key: 'return',
    nameZh: '退单率',
    nameEn: 'Return rate',
    kind: 'rate',
    definitionZh:
      '越低越好。分母：考核期内以该单位为主办的派遣次数（时间线上的“派遣”记录，同一事件多次派遣各计一次）；分子：其中该单位在这次派遣之后退单的。',
    definitionEn:
      'Lower is better. Denominator: dispatches within the period naming the unit as lead (dispatch entries on the timeline; each dispatch counts). Numerator: those the unit returned after that dispatch.',
    refKind: 'event',
    source: `event_actions d INDEXED BY event_actions_dispatches
      WHERE d.kind = 'dispatch' AND d.at >= @start AND d.at < @end AND d.unit_id IS NOT NULL`,
    eventKey: 'd.event_id',
    unit: 'd.unit_id',
    hit: `EXISTS (SELECT 1 FROM event_actions r
      WHERE r.kind = 'return' AND r.event_id = d.event_id AND r.unit_id = d.unit_id AND r.at >= d.at)`,
    ref: { ...EVENT_REF, at: 'd.at' },
  },
  {
    key: 'extension',
    nameZh: '延期率',
    nameEn: 'Extension rate',
    kind: 'rate',
    definitionZh: '越低越好。分母：考核期内派遣给该单位主办的事件；分子：其中该单位的延期申请获批准的（被驳回的申请不计）。',
    definitionEn:
      'Lower is better. Denominator: events dispatched to the unit as lead within the period. Numerator: those for which an extension requested by the unit was approved (refused requests do not count).',
    refKind: 'event',
    source: LED_IN_PERIOD,
    eventKey: 'eu.event_id',
    unit: 'eu.unit_id',
    hit: `EXISTS (SELECT 1 FROM extension_requests x
      WHERE x.event_id = eu.event_id AND x.unit_id = eu.unit_id AND x.state = 'approved')`,
    ref: { ...EVENT_REF, at: 'eu.dispatched_at' },
  },
  {
    key: 'satisfaction',
    nameZh: '满意率',
    nameEn: 'Satisfaction rate',
    kind: 'rate',
    definitionZh: '分母：考核期内完成回访、且由该单位主办的事件（每次回访计一次）；分子：其中回访结果为“满意”或“基本满意”的。',
    definitionEn:
      'Denominator: call-backs made within the period on events the unit leads (each call-back counts). Numerator: those answered "satisfied" or "basically satisfied".',
    refKind: 'event',
    source: `event_actions c INDEXED BY event_actions_callbacks WHERE c.kind = 'callback' AND c.at >= @start AND c.at < @end`,
    eventKey: 'c.event_id',
    eventInAggregate: true,
    unit: 'e.lead_unit_id',
    hit: `json_extract(c.payload, '$.satisfaction') IN ('satisfied', 'basically_satisfied')`,
    ref: { ...EVENT_REF, at: 'c.at' },
  },
  {
    key: 'orders',
    nameZh: '督办件数',
    nameEn: 'Supervision orders received',
    kind: 'count',
    definitionZh: '考核期内签发、收件单位包含该单位的督办单（催办、督办、挂牌督办，含县级下发），每件按方案扣分，扣满封顶。',
    definitionEn:
      'Supervision orders (chase, order, flagged; township or county) issued within the period with the unit among their addressees; each costs the points of the scheme, up to the cap.',
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
      '考核期内签发给该单位的督办单中，该单位首次整改反馈逾期的；或截至考核期末尚未反馈且已过整改期限的（按期末时点判定）。',
    definitionEn:
      "Orders issued to the unit within the period whose first rectification report by the unit was late, or that had no report by the end of the period while their deadline had passed (judged at the period's end).",
    refKind: 'order',
    source: `supervision_order_units ou JOIN supervision_orders o ON o.id = ou.order_id
      WHERE o.issued_at >= @start AND o.issued_at < @end`,
    unit: 'ou.unit_id',
    hit: `coalesce((SELECT a.late FROM supervision_answers a
      WHERE a.order_id = o.id AND a.unit_id = ou.unit_id AND a.answered_at < @end
      ORDER BY a.answered_at LIMIT 1), o.due_at < @end)`,
    ref: { id: 'o.id', serial: 'o.serial', title: 'o.problem', at: 'o.issued_at' },
  },
  {
    key: 'findings',
    nameZh: '暗访问题',
    nameEn: 'Undercover inspection findings',
    kind: 'count',
    definitionZh: '考核期内常态暗访发现、责任单位为该单位的问题，每个问题按方案扣分，扣满封顶。',
    definitionEn:
      'Problems found by undercover inspections within the period with the unit responsible; each costs the points of the scheme, up to the cap.',
    refKind: 'finding',
    source: 'inspection_findings f WHERE f.found_at >= @start AND f.found_at < @end',
    unit: 'f.unit_id',
    hit: '1',
    ref: { id: 'f.id', serial: 'f.place', title: 'f.problem', at: 'f.found_at' },
  },
];

export const INDICATOR_BY_KEY = new Map(INDICATORS.map((d) => [d.key, d]));

export function indicator(key: IndicatorKey): IndicatorDefinition {
  return INDICATOR_BY_KEY.get(key)!;
}

/**
 * The source with the events table joined in before its WHERE: through the
 * narrow covering index for counting, through the table for titles.
 */
function withEvents(d: IndicatorDefinition, narrow: boolean): string {
  if (!d.eventKey) return d.source;
  const at = d.source.indexOf('WHERE');
  const events = narrow ? 'events e INDEXED BY events_assessment' : 'events e';
  return `${d.source.slice(0, at)} JOIN ${events} ON e.id = ${d.eventKey} ${d.source.slice(at)}`;
}

/** One indicator's counts for every unit at once (rows charged to no unit are left out). */
export function aggregateSql(d: IndicatorDefinition): string {
  const from = d.eventInAggregate ? withEvents(d, true) : d.source;
  return `SELECT ${d.unit} AS unitId, count(*) AS den, total(${d.hit}) AS num FROM ${from} AND ${d.unit} IS NOT NULL GROUP BY 1`;
}

/**
 * The rows behind one unit's numbers, hits first, newest first. For events the
 * page is picked on the indexes alone and only its rows fetch their titles.
 */
export function evidenceSql(d: IndicatorDefinition): string {
  if (!d.eventKey) {
    return `SELECT ${d.ref.id} AS id, ${d.ref.serial} AS serial, ${d.ref.title} AS title, ${d.ref.at} AS at, (${d.hit}) AS hit
      FROM ${d.source} AND ${d.unit} = @unit
      ORDER BY hit DESC, at DESC LIMIT @limit OFFSET @offset`;
  }
  const from = d.eventInAggregate ? withEvents(d, true) : d.source;
  return `SELECT page.eventId AS id, ev.serial AS serial, ev.title AS title, page.at AS at, page.hit AS hit
    FROM (SELECT ${d.eventKey} AS eventId, ${d.ref.at} AS at, (${d.hit}) AS hit FROM ${from} AND ${d.unit} = @unit
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
    const d = indicator(key);
    for (const r of db.prepare(aggregateSql(d)).all({ start, end }) as { unitId: string; num: number; den: number }[])
      rows.push({ indicator: key, unitId: r.unitId, num: r.num, den: r.den });
  }
  const received = db
    .prepare('SELECT count(*) FROM events WHERE reported_at >= ? AND reported_at < ?')
    .pluck()
    .get(start, end) as number;
  return { rows, totals: { received } };
}
