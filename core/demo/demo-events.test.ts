import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, startTestCore, type TestCore } from '../testing/core';
import type { Connection } from '../app';

describe('the demo township’s events', () => {
  let core: TestCore;
  let operator: Connection;
  beforeAll(async () => {
    core = startTestCore({ demoEvents: 3000 });
    operator = await core.signIn('operator');
  });
  afterAll(() => core.stop());

  const count = (sql: string) => core.db.prepare(sql).pluck().get() as number;

  it('holds about four months of events with every kind of history', () => {
    expect(count('SELECT count(*) FROM events')).toBe(3000);
    const oldest = count('SELECT min(reported_at) FROM events');
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
      expect(count(`SELECT count(*) FROM events WHERE state = '${state}'`), state).toBeGreaterThan(0);
    }
    expect(count('SELECT count(*) FROM events WHERE rework_count > 0')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM events WHERE return_count > 0')).toBeGreaterThan(0);
    expect(count('SELECT count(DISTINCT source) FROM events')).toBe(7);
    expect(count('SELECT count(DISTINCT village_id) FROM events')).toBe(12);
  });

  it('keeps its records consistent: timelines, one live lead per dispatched event, unique serials', () => {
    expect(count('SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_actions a WHERE a.event_id = e.id)')).toBe(
      0,
    );
    expect(
      count(
        "SELECT count(*) FROM events e WHERE e.state IN ('dispatched', 'in_progress', 'awaiting_verification') AND (SELECT count(*) FROM event_units u WHERE u.event_id = e.id AND u.role = 'lead' AND u.state <> 'withdrawn') <> 1",
      ),
    ).toBe(0);
    expect(count('SELECT count(*) - count(DISTINCT serial) FROM events')).toBe(0);
    expect(count("SELECT count(*) FROM events WHERE state IN ('closed', 'archived') AND resolved_level IS NULL")).toBe(0);
  });

  it('has assisting units sign for and report back on their share, as the assessment counts them', () => {
    const assists = count("SELECT count(*) FROM event_units WHERE role = 'assist' AND state <> 'withdrawn'");
    expect(assists).toBeGreaterThan(100);
    expect(count("SELECT count(*) FROM event_units WHERE role = 'assist' AND signed_at IS NOT NULL")).toBeGreaterThan(
      0.8 * assists,
    );
    expect(count("SELECT count(*) FROM event_units WHERE role = 'assist' AND feedback_at IS NOT NULL")).toBeGreaterThan(
      0.7 * assists,
    );
    // Every assignment is in the history the assessment reads (0013 keeps it by triggers).
    expect(count('SELECT count(*) FROM event_assignments')).toBe(count('SELECT count(*) FROM event_units'));
  });

  it('fills every saved view of the queue', async () => {
    for (const view of ['all', 'my_todo', 'today', 'due_soon', 'overdue', 'returned'] as const) {
      const page = expectOk<'events.queue'>(await operator.call('events.queue', { filter: { view }, limit: 10 }));
      expect(page.total, view).toBeGreaterThan(0);
      expect(page.rows.length).toBe(Math.min(10, page.total));
    }
  });

  it('continues the day’s serial numbers after the demo ones', async () => {
    const lastToday = count("SELECT max(CAST(substr(serial, -4) AS INTEGER)) FROM events WHERE serial LIKE 'QX-20261130-%'");
    const created = expectOk<'events.create'>(
      await operator.call('events.create', {
        title: '测试编号',
        description: '检查编号连续',
        categoryId: core.db.prepare("SELECT id FROM categories WHERE code = 'dispute'").pluck().get() as string,
        requestType: 'request',
        source: 'walk_in',
        priority: 'normal',
      }),
    );
    expect(created.serial).toBe(`QX-20261130-${String(lastToday + 1).padStart(4, '0')}`);
  });
});
