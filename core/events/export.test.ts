import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueFilter } from '../../common/contract';
import type { Connection } from '../app';
import { chinaMs } from '../calendar';
import type { PrintPdf } from '../print/pdf';
import { storedAuditRows } from '../../db/testing';
import { storedEventRow } from '../../db/testing-events';
import { errorCode, expectOk, tempDir } from '../testing/core';
import { PNG_1PX, startEventsWorld, type EventsWorld } from '../testing/event-fixtures';

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
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      await context.close();
      return pdf;
    },
    async close() {
      if (browser) await (await browser).close();
    },
  };
}

async function readBook(dataBase64: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** The data rows (below the title and header) as plain values by header name. */
function dataRows(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (sheet.getRow(2).values as unknown[]).slice(1) as string[];
  const out: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number <= 2) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i]])));
  });
  return out;
}

describe('exports: the queue to Excel, one event as a 事件处置单', () => {
  const printer = chromiumPrint();
  const dir = tempDir('events-export-');
  let w: EventsWorld;
  let dispatched: string[];
  const audits = (action: string) => storedAuditRows(w.core.db).filter((r) => r.action === action).length;
  const total = async (who: Connection, filter: QueueFilter) =>
    expectOk<'events.queue'>(await who.call('events.queue', { filter, limit: 1 })).total;

  beforeAll(async () => {
    w = await startEventsWorld({ printPdf: printer.print });
    w.core.clock.now = chinaMs('2026-12-01 09:00');
    dispatched = [];
    for (let i = 0; i < 4; i++) dispatched.push(await w.eventIn('dispatched'));
    await w.eventIn('registered');
    await w.eventIn('reported');
  }, 120_000);
  afterAll(async () => {
    await printer.close();
    w.core.stop();
    dir.remove();
  });

  it('the queue as filtered: one row per event the queue counts, China times, phones masked', async () => {
    const filter: QueueFilter = { view: 'all', states: ['dispatched'] };
    const before = audits('events.export');
    const file = expectOk<'events.export'>(await w.assessor.call('events.export', { filter }));
    expect(file.name).toMatch(/^事件清单-2026-12-01\.xlsx$/);
    const sheet = await readBook(file.dataBase64);
    const rows = dataRows(sheet);
    expect(rows).toHaveLength(await total(w.assessor, filter));
    expect(file.rows).toBe(rows.length);
    expect(String(sheet.getCell(1, 1).value)).toContain('事件清单');
    const serials = dispatched.map((id) => storedEventRow(w.core.db, id)!.serial);
    expect(rows.map((r) => r['编号']).sort()).toEqual([...serials].sort());
    for (const r of rows) {
      expect(r['上报人电话']).toBe('138****5678');
      expect(r['状态']).toBe('已派遣');
      expect(r['主办单位']).toBe('综合行政执法队');
    }
    // Reported 09:00 China time, shown as 09:00 in the sheet (not 01:00 UTC).
    const reported = rows[0]!['上报时间'] as Date;
    expect(reported.toISOString().slice(11, 16)).toBe('09:00');
    expect(audits('events.export')).toBe(before + 1);
  });

  it('every filter gives the queue’s own total; the room’s export masks phones as its lists do', async () => {
    for (const filter of [{ view: 'all' }, { view: 'all', states: ['reported', 'registered'] }] as QueueFilter[]) {
      const file = expectOk<'events.export'>(await w.operator.call('events.export', { filter }));
      const rows = dataRows(await readBook(file.dataBase64));
      expect(rows).toHaveLength(await total(w.operator, filter));
      expect(rows.every((r) => r['上报人电话'] === '138****5678')).toBe(true);
    }
  });

  it('a unit handler exports only their own unit’s events, as their queue shows', async () => {
    const mine = await total(w.handler, { view: 'all' });
    const theirs = await total(w.assistHandler, { view: 'all' });
    const file = expectOk<'events.export'>(await w.handler.call('events.export', { filter: { view: 'all' } }));
    expect(file.rows).toBe(mine);
    expect(mine).toBe(dispatched.length);
    expect(theirs).toBe(dispatched.length); // the assisting unit is on the same events
  });

  it('bad input is refused and writes no audit row', async () => {
    const before = audits('events.export');
    expect(errorCode(await w.assessor.call('events.export', { filter: { view: 'nope' } }))).toBe('BAD_INPUT');
    expect(errorCode(await w.assessor.call('events.export', { filter: { view: 'all', search: 'x' } }))).toBe('BAD_INPUT');
    expect(audits('events.export')).toBe(before);
  });

  it('one event as a 事件处置单 in Excel: facts, units, timeline and photos listed', async () => {
    const id = dispatched[0]!;
    await w.act(w.handler, { action: 'sign', id });
    await w.act(w.handler, {
      action: 'feedback',
      id,
      text: '已清运完毕',
      photos: [{ name: '清运后.png', mime: 'image/png', dataBase64: PNG_1PX }],
    });
    const file = expectOk<'events.sheet'>(await w.operator.call('events.sheet', { id, format: 'xlsx' }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const text: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => text.push((row.values as unknown[]).filter(Boolean).join('|')));
    const all = text.join('\n');
    expect(all).toContain('事件处置单');
    expect(all).toContain('主办单位|综合行政执法队');
    expect(all).toContain('协办单位|派出所');
    expect(all).toMatch(/派遣\|.*请尽快处置/);
    expect(all).toMatch(/处置反馈\|.*已清运完毕/);
    expect(all).toContain('清运后.png');
    // The room sees the full number in one event's detail, and so on its sheet.
    expect(all).toContain('联系电话|13812345678');
  });

  it('one event as an A4 PDF in the printed-order style, read back with pdftotext', async () => {
    const id = dispatched[0]!;
    const before = audits('events.sheet');
    const file = expectOk<'events.sheet'>(await w.assessor.call('events.sheet', { id, format: 'pdf' }));
    expect(file.mime).toBe('application/pdf');
    const path = join(dir.path, 'sheet.pdf');
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    const serial = storedEventRow(w.core.db, id)!.serial;
    expect(text).toContain('综合信息指挥室事件处置单');
    expect(text).toContain(serial);
    expect(text).toContain('综合行政执法队');
    expect(text).toContain('处置反馈');
    expect(text).toContain('清运后.png');
    expect(text).toContain('138****5678'); // an assessor sees the phone masked
    expect(text).not.toContain('13812345678');
    expect(audits('events.sheet')).toBe(before + 1);
  });

  it('a handler may not print an event never assigned to their unit', async () => {
    const other = await w.eventIn('registered');
    expect(errorCode(await w.handler.call('events.sheet', { id: other, format: 'xlsx' }))).toBe('FORBIDDEN');
  });
});
