import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import type { Connection } from '../app';
import { countRows, errorCode, startTestCore, type TestCore } from '../testing/core';
import { readSheet, warmSheetReader } from './read-sheet';

/** A stored (uncompressed) zip, written by hand so the parts can be as broken as we like. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The workbook that made the old regular-expression reader quadratic: unclosed
 * tags by the hundred thousand, a 1,000,000-character attribute, and regular
 * expression metacharacters in r:id (the old reader built a RegExp from it).
 */
function craftedWorkbook(): Buffer {
  const rid = 'rId1)(.*+?[a-z]{1,99999}|\\\\(a+)+$';
  const huge = 'x'.repeat(1_000_000);
  const sheet =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>'.repeat(60_000) +
    `<row attr="${huge}">` +
    '<c><v>1'.repeat(60_000);
  const files = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets><sheet name="a" sheetId="1" r:id="${rid}"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml" X="${huge}"/>` +
      '<Relationship Id="rId9" Target="worksheets/sheet1.xml"',
    'xl/worksheets/sheet1.xml': sheet,
  };
  return zip(files);
}

async function goodWorkbook(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('一');
  rows.forEach((r) => sheet.addRow(r));
  workbook.addWorksheet('二').addRow(['not', 'read']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the spreadsheet reader', () => {
  let core: TestCore;
  let admin: Connection;
  let operator: Connection;

  beforeAll(async () => {
    core = startTestCore();
    admin = await core.signIn('admin');
    operator = await core.signIn('operator');
    // Starting the reader thread (loading ExcelJS through tsx here) is not part of any file's time.
    await warmSheetReader();
  }, 60_000);
  afterAll(() => core.stop());

  it('reads the first sheet of a workbook: strings, numbers, dates, rich text and formulas as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('一');
    sheet.addRow(['编号', '数量', '日期', '说明']);
    sheet.addRow(['A-1', 42, new Date(Date.UTC(2026, 2, 1)), { richText: [{ text: '加粗' }, { text: '正文' }] }]);
    sheet.getCell('B3').value = { formula: 'B2*2', result: 84 };
    sheet.getCell('D3').value = 'a|b.*c(d)';
    workbook.addWorksheet('二').addRow(['not', 'read']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await readSheet('t.xlsx', bytes)).toEqual([
      ['编号', '数量', '日期', '说明'],
      ['A-1', '42', '2026-03-01', '加粗正文'],
      ['', '84', '', 'a|b.*c(d)'],
    ]);
    expect(await readSheet('t.CSV', Buffer.from('\uFEFFa,"b,c"\r\n"x""y",z\n'))).toEqual([
      ['a', 'b,c'],
      ['x"y', 'z'],
    ]);
  });

  it('refuses a crafted 5 MB workbook with BAD_FILE within 2 s while other users keep being answered', async () => {
    const bytes = craftedWorkbook();
    expect(bytes.length).toBeGreaterThan(4.5 * 1024 * 1024);
    expect(bytes.length).toBeLessThanOrEqual(5 * 1024 * 1024);
    const before = countRows(core.db, 'iot_devices');

    const started = performance.now();
    let importDone = 0;
    const importing = admin
      .call('iot.importDevices', { fileName: 'crafted.xlsx', dataBase64: bytes.toString('base64') })
      .finally(() => (importDone = performance.now()));
    // Meanwhile the operator keeps working: every call answers promptly.
    const waits: number[] = [];
    while (importDone === 0 && performance.now() - started < 5_000) {
      const at = performance.now();
      const answer = await operator.call('org.directory', {});
      expect(answer.ok).toBe(true);
      waits.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const result = await importing;
    expect(errorCode(result)).toBe('BAD_FILE');
    expect(importDone - started).toBeLessThan(2_000);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThan(500);
    expect(countRows(core.db, 'iot_devices')).toBe(before);
  });

  it('stops a reading that overruns its time limit, and the next file gets a fresh reader', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`R${i}`, i, `第${i}行`, 'x'.repeat(20)]);
    const big = await goodWorkbook(rows);
    await expect(readSheet('big.xlsx', big, { timeoutMs: 5 })).rejects.toMatchObject({ code: 'BAD_FILE' });
    expect(await readSheet('small.csv', Buffer.from('a,b\n1,2'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  }, 60_000);

  it('refuses files past its bounds with TOO_LARGE, and unknown kinds with UNSUPPORTED_FILE', async () => {
    await expect(readSheet('a.csv', Buffer.from('a\nb\nc\n'), { maxRows: 2 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(readSheet('a.csv', Buffer.from('a,b,c\n'), { maxColumns: 2 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(readSheet('a.csv', Buffer.from('abcdef\n'), { maxCellLength: 5 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const wide = await goodWorkbook([['x'.repeat(50)]]);
    await expect(readSheet('w.xlsx', wide, { maxCellLength: 10 })).rejects.toBeInstanceOf(AppError);
    await expect(readSheet('a.xls', Buffer.from('x'))).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    await expect(readSheet('a.xlsx', Buffer.from('not a zip'))).rejects.toMatchObject({ code: 'BAD_FILE' });
  });
});
