import type { FileOut } from '../../common/contract/case-file';
import ExcelJS from 'exceljs';
import { chinaWallClock } from '../../common/china-time';
import { DOCUMENT_TITLES } from '../../common/supervision';
import { getTownship, getUnit } from '../../db/queries/org';
import { firstAnswers, listOrders, listOrderUnitIds } from '../../db/queries/supervision';
import type { ServiceContext } from '../context';
import { orderWarning, targetLabel } from './read';

const STATE_WORDS = { open: '待整改', answered: '已反馈', accepted: '已销号', rejected: '退回再督办' } as const;
const COLOUR_WORDS = { blue: '蓝', yellow: '黄', red: '红' } as const;
const TARGET_WORDS = { event: '事件', unit: '单位', finding: '暗访问题' } as const;
/** Excel shows dates in the sheet's own time: write China wall-clock time as if it were UTC. */
const chinaDate = (ms: number | null) => (ms === null ? null : chinaWallClock(ms));

const COLUMNS: { header: string; key: string; width: number; date?: boolean }[] = [
  { header: '序号', key: 'index', width: 6 },
  { header: '编号', key: 'serial', width: 16 },
  { header: '类别', key: 'kind', width: 11 },
  { header: '等级', key: 'colour', width: 6 },
  { header: '督办对象', key: 'target', width: 30 },
  { header: '责任单位', key: 'units', width: 22 },
  { header: '存在问题', key: 'problem', width: 44 },
  { header: '签发人', key: 'issuer', width: 10 },
  { header: '签发时间', key: 'issuedAt', width: 17, date: true },
  { header: '办理时限', key: 'dueAt', width: 17, date: true },
  { header: '反馈时间', key: 'answeredAt', width: 17, date: true },
  { header: '是否逾期', key: 'late', width: 9 },
  { header: '状态', key: 'state', width: 11 },
  { header: '销号时间', key: 'closedAt', width: 17, date: true },
  { header: '来源', key: 'source', width: 8 },
];

/** 督办台账: every order of the period in one formatted sheet (title, header, widths, dates, frozen header). */
export async function ledger(ctx: ServiceContext, input: { from?: number; to?: number }): Promise<FileOut> {
  const now = ctx.now();
  const township = getTownship(ctx.db)?.name ?? '';
  const { rows } = listOrders(ctx.db, { issuedFrom: input.from, issuedTo: input.to }, 0, 100_000);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `${township}综合信息指挥室`;
  workbook.created = new Date(now);
  const sheet = workbook.addWorksheet('督办台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));

  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  const title = sheet.getCell(1, 1);
  title.value = `${township}综合信息指挥室督办台账`;
  title.font = { name: '宋体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;

  const header = sheet.getRow(2);
  header.values = COLUMNS.map((c) => c.header);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { name: '黑体', bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFB22222' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  rows.reverse().forEach((o, index) => {
    const unitIds = listOrderUnitIds(ctx.db, o.id);
    const answers = firstAnswers(ctx.db, o.id);
    const firstAnswer = answers.length ? Math.min(...answers.map((a) => a.answeredAt)) : null;
    const late = answers.some((a) => a.late === 1) || (o.state === 'open' && now > o.dueAt);
    const row = sheet.addRow({
      index: index + 1,
      serial: o.serial,
      kind: DOCUMENT_TITLES[o.strength].replace('单', ''),
      colour: COLOUR_WORDS[o.colour],
      target: `${TARGET_WORDS[o.targetKind]}：${targetLabel(ctx, o.targetKind, o.targetId)}`,
      units: unitIds.map((id) => getUnit(ctx.db, id)?.name ?? id).join('、'),
      problem: o.problem,
      issuer: o.issuerName,
      issuedAt: chinaDate(o.issuedAt),
      dueAt: chinaDate(o.dueAt),
      answeredAt: chinaDate(firstAnswer),
      late: late ? '是' : '否',
      state: STATE_WORDS[o.state],
      closedAt: o.state === 'accepted' ? chinaDate(o.closedAt) : null,
      source: o.source === 'county' ? '县级' : '本级',
    });
    row.alignment = { vertical: 'top', wrapText: true };
    if (orderWarning(o, now) === 'red') row.getCell('dueAt').font = { color: { argb: 'FFC00000' }, bold: true };
  });
  COLUMNS.filter((c) => c.date).forEach((c) => (sheet.getColumn(c.key).numFmt = 'yyyy-mm-dd hh:mm'));
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: COLUMNS.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    name: `督办台账-${chinaWallClock(now).toISOString().slice(0, 10)}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    dataBase64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
  };
}
