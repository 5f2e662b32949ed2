import type { Db } from '../../db';
import { findUnitByName } from '../../db/queries/org';
import {
  insertRisk,
  insertRiskMethod,
  insertRiskReview,
  insertRiskTask,
  nextRiskNumber,
  updateRisk,
  type RiskRecord,
} from '../../db/queries/risk';
import { insertTimelineEntry } from '../../db/queries/timeline';
import { findUserByUsername } from '../../db/queries/users';
import { STATE_WORDS, riskSerial, type RiskKind, type RiskLevel, type RiskMethod, type RiskState } from '../../common/risk';
import { newId } from '../context';
import { addMonthsChina } from '../risk/assessments';
import { chinaWallClock } from '../../common/china-time';

const DAY = 86_400_000;

interface DemoRisk {
  title: string;
  unit: string;
  kind: RiskKind;
  scope: string;
  people: number;
  daysAgo: number;
  state: RiskState;
  risks: string;
  methods: { method: RiskMethod; participants: string; summary: string }[];
  level: RiskLevel | null;
  reason: string;
  tasks: { measure: string; unit: string; dueInDays: number; done: boolean }[];
  /** For implemented decisions: reviews already held, and whether the last stopped it. */
  reviewsHeld?: { finding: string; terminate: boolean }[];
}

/** Decisions under assessment in the demo township: every state of the register has an example. */
const DEMO_RISKS: DemoRisk[] = [
  {
    title: '清溪村旧村改造征地拆迁',
    unit: '自然资源所',
    kind: 'land',
    scope: '清溪村一组、二组，宅基地 42 宗',
    people: 168,
    daysAgo: 150,
    state: 'implemented',
    risks: '补偿标准争议；少数户拒绝搬迁；施工扰民',
    methods: [
      { method: 'publicity', participants: '全体涉及户', summary: '补偿方案公示 7 日，收到意见 9 条' },
      { method: 'hearing', participants: '村民代表 30 人、律师 1 人', summary: '多数代表同意，3 户对补偿有异议' },
    ],
    level: 'medium',
    reason: '涉及户数较多，但多数支持，异议可化解',
    tasks: [
      { measure: '逐户上门解释补偿政策', unit: '司法所', dueInDays: -120, done: true },
      { measure: '设立拆迁矛盾调处点', unit: '综合行政执法队', dueInDays: 20, done: false },
    ],
    reviewsHeld: [{ finding: '搬迁平稳，无信访，继续实施', terminate: false }],
  },
  {
    title: '镇区农贸市场搬迁',
    unit: '市场监管所',
    kind: 'project',
    scope: '镇区农贸市场 120 个摊位',
    people: 320,
    daysAgo: 60,
    state: 'postponed',
    risks: '经营户安置；过渡期收入下降',
    methods: [{ method: 'forum', participants: '经营户代表 25 人', summary: '经营户要求过渡期减免租金' }],
    level: 'high',
    reason: '经营户诉求集中，安置方案未定',
    tasks: [{ measure: '制定过渡期租金减免方案', unit: '市场监管所', dueInDays: -5, done: false }],
  },
  {
    title: '垃圾中转站选址',
    unit: '综合行政执法队',
    kind: 'project',
    scope: '镇区东片 3 个小区周边',
    people: 860,
    daysAgo: 45,
    state: 'rejected',
    risks: '居民担心异味、噪音，可能集体反对',
    methods: [
      { method: 'survey', participants: '周边居民 400 户', summary: '问卷反对率 71%' },
      { method: 'hearing', participants: '居民代表 18 人、人大代表 2 人', summary: '听证会多数代表反对选址' },
    ],
    level: 'high',
    reason: '反对意见集中，易引发群体性事件',
    tasks: [],
  },
  {
    title: '农村宅基地审批办法调整',
    unit: '农业农村办',
    kind: 'policy',
    scope: '全镇农户',
    people: 5200,
    daysAgo: 200,
    state: 'terminated',
    risks: '新旧政策衔接；历史遗留问题',
    methods: [{ method: 'visit', participants: '各村两委', summary: '走访 12 个村，多数赞成' }],
    level: 'low',
    reason: '政策调整幅度小',
    tasks: [],
    reviewsHeld: [{ finding: '出现集中反映历史遗留宅基地问题，决定中止实施，完善后再议', terminate: true }],
  },
  {
    title: '镇卫生院扩建项目',
    unit: '卫生院',
    kind: 'project',
    scope: '卫生院北侧 3 户民房',
    people: 14,
    daysAgo: 12,
    state: 'rated',
    risks: '征用民房补偿',
    methods: [{ method: 'forum', participants: '涉及户及村干部 8 人', summary: '涉及户原则同意' }],
    level: 'low',
    reason: '涉及户少，已原则同意',
    tasks: [],
  },
  {
    title: '集镇停车收费调整',
    unit: '交警中队',
    kind: 'policy',
    scope: '集镇主要街道',
    people: 3000,
    daysAgo: 4,
    state: 'assessing',
    risks: '商户担心客流下降',
    methods: [{ method: 'publicity', participants: '社会公众', summary: '收费方案公示中' }],
    level: null,
    reason: '',
    tasks: [],
  },
];

