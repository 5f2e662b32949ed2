import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../core/app';
import { chromiumPrinter } from './pdf';
import { errorCode, expectOk, startTestCore, tempDir, type TestCore } from '../core/testing/core';
import { chineseDate, chineseDeadline } from '../core/supervision/print-template';

const DAY = 86_400_000;
const printer = chromiumPrinter();

/** A unit's id from the directory, through the contract (the web shell does not read the database). */
async function unitId(who: Connection, name: string): Promise<string> {
  const directory = expectOk<'org.directory'>(await who.call('org.directory', {}));
  return directory.units.find((u) => u.name === name)!.id;
}

describe('dates on the printed order', () => {
  it.each([
    [Date.UTC(2026, 10, 30, 1), '二〇二六年十一月三十日'],
    [Date.UTC(2026, 0, 9, 1), '二〇二六年一月九日'],
    [Date.UTC(2026, 9, 10, 1), '二〇二六年十月十日'],
    [Date.UTC(2027, 11, 21, 1), '二〇二七年十二月二十一日'],
    // 23:30 UTC on 31 Dec is already 1 January in China.
    [Date.UTC(2026, 11, 31, 23, 30), '二〇二七年一月一日'],
  ])('%s → %s', (ms, text) => expect(chineseDate(ms)).toBe(text));
  it('writes deadlines with hours', () => expect(chineseDeadline(Date.UTC(2026, 11, 3, 9, 30))).toBe('2026年12月3日17时30分'));
});

describe.skipIf(!printer)('the printed order and the ledger', () => {
  let core: TestCore;
  let orderId: string;
  let serial: string;
  const out = tempDir();
  beforeAll(async () => {
    core = startTestCore({ printPdf: printer!.print });
    const director = await core.signIn('director');
    const lead = await unitId(director, '综合行政执法队');
    ({ id: orderId, serial } = expectOk<'supervision.issue'>(
      await director.call('supervision.issue', {
        strength: 'flagged',
        targetKind: 'unit',
        targetId: lead,
        unitIds: [lead, await unitId(director, '市场监管所')],
        problem: '东河社区三号楼消防通道长期被杂物和电动车占用，群众多次反映未见整改。',
        requirements: '立即组织清理，建立常态化巡查机制，并于期限内书面反馈整改情况。',
        dueAt: core.clock.now + 5 * DAY,
      }),
    ));
  }, 60_000);
  afterAll(async () => {
    core?.stop();
    await printer?.close();
    out.remove();
  });

  it('prints an A4 PDF whose text holds the title, serial, addressees and the Chinese body', async () => {
    const director = await core.signIn('director');
    const pdf = expectOk<'supervision.orderPdf'>(await director.call('supervision.orderPdf', { id: orderId }));
    expect(pdf.name).toBe(`${serial}.pdf`);
    const file = join(out.path, 'order.pdf');
    writeFileSync(file, Buffer.from(pdf.dataBase64, 'base64'));
    expect(Buffer.from(pdf.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('清溪镇综合信息指挥室挂牌督办单');
    expect(text).toContain(serial.replace(/\s+/g, ''));
    expect(text).toContain('市场监管所、综合行政执法队：');
    expect(text).toContain('消防通道长期被杂物和电动车占用');
    expect(text).toContain('二〇二六年十一月三十日');
    expect(text).toContain('签发人：陈建国');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    if (process.env.SUPERVISION_PDF_PNG) {
      mkdirSync(process.env.SUPERVISION_PDF_PNG, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(process.env.SUPERVISION_PDF_PNG, 'order')]);
    }
  });

  it('a unit handler prints only their own orders; the viewer not at all', async () => {
    const handler = await core.signIn('unit_handler');
    expect(errorCode(await handler.call('supervision.orderPdf', { id: orderId }))).toBeNull();
    const viewer = await core.signIn('viewer');
    expect(errorCode(await viewer.call('supervision.orderPdf', { id: orderId }))).toBe('FORBIDDEN');
  });

  it('exports the ledger (督办台账) as a formatted workbook that reads back', async () => {
    const director = await core.signIn('director');
    const file = expectOk<'supervision.ledger'>(await director.call('supervision.ledger', {}));
    expect(file.name).toMatch(/^督办台账-2026-11-30\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('督办台账')!;
    expect(sheet.getCell('A1').value).toBe('清溪镇综合信息指挥室督办台账');
    expect(sheet.getRow(2).values).toContain('办理时限');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const row = sheet.getRow(3);
    expect(row.getCell(2).value).toBe(serial);
    expect(row.getCell(3).value).toBe('挂牌督办');
    expect(row.getCell(6).value).toBe('市场监管所、综合行政执法队');
    const due = row.getCell(10).value as Date;
    expect(due).toBeInstanceOf(Date);
    // China wall-clock time, as people read it on the order.
    expect(due.toISOString().slice(0, 16)).toBe(new Date(core.clock.now + 5 * DAY + 8 * 3600_000).toISOString().slice(0, 16));
    expect(row.getCell(13).value).toBe('待整改');
    expect(sheet.getColumn(7).width).toBeGreaterThan(30);
  });
});

describe('without a printer', () => {
  it('answers PDF_UNAVAILABLE', async () => {
    const core = startTestCore();
    try {
      const director = await core.signIn('director');
      const police = await unitId(director, '派出所');
      const { id } = expectOk<'supervision.issue'>(
        await director.call('supervision.issue', {
          strength: 'order',
          targetKind: 'unit',
          targetId: police,
          unitIds: [police],
          problem: '治安巡查不到位',
          requirements: '加强夜间巡逻',
          dueAt: core.clock.now + DAY,
        }),
      );
      expect(errorCode(await director.call('supervision.orderPdf', { id }))).toBe('PDF_UNAVAILABLE');
    } finally {
      core.stop();
    }
  });
});
