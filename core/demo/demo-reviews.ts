import type { Db } from '../../db';
import { reviewSerial, type ImprovementKind, type ReviewState } from '../../common/reviews';
import { getEvent } from '../../db/queries/events';
import { findUnitByName } from '../../db/queries/org';
import { getCategory } from '../../db/queries/reference';
import {
  eventsOfCategoryBetween,
  insertImprovement,
  insertReview,
  insertReviewEvent,
  nextReviewNumber,
  reviewCandidates,
  type ReviewRecord,
} from '../../db/queries/reviews';
import { insertTimelineEntry } from '../../db/queries/timeline';
import { findUserByUsername } from '../../db/queries/users';
import { newId } from '../context';
import { chinaWallClock } from '../../common/china-time';

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface DemoImprovement {
  kind: ImprovementKind;
  measure: string;
  unit: string;
  dueInDays: number;
  done: string | null;
  /** A rule change names the reviewed event's top-level category. */
  rule?: boolean;
}

/**
 * The demo's after-action reviews (复盘), on the demo's own events: a
 * concluded review of the latest 特急 or escalated event with its improvement
 * actions (the supervision one left for the director to turn into an order),
 * and an open review of that event's category in the 48 hours around it. The
 * monthly analysis needs no seed of its own: it reads the demo's events,
 * orders, campaigns and assessments of the previous month.
 */
export function seedDemoReviews(db: Db, now: number): number {
  const director = findUserByUsername(db, 'director');
  const operator = findUserByUsername(db, 'operator');
  const [latest, earlier] = reviewCandidates(db, now - 90 * DAY, 20).filter((c) => getEvent(db, c.id)?.closedAt);
  if (!director || !operator || !latest) return 0;
  const year = chinaWallClock(now).getUTCFullYear();
  let count = 0;

  const review = (
    spec: Pick<ReviewRecord, 'title' | 'scope' | 'categoryId' | 'windowFrom' | 'windowTo'>,
    eventIds: string[],
    state: ReviewState,
    openedAt: number,
    findings: { wentWell: string; wentBadly: string; conclusion: string },
    improvements: DemoImprovement[],
  ) => {
    const number = nextReviewNumber(db, year);
    const r: ReviewRecord = {
      id: newId(),
      serial: reviewSerial(year, number),
      year,
      number,
      ...spec,
      state,
      ...findings,
      openedBy: director.id,
      openedAt,
      concludedAt: state === 'open' ? null : openedAt + 2 * DAY,
      closedAt: null,
    };
    insertReview(db, r);
    for (const id of eventIds) insertReviewEvent(db, r.id, id);
    const entry = (kind: string, at: number, to: ReviewState, note: string, byDirector: boolean, from: ReviewState | null = to) =>
      insertTimelineEntry(db, 'review', {
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
    entry('open', openedAt, 'open', '', true, null);
    if (findings.wentWell) entry('write_findings', openedAt + DAY, 'open', findings.wentBadly, false);
    improvements.forEach((i, n) => {
      const unitId = findUnitByName(db, i.unit)?.id;
      if (!unitId) return;
      const at = openedAt + DAY + (n + 1) * HOUR;
      insertImprovement(db, {
        id: newId(),
        reviewId: r.id,
        kind: i.kind,
        measure: i.measure,
        unitId,
        dueAt: now + i.dueInDays * DAY,
        orderId: null,
        ruleCategoryId: i.rule ? ruleCategoryId : null,
        doneAt: i.done ? at + HOUR : null,
        doneNote: i.done ?? '',
        createdAt: at,
      });
      entry('add_improvement', at, 'open', i.measure, false);
      if (i.done) entry('complete_improvement', at + HOUR, 'open', i.done, false);
    });
    if (state !== 'open') entry('conclude', r.concludedAt!, state, findings.conclusion, true, 'open');
    count++;
  };

  const event = getEvent(db, latest.id)!;
  const category = getCategory(db, event.categoryId);
  const ruleCategoryId = category?.parentId ?? event.categoryId;
  review(
    { title: `${event.title}复盘`, scope: 'event', categoryId: null, windowFrom: null, windowTo: null },
    [event.id],
    'concluded',
    Math.max(event.closedAt!, now - 5 * DAY),
    {
      wentWell: '接报后立即派遣，责任单位签收及时，现场处置规范。',
      wentBadly: '夜间到场用时偏长，协助单位未同步派遣，反馈材料不完整。',
      conclusion: '处置总体及时有效；夜间值守和多部门联动需加强，特急类签收时限需调整。',
    },
    [
      { kind: 'supervision', measure: '建立夜间应急值守和到岗报告制度', unit: '综合行政执法队', dueInDays: 20, done: null },
      {
        kind: 'deadline_rule',
        measure: '特急类事件签收时限由 1 小时缩短为 30 分钟',
        unit: '综合行政执法队',
        dueInDays: 10,
        done: '已在时限规则中调整',
      },
      { kind: 'routing_rule', measure: '同类事件同时派遣派出所协助', unit: '派出所', dueInDays: 15, done: null },
    ],
  );
  // The category of the second candidate (or the first) in the 48 hours around it: a storm's worth of events.
  const around = getEvent(db, (earlier ?? latest).id)!;
  const from = around.reportedAt - DAY;
  const eventIds = eventsOfCategoryBetween(db, around.categoryId, from, from + 2 * DAY, 200);
  if (eventIds.length)
    review(
      {
        title: '强降雨 48 小时同类事件复盘',
        scope: 'set',
        categoryId: around.categoryId,
        windowFrom: from,
        windowTo: from + 2 * DAY,
      },
      eventIds,
      'open',
      Math.min(now - DAY, from + 3 * DAY),
      { wentWell: '', wentBadly: '', conclusion: '' },
      [],
    );
  return count;
}
