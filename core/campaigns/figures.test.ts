import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByName } from '../../db/queries/org';
import { campaignEventFigures, campaignLatestFigures, campaignOverdueTasks } from '../../db/testing-figures';
import { expectOk } from '../testing/core';
import { DAY, startCampaignWorld, type CampaignWorld } from '../testing/campaign-fixtures';

let w: CampaignWorld;
beforeAll(async () => {
  w = await startCampaignWorld();
}, 60_000);
afterAll(() => w.core.stop());

/** Each unit's latest figure per target, written independently with a window function. */
function handLatest(campaignId: string): Map<string, number> {
  const rows = campaignLatestFigures(w.core.db, campaignId);
  return new Map(rows.map((r) => [`${r.unit_id}/${r.target_id}`, r.value]));
}

describe('campaign figures equal hand-written SQL on crafted data', () => {
  it('targets against actuals per unit, tagged hazards, overdue tasks and lagging units', async () => {
    const fire = findUnitByName(w.core.db, '专职消防队')!.id;
    const market = findUnitByName(w.core.db, '市场监管所')!.id;
    const id = await w.create({ unitIds: [fire, market] });
    const detail0 = expectOk<'campaigns.get'>(await w.director.call('campaigns.get', { id }));
    const [hazards, rate] = detail0.targets.map((t) => t.id) as [string, string];
    expectOk(
      await w.operator.call('campaigns.addTask', {
        id,
        unitId: market,
        title: '农贸市场燃气排查',
        dueAt: w.core.clock.now + DAY,
      }),
    );
    expectOk(
      await w.operator.call('campaigns.addTask', {
        id,
        unitId: fire,
        title: '九小场所消防检查',
        dueAt: w.core.clock.now + 9 * DAY,
      }),
    );
    expectOk(await w.director.call('campaigns.start', { id }));
    const report = async (unitId: string, figures: [string, number][]) => {
      w.core.clock.advance(60_000);
      expectOk(
        await w.operator.call('campaigns.report', {
          id,
          unitId,
          narrative: '阶段进展',
          figures: figures.map(([targetId, value]) => ({ targetId, value })),
        }),
      );
    };
    // The lead unit reports twice (the later figures count), the fire brigade once, then leaves out the rate.
    await report(w.leadUnitId, [
      [hazards, 60],
      [rate, 80],
    ]);
    await report(w.leadUnitId, [
      [hazards, 130],
      [rate, 90],
    ]);
    await report(fire, [
      [hazards, 150],
      [rate, 100],
    ]);
    await report(fire, [[hazards, 170]]);
    // The handler reports for their own unit.
    w.core.clock.advance(60_000);
    expectOk(
      await w.handler.call('campaigns.report', {
        id,
        unitId: w.leadUnitId,
        narrative: '本周新增排查',
        figures: [{ targetId: hazards, value: 140 }],
      }),
    );
    // Hazards taken in as events: three tagged, one of them closed.
    const tagged = [await w.eventIn('closed'), await w.eventIn('in_progress'), await w.eventIn('registered')];
    await w.newEvent(); // untagged
    for (const eventId of tagged) expectOk(await w.operator.call('campaigns.tagEvent', { id, eventId }));
    w.core.clock.advance(2 * DAY);

    const d = expectOk<'campaigns.get'>(await w.director.call('campaigns.get', { id }));
    const hand = handLatest(id);
    const unitIds = d.units.map((u) => u.unitId);
    for (const t of d.targets)
      for (const p of t.perUnit) expect(p.value, `${t.label} ${p.unitName}`).toBe(hand.get(`${p.unitId}/${t.id}`) ?? 0);
    const hazardsTarget = d.targets.find((t) => t.id === hazards)!;
    expect(hazardsTarget.actual).toBe(unitIds.reduce((s, u) => s + (hand.get(`${u}/${hazards}`) ?? 0), 0));
    expect(hazardsTarget.actual).toBe(140 + 170);
    const reportedRates = unitIds.filter((u) => hand.has(`${u}/${rate}`)).map((u) => hand.get(`${u}/${rate}`)!);
    expect(d.targets.find((t) => t.id === rate)!.actual).toBe(reportedRates.reduce((a, b) => a + b, 0) / reportedRates.length);

    const events = campaignEventFigures(w.core.db, id);
    expect(d.events).toEqual(events);
    expect(d.events).toEqual({ tagged: 3, closed: 1 });

    const overdue = campaignOverdueTasks(w.core.db, id, w.core.clock.now);
    for (const u of d.units) expect(u.overdueTasks).toBe(overdue.find((o) => o.unit_id === u.unitId)?.n ?? 0);
    expect(d.tasks.filter((t) => t.overdue).map((t) => t.title)).toEqual(['农贸市场燃气排查']);

    // 12 of 30 days gone: each of three units should have found 500 / 3 × 0.4 ≈ 67 hazards.
    expect(d.units.map((u) => [u.unitName, u.lagging])).toEqual(d.units.map((u) => [u.unitName, u.unitId === market]));
    expect(d.chase).toHaveLength(1);
    expect(d.chase[0]).toMatchObject({ strength: 'chase', targetKind: 'unit', targetId: market, unitIds: [market] });
    expect(d.chase[0]!.problem).toContain('排查隐患已完成0处，按进度应达67处');
    expect(d.chase[0]!.problem).toContain('1项任务逾期未完成');
    // The chase draft is what the supervision dialog issues.
    const { targetLabel: _label, ...draft } = d.chase[0]!;
    expectOk(await w.operator.call('supervision.issue', { ...draft, photos: [] }));
  });
});
