import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthlyAnalysis } from '../../common/contract';
import type { EventActionInput } from '../../common/contract';
import { listVillages } from '../../db/queries/org';
import { findCategoryByCode } from '../../db/queries/reference';
import { monthlyByHand } from '../../db/testing-figures';
import { DAY, startCampaignWorld, type CampaignWorld } from '../testing/campaign-fixtures';
import { chromiumPrint } from '../testing/chromium-print';
import { errorCode, expectOk, tempDir } from '../testing/core';
import { chinaMonthRange } from './figures';

const printer = chromiumPrint();
const dir = tempDir('monthly-');
let w: CampaignWorld;
let december: MonthlyAnalysis;
let january: MonthlyAnalysis;

/** Moves the clock to a China-time wall-clock moment. */
const at = (y: number, m: number, d: number, h = 10) => {
  w.core.clock.now = Date.UTC(y, m - 1, d, h - 8);
};

beforeAll(async () => {
  w = await startCampaignWorld({ printPdf: printer.print });
  const db = w.core.db;
  const [v1, v2] = listVillages(db).map((v) => v.id) as [string, string];
  const gas = findCategoryByCode(db, 'safety.gas')!.id;
  const passage = findCategoryByCode(db, 'fire.passage')!.id;
  const act = (input: EventActionInput, who = w.director) => w.act(who, input);
  const dispatch = (id: string) =>
    act({ action: 'dispatch', id, leadUnitId: w.leadUnitId, assistUnitIds: [], instructions: '请处置' });
  const sign = (id: string) => act({ action: 'sign', id }, w.handler);
  const feedback = (id: string) => act({ action: 'feedback', id, text: '已处置', photos: [] }, w.handler);
  const verify = (id: string, resolvedLevel: 'grid' | 'village' | 'township') => act({ action: 'verify', id, resolvedLevel });
  const event = (title: string, villageId: string | null, categoryId = w.categoryId) =>
    w.newEvent({ title, villageId, categoryId, register: true });

  // A campaign running over both months takes in hazards.
  const campaign = await w.create({ startsAt: Date.UTC(2026, 10, 20), endsAt: Date.UTC(2027, 1, 28) });
  expectOk(await w.director.call('campaigns.start', { id: campaign }));

  // December: garbage twice in v1 (a hot spot), gas in v2, a fire passage without a village.
  at(2026, 12, 2);
  const d1 = await event('十二月垃圾一', v1);
  const d2 = await event('十二月垃圾二', v1);
  const d3 = await event('十二月燃气', v2, gas);
  await event('十二月消防通道', null, passage);
  expectOk(await w.operator.call('campaigns.tagEvent', { id: campaign, eventId: d3 }));
  for (const id of [d1, d2, d3]) await dispatch(id);
  await sign(d1);
  await feedback(d1);
  await verify(d1, 'village');
  await sign(d2);
  // d2 answers after its deadline, d3 never does: both overdue; d1 was on time.
  const order = expectOk<'supervision.issue'>(
    await w.director.call('supervision.issue', {
      strength: 'order',
      targetKind: 'event',
      targetId: d3,
      unitIds: [w.leadUnitId],
      problem: '燃气隐患长期未处置',
      requirements: '三日内完成整改',
      dueAt: w.core.clock.now + 3 * DAY,
    }),
  );
  at(2026, 12, 4);
  expectOk(await w.handler.call('supervision.answer', { id: order.id, text: '已整改', photos: [] }));
  expectOk(await w.director.call('supervision.decide', { id: order.id, decision: 'accept' }));
  const risk = expectOk<'risk.create'>(
    await w.operator.call('risk.create', {
      title: '十二月政策调整',
      proposingUnitId: w.leadUnitId,
      kind: 'policy',
      scope: '全镇',
      peopleAffected: 50,
    }),
  ).id;
  at(2026, 12, 28);
  await feedback(d2);
  await verify(d2, 'township');
  expectOk(await w.operator.call('risk.identify', { id: risk, risks: '群众理解不到位' }));
  expectOk(
    await w.operator.call('risk.recordMethod', {
      id: risk,
      method: 'forum',
      heldOn: w.core.clock.now - DAY,
      participants: '村民代表',
      summary: '多数支持',
    }),
  );
  expectOk(await w.operator.call('risk.rate', { id: risk, level: 'low', reason: '风险可控' }));
  expectOk(await w.director.call('risk.decide', { id: risk, decision: 'rejected', reason: '时机不成熟' }));

  // January: more garbage in v2 (a hot spot), gas in v1 twice, closed at grid level; a chase left open past its deadline.
  at(2027, 1, 6);
  const j = [
    await event('一月垃圾一', v2),
    await event('一月垃圾二', v2),
    await event('一月垃圾三', v2),
    await event('一月燃气一', v1, gas),
    await event('一月燃气二', v1, gas),
  ];
  expectOk(await w.operator.call('campaigns.tagEvent', { id: campaign, eventId: j[3]! }));
  for (const id of j) await dispatch(id);
  for (const id of j.slice(0, 3)) {
    await sign(id);
    await feedback(id);
    await verify(id, 'grid');
  }
  expectOk(
    await w.operator.call('supervision.issue', {
      strength: 'chase',
      targetKind: 'event',
      targetId: j[4]!,
      unitIds: [w.leadUnitId],
      problem: '燃气隐患未签收',
      requirements: '立即签收处置',
      dueAt: w.core.clock.now + 2 * DAY,
    }),
  );
  expectOk(
    await w.operator.call('risk.create', {
      title: '一月重大项目',
      proposingUnitId: w.leadUnitId,
      kind: 'project',
      scope: '镇区',
      peopleAffected: 300,
    }),
  );
  at(2027, 2, 3);
  expectOk(await w.assessor.call('auth.me', {}));
  january = expectOk<'monthly.get'>(await w.assessor.call('monthly.get', { month: '2027-01' }));
  december = expectOk<'monthly.get'>(await w.assessor.call('monthly.get', { month: '2026-12' }));
}, 120_000);

