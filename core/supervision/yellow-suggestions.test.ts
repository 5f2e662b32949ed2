import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupervisionSuggestion } from '../../common/contract';
import { storedEventRow, storedOrderDeadlines } from '../../db/testing-events';
import { expectOk } from '../testing/core';
import { DAY, startSupervisionWorld, type SupervisionWorld } from '../testing/supervision-fixtures';

let w: SupervisionWorld;
beforeEach(async () => {
  w = await startSupervisionWorld();
}, 60_000);
afterEach(() => w.core.stop());

const suggest = async () =>
  expectOk<'supervision.suggestions'>(await w.director.call('supervision.suggestions', {}))
    .suggestions as SupervisionSuggestion[];
const ofKind = (list: SupervisionSuggestion[], kind: SupervisionSuggestion['kind']) => list.filter((s) => s.kind === kind);
/** Moves the clock to `at` and lets the warning tick run, as the app does every minute. */
const travelTo = (at: number) => {
  w.core.clock.now = at;
  w.core.app.tick();
};

describe('yellow warnings suggest a chase (催办)', () => {
  it('an event turning yellow is suggested as a chase with its draft text; before yellow and once chased, not', async () => {
    const id = await w.eventIn('in_progress');
    const due = storedEventRow(w.core.db, id)!.handle_due_at!;
    const yellowAt = storedEventRow(w.core.db, id)!.yellow_at!;
    expect(yellowAt).toBeGreaterThan(w.core.clock.now);
    travelTo(yellowAt - 60_000);
    expect(ofKind(await suggest(), 'yellow_event')).toEqual([]);

    travelTo(yellowAt + 60_000);
    expect(storedEventRow(w.core.db, id)?.warning).toBe(1);
    const [s] = ofKind(await suggest(), 'yellow_event');
    expect(s).toBeDefined();
    expect(s!.facts).toMatchObject({ eventId: id, dueAt: due });
    expect(s!.draft).toMatchObject({
      strength: 'chase',
      colour: 'blue',
      targetKind: 'event',
      targetId: id,
      unitIds: [w.leadUnitId, w.assistUnitId],
    });
    expect(s!.draft.problem).toContain('办理期限');
    expect(s!.draft.requirements.length).toBeGreaterThan(10);

    // The operator sends the drafted chase: the event is followed now and no longer suggested.
    const { problem, requirements, dueAt, unitIds } = s!.draft;
    expectOk(
      await w.operator.call('supervision.issue', {
        strength: 'chase',
        targetKind: 'event',
        targetId: id,
        unitIds,
        problem,
        requirements,
        dueAt,
        photos: [],
      }),
    );
    expect(ofKind(await suggest(), 'yellow_event')).toEqual([]);
  });

  it('an order turning yellow is suggested as a chase to the units that have not answered', async () => {
    const { id, serial } = await w.issue(w.director, { strength: 'order', dueAt: w.core.clock.now + 10 * DAY });
    const stored = storedOrderDeadlines(w.core.db, id)!;
    const order = { yellow_at: stored.yellow_at!, due_at: stored.due_at };
    travelTo(order.yellow_at - 60_000);
    expect(ofKind(await suggest(), 'yellow_order')).toEqual([]);
    travelTo(order.yellow_at + 60_000);
    const [s] = ofKind(await suggest(), 'yellow_order');
    expect(s).toBeDefined();
    expect(s!.facts).toMatchObject({ orderId: id, orderSerial: serial, dueAt: order.due_at });
    expect(s!.draft.strength).toBe('chase');
    expect(s!.draft.problem).toContain(serial);
    expect(s!.draft.problem).toContain('即将到期');
    // Past its deadline it is red, not yellow: the overdue rules take over.
    travelTo(order.due_at + 60_000);
    expect(ofKind(await suggest(), 'yellow_order')).toEqual([]);
  });
});