/** Risk assessments for the demo township, written with their timelines as if walked through the app. */
export function seedDemoWorkbench(db: Db, now: number): number {
  const director = findUserByUsername(db, 'director');
  const operator = findUserByUsername(db, 'operator');
  if (!director || !operator) return 0;
  let count = 0;
  for (const d of DEMO_RISKS) {
    const unitId = findUnitByName(db, d.unit)?.id;
    if (!unitId) continue;
    const createdAt = now - d.daysAgo * DAY;
    const year = chinaWallClock(createdAt).getUTCFullYear();
    const number = nextRiskNumber(db, year);
    const concluded = ['implemented', 'postponed', 'rejected', 'terminated'].includes(d.state);
    const decidedAt = concluded ? createdAt + 10 * DAY : null;
    const r: RiskRecord = {
      id: newId(),
      serial: riskSerial(year, number),
      year,
      number,
      title: d.title,
      proposingUnitId: unitId,
      kind: d.kind,
      scope: d.scope,
      peopleAffected: d.people,
      state: d.state,
      risks: d.risks,
      level: d.level,
      levelReason: d.reason,
      // A stopped decision was first implemented; its reason is replaced by the review's below.
      decisionReason: concluded ? `经综合评估，决定${d.state === 'terminated' ? '实施' : STATE_WORDS[d.state]}` : '',
      decidedBy: concluded ? director.id : null,
      decidedAt,
      createdBy: operator.id,
      createdAt,
    };
    insertRisk(db, r);
    const entry = (kind: string, at: number, from: string | null, to: string, note: string, byDirector = false) =>
      insertTimelineEntry(db, 'risk_assessment', {
        id: newId(),
        caseId: r.id,
        kind,
        fromState: from,
        toState: to,
        actorId: byDirector ? director.id : operator.id,
        actorName: byDirector ? director.displayName : operator.displayName,
        actorRole: byDirector ? 'director' : 'operator',
        unitId: null,
        note,
        payload: '{}',
        at,
      });
    entry('create', createdAt, null, 'identifying', '');
    entry('identify', createdAt + DAY, 'identifying', 'assessing', d.risks);
    d.methods.forEach((m, i) => {
      const heldOn = createdAt + (2 + i) * DAY;
      insertRiskMethod(db, {
        id: newId(),
        assessmentId: r.id,
        method: m.method,
        heldOn,
        participants: m.participants,
        summary: m.summary,
        recordedBy: operator.id,
        recordedAt: heldOn,
      });
      entry('record_method', heldOn, 'assessing', 'assessing', m.summary);
    });
    if (d.level) entry('rate', createdAt + 8 * DAY, 'assessing', 'rated', d.reason);
    for (const t of d.tasks)
      insertRiskTask(db, {
        id: newId(),
        assessmentId: r.id,
        measure: t.measure,
        unitId: findUnitByName(db, t.unit)?.id ?? unitId,
        createdAt: createdAt + 9 * DAY,
        dueAt: now + t.dueInDays * DAY,
        doneAt: t.done ? now + (t.dueInDays - 2) * DAY : null,
        doneNote: t.done ? '已完成' : '',
      });
    if (decidedAt) {
      const decided = d.state === 'terminated' ? 'implemented' : d.state;
      entry('decide', decidedAt, 'rated', decided, r.decisionReason, true);
      if (decided === 'implemented') {
        const held = d.reviewsHeld ?? [];
        [3, 6].forEach((months, i) => {
          const review = held[i];
          const dueAt = addMonthsChina(decidedAt, months);
          // A decision stopped at a review has no later reviews.
          if (i > 0 && held[i - 1]?.terminate) return;
          insertRiskReview(db, {
            id: newId(),
            assessmentId: r.id,
            dueAt,
            doneAt: review ? Math.min(dueAt, now - DAY) : null,
            finding: review?.finding ?? '',
            outcome: review ? (review.terminate ? 'terminate' : 'continue') : null,
            reviewedBy: review ? director.id : null,
          });
          if (review)
            entry(
              review.terminate ? 'terminate' : 'review',
              Math.min(dueAt, now - DAY),
              'implemented',
              review.terminate ? 'terminated' : 'implemented',
              review.finding,
              true,
            );
        });
        if (d.state === 'terminated') {
          r.decisionReason = held.at(-1)!.finding;
          r.decidedAt = Math.min(addMonthsChina(decidedAt, 3), now - DAY);
          updateRisk(db, r);
        }
      }
    }
    count++;
  }
  return count;
}