afterAll(async () => {
  w.core.stop();
  await printer.close();
  dir.remove();
});

const byKey = <T>(rows: T[], key: (r: T) => string | null, value: (r: T) => number) =>
  Object.fromEntries(rows.map((r) => [String(key(r)), value(r)]));
const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));

describe('the monthly analysis equals hand-written SQL on crafted data', () => {
  it.each(['2026-12', '2027-01'])('every figure of %s and of the month before', (month) => {
    const a = month === '2027-01' ? january : december;
    const now = w.core.clock.now;
    const hand = monthlyByHand(w.core.db, a.month, now);
    const prev = monthlyByHand(w.core.db, a.previousMonth, now);
    expect(chinaMonthRange(a.month)).toEqual({ from: a.from, to: a.to });
    expect(a.totals.received).toEqual({ count: hand.received, previous: prev.received });
    expect(a.totals.closed).toEqual({ count: hand.closed, previous: prev.closed });
    const overdue = (h: typeof hand) => h.leadDueByUnit.reduce((s, u) => s + u.overdue, 0);
    expect(a.totals.overdue).toEqual({ count: overdue(hand), previous: overdue(prev) });

    // Each split, this month's counts and the month before's, against the hand-written SQL of each month.
    const split = <R extends { count: number; previous: number }, H extends { n: number }>(
      ours: R[],
      key: (r: R) => string | null,
      theirs: [H[], H[]],
      theirKey: (h: H) => string | null,
    ) => {
      const byHand = (rows: H[]) => byKey(rows, theirKey, (h) => h.n);
      expect(nonZero(byKey(ours, key, (r) => r.count))).toEqual(byHand(theirs[0]));
      expect(nonZero(byKey(ours, key, (r) => r.previous))).toEqual(byHand(theirs[1]));
    };
    split(
      a.byCategory,
      (r) => r.categoryId,
      [hand.byTopCategory, prev.byTopCategory],
      (r) => r.category_id,
    );
    split(
      a.byVillage,
      (r) => r.villageId,
      [hand.byVillage, prev.byVillage],
      (r) => r.village_id,
    );
    split(
      a.byLevel,
      (r) => r.level,
      [hand.byLevel, prev.byLevel],
      (r) => r.level,
    );
    expect(a.hotSpots.map((h) => h.count).sort()).toEqual(hand.hotSpots.map((h) => h.n).sort());
    expect(a.overdueUnits.map((u) => [u.unitId, u.due, u.overdue])).toEqual(
      hand.leadDueByUnit.filter((u) => u.overdue > 0).map((u) => [u.unit_id, u.due, u.overdue]),
    );
    expect(a.supervision).toEqual({
      issued: { count: hand.ordersIssued, previous: prev.ordersIssued },
      accepted: { count: hand.ordersAccepted, previous: prev.ordersAccepted },
      openOverdue: hand.ordersOpenOverdue,
    });
    for (const figure of ['hazards', 'closed'] as const)
      expect(
        byKey(
          a.campaigns,
          (c) => c.id,
          (c) => c[figure],
        ),
      ).toEqual(
        byKey(
          hand.campaigns,
          (c) => c.id,
          (c) => c[figure],
        ),
      );
    const conclusions = byKey(
      hand.riskConclusions,
      (r) => r.state,
      (r) => r.n,
    );
    expect(a.risk).toEqual({
      registered: hand.risksRegistered,
      implemented: conclusions.implemented ?? 0,
      postponed: conclusions.postponed ?? 0,
      rejected: conclusions.rejected ?? 0,
      terminated: conclusions.terminated ?? 0,
    });
  });

  it('is not trivially empty: the crafted months hold what was crafted', () => {
    expect(december.totals.received.count).toBe(4);
    expect(january.totals.received).toEqual({ count: 5, previous: 4 });
    expect(december.totals.overdue.count).toBe(2);
    expect(january.hotSpots[0]).toMatchObject({ count: 3 });
    expect(december.supervision.accepted.count).toBe(1);
    expect(january.supervision.openOverdue).toBe(1);
    expect(december.risk).toMatchObject({ registered: 1, rejected: 1 });
    expect(january.campaigns.find((c) => c.hazards === 1)).toBeDefined();
    expect(january.byLevel.find((l) => l.level === 'grid')).toEqual({ level: 'grid', count: 3, previous: 0 });
  });

  it('writes a narrative whose every number is a figure on the page', () => {
    for (const a of [december, january]) {
      const shown = new Set<number>();
      const add = (...ns: number[]) => ns.forEach((n) => shown.add(n));
      add(Number(a.month.slice(0, 4)), Number(a.month.slice(5)));
      for (const c of [a.totals.received, a.totals.closed, a.totals.overdue, a.supervision.issued, a.supervision.accepted])
        add(c.count, c.previous, Math.abs(c.count - c.previous));
      for (const c of [...a.byCategory, ...a.byVillage, ...a.byLevel]) add(c.count, c.previous, Math.abs(c.count - c.previous));
      a.hotSpots.forEach((h) => add(h.count));
      a.overdueUnits.forEach((u) => add(u.due, u.overdue));
      add(a.overdueUnits.length, a.supervision.openOverdue, a.campaigns.length);
      a.campaigns.forEach((c) => add(c.hazards, c.closed));
      add(...Object.values(a.risk));
      // Digits inside names (a campaign's, a unit's) are not figures; strip the names the page shows first.
      const names = [...a.byCategory, ...a.byVillage, ...a.overdueUnits, ...a.campaigns].map((r) => r.name);
      for (const sentence of a.narrative) {
        const bare = names.reduce((s, name) => s.split(name).join(''), sentence);
        for (const m of bare.matchAll(/\d+/g)) expect(shown, `${m[0]} in “${sentence}”`).toContain(Number(m[0]));
      }
    }
    expect(january.narrative[0]).toBe('2027年1月共受理事件5件，较上月增加1件；办结3件，较上月增加1件。');
  });

  it('refuses a malformed month, and the viewer', async () => {
    expect(errorCode(await w.director.call('monthly.get', { month: '2027-13' }))).toBe('BAD_INPUT');
    expect(errorCode(await w.viewer.call('monthly.get', {}))).toBe('FORBIDDEN');
    expect(errorCode(await w.handler.call('monthly.get', {}))).toBe('FORBIDDEN');
  });
});

