import ExcelJS from 'exceljs';
import type { FileOut } from '../../common/contract/case-file';
import { KIND_WORDS, LEVEL_WORDS, METHOD_WORDS, STATE_WORDS } from '../../common/risk';
import { getTownship, getUnit } from '../../db/queries/org';
import { listRiskMethods, listRiskReviews, listRiskTasks, listRisks } from '../../db/queries/risk';
import type { ServiceContext } from '../context';
import { chinaYear } from '../supervision/orders';
import { chinaYearRange } from './read';
import { chinaWallClock } from '../../common/china-time';

/** Excel shows dates in the sheet's own time: write China wall-clock time as if it were UTC. */
const chinaDate = (ms: number | null) => (ms === null ? null : chinaWallClock(ms));

const COLUMNS: { header: string; key: string; width: number; date?: boolean }[] = [
  { header: '序号', key: 'index', width: 6 },
  { header: '编号', key: 'serial', width: 16 },
  { header: '事项名称', key: 'title', width: 36 },
  { header: '提出单位', key: 'unit', width: 18 },
  { header: '类别', key: 'kind', width: 10 },
  { header: '涉及人数', key: 'people', width: 10 },
  { header: '评估方式', key: 'methods', width: 22 },
  { header: '风险等级', key: 'level', width: 10 },
  { header: '评估结论', key: 'state', width: 11 },
  { header: '决策时间', key: 'decidedAt', width: 17, date: true },
  { header: '化解措施（已完成/总数）', key: 'tasks', width: 14 },
  { header: '回头看（已开展/总数）', key: 'reviews', width: 14 },
  { header: '登记时间', key: 'createdAt', width: 17, date: true },
];

/** 稳评台账: every assessment registered in the year, oldest first, in one formatted sheet. */
export async function ledger(ctx: ServiceContext, input: { year?: number }): Promise<FileOut> {
  const now = ctx.now();
  const year = input.year ?? chinaYear(now);
  const township = getTownship(ctx.db)?.name ?? '';
  const { from, to } = chinaYearRange(year);
  const rows = listRisks(ctx.db, from, to).reverse();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `${township}综合信息指挥室`;
  workbook.created = new Date(now);
  const sheet = workbook.addWorksheet('稳评台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  const title = sheet.getCell(1, 1);
  title.value = `${township}${year}年重大决策社会稳定风险评估台账`;
  title.font = { name: '宋体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  const header = sheet.getRow(2);
  header.values = COLUMNS.map((c) => c.header);
  header.height = 30;
  header.eachCell((cell) => {
    cell.font = { name: '黑体', bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFB22222' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  rows.forEach((r, index) => {
    const methods = listRiskMethods(ctx.db, r.id);
    const tasks = listRiskTasks(ctx.db, r.id);
    const reviews = listRiskReviews(ctx.db, r.id);
    const row = sheet.addRow({
      index: index + 1,
      serial: r.serial,
      title: r.title,
      unit: getUnit(ctx.db, r.proposingUnitId)?.name ?? r.proposingUnitId,
      kind: KIND_WORDS[r.kind],
      people: r.peopleAffected,
      methods: [...new Set(methods.map((m) => METHOD_WORDS[m.method]))].join('、'),
      level: r.level ? LEVEL_WORDS[r.level] : '',
      state: STATE_WORDS[r.state],
      decidedAt: chinaDate(r.decidedAt),
      tasks: `${tasks.filter((t) => t.doneAt !== null).length}/${tasks.length}`,
      reviews: `${reviews.filter((v) => v.doneAt !== null).length}/${reviews.length}`,
      createdAt: chinaDate(r.createdAt),
    });
    row.alignment = { vertical: 'top', wrapText: true };
  });
  COLUMNS.filter((c) => c.date).forEach((c) => (sheet.getColumn(c.key).numFmt = 'yyyy-mm-dd hh:mm'));
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: COLUMNS.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    name: `稳评台账-${year}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    dataBase64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
  };
}
