/**
 * The demo township's supervision, inspections, assessments, detectors and
 * county notices: every page a director opens has something to show. Written
 * through the real services (orders, answers, decisions, findings, alarms,
 * calls, review and publish) on a clock set to the past, so each record has
 * the timeline, audit rows and states the app itself would have left.
 */
import { periodBounds, periodOf, previousPeriod } from '../../common/assessment';
import type { Role } from '../../common/roles';
import type { Db } from '../../db';
import { computeAggregates } from '../../db/queries/assessment-indicators';
import { insertRun, listSchemes, saveRun, type RunRecord } from '../../db/queries/assessment';
import { alarmOfEvent } from '../../db/queries/alarms';
import { findUnitByName, listVillages } from '../../db/queries/org';
import { insertInbox, insertNotice } from '../../db/queries/sync';
import { findUserByUsername } from '../../db/queries/users';
import { acknowledge } from '../alarms/alarms';
import { publish, review } from '../assessment/lifecycle';
import { minSampleOf, rescore, settingsOf, storeValues } from '../assessment/runs';
import { LoginGuard } from '../auth/login-guard';
import { newId, type Actor, type ServiceContext } from '../context';
import { receiveIotAlarm } from '../iot/alarms';
import { writeDevice } from '../iot/devices';
import { recordCall, resolve } from '../iot/verification';
import { pdfPrinter } from '../print/pdf';
import { orderFindings, recordFinding } from '../supervision/findings';
import { answer, decide, issue } from '../supervision/orders';

/** Detector alarms in the demo's past, each an event of its own beside the demo's events. */
export const DEMO_PAST_ALARMS = 1;

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A context on a movable clock, acting as one of the demo's people. */
function demoContext(db: Db, start: number) {
  let at = start;
  let actor: Actor | null = null;
  const ctx: ServiceContext = {
    db,
    dataDir: '',
    get actor() {
      return actor;
    },
    connection: { id: 'demo-seed', address: 'local', sessionId: null, local: true },
    now: () => at,
    newId,
    publish: () => {},
    afterCommit: () => {},
    recordOnFailure: () => {},
    endSessions: () => {},
    printPdf: pdfPrinter(undefined),
    loginGuard: new LoginGuard(),
  };
  const as = (username: string, unitName?: string) => {
    const user = findUserByUsername(db, username)!;
    actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role as Role,
      unitId: unitName ? findUnitByName(db, unitName)!.id : user.unitId,
      sessionId: 'demo-seed',
      mustChangePassword: false,
    };
    return ctx;
  };
  const set = (ms: number) => {
    at = ms;
    return ctx;
  };
  return { ctx, as, set };
}

function seedOrders(db: Db, now: number): void {
  const { as, set } = demoContext(db, now);
  const unit = (name: string) => findUnitByName(db, name)!.id;
  const enforcement = unit('综合行政执法队');
  const order = (daysAgo: number, strength: 'chase' | 'order' | 'flagged', problem: string, dueInDays: number) => {
    set(now - daysAgo * DAY);
    return issue(as(strength === 'chase' ? 'operator' : 'director'), {
      strength,
      targetKind: 'unit',
      targetId: enforcement,
      unitIds: [enforcement],
      problem,
      requirements: '立即组织整改，按期书面反馈整改情况并附照片。',
      dueAt: now + (dueInDays - daysAgo) * DAY + (dueInDays - daysAgo === 0 ? HOUR : 0),
      photos: [],
    });
  };
  const reply = (id: string, daysAgo: number, text: string) =>
    answer(set(now - daysAgo * DAY) && as('handler'), { id, text, photos: [] });

  // Open, and a chase notice from the duty room.
  order(2, 'order', '清溪村菜场周边占道经营反复出现，群众多次投诉。', 7);
  order(1, 'chase', '桃源村河道漂浮物清理进度滞后，请加快办理。', 3);
  // Flagged (挂牌督办) by the director, still open.
  order(6, 'flagged', '石桥村违章搭建三个月未拆除，影响消防通道。', 20);
  // Answered late: the deadline passed a day before the answer came.
  const late = order(9, 'order', '西街社区夜间施工噪音扰民，夜间仍在施工。', 6);
  reply(late.id, 2, '已约谈施工单位，夜间施工已停止，每晚安排巡查。');
  // Answered in time and accepted (销号).
  const accepted = order(30, 'order', '梅岭村垃圾中转站臭味扰民。', 10);
  reply(accepted.id, 24, '中转站已增加清运频次并加装除臭设备，周边无异味。');
  decide(set(now - 22 * DAY) && as('director'), { id: accepted.id, decision: 'accept', note: '现场核实已整改到位。' });
  // 再督办: the first answer was not good enough; the order is reissued, stronger, and is open again.
  const first = order(20, 'order', '东河社区老旧小区消防通道被私家车长期占用。', 8);
  reply(first.id, 13, '已张贴告示，通知车主挪车。');
  decide(set(now - 11 * DAY) && as('director'), {
    id: first.id,
    decision: 'reject',
    note: '仅张贴告示，通道仍被占用，整改不到位。',
    dueAt: now + 4 * DAY,
  });
}

