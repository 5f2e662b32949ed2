/**
 * Hand-built assessment fixtures: rows written straight into a real database
 * so that every indicator's numerator and denominator can be computed by hand.
 * Not used by production code.
 */
import { periodBounds } from '../../common/assessment';
import type { Db } from '../../db';
import { findUnitByName } from '../../db/queries/org';
import {
  anyCategoryId,
  insertFixtureAction,
  insertFixtureAnswer,
  insertFixtureAssignment,
  insertFixtureEvent,
  insertFixtureExtension,
  insertFixtureFinding,
  insertFixtureOrder,
  insertFixtureOrderUnit,
  userIdByUsername,
} from '../../db/testing-assessment';
import { newId } from '../context';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const Q3 = periodBounds('2026-Q3');
/** Day `d` (0-based) of 2026-Q3, plus hours. */
export const q3 = (d: number, h = 0) => Q3.start + d * DAY + h * HOUR;

export interface Fixture {
  a: string;
  b: string;
  events: Record<string, string>;
}

interface Assignment {
  unit: string;
  role: 'lead' | 'assist';
  state?: 'pending' | 'signed' | 'fed_back' | 'returned' | 'withdrawn';
  dispatched: number;
  signDue?: number;
  handleDue: number;
  signed?: number;
  feedback?: number;
  returned?: number;
}

/** Adds a supervision order (see buildFixture); set by buildFixture for the other fixtures of this module. */
let order: (issued: number, due: number, units: string[], answers?: { unit: string; late: 0 | 1; at: number }[]) => string;
let finding: (unit: string, at: number) => unknown;

/**
 * Orders that cross quarters, on top of buildFixture: each counts in 督办逾期
 * of the quarter it was due in, whenever it was issued.
 */
export function addCrossingOrders(fx: Fixture): { o5: string; o6: string } {
  // O5: issued in Q2, due in Q3, answered late in Q3.
  const o5 = order(Q3.start - 10 * DAY, q3(3), [fx.a], [{ unit: fx.a, late: 1, at: q3(10) }]);
  // O6: issued at the end of Q3, due in Q4, never answered.
  const o6 = order(q3(88), Q3.end + 5 * DAY, [fx.a]);
  return { o5, o6 };
}

