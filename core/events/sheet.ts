import ExcelJS from 'exceljs';
import type { FileOut } from '../../common/contract/case-file';
import type { ParsedInputOf } from '../../common/contract';
import { getTownship } from '../../db/queries/org';
import { audit, type ServiceContext } from '../context';
import { eventDetail } from './detail';
import { XLSX_MIME } from './export';
import { photoLines, sheetFacts, sheetHtml, timelineLine } from './sheet-template';

const border = { style: 'thin' as const };
const BOX = { top: border, left: border, bottom: border, right: border };

/** The 处置单 as a one-sheet workbook: facts, description, steps and photos, ruled like the paper form. */
async function sheetXlsx(detail: ReturnType<typeof eventDetail>, township: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `${township}综合信息指挥室`;
  const sheet = workbook.addWorksheet('事件处置单', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToWidth: 1 } });
  sheet.columns = [{ width: 18 }, { width: 14 }, { width: 20 }, { width: 44 }];
  const title = sheet.addRow([`${township}综合信息指挥室事件处置单`]);
  sheet.mergeCells(title.number, 1, title.number, 4);
  title.getCell(1).font = { name: '宋体', size: 16, bold: true, color: { argb: 'FFCC0000' } };
  title.getCell(1).alignment = { horizontal: 'center' };
  title.height = 28;
  const section = (text: string) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).font = { name: '黑体', bold: true };
  };
  const boxed = (values: string[], head = false) => {
    const row = sheet.addRow(values);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BOX;
      cell.alignment = { vertical: 'top', wrapText: true };
      if (head) cell.font = { name: '黑体', bold: true };
    });
    return row;
  };
  section('一、事件基本情况');
  for (const [label, value] of sheetFacts(detail)) {
    const row = boxed([label, value, '', '']);
    sheet.mergeCells(row.number, 2, row.number, 4);
    row.getCell(1).font = { name: '黑体', bold: true };
  }
  section('二、事件描述');
  const description = sheet.addRow([detail.description]);
  sheet.mergeCells(description.number, 1, description.number, 4);
  description.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  description.height = Math.min(300, 18 * Math.ceil(detail.description.length / 45) + 6);
  section('三、处置过程');
  boxed(['时间', '环节', '办理人/单位', '意见'], true);
  for (const l of detail.timeline.map(timelineLine)) boxed([l.at, l.step, l.who, l.note]);
  const photos = photoLines(detail);
  section(`四、现场照片（${photos.length} 张）`);
  if (photos.length) {
    boxed(['序号', '文件名', '环节', '时间'], true);
    photos.forEach((p, i) => boxed([String(i + 1), p.name, p.step, p.at]));
  } else sheet.addRow(['无']);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * One event as a 事件处置单: the same facts the detail view shows this user
 * (a handler sees only their unit's events, the phone masked by role), as a
 * workbook or an A4 PDF in the printed-order style; the export is audited.
 */
export async function eventSheet(ctx: ServiceContext, input: ParsedInputOf<'events.sheet'>): Promise<FileOut> {
  const detail = eventDetail(ctx, { id: input.id });
  const township = getTownship(ctx.db)?.name ?? '';
  const file: FileOut =
    input.format === 'pdf'
      ? {
          name: `事件处置单-${detail.serial}.pdf`,
          mime: 'application/pdf',
          dataBase64: Buffer.from(await ctx.printPdf(sheetHtml(detail, township, ctx.now()))).toString('base64'),
        }
      : {
          name: `事件处置单-${detail.serial}.xlsx`,
          mime: XLSX_MIME,
          dataBase64: (await sheetXlsx(detail, township)).toString('base64'),
        };
  ctx.db.transaction(() =>
    audit(ctx, {
      action: 'events.sheet',
      entity: 'event',
      entityId: detail.id,
      summary: { format: input.format, serial: detail.serial },
    }),
  )();
  return file;
}