function seedInspections(db: Db, now: number): void {
  const { as, set } = demoContext(db, now);
  const villages = new Map(listVillages(db).map((v) => [v.name, v.id]));
  const finding = (daysAgo: number, place: string, village: string, unitName: string, problem: string) =>
    recordFinding(set(now - daysAgo * DAY) && as('director'), {
      foundAt: now - daysAgo * DAY - 2 * HOUR,
      place,
      villageId: villages.get(village) ?? null,
      unitId: findUnitByName(db, unitName)!.id,
      problem,
      inspector: '镇纪委暗访组',
      photos: [],
    });
  // Two undercover inspections (常态暗访); the first one's findings became a rectification order.
  const a = finding(12, '清溪村便民服务站', '清溪村', '社会事务办', '工作时间窗口无人值守，群众等候 40 分钟无人接待。');
  const b = finding(12, '清溪村卫生室', '清溪村', '卫生院', '药品登记台账缺失，过期药品未清理。');
  orderFindings(set(now - 11 * DAY) && as('director'), {
    findingIds: [a.id, b.id],
    strength: 'order',
    requirements: '三日内完成整改，建立值守和台账制度。',
    dueAt: now - 8 * DAY,
  });
  finding(3, '新城社区垃圾分类投放点', '新城社区', '综合行政执法队', '分类投放点满溢，周边堆放垃圾无人清理。');
}

function seedDetectors(db: Db, now: number): void {
  const { ctx, as, set } = demoContext(db, now - 40 * DAY);
  const villages = listVillages(db);
  as('admin');
  const codes = ['QX-SD-0001', 'QX-SD-0002', 'QX-SD-0003', 'QX-GS-0001'];
  codes.forEach((code, i) => {
    const village = villages[i % villages.length]!;
    writeDevice(ctx, undefined, {
      code,
      kind: code.includes('GS') ? 'gas' : 'smoke',
      villageId: village.id,
      address: `${village.name}${i + 3}组${12 + i}号`,
      residentName: ['刘桂英', '陈德明', '杨秀兰', '黄志强'][i]!,
      residentPhone: `1395700${String(1001 + i)}`,
      contacts: [{ name: '周海', relation: 'neighbour', phone: `1375700${String(2001 + i)}` }],
      installedAt: now - 200 * DAY,
      note: '',
    });
  });
  // A past alarm: the duty room called the resident, it was steam from cooking, closed as a false alarm.
  const alarmAt = now - 6 * DAY - 5 * HOUR;
  set(alarmAt);
  const village = villages[0]!;
  const { eventId } = receiveIotAlarm(
    ctx,
    {
      id: 'demo-iot-alarm-1',
      deviceId: codes[0]!,
      kind: 'smoke',
      at: new Date(alarmAt).toISOString(),
      address: `${village.name}3组12号`,
      village: village.name,
      contacts: [],
    },
    'county',
  );
  set(alarmAt + 2 * 60_000);
  const alarm = alarmOfEvent(db, eventId);
  if (alarm) acknowledge(as('operator'), { ids: [alarm.id] });
  recordCall(set(alarmAt + 4 * 60_000) && as('operator'), {
    eventId,
    contactIndex: 0,
    outcome: 'false_alarm',
    note: '住户称做饭油烟触发，无火情。',
  });
  resolve(set(alarmAt + 6 * 60_000) && as('operator'), { eventId, decision: 'false_alarm', note: '电话核实为误报。' });
}

