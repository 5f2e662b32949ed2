import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { EXPORT_MAX_ROWS, type OutputOf, type ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { dateKeyOfDay, dayIndexOf } from '../../common/china-time';
import { getTownship } from '../../db/queries/org';
import { queueCount, queuePage, type QueueRecord } from '../../db/queries/queue';
import { WARNING_NAMES } from '../calendar/event-deadlines';
import { audit, requireActor, type ServiceContext } from '../context';
import { maskPhone } from '../safety/personal-data';
import { resolveQueueQuery } from './queue';
import { PRIORITY_WORDS, RISK_WORDS, SOURCE_WORDS, STATE_WORDS, WARNING_WORDS } from '../../common/event-words';
import { chinaDate } from './words';

/** Rows read and written per step: small enough that memory stays flat, large enough that deep offsets stay few. */
export const EXPORT_PAGE = 2000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every column of the queue, plus what the queue shows on hover (source, report time, masked phone). */
export const QUEUE_COLUMNS: { header: string; key: string; width: number; date?: boolean }[] = [
  { header: '序号', key: 'index', width: 7 },
  { header: '编号', key: 'serial', width: 18 },
  { header: '标题', key: 'title', width: 36 },
  { header: '类别', key: 'category', width: 14 },
  { header: '村（社区）', key: 'village', width: 12 },
  { header: '网格', key: 'grid', width: 12 },
  { header: '紧急程度', key: 'priority', width: 9 },
  { header: '风险等级', key: 'risk', width: 9 },
  { header: '状态', key: 'state', width: 11 },
  { header: '主办单位', key: 'leadUnit', width: 18 },
  { header: '办理时限', key: 'handleDue', width: 17, date: true },
  { header: '预警', key: 'warning', width: 10 },
  { header: '来源', key: 'source', width: 11 },
  { header: '上报时间', key: 'reported', width: 17, date: true },
  { header: '上报人电话', key: 'phone', width: 14 },
];

/** One queue row as the sheet's cells; the phone always masked, as in every list (core/safety/personal-data.ts). */
export function queueCells(r: QueueRecord, index: number): Record<string, unknown> {
  return {
    index,
    serial: r.serial,
    title: r.title,
    category: r.categoryName,
    village: r.villageName ?? '',
    grid: r.gridName ?? '',
    priority: PRIORITY_WORDS[r.priority],
    risk: RISK_WORDS[r.riskColour],
    state: STATE_WORDS[r.state],
    leadUnit: r.leadUnitName ?? '',
    handleDue: chinaDate(r.handleDueAt),
    warning: WARNING_WORDS[WARNING_NAMES[r.warning]],
    source: SOURCE_WORDS[r.source],
    reported: chinaDate(r.reportedAt),
    phone: maskPhone(r.reporterPhone) ?? '',
  };
}

/** A streaming workbook with the queue's columns, its title row and header: rows are committed as they come. */
export function queueSheetWriter(filename: string, title: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('事件清单', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = QUEUE_COLUMNS.map((c) => ({
    key: c.key,
    width: c.width,
    ...(c.date ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  sheet.mergeCells(1, 1, 1, QUEUE_COLUMNS.length);
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { name: '宋体', size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 28;
  titleRow.commit();
  const header = sheet.getRow(2);
  header.values = QUEUE_COLUMNS.map((c) => c.header);
  header.eachCell((cell) => {
    cell.font = { name: '黑体', bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFB22222' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  header.commit();
  return {
    add(cells: Record<string, unknown>): void {
      sheet.addRow(cells).commit();
    },
    async finish(): Promise<void> {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** Lets the file stream drain and other calls run between pages. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The queue as filtered, to an Excel file streamed page by page (never all
 * rows in memory), then handed out; the audit row says who exported what.
 * Runs as a job: the core answers other calls between pages.
 */
export async function exportQueue(
  ctx: ServiceContext,
  input: ParsedInputOf<'events.export'>,
): Promise<OutputOf<'events.export'>> {
  const actor = requireActor(ctx);
  const q = resolveQueueQuery(ctx, { ...input, offset: 0, limit: EXPORT_PAGE });
  const total = queueCount(ctx.db, q);
  if (total > EXPORT_MAX_ROWS)
    throw new AppError(
      'TOO_LARGE',
      `The filter matches ${total} events; export at most ${EXPORT_MAX_ROWS} at a time. Narrow the filter (dates, state) and export in parts.`,
    );
  const township = getTownship(ctx.db)?.name ?? '';
  const day = dateKeyOfDay(dayIndexOf(ctx.now()));
  const dir = await mkdtemp(join(tmpdir(), 'queue-export-'));
  try {
    const file = join(dir, 'queue.xlsx');
    const writer = queueSheetWriter(file, `${township}综合信息指挥室事件清单（${day}）`);
    let written = 0;
    for (let offset = 0; offset < total; offset += EXPORT_PAGE) {
      const page = queuePage(ctx.db, { ...q, offset, limit: Math.min(EXPORT_PAGE, total - offset) });
      for (const r of page) writer.add(queueCells(r, ++written));
      if (page.length < Math.min(EXPORT_PAGE, total - offset)) break; // the list shrank meanwhile
      await breathe();
    }
    await writer.finish();
    const bytes = await readFile(file);
    ctx.db.transaction(() =>
      audit(ctx, {
        action: 'events.export',
        entity: 'event',
        entityId: null,
        summary: { filter: input.filter, sort: input.sort, rows: written, by: actor.username },
      }),
    )();
    return { name: `事件清单-${day}.xlsx`, mime: XLSX_MIME, dataBase64: bytes.toString('base64'), rows: written };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
