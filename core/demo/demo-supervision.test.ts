import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf, previousPeriod } from '../../common/assessment';
import type { Connection } from '../app';
import { expectOk, startTestCore, type TestCore } from '../testing/core';

describe('the demo shows every page at work', () => {
  let core: TestCore;
  let director: Connection;
  let operator: Connection;
  beforeAll(async () => {
    core = startTestCore({ demoEvents: 600 });
    director = await core.signIn('director');
    operator = await core.signIn('operator');
  }, 120_000);
  afterAll(() => core.stop());

  it('has supervision orders in every state: a flagged one, a 再督办 chain and a late answer', async () => {
    const { rows } = expectOk<'supervision.list'>(await director.call('supervision.list', { limit: 500 }));
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['open', 'answered', 'accepted', 'rejected']));
    expect(rows.some((r) => r.strength === 'flagged')).toBe(true);
    expect(rows.some((r) => r.strength === 'chase')).toBe(true);
    const reissued = rows.find((r) => r.previousId !== null && r.state === 'open')!;
    expect(reissued).toBeDefined();
    const chain = expectOk<'supervision.get'>(await director.call('supervision.get', { id: reissued.id }));
    expect(chain.previous).not.toBeNull();
    const before = expectOk<'supervision.get'>(await director.call('supervision.get', { id: chain.previous!.id }));
    expect(before.state).toBe('rejected');
    expect(before.next?.id).toBe(reissued.id);
    const answered = rows.find((r) => r.state === 'answered')!;
    const detail = expectOk<'supervision.get'>(await director.call('supervision.get', { id: answered.id }));
    expect(detail.answers.some((a) => a.late)).toBe(true);
  });

  it('has two undercover inspections with findings, one turned into an order', async () => {
    const findings = expectOk<'supervision.findings'>(await director.call('supervision.findings', {}));
    expect(findings.length).toBeGreaterThanOrEqual(3);
    expect(new Set(findings.map((f) => new Date(f.foundAt).toISOString().slice(0, 10))).size).toBe(2);
    expect(findings.filter((f) => f.order !== null)).toHaveLength(2);
  });

  it('has published assessments for the two previous quarters and the previous month', async () => {
    const quarter = previousPeriod(periodOf('quarter', core.clock.now));
    for (const [schemeCode, period] of [
      ['quarterly', quarter],
      ['quarterly', previousPeriod(quarter)],
      ['monthly', previousPeriod(periodOf('month', core.clock.now))],
    ] as const) {
      const view = expectOk<'assessment.view'>(await director.call('assessment.view', { schemeCode, period }));
      expect(view?.run.state, `${schemeCode} ${period}`).toBe('published');
      expect(view!.ranking.length).toBeGreaterThan(0);
    }
  });

  it('has IoT detectors with a past alarm that was called and closed, and no alarm sounding from it', async () => {
    const devices = expectOk<'iot.devices'>(await operator.call('iot.devices', {}));
    expect(devices.total).toBeGreaterThanOrEqual(4);
    const queue = expectOk<'events.queue'>(
      await operator.call('events.queue', { filter: { view: 'all', source: 'iot_alarm' }, limit: 200 }),
    );
    const past = queue.rows.filter((r) => r.state === 'closed');
    expect(past.length).toBeGreaterThan(0);
    const alarms = expectOk<'alarms.list'>(await operator.call('alarms.list', {}));
    const pastIds = new Set(past.map((r) => r.id));
    expect(alarms.alarms.filter((a) => pastIds.has(a.eventId))).toEqual([]);
  });

  it('has a few county notices', async () => {
    const { notices } = expectOk<'sync.notices'>(await director.call('sync.notices', {}));
    expect(notices.length).toBeGreaterThanOrEqual(3);
  });
});
