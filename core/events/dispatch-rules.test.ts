import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByName, listVillages } from '../../db/queries/org';
import {
  actionPayloads,
  assignmentsWithUnitNames,
  firstChildOfCategoryCode,
  storedAssignmentRows,
  storedEventRow,
} from '../../db/testing-events';
import { databaseDigest, errorCode, expectOk } from '../testing/core';
import { startEventsWorld, type EventsWorld } from '../testing/event-fixtures';

/** Routing suggestions, dispatch by template, and the lifecycle rules issue 12 found untested. */
describe('dispatch suggestions and the rules around them', () => {
  let w: EventsWorld;
  let villageUnitId: string;
  const childOf = (code: string) => firstChildOfCategoryCode(w.core.db, code)!;
  const state = (id: string) => storedEventRow(w.core.db, id)?.state;

  beforeAll(async () => {
    w = await startEventsWorld();
    const unit = expectOk<'org.createUnit'>(
      await w.admin.call('org.createUnit', {
        name: '清溪村委会',
        platform: 'comprehensive_governance',
        kind: 'village',
        villageId: w.villageId,
      }),
    );
    villageUnitId = unit.id;
  });
  afterAll(() => w.core.stop());

  it('suggests the village’s own unit first for a locality category, then the rule’s units', async () => {
    const id = await w.newEvent({ register: true });
    const routing = expectOk<'events.routing'>(await w.operator.call('events.routing', { id }));
    expect(routing.suggestions).toEqual([
      { unitId: villageUnitId, unitName: '清溪村委会', reason: 'locality' },
      { unitId: w.leadUnitId, unitName: '综合行政执法队', reason: 'category' },
    ]);
    expect(routing.handleDueAt).toBeGreaterThan(routing.signDueAt);
  });

  it('falls back to the category’s units where the village has no unit, or the category is not local', async () => {
    const elsewhere = listVillages(w.core.db).find((v) => v.id !== w.villageId)!;
    const id = await w.newEvent({ register: true, villageId: elsewhere.id });
    const routing = expectOk<'events.routing'>(await w.operator.call('events.routing', { id }));
    expect(routing.suggestions).toEqual([{ unitId: w.leadUnitId, unitName: '综合行政执法队', reason: 'category' }]);

    // Parking is not handled locally: the village unit is not suggested even in its own village.
    const parking = await w.newEvent({ register: true, categoryId: childOf('parking') });
    const byRule = expectOk<'events.routing'>(await w.operator.call('events.routing', { id: parking }));
    expect(byRule.suggestions.map((s) => [s.unitName, s.reason])).toEqual([
      ['交警中队', 'category'],
      ['综合行政执法队', 'category'],
    ]);
  });

  it('dispatches by a 一件事 template: its lead and assisting units, its instructions, the rule’s deadlines', async () => {
    const id = await w.newEvent({ register: true, categoryId: childOf('parking') });
    const routing = expectOk<'events.routing'>(await w.operator.call('events.routing', { id }));
    const template = routing.templates.find((t) => t.name === '违停一件事')!;
    expect(template).toBeDefined();
    expect(routing.templates.every((t) => t.name !== '道交一件事')).toBe(true);
    const lead = template.units.find((u) => u.role === 'lead')!.unitId;
    const assists = template.units.filter((u) => u.role === 'assist').map((u) => u.unitId);
    await w.act(w.operator, {
      action: 'dispatch',
      id,
      leadUnitId: lead,
      assistUnitIds: assists,
      instructions: template.instructions,
      templateId: template.id,
    });
    const units = assignmentsWithUnitNames(w.core.db, id);
    expect(units).toEqual([
      { name: '交警中队', role: 'lead', state: 'pending', instructions: template.instructions, due: routing.handleDueAt },
      {
        name: '综合行政执法队',
        role: 'assist',
        state: 'pending',
        instructions: template.instructions,
        due: routing.handleDueAt,
      },
    ]);
    const stored = storedEventRow(w.core.db, id)!;
    const event = { lead: stored.lead_unit_id, due: stored.handle_due_at, state: stored.state };
    expect(event).toEqual({ lead: findUnitByName(w.core.db, '交警中队')!.id, due: routing.handleDueAt, state: 'dispatched' });
    const payload = actionPayloads(w.core.db, id, 'dispatch')[0]!;
    expect(JSON.parse(payload)).toMatchObject({ templateId: template.id });
  });

  it('arbitration “uphold”: the return stands, the units are withdrawn and the event goes back to be dispatched', async () => {
    const id = await w.eventIn('returned');
    await w.act(w.director, { action: 'arbitrate', id, decision: 'uphold', note: '确不属于该单位职责，重新派遣' });
    const stored = storedEventRow(w.core.db, id)!;
    const event = { state: stored.state, lead: stored.lead_unit_id, due: stored.handle_due_at };
    expect(event).toEqual({ state: 'registered', lead: null, due: null });
    const states = [
      ...new Set(
        storedAssignmentRows(w.core.db)
          .filter((u) => u.event_id === id)
          .map((u) => u.state),
      ),
    ];
    expect(states).toEqual(['withdrawn']);
    // The handler that returned it no longer has it.
    expect(errorCode(await w.handler.call('events.act', { action: 'sign', id }))).not.toBeNull();
  });

  it('answers on the spot only a consultation; anything else must be dispatched', async () => {
    for (const requestType of ['request', 'complaint', 'suggestion'] as const) {
      const id = await w.newEvent({ register: true, requestType });
      const before = databaseDigest(w.core.db);
      const result = await w.operator.call('events.act', { action: 'answer', id, answer: '已电话答复' });
      expect(errorCode(result), requestType).toBe('ILLEGAL_TRANSITION');
      expect(databaseDigest(w.core.db)).toEqual(before);
    }
    const consult = await w.newEvent({ register: true, requestType: 'consult' });
    await w.act(w.operator, { action: 'answer', id: consult, answer: '已电话答复咨询人' });
    expect(state(consult)).toBe('closed');
  });

  it('refuses to reopen an event whose reporter was satisfied at the call-back', async () => {
    const id = await w.eventIn('closed');
    await w.act(w.director, { action: 'callback', id, satisfaction: 'satisfied' });
    expect(state(id)).toBe('archived');
    const before = databaseDigest(w.core.db);
    expect(errorCode(await w.director.call('events.act', { action: 'reopen', id, reason: '想再看看' }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(databaseDigest(w.core.db)).toEqual(before);
    // A dissatisfied reporter's event may be reopened.
    const unhappy = await w.eventIn('archived');
    await w.act(w.director, { action: 'reopen', id: unhappy, reason: '群众不满意，重办' });
    expect(state(unhappy)).toBe('dispatched');
  });
});
