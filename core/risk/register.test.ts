import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_CONCLUSIONS } from '../../common/risk';
import { riskConclusionsOfYear } from '../../db/testing-figures';
import { chromiumPrint } from '../testing/chromium-print';
import { errorCode, expectOk, tempDir } from '../testing/core';
import { PNG_1PX } from '../testing/event-fixtures';
import { DAY, startRiskWorld, type RiskWorld } from '../testing/risk-fixtures';

const printer = chromiumPrint();
const dir = tempDir('risk-register-');
let w: RiskWorld;
beforeAll(async () => {
  w = await startRiskWorld({ printPdf: printer.print });
}, 60_000);
afterAll(async () => {
  w.core.stop();
  await printer.close();
  dir.remove();
});

/** The dashboard's figure written out by hand: conclusions reached in the China-time year, by current state. */
function handCounts(year: number): Record<string, number> {
  const rows = riskConclusionsOfYear(w.core.db, year);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

describe('the register', () => {
  it('counts this year’s conclusions as the hand-written SQL does, across the year boundary in China time', async () => {
    const start = w.core.clock.now;
    // 2025-12-31 23:30 in China: last year's.
    w.core.clock.now = Date.UTC(2025, 11, 31, 15, 30);
    await w.riskIn('rejected');
    // 2026-01-01 00:30 in China: this year's, though still 2025 in UTC.
    w.core.clock.now = Date.UTC(2025, 11, 31, 16, 30);
    await w.riskIn('postponed');
    w.core.clock.now = start;
    await w.riskIn('implemented');
    await w.riskIn('implemented');
    await w.riskIn('rejected');
    await w.riskIn('terminated');
    await w.riskIn('rated'); // not concluded: not counted
    // A postponed decision decided again counts once, under its new conclusion.
    const again = await w.riskIn('postponed');
    expectOk(await w.director.call('risk.decide', { id: again.id, decision: 'rejected', reason: '条件仍不具备，不予实施' }));

    for (const year of [2025, 2026]) {
      const counts = expectOk<'risk.yearCounts'>(await w.assessor.call('risk.yearCounts', { year }));
      const hand = handCounts(year);
      for (const c of RISK_CONCLUSIONS) expect(counts[c]).toBe(hand[c] ?? 0);
      expect(counts.total).toBe(Object.values(hand).reduce((a, b) => a + b, 0));
    }
    const now = expectOk<'risk.yearCounts'>(await w.director.call('risk.yearCounts', {}));
    expect(now).toEqual({ year: 2026, total: 6, implemented: 2, postponed: 1, rejected: 2, terminated: 1 });
  });

  it('prints the 社会稳定风险评估报告 as an A4 PDF that reads back with pdftotext', async () => {
    const { id, serial } = await w.create(w.operator, { title: '镇区农贸市场搬迁项目', kind: 'project', peopleAffected: 320 });
    expectOk(await w.operator.call('risk.identify', { id, risks: '经营户安置争议；交通拥堵' }));
    expectOk(
      await w.operator.call('risk.recordMethod', {
        id,
        method: 'hearing',
        heldOn: w.core.clock.now - DAY,
        participants: '经营户代表 25 人',
        summary: '听证会上经营户要求过渡期减免租金',
        photos: [{ name: 'a.png', mime: 'image/png', dataBase64: PNG_1PX }],
      }),
    );
    expectOk(await w.operator.call('risk.rate', { id, level: 'high', reason: '经营户诉求集中' }));
    expectOk(
      await w.operator.call('risk.addTask', {
        id,
        measure: '制定租金减免方案',
        unitId: w.leadUnitId,
        dueAt: w.core.clock.now + 9 * DAY,
      }),
    );
    expectOk(await w.director.call('risk.decide', { id, decision: 'rejected', reason: '安置方案未落实，暂不具备实施条件' }));
    const file = expectOk<'risk.reportPdf'>(await w.assessor.call('risk.reportPdf', { id }));
    expect(file.mime).toBe('application/pdf');
    const path = join(dir.path, 'report.pdf');
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('社会稳定风险评估报告');
    expect(text).toContain(serial);
    expect(text).toContain('镇区农贸市场搬迁项目');
    expect(text).toContain('涉及人数：320人');
    expect(text).toContain('听证');
    expect(text).toContain('经营户要求过渡期减免租金（附件1份）');
    expect(text).toContain('评定为高风险');
    expect(text).toContain('评估结论：不予实施');
    expect(text).toContain('制定租金减免方案');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it('exports the register ledger as a workbook that reads back with ExcelJS', async () => {
    const rows = expectOk<'risk.list'>(await w.operator.call('risk.list', {}));
    const file = expectOk<'risk.ledger'>(await w.assessor.call('risk.ledger', {}));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('稳评台账')!;
    expect(String(sheet.getCell(1, 1).value)).toContain('2026年重大决策社会稳定风险评估台账');
    expect(sheet.getRow(2).getCell(9).value).toBe('评估结论');
    expect(sheet.rowCount - 2).toBe(rows.length);
    // Oldest first: the last data row is the newest, the market relocation.
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(2).value).toBe(rows[0]!.serial);
    expect(last.getCell(3).value).toBe('镇区农贸市场搬迁项目');
    expect(last.getCell(5).value).toBe('重大项目');
    expect(last.getCell(6).value).toBe(320);
    expect(last.getCell(7).value).toBe('听证');
    expect(last.getCell(8).value).toBe('高风险');
    expect(last.getCell(9).value).toBe('不予实施');
    expect(last.getCell(11).value).toBe('0/1');
  });

  it('says PDF_UNAVAILABLE when the shell has no printer', async () => {
    const bare = await startRiskWorld();
    try {
      const { id } = await bare.create();
      expect(errorCode(await bare.director.call('risk.reportPdf', { id }))).toBe('PDF_UNAVAILABLE');
    } finally {
      bare.core.stop();
    }
  });
});