describe('the monthly analysis as files', () => {
  it('exports a workbook that reads back with ExcelJS, the same rows as the page', async () => {
    const file = expectOk<'monthly.workbook'>(await w.director.call('monthly.workbook', { month: '2027-01' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('综合分析')!;
    expect(String(summary.getCell(1, 1).value)).toContain('2027年1月平安建设工作分析');
    expect(summary.getCell(2, 1).value).toBe(january.narrative[0]);
    const totals = wb.getWorksheet('总体情况')!;
    expect(totals.getRow(2).values).toEqual([undefined, '受理事件', 5, 4, 1]);
    const villages = wb.getWorksheet('分村（社区）')!;
    expect(villages.rowCount - 1).toBe(january.byVillage.length);
    expect(villages.getRow(2).getCell(2).value).toBe(january.byVillage[0]!.count);
    const units = wb.getWorksheet('逾期单位')!;
    expect(units.rowCount - 1).toBe(january.overdueUnits.length);
    const risk = wb.getWorksheet('稳评')!;
    expect(risk.getRow(2).getCell(1).value).toBe(january.risk.registered);
  });

  it('prints an A4 PDF that reads back with pdftotext', async () => {
    const file = expectOk<'monthly.reportPdf'>(await w.assessor.call('monthly.reportPdf', { month: '2026-12' }));
    const path = join(dir.path, 'monthly.pdf');
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('月报分析');
    expect(text).toContain('2026年12月平安建设工作分析');
    for (const sentence of december.narrative.slice(0, 2)) expect(text).toContain(sentence);
    expect(text).toContain('热点');
    expect(text).toContain('逾期单位');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  });
});