function seedAssessments(db: Db, now: number): void {
  const { as, set } = demoContext(db, now);
  const schemes = listSchemes(db);
  const latest = (code: string) => schemes.filter((s) => s.code === code).sort((a, b) => b.version - a.version)[0];
  const quarter = previousPeriod(periodOf('quarter', now));
  const periods: [string, string][] = [
    ['quarterly', quarter],
    ['quarterly', previousPeriod(quarter)],
    ['monthly', previousPeriod(periodOf('month', now))],
  ];
  for (const [code, period] of periods) {
    const scheme = latest(code);
    if (!scheme) continue;
    const { start, end } = periodBounds(period);
    // Computed, reviewed and published in the days after the period ended (China working hours).
    const computedAt = Math.min(end + 2 * DAY + 2 * HOUR, now - DAY);
    set(computedAt);
    const assessor = as('assessor').actor!;
    const minSample = minSampleOf(db);
    const result = computeAggregates(
      db,
      settingsOf(scheme).map((s) => s.key),
      start,
      end,
    );
    const run: RunRecord = {
      id: newId(),
      schemeId: scheme.id,
      schemeCode: scheme.code,
      period,
      revision: 1,
      state: 'computed',
      reason: '',
      totals: JSON.stringify({ ...result.totals, minSample }),
      supersededBy: null,
      createdBy: assessor.userId,
      createdAt: computedAt,
      computedAt,
      computedBy: assessor.userId,
      reviewedAt: null,
      reviewedBy: null,
      publishedAt: null,
      publishedBy: null,
    };
    insertRun(db, run);
    saveRun(db, run);
    storeValues(db, run, scheme, result.rows, minSample);
    rescore(db, run);
    review(set(computedAt + HOUR) && as('director'), { runId: run.id });
    publish(set(computedAt + DAY) && as('director'), { runId: run.id });
  }
}

const NOTICES: { daysAgo: number; title: string; body: string }[] = [
  {
    daysAgo: 20,
    title: '关于做好冬季消防安全隐患排查的通知',
    body: '各乡镇：请于本月底前完成辖区“三合一”场所、出租房消防隐患全面排查，排查情况通过平台报送。',
  },
  {
    daysAgo: 9,
    title: '县矛盾纠纷调处中心工作例会安排',
    body: '定于下周三上午九点召开全县矛盾纠纷调处工作例会，请各乡镇指挥室主任参加。',
  },
  {
    daysAgo: 2,
    title: '关于调整 12345 热线工单办理时限的说明',
    body: '自下月起，12345 热线转办工单的签收时限统一为 2 个工作小时，请各乡镇同步调整。',
  },
];

/** How many county notices the demo has (all unread). */
export const DEMO_NOTICES = NOTICES.length;

/** County notices arrive as county messages: each with its inbox row, as the sync receiver leaves it. */
function seedNotices(db: Db, now: number): void {
  NOTICES.forEach((n, i) => {
    const at = now - n.daysAgo * DAY;
    const inboxId = newId();
    const id = newId();
    insertNotice(db, { id, inboxId, title: n.title, body: n.body, at });
    insertInbox(db, {
      id: inboxId,
      offset: -(NOTICES.length - i),
      messageId: `demo-notice-${i + 1}`,
      type: 'notice',
      at: new Date(at).toISOString(),
      data: null,
      status: 'applied',
      reason: '',
      entityId: id,
      receivedAt: at,
    });
  });
}

/** Everything beyond events that the demo's pages show; runs in the seeder's transaction. */
export function seedDemoSupervision(db: Db, now: number): void {
  seedOrders(db, now);
  seedInspections(db, now);
  seedDetectors(db, now);
  seedAssessments(db, now);
  seedNotices(db, now);
}
