import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventActionInput } from '../../common/contract';
import { EVENT_ACTIONS, EVENT_STATES, TRANSITIONS, type EventAction, type EventState } from '../../common/events';
import { ROLES, type Role } from '../../common/roles';
import { auditCountOf, countRows } from '../../db/testing';
import { eventActionKinds, storedAssignmentRowsOf, storedEventRow, storedExtensionRowsOf } from '../../db/testing-events';
import type { Connection } from '../app';
import { PNG_1PX, startEventsWorld, type EventsWorld } from '../testing/event-fixtures';

/** A valid input for each action on event `id`, so only state, role and unit decide. */
function inputFor(action: EventAction, id: string, w: EventsWorld, mergeTarget: string): EventActionInput {
  const later = w.core.clock.now + 30 * 86_400_000;
  const inputs: Record<EventAction, EventActionInput> = {
    register: { action: 'register', id },
    reject: { action: 'reject', id, reason: '信息不实' },
    merge: { action: 'merge', id, intoId: mergeTarget },
    answer: { action: 'answer', id, answer: '已电话答复咨询人' },
    dispatch: { action: 'dispatch', id, leadUnitId: w.leadUnitId, assistUnitIds: [w.assistUnitId], instructions: '请处置' },
    sign: { action: 'sign', id },
    return: { action: 'return', id, reasonCode: 'not_our_area', reason: '不在本单位辖区' },
    arbitrate: { action: 'arbitrate', id, decision: 'overrule', note: '属本单位职责，继续办理' },
    feedback: {
      action: 'feedback',
      id,
      text: '已处置完毕',
      photos: [{ name: '现场.png', mime: 'image/png', dataBase64: PNG_1PX }],
    },
    verify: { action: 'verify', id, resolvedLevel: 'village' },
    rework: { action: 'rework', id, reason: '现场仍有垃圾' },
    callback: { action: 'callback', id, satisfaction: 'satisfied' },
    reopen: { action: 'reopen', id, reason: '群众不满意，重办' },
    escalate: { action: 'escalate', id, reason: '需县级部门协调' },
    requestExtension: { action: 'requestExtension', id, requestedDue: later, reason: '需协调多部门' },
    decideExtension: { action: 'decideExtension', id, approve: true },
  };
  return inputs[action];
}

/** The people who may stand for a role; a unit handler is the lead's or the assisting unit's. */
function actorsFor(role: Role, w: EventsWorld): Connection[] {
  switch (role) {
    case 'operator':
      return [w.operator];
    case 'director':
      return [w.director];
    case 'unit_handler':
      return [w.handler, w.assistHandler];
    case 'assessor':
      return [w.assessor];
    case 'viewer':
      return [w.viewer];
    case 'admin':
      return [w.admin];
  }
}

/** The transition table, except that nobody but the county moves a county-owned event. */
function legal(state: EventState, action: EventAction, role: Role): boolean {
  const t = TRANSITIONS[action];
  return state !== 'county_owned' && t.from.includes(state) && t.roles.includes(role);
}

describe('the lifecycle, walked from the transition table', () => {
  let w: EventsWorld;
  let mergeTarget: string;
  /** Refused moves change nothing, so an event is reused until a move succeeds on it. */
  const fixtures = new Map<string, string>();
  const fixture = async (state: EventState, pendingExtension: boolean) => {
    const key = `${state}:${pendingExtension}`;
    if (!fixtures.has(key)) fixtures.set(key, await w.eventIn(state, { pendingExtension }));
    return fixtures.get(key)!;
  };
  /** What a refused move must leave alone: the event, its units, and every log it could write to. */
  const footprint = (id: string) =>
    JSON.stringify([
      storedEventRow(w.core.db, id),
      storedAssignmentRowsOf(w.core.db, id),
      storedExtensionRowsOf(w.core.db, id),
      ['event_actions', 'audit_log', 'outbox', 'attachments', 'events'].map((t) => countRows(w.core.db, t)),
    ]);
  beforeAll(async () => {
    w = await startEventsWorld();
    mergeTarget = await w.newEvent();
  }, 60_000);
  afterAll(() => w.core.stop());

  const cases = EVENT_STATES.flatMap((state) =>
    EVENT_ACTIONS.flatMap((action) => ROLES.map((role) => ({ state, action, role }))),
  );

  it.each(cases)('$state × $action × $role', async ({ state, action, role }) => {
    const expected = legal(state, action, role);
    const outcomes: string[] = [];
    for (const actor of actorsFor(role, w)) {
      const id = await fixture(state, action === 'decideExtension');
      const outboxBefore = countRows(w.core.db, 'outbox');
      const auditsOf = () => auditCountOf(w.core.db, 'event', id, action);
      const auditBefore = auditsOf();
      const before = footprint(id);
      const result = await actor.call('events.act', inputFor(action, id, w, mergeTarget));
      if (result.ok) {
        outcomes.push('ok');
        fixtures.delete(`${state}:${action === 'decideExtension'}`); // this event has moved on
        const t = TRANSITIONS[action];
        const now = storedEventRow(w.core.db, id)?.state as EventState;
        expect(now).toBe((result.value as { state: string }).state);
        expect(t.to.length === 0 ? now === state : t.to.includes(now) || action === 'sign' || action === 'feedback').toBe(true);
        const entry = eventActionKinds(w.core.db, id).at(-1);
        expect(entry).toBe(action);
        expect(auditsOf()).toBe(auditBefore + 1);
        expect(countRows(w.core.db, 'outbox')).toBeGreaterThan(outboxBefore);
        break;
      }
      outcomes.push(result.error.code);
      expect(['FORBIDDEN', 'ILLEGAL_TRANSITION', 'NOT_OWNER']).toContain(result.error.code);
      expect(result.error.message.length).toBeGreaterThan(10);
      expect(footprint(id)).toEqual(before);
    }
    expect(outcomes.includes('ok'), `expected ${expected ? 'success' : 'refusal'}, got ${outcomes.join(', ')}`).toBe(expected);
  });
});