export function buildFixture(db: Db): Fixture {
  const a = findUnitByName(db, '综合行政执法队')!.id;
  const b = findUnitByName(db, '派出所')!.id;
  const category = anyCategoryId(db);
  const user = userIdByUsername(db, 'handler');
  const events: Record<string, string> = {};
  let serial = 0;

  const event = (key: string, e: { lead: string; closed?: number; rework?: number; units: Assignment[] }) => {
    const id = newId();
    events[key] = id;
    const first = Math.min(...e.units.map((u) => u.dispatched));
    insertFixtureEvent(db, {
      id,
      serial: `QX-FIX-${String(++serial).padStart(4, '0')}`,
      title: `事件${key}`,
      categoryId: category,
      reportedAt: first - HOUR,
      state: e.closed ? 'closed' : 'in_progress',
      leadUnitId: e.lead,
      closedAt: e.closed ?? null,
      reworkCount: e.rework ?? 0,
      createdAt: first,
    });
    for (const u of e.units) {
      insertFixtureAssignment(db, {
        eventId: id,
        unitId: u.unit,
        role: u.role,
        state: u.state ?? 'signed',
        dispatchedAt: u.dispatched,
        signDueAt: u.signDue ?? u.dispatched + 2 * HOUR,
        handleDueAt: u.handleDue,
        signedAt: u.signed ?? null,
        feedbackAt: u.feedback ?? null,
        returnedAt: u.returned ?? null,
      });
    }
    return id;
  };
  const action = (eventKey: string, kind: string, unit: string | null, at: number, payload: Record<string, unknown> = {}) =>
    insertFixtureAction(db, {
      id: newId(),
      eventId: events[eventKey]!,
      kind,
      unitId: unit,
      payload: JSON.stringify(payload),
      at,
    });
  const extension = (eventKey: string, unit: string, state: 'approved' | 'refused') =>
    insertFixtureExtension(db, {
      id: newId(),
      eventId: events[eventKey]!,
      unitId: unit,
      requestedDue: q3(100),
      state,
      userId: user,
      requestedAt: q3(80),
      decidedAt: q3(81),
    });

  // E1: A leads; signed on time, fed back before the deadline, closed in Q3, satisfied.
  event('E1', {
    lead: a,
    closed: q3(9),
    units: [{ unit: a, role: 'lead', dispatched: q3(1), signed: q3(1, 1), handleDue: q3(10), feedback: q3(8) }],
  });
  action('E1', 'dispatch', a, q3(1));
  action('E1', 'verify', null, q3(9));
  action('E1', 'callback', null, q3(12), { satisfaction: 'satisfied' });
  extension('E1', a, 'refused');
  // E2: A leads; signed late, fed back late, reworked, closed only after Q3, dissatisfied.
  event('E2', {
    lead: a,
    closed: Q3.end + DAY,
    rework: 1,
    units: [{ unit: a, role: 'lead', dispatched: q3(2), signed: q3(2, 5), handleDue: q3(12), feedback: q3(15) }],
  });
  action('E2', 'dispatch', a, q3(2));
  action('E2', 'rework', a, q3(16));
  action('E2', 'verify', null, Q3.end + DAY);
  action('E2', 'callback', null, q3(20), { satisfaction: 'dissatisfied' });
  // E3: dispatched to A, returned by A, redispatched to B (A's assignment withdrawn); B closes it on time.
  event('E3', {
    lead: b,
    closed: q3(12),
    units: [
      { unit: a, role: 'lead', state: 'withdrawn', dispatched: q3(3), handleDue: q3(13), returned: q3(3, 1) },
      { unit: b, role: 'lead', dispatched: q3(3, 2), signed: q3(3, 3), handleDue: q3(13), feedback: q3(11) },
    ],
  });
  action('E3', 'dispatch', a, q3(3));
  action('E3', 'return', a, q3(3, 1));
  action('E3', 'dispatch', b, q3(3, 2));
  action('E3', 'verify', null, q3(12));
  // E4: A leads, late in Q3; due after Q3, still open; an approved extension.
  event('E4', {
    lead: a,
    units: [{ unit: a, role: 'lead', dispatched: q3(80), signed: q3(80, 1), handleDue: Q3.end + 19 * DAY }],
  });
  action('E4', 'dispatch', a, q3(80));
  extension('E4', a, 'approved');
  // E5: dispatched to A in Q2, due in Q3, fed back in time and closed; basically satisfied.
  event('E5', {
    lead: a,
    closed: q3(6),
    units: [
      {
        unit: a,
        role: 'lead',
        dispatched: Q3.start - 10 * DAY,
        signed: Q3.start - 10 * DAY + HOUR,
        handleDue: q3(5),
        feedback: q3(4),
      },
    ],
  });
  action('E5', 'dispatch', a, Q3.start - 10 * DAY);
  action('E5', 'verify', null, q3(6));
  action('E5', 'callback', null, q3(10), { satisfaction: 'basically_satisfied' });
  // E6: B leads (signed on time, never fed back), A assists and signed late.
  event('E6', {
    lead: b,
    units: [
      { unit: b, role: 'lead', dispatched: q3(4), signed: q3(4, 1), handleDue: q3(14) },
      { unit: a, role: 'assist', dispatched: q3(4), signed: q3(4, 6), handleDue: q3(14) },
    ],
  });
  action('E6', 'dispatch', b, q3(4));

  let number = 0;
  order = (issued: number, due: number, units: string[], answers: { unit: string; late: 0 | 1; at: number }[] = []) => {
    const id = newId();
    number += 1;
    insertFixtureOrder(db, {
      id,
      serial: `督〔2026〕${number}号`,
      number,
      targetUnitId: units[0]!,
      problem: `督办问题${number}`,
      dueAt: due,
      issuedAt: issued,
    });
    for (const unit of units) insertFixtureOrderUnit(db, id, unit);
    for (const ans of answers)
      insertFixtureAnswer(db, { id: newId(), orderId: id, unitId: ans.unit, userId: user, at: ans.at, late: ans.late });
    return id;
  };
  // O1 to A and B: A answered in time, B never answered and the deadline passed.
  order(q3(5), q3(20), [a, b], [{ unit: a, late: 0, at: q3(15) }]);
  // O2 to A: answered late.
  order(q3(30), q3(40), [a], [{ unit: a, late: 1, at: q3(45) }]);
  // O3 to A in Q2: another period.
  order(Q3.start - 20 * DAY, Q3.start - 5 * DAY, [a]);
  // O4 to A late in Q3, due after Q3, unanswered: not late at the period's end.
  order(q3(85), Q3.end + 9 * DAY, [a]);

  finding = (unit: string, at: number) => insertFixtureFinding(db, { id: newId(), foundAt: at, unitId: unit, userId: user });
  finding(a, q3(7));
  finding(a, q3(50));
  finding(b, Q3.end + DAY);
  return { a, b, events };
}
