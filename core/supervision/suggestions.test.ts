import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupervisionSuggestion } from '../../common/contract';
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

describe('supervision suggestions', () => {
  it('finds nothing where nothing qualifies', async () => {
    // Running events within their deadlines, a closed red-risk event, one rework only.
    await w.eventIn('in_progress');
    await w.eventIn('closed');
    const red = await w.newEvent({ riskColour: 'red', register: true });
    await w.act(w.director, { action: 'verify', id: red, resolvedLevel: 'township' }).catch(() => {});
    const once = await w.eventIn('awaiting_verification');
    await w.act(w.director, { action: 'rework', id: once, reason: '照片不清晰' });
    w.core.clock.advance(3_600_000);
    w.core.app.tick();
    const found = await suggest();
    // The red-risk event has had progress within 24 h.
    expect(found).toEqual([]);
  });

  it('finds overdue events, bounced events, stalled red-risk events and units over the overdue-rate line', async () => {
    const overdue = await w.eventIn('in_progress');
    const bounced = await w.eventIn('awaiting_verification');
    await w.act(w.director, { action: 'rework', id: bounced, reason: '照片不清晰' });
    await w.act(w.handler, { action: 'feedback', id: bounced, text: '已重新处理', photos: [] });
    await w.act(w.director, { action: 'rework', id: bounced, reason: '仍未处理到位' });
    const stalled = await w.newEvent({ riskColour: 'red', register: true, title: '河堤出现管涌' });
    // 40 days later: the first event is long overdue, the red-risk one has stood still.
    w.core.clock.advance(40 * DAY);
    w.core.app.tick();
    let found = await suggest();
    expect(ofKind(found, 'overdue_event').map((s) => s.facts.eventId)).toContain(overdue);
    const o = ofKind(found, 'overdue_event').find((s) => s.facts.eventId === overdue)!;
    expect(o.draft).toMatchObject({
      targetKind: 'event',
      targetId: overdue,
      strength: 'order',
      unitIds: [w.leadUnitId, w.assistUnitId],
    });
    expect(o.draft.problem).toContain('已超期');
    expect(o.draft.dueAt).toBeGreaterThan(w.core.clock.now);
    // The bounced event is also overdue by now; it is suggested once, as overdue.
    expect(found.filter((s) => s.facts.eventId === bounced)).toHaveLength(1);
    expect(ofKind(found, 'stalled_red_event').map((s) => s.facts.eventId)).toEqual([stalled]);
    expect(ofKind(found, 'stalled_red_event')[0]!.draft.strength).toBe('chase');
    // The units' 30-day window holds nothing dispatched 40 days ago.
    expect(ofKind(found, 'unit_overdue_rate')).toEqual([]);

    // A following order takes the event out of the suggestions.
    const { targetLabel: _l, ...draft } = o.draft;
    await w.issue(w.director, draft);
    found = await suggest();
    expect(found.some((s) => s.facts.eventId === overdue)).toBe(false);
  });

  it('suggests a bounced event that is not overdue', async () => {
    const id = await w.eventIn('returned');
    await w.act(w.director, { action: 'dispatch', id, leadUnitId: w.leadUnitId, assistUnitIds: [], instructions: '' });
    await w.act(w.handler, { action: 'return', id, reasonCode: 'not_our_area', reason: '不属于本单位辖区' });
    const found = await suggest();
    expect(ofKind(found, 'bounced_event')).toMatchObject([{ facts: { eventId: id, returnCount: 2 } }]);
  });

  it('suggests units whose overdue rate passes the configured threshold, over a minimum count', async () => {
    for (let i = 0; i < 2; i++) await w.eventIn('in_progress');
    w.core.clock.advance(20 * DAY);
    await w.eventIn('in_progress'); // still in time
    w.core.app.tick();
    // 综合行政执法队 and 派出所: 3 dispatched, 2 overdue (67 %); the default minimum count is 5.
    expect(ofKind(await suggest(), 'unit_overdue_rate')).toEqual([]);
    expectOk(await w.director.call('supervision.setSettings', { overdueRateThreshold: 0.5, overdueRateMinCount: 3 }));
    const units = ofKind(await suggest(), 'unit_overdue_rate');
    expect(units.map((s) => s.facts.unitName).sort()).toEqual(['派出所', '综合行政执法队']);
    expect(units[0]!.facts).toMatchObject({ total: 3, overdue: 2 });
    expect(units[0]!.draft.problem).toContain('超期率 66.7%');
    expectOk(await w.director.call('supervision.setSettings', { overdueRateThreshold: 0.7, overdueRateMinCount: 3 }));
    expect(ofKind(await suggest(), 'unit_overdue_rate')).toEqual([]);
  });
});
