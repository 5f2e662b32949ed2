import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../app';
import { expectOk, startTestCore, type TestCore } from '../testing/core';

describe('the demo township’s reviews and monthly analysis', () => {
  let core: TestCore;
  let director: Connection;
  beforeAll(async () => {
    core = startTestCore({ demoEvents: 400 });
    director = await core.signIn('director');
  }, 60_000);
  afterAll(() => core.stop());

  it('has a concluded review of a 特急 or escalated event with an action to turn into an order, and an open set review', async () => {
    const rows = expectOk<'reviews.list'>(await director.call('reviews.list', {}));
    expect(rows.map((r) => [r.scope, r.state]).sort()).toEqual([
      ['event', 'concluded'],
      ['set', 'open'],
    ]);
    const concluded = expectOk<'reviews.get'>(
      await director.call('reviews.get', { id: rows.find((r) => r.scope === 'event')!.id }),
    );
    const [event] = concluded.coveredEvents;
    expect(event!.priority === 'critical' || concluded.steps.some((s) => s.kind === 'escalate')).toBe(true);
    expect(concluded.steps[0]!.kind).toBe('report');
    expect(concluded.steps.at(-1)!.kind).toBe('close');
    expect(concluded.improvements.map((i) => i.kind)).toEqual(['supervision', 'deadline_rule', 'routing_rule']);
    expect(concluded.allowedActions).toContain('order_improvement');
    expect(concluded.timeline.at(-1)!.toState).toBe('concluded');
    const set = expectOk<'reviews.get'>(await director.call('reviews.get', { id: rows.find((r) => r.scope === 'set')!.id }));
    expect(set.coveredEvents.length).toBeGreaterThan(0);
  });

  it('has a previous month to analyse', async () => {
    const a = expectOk<'monthly.get'>(await director.call('monthly.get', {}));
    expect(a.totals.received.count).toBeGreaterThan(0);
    expect(a.byCategory.length).toBeGreaterThan(0);
    expect(a.campaigns.length).toBeGreaterThan(0);
    expect(a.narrative.length).toBeGreaterThan(4);
  });
});
