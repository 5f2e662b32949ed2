import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_STATES } from '../../common/risk';
import type { Connection } from '../app';
import { expectOk, startTestCore, type TestCore } from '../testing/core';

describe('the demo township’s workbench', () => {
  let core: TestCore;
  let director: Connection;
  beforeAll(async () => {
    core = startTestCore({ demoEvents: 50 });
    director = await core.signIn('director');
  }, 60_000);
  afterAll(() => core.stop());

  it('has a risk assessment in every state, each with a consistent timeline', async () => {
    const rows = expectOk<'risk.list'>(await director.call('risk.list', {}));
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(RISK_STATES.filter((s) => s !== 'identifying')));
    for (const row of rows) {
      const detail = expectOk<'risk.get'>(await director.call('risk.get', { id: row.id }));
      expect(detail.methods.length).toBeGreaterThan(0);
      expect(detail.timeline.at(-1)!.toState).toBe(detail.state);
    }
    const terminated = rows.find((r) => r.state === 'terminated')!;
    const detail = expectOk<'risk.get'>(await director.call('risk.get', { id: terminated.id }));
    expect(detail.reviews.map((v) => v.outcome)).toEqual(['terminate']);
    const counts = expectOk<'risk.yearCounts'>(await director.call('risk.yearCounts', {}));
    expect(counts.total).toBeGreaterThan(0);
  });

  it('runs the four campaigns, with reports, a lagging unit and hazards taken in as events', async () => {
    const rows = expectOk<'campaigns.list'>(await director.call('campaigns.list', {}));
    expect(rows.map((r) => r.name).sort()).toEqual(
      ['安全生产专项整治', '道路交通安全专项整治', '消防安全专项整治', '电信网络新型违法犯罪专项整治'].sort(),
    );
    expect(rows.every((r) => r.state === 'running')).toBe(true);
    const details = await Promise.all(
      rows.map(async (r) => expectOk<'campaigns.get'>(await director.call('campaigns.get', { id: r.id }))),
    );
    expect(details.every((d) => d.targets.every((t) => t.actual > 0))).toBe(true);
    expect(details.some((d) => d.chase.length > 0)).toBe(true);
    expect(details.some((d) => d.tasks.some((t) => t.overdue))).toBe(true);
  });
});
