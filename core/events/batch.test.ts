import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchInput } from '../../common/contract';
import { countRows, outboxDataOf } from '../../db/testing';
import {
  eventActionKinds,
  ordersOnTarget,
  refuseAssignmentsOf,
  storedAssignmentRows,
  storedEventRow,
  storedEventRows,
} from '../../db/testing-events';
import { chinaMs } from '../calendar';
import { errorCode, expectOk } from '../testing/core';
import { startEventsWorld, type EventsWorld } from '../testing/event-fixtures';

describe('batch actions on the queue (批量派遣 / 批量立案 / 批量催办)', () => {
  let w: EventsWorld;
  const entries = (id: string, kind: string) => eventActionKinds(w.core.db, id).filter((k) => k === kind).length;
  const state = (id: string) => storedEventRow(w.core.db, id)?.state;
  /** Everything a refused batch must leave alone. */
  const footprint = () =>
    JSON.stringify([
      storedEventRows(w.core.db).map((e) => ({
        id: e.id,
        state: e.state,
        lead_unit_id: e.lead_unit_id,
        handle_due_at: e.handle_due_at,
      })),
      ['event_actions', 'event_units', 'audit_log', 'outbox', 'supervision_orders'].map((t) => countRows(w.core.db, t)),
    ]);
  const dispatch = (ids: string[]): BatchInput => ({
    ids,
    batch: {
      action: 'dispatch',
      leadUnitId: w.leadUnitId,
      assistUnitIds: [w.assistUnitId],
      instructions: '暴雨积水，请立即处置',
    },
  });

  beforeAll(async () => {
    w = await startEventsWorld();
    w.core.clock.now = chinaMs('2026-11-02 09:00'); // a Monday
  }, 60_000);
  afterAll(() => w.core.stop());

  it('the preview lists every event that may not move, with its reason, and writes nothing', async () => {
    const registered = [await w.eventIn('registered'), await w.eventIn('registered')];
    const reported = await w.eventIn('reported');
    const closed = await w.eventIn('closed');
    const before = footprint();
    const check = expectOk<'events.batchCheck'>(
      await w.operator.call(
        'events.batchCheck',
        dispatch([...registered, reported, closed, '01a22add-9fde-72a4-abf5-000000000999']),
      ),
    );
    expect(check.movable.map((e) => e.id)).toEqual(registered);
    expect(check.refused.map((r) => [r.id, r.state, r.code])).toEqual([
      [reported, 'reported', 'ILLEGAL_TRANSITION'],
      [closed, 'closed', 'ILLEGAL_TRANSITION'],
      ['01a22add-9fde-72a4-abf5-000000000999', null, 'NOT_FOUND'],
    ]);
    expect(check.refused[0]!.serial).toMatch(/^QX-/);
    expect(check.refused[0]!.message).toContain('cannot be dispatched');
    expect(footprint()).toBe(before);
  });

  it('all or nothing: one event that may not move stops the batch, and the answer names it', async () => {
    const registered = [await w.eventIn('registered'), await w.eventIn('registered')];
    const dispatched = await w.eventIn('dispatched');
    const before = footprint();
    const result = await w.operator.call('events.batch', dispatch([...registered, dispatched]));
    expect(errorCode(result)).toBe('ILLEGAL_TRANSITION');
    expect(result.ok ? [] : result.error.issues!.map((i) => i.path)).toHaveLength(1);
    expect(footprint()).toBe(before);
    expect(registered.map(state)).toEqual(['registered', 'registered']);
  });

  it('all or nothing: a failure while moving the third event undoes the first two', async () => {
    const ids = [await w.eventIn('registered'), await w.eventIn('registered'), await w.eventIn('registered')];
    // The disk refusing the third event's unit row, as a real failure inside the transaction would.
    const allowAssignments = refuseAssignmentsOf(w.core.db, ids[2]!);
    const before = footprint();
    const result = await w.operator.call('events.batch', dispatch(ids));
    allowAssignments();
    expect(result.ok).toBe(false);
    expect(footprint()).toBe(before);
    expect(ids.map(state)).toEqual(['registered', 'registered', 'registered']);
  });

  it('批量派遣: each event is dispatched by its own rule, with one timeline, audit and outbox entry each', async () => {
    const normal = await w.eventIn('registered');
    const urgent = await w.newEvent({ register: true, priority: 'urgent' });
    const ids = [normal, urgent, await w.eventIn('returned')];
    const predicted = await Promise.all(
      ids.map(async (id) => expectOk<'events.routing'>(await w.operator.call('events.routing', { id })).handleDueAt),
    );
    const audits = countRows(w.core.db, 'audit_log');
    const { done } = expectOk<'events.batch'>(await w.operator.call('events.batch', dispatch(ids)));
    expect(done.map((d) => d.id)).toEqual(ids);
    for (const [i, id] of ids.entries()) {
      expect(state(id)).toBe('dispatched');
      expect(storedEventRow(w.core.db, id)?.handle_due_at).toBe(predicted[i]);
      expect(
        storedAssignmentRows(w.core.db)
          .filter((u) => u.event_id === id && u.state === 'pending')
          .sort((x, y) => (x.role < y.role ? 1 : x.role > y.role ? -1 : 0))
          .map((u) => ({ unit_id: u.unit_id, role: u.role })),
      ).toEqual([
        { unit_id: w.leadUnitId, role: 'lead' },
        { unit_id: w.assistUnitId, role: 'assist' },
      ]);
    }
    expect(ids.map((id) => entries(id, 'dispatch'))).toEqual([1, 1, 2]); // the returned one was dispatched once before
    expect(predicted[0]).not.toBe(predicted[1]); // an urgent event's rule is shorter
    expect(countRows(w.core.db, 'audit_log')).toBe(audits + 3);
    for (const id of ids)
      expect(outboxDataOf(w.core.db, 'event_action').filter((data) => data.includes(id)).length).toBeGreaterThan(0);
  });

  it('批量立案: reported events are registered, each with its own timeline entry', async () => {
    const ids = [await w.eventIn('reported'), await w.eventIn('reported')];
    const { done } = expectOk<'events.batch'>(
      await w.operator.call('events.batch', { ids, batch: { action: 'register', note: '批量受理' } }),
    );
    expect(done).toHaveLength(2);
    expect(ids.map(state)).toEqual(['registered', 'registered']);
    expect(ids.map((id) => entries(id, 'register'))).toEqual([1, 1]);
  });

  it('批量催办: a chase notice to each event’s units; an event not being worked on or already chased is refused', async () => {
    const running = [await w.eventIn('dispatched'), await w.eventIn('in_progress')];
    const registered = await w.eventIn('registered');
    const check = expectOk<'events.batchCheck'>(
      await w.operator.call('events.batchCheck', { ids: [...running, registered], batch: { action: 'chase' } }),
    );
    expect(check.refused.map((r) => [r.id, r.code])).toEqual([[registered, 'ILLEGAL_TRANSITION']]);
    expectOk(await w.operator.call('events.batch', { ids: running, batch: { action: 'chase' } }));
    for (const id of running) {
      expect(entries(id, 'chase')).toBe(1);
      expect(ordersOnTarget(w.core.db, id, 'chase')).toBe(1);
    }
    const again = expectOk<'events.batchCheck'>(
      await w.operator.call('events.batchCheck', { ids: running, batch: { action: 'chase' } }),
    );
    expect(again.refused.map((r) => r.code)).toEqual(['CONFLICT', 'CONFLICT']);
  });

  it('only the command room runs batches, and bad input changes nothing', async () => {
    const id = await w.eventIn('registered');
    const before = footprint();
    expect(errorCode(await w.handler.call('events.batch', dispatch([id])))).toBe('FORBIDDEN');
    expect(errorCode(await w.viewer.call('events.batchCheck', dispatch([id])))).toBe('FORBIDDEN');
    expect(errorCode(await w.operator.call('events.batch', dispatch([id, id])))).toBe('BAD_INPUT');
    expect(errorCode(await w.operator.call('events.batch', { ids: [], batch: { action: 'register' } }))).toBe('BAD_INPUT');
    const unknownUnit = { ids: [id], batch: { action: 'dispatch', leadUnitId: '01a22add-9fde-72a4-abf5-000000000998' } };
    expect(errorCode(await w.operator.call('events.batch', unknownUnit))).toBe('NOT_FOUND');
    expect(footprint()).toBe(before);
  });
});
