import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFixtureAction } from '../../db/testing-assessment';
import type { Connection } from '../app';
import type { PrintPdf } from '../print/pdf';
import { errorCode, expectOk, startTestCore, tempDir, type TestCore } from '../testing/core';
import { buildFixture, Q3 } from '../testing/assessment-fixtures';

/** The webhost's printer in miniature (core/ may not import webhost/): Debian's Chromium, JavaScript off. */
function chromiumPrint(): { print: PrintPdf; close(): Promise<void> } {
  let browser: Promise<Browser> | null = null;
  return {
    async print(html) {
      browser ??= chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu'],
      });
      const context = await (await browser).newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.setContent(html);
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
      });
      await context.close();
      return pdf;
    },
    async close() {
      if (browser) await (await browser).close();
    },
  };
}

describe('assessment reports', () => {
  const printer = chromiumPrint();
  const dir = tempDir('assessment-report-');
  let core: TestCore;
  let assessor: Connection;
  let runId: string;
  let monthRunId: string;

  beforeAll(async () => {
    core = startTestCore({ printPdf: printer.print });
    const fx = buildFixture(core.db);
    // A dissatisfied call-back in June, so July's satisfaction has something to compare with.
    insertFixtureAction(core.db, {
      id: '01a22add-9fde-72a4-abf5-b2b65e3f0099',
      eventId: fx.events.E5!,
      kind: 'callback',
      unitId: null,
      payload: JSON.stringify({ satisfaction: 'dissatisfied' }),
      at: Q3.start - 5 * 86_400_000,
    });
    assessor = await core.signIn('assessor');
    const { schemes } = expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {}));
    const quarterly = schemes.find((s) => s.code === 'quarterly')!;
    const monthly = schemes.find((s) => s.code === 'monthly')!;
    runId = expectOk<'assessment.compute'>(
      await assessor.call('assessment.compute', { schemeId: quarterly.id, period: '2026-Q3' }),
    ).id;
    expectOk(await assessor.call('assessment.compute', { schemeId: monthly.id, period: '2026-06' }));
    monthRunId = expectOk<'assessment.compute'>(
      await assessor.call('assessment.compute', { schemeId: monthly.id, period: '2026-07' }),
    ).id;
  });
  afterAll(async () => {
    core.stop();
    dir.remove();
    await printer.close();
  });

  it('exports the ranking as formatted Excel sheets that read back', async () => {
    const file = expectOk<'assessment.report'>(
      await assessor.call('assessment.report', { runId, kind: 'ranking', format: 'xlsx' }),
    );
    expect(file.name).toMatch(/2026-Q3.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考核排名', '指标明细', '手工加减分', '指标口径']);
    const ranking = wb.getWorksheet('考核排名')!;
    expect(ranking.getRow(2).getCell(2).value).toBe('单位');
    expect(ranking.getRow(2).getCell(9).value).toBe('按时签收率');
    const a = ranking.getRows(3, ranking.rowCount - 2)!.find((r) => r.getCell(2).value === '综合行政执法队')!;
    expect(a.getCell(9).value).toBe(0.5);
    expect(a.getCell(9).numFmt).toBe('0.0%');
    const view = expectOk<'assessment.view'>(
      await assessor.call('assessment.view', { schemeCode: 'quarterly', period: '2026-Q3' }),
    )!;
    const row = view.ranking.find((r) => r.unitName === '综合行政执法队')!;
    expect(a.getCell(3).value).toBe(row.score);
    expect(a.getCell(1).value).toBe(row.rank);
    const defs = wb.getWorksheet('指标口径')!;
    expect(String(defs.getRow(2).getCell(6).value)).toContain('签收');
  });

  it('prints the monthly analysis to PDF with its narrative, charts and table', async () => {
    const file = expectOk<'assessment.report'>(
      await assessor.call('assessment.report', { runId: monthRunId, kind: 'analysis', format: 'pdf' }),
    );
    const path = join(dir.path, 'analysis.pdf');
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('月报分析');
    // July: E1 E2 E3 E6 reported; due in July E1 E5 (A) and E3 (B) on time, E2 and E6 not; call-backs E1 E5 satisfied, E2 not.
    expect(text.replace(/\s+/g, '')).toContain('本月共受理事件4件，按期办结率60.0%，满意率66.7%，较上月上升66.7个百分点。');
    expect(text).toContain('综合行政执法队');
    expect(text).toContain('按期办结率');
    if (process.env.ASSESSMENT_REPORT_PNG)
      execFileSync('pdftoppm', ['-png', '-r', '60', path, process.env.ASSESSMENT_REPORT_PNG]);
    const xlsx = expectOk<'assessment.report'>(
      await assessor.call('assessment.report', { runId: monthRunId, kind: 'analysis', format: 'xlsx' }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('月报分析')!;
    expect(String(sheet.getRow(2).getCell(1).value)).toBe(
      '本月共受理事件 4 件，按期办结率 60.0%，满意率 66.7%，较上月上升 66.7 个百分点。',
    );
  });

  it('prints the quarterly ranking to PDF', async () => {
    const file = expectOk<'assessment.report'>(
      await assessor.call('assessment.report', { runId, kind: 'ranking', format: 'pdf' }),
    );
    const path = join(dir.path, 'ranking.pdf');
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('考核排名');
    expect(text).toContain('本季度共受理事件');
    expect(text).toContain('指标口径');
  });

  it('says PDF_UNAVAILABLE when the shell has no printer', async () => {
    const bare = startTestCore();
    try {
      const who = await bare.signIn('assessor');
      const { schemes } = expectOk<'assessment.schemes'>(await who.call('assessment.schemes', {}));
      const run = expectOk<'assessment.compute'>(
        await who.call('assessment.compute', { schemeId: schemes.find((s) => s.code === 'monthly')!.id, period: '2026-10' }),
      );
      expect(errorCode(await who.call('assessment.report', { runId: run.id, kind: 'analysis', format: 'pdf' }))).toBe(
        'PDF_UNAVAILABLE',
      );
    } finally {
      bare.stop();
    }
  });
});
