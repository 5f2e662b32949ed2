import type { Db } from '../../db';
import {
  insertCampaign,
  insertCampaignTask,
  insertCampaignUnit,
  insertReport,
  insertReportFigure,
  insertTarget,
  recentEventsOfCategory,
  tagEvent,
} from '../../db/queries/campaigns';
import { findUnitByName } from '../../db/queries/org';
import { insertTimelineEntry } from '../../db/queries/timeline';
import { findUserByUsername } from '../../db/queries/users';
import { newId } from '../context';

const DAY = 86_400_000;

interface DemoCampaign {
  name: string;
  lead: string;
  units: string[];
  /** Days from now: started in the past, ending in the future. */
  from: number;
  to: number;
  targets: [label: string, unit: string, goal: number][];
  /** Latest cumulative figure of each unit per target (same order as `units`, lead first). */
  figures: number[][];
  category: string | null;
  tasks: [unit: string, title: string, dueInDays: number, done: boolean][];
}

/** The four campaigns the township runs (专项整治), each with reports, tasks and hazards taken in as events. */
const DEMO_CAMPAIGNS: DemoCampaign[] = [
  {
    name: '安全生产专项整治',
    lead: '应急管理办',
    units: ['市场监管所', '综合行政执法队'],
    from: -60,
    to: 30,
    targets: [
      ['排查隐患', '处', 500],
      ['整改率', '%', 95],
    ],
    figures: [
      [180, 92],
      [90, 88],
      [40, 70],
    ],
    category: 'safety',
    tasks: [
      ['市场监管所', '小作坊、小餐饮燃气安全排查', -3, false],
      ['综合行政执法队', '沿街商铺违规用电整治', 10, false],
      ['应急管理办', '危化品使用单位全覆盖检查', -20, true],
    ],
  },
  {
    name: '道路交通安全专项整治',
    lead: '交警中队',
    units: ['综合行政执法队'],
    from: -45,
    to: 45,
    targets: [
      ['查处交通违法', '起', 300],
      ['整治隐患路段', '处', 20],
    ],
    figures: [
      [160, 9],
      [20, 2],
    ],
    category: 'traffic',
    tasks: [['综合行政执法队', '集镇占道经营清理', 7, false]],
  },
  {
    name: '消防安全专项整治',
    lead: '专职消防队',
    units: ['应急管理办', '综合行政执法队'],
    from: -30,
    to: 60,
    targets: [
      ['检查九小场所', '家', 400],
      ['清理消防通道', '处', 120],
    ],
    figures: [
      [150, 50],
      [60, 10],
      [10, 30],
    ],
    category: 'fire',
    tasks: [['综合行政执法队', '居民小区电动车飞线充电整治', -2, false]],
  },
  {
    name: '电信网络新型违法犯罪专项整治',
    lead: '派出所',
    units: ['司法所'],
    from: -90,
    to: 90,
    targets: [
      ['入户宣传', '户', 5000],
      ['劝阻潜在受害人', '人', 50],
    ],
    figures: [
      [2600, 31],
      [900, 4],
    ],
    category: null,
    tasks: [['司法所', '反诈法治宣传进村居', 14, false]],
  },
];

/** Running campaigns for the demo township, written as if reported through the app. */
export function seedDemoCampaigns(db: Db, now: number): number {
  const director = findUserByUsername(db, 'director');
  if (!director) return 0;
  let count = 0;
  for (const d of DEMO_CAMPAIGNS) {
    const unitId = (name: string) => findUnitByName(db, name)?.id;
    const leadId = unitId(d.lead);
    const unitIds = [d.lead, ...d.units].map(unitId);
    if (!leadId || unitIds.some((u) => !u)) continue;
    const id = newId();
    const startsAt = now + d.from * DAY;
    insertCampaign(db, {
      id,
      name: d.name,
      startsAt,
      endsAt: now + d.to * DAY,
      leadUnitId: leadId,
      state: 'running',
      createdBy: director.id,
      createdAt: startsAt - DAY,
      closedAt: null,
    });
    for (const u of unitIds) insertCampaignUnit(db, id, u!);
    const targetIds = d.targets.map(([label, unit, goal], sort) => {
      const targetId = newId();
      insertTarget(db, { id: targetId, campaignId: id, label, unit, goal, sort });
      return targetId;
    });
    const entry = (kind: string, at: number, from: string, to: string, note: string, unit: string | null = null) =>
      insertTimelineEntry(db, 'campaign', {
        id: newId(),
        caseId: id,
        kind,
        fromState: from,
        toState: to,
        actorId: director.id,
        actorName: director.displayName,
        actorRole: 'director',
        unitId: unit,
        note,
        payload: '{}',
        at,
      });
    entry('create', startsAt - DAY, 'planned', 'planned', '');
    entry('start', startsAt, 'planned', 'running', '');
    unitIds.forEach((u, i) => {
      const reportId = newId();
      const at = now - (i + 1) * DAY;
      insertReport(db, {
        id: reportId,
        campaignId: id,
        unitId: u!,
        narrative: '按计划推进，本阶段排查整改情况如下',
        reportedBy: director.id,
        at,
      });
      d.figures[i]!.forEach((value, t) => insertReportFigure(db, reportId, targetIds[t]!, value));
      entry('report', at, 'running', 'running', '阶段进展报送', u!);
    });
    for (const [unit, title, dueIn, done] of d.tasks)
      insertCampaignTask(db, {
        id: newId(),
        campaignId: id,
        unitId: unitId(unit)!,
        title,
        dueAt: now + dueIn * DAY,
        doneAt: done ? now + (dueIn - 1) * DAY : null,
        createdAt: startsAt,
      });
    if (d.category)
      for (const eventId of recentEventsOfCategory(db, d.category, startsAt, 12)) tagEvent(db, eventId, id, startsAt);
    count++;
  }
  return count;
}
