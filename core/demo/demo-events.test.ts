import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../db/testing';
import { categoryIdByCode, eventIdsWithActions, storedAssignmentRows, storedEventRows } from '../../db/testing-events';
import { expectOk, startTestCore, type TestCore } from '../testing/core';
import { DEMO_PAST_ALARMS } from './demo-supervision';
import type { Connection } from '../app';

describe('the demo township’s events', () => {
  let core: TestCore;
  let operator: Connection;
  beforeAll(async () => {
    core = startTestCore({ demoEvents: 3000 });
    operator = await core.signIn('operator');
  });
  afterAll(() => core.stop());

  const events = () => storedEventRows(core.db);
  const assignments = () => storedAssignmentRows(core.db);

  it('holds about four months of events with every kind of history', () => {
    const all = events();
    // The demo's events, and the one past detector alarm that became an event of its own.
    expect(countRows(core.db, 'events')).toBe(3000 + DEMO_PAST_ALARMS);
    const oldest = Math.min(...all.map((e) => e.reported_at));
    expect(core.clock.now - oldest).toBeGreaterThan(100 * 86_400_000);
    for (const state of [
      'reported',
      'registered',
      'dispatched',
      'in_progress',
      'awaiting_verification',
      'returned',
      'closed',
      'archived',
      'rejected',
      'merged',
      'escalated',
    ]) {
      expect(all.filter((e) => e.state === state).length, state).toBeGreaterThan(0);
    }
    expect(all.filter((e) => e.rework_count > 0).length).toBeGreaterThan(0);
    expect(all.filter((e) => e.return_count > 0).length).toBeGreaterThan(0);
    expect(new Set(all.map((e) => e.source)).size).toBe(7);
    // count(DISTINCT village_id) leaves NULL out.
    expect(new Set(all.filter((e) => e.village_id !== null).map((e) => e.village_id)).size).toBe(12);
  });

  it('keeps its records consistent: timelines, one live lead per dispatched event, unique serials', () => {
    const all = events();
    const withActions = eventIdsWithActions(core.db);
    expect(all.filter((e) => !withActions.has(e.id)).length).toBe(0);
    const liveLeads = new Map<string, number>();
    for (const u of assignments())
      if (u.role === 'lead' && u.state !== 'withdrawn') liveLeads.set(u.event_id, (liveLeads.get(u.event_id) ?? 0) + 1);
    expect(
      all.filter(
        (e) => ['dispatched', 'in_progress', 'awaiting_verification'].includes(e.state) && (liveLeads.get(e.id) ?? 0) !== 1,
      ).length,
    ).toBe(0);
    expect(all.length - new Set(all.map((e) => e.serial)).size).toBe(0);
    expect(all.filter((e) => ['closed', 'archived'].includes(e.state) && e.resolved_level === null).length).toBe(0);
  });

  it('has assisting units sign for and report back on their share, as the assessment counts them', () => {
    const assisting = assignments().filter((u) => u.role === 'assist');
    const assists = assisting.filter((u) => u.state !== 'withdrawn').length;
    expect(assists).toBeGreaterThan(100);
    expect(assisting.filter((u) => u.signed_at !== null).length).toBeGreaterThan(0.8 * assists);
    expect(assisting.filter((u) => u.feedback_at !== null).length).toBeGreaterThan(0.7 * assists);
    // Every assignment is in the history the assessment reads (0013 keeps it by triggers).
    expect(countRows(core.db, 'event_assignments')).toBe(countRows(core.db, 'event_units'));
  });

  it('fills every saved view of the queue', async () => {
    for (const view of ['all', 'my_todo', 'today', 'due_soon', 'overdue', 'returned'] as const) {
      const page = expectOk<'events.queue'>(await operator.call('events.queue', { filter: { view }, limit: 10 }));
      expect(page.total, view).toBeGreaterThan(0);
      expect(page.rows.length).toBe(Math.min(10, page.total));
    }
  });

  it('continues the day’s serial numbers after the demo ones', async () => {
    // max() of no rows is NULL, which counts as 0 below.
    const lastToday = events()
      .filter((e) => e.serial.startsWith('QX-20261130-'))
      .reduce((max, e) => Math.max(max, Number(e.serial.slice(-4))), 0);
    const created = expectOk<'events.create'>(
      await operator.call('events.create', {
        title: '测试编号',
        description: '检查编号连续',
        categoryId: categoryIdByCode(core.db, 'dispute')!,
        requestType: 'request',
        source: 'walk_in',
        priority: 'normal',
      }),
    );
    expect(created.serial).toBe(`QX-20261130-${String(lastToday + 1).padStart(4, '0')}`);
  });
});
