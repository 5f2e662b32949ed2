import ExcelJS from 'exceljs';
import type { FileOut, MonthlyAnalysis } from '../../common/contract';
import { getTownship } from '../../db/queries/org';
import type { ServiceContext } from '../context';
import { escapeHtml, officialHtml, officialTable } from '../print/official-style';
import { monthlyAnalysis } from './figures';
import { LEVEL_WORDS } from './narrative';

const CAMPAIGN_STATE_WORDS = { planned: '未启动', running: '进行中', closed: '已结束' } as const;
const diff = (count: number, previous: number) => count - previous;

/** Each table of the page: its title, headers and rows, the same for the workbook and the PDF. */
export function monthlyTables(a: MonthlyAnalysis): { title: string; headers: string[]; rows: (string | number)[][] }[] {
  const t = a.totals;
  return [
    {
      title: '总体情况',
      headers: ['指标', '本月', '上月', '增减'],
      rows: [
        ['受理事件', t.received.count, t.received.previous, diff(t.received.count, t.received.previous)],
        ['办结事件', t.closed.count, t.closed.previous, diff(t.closed.count, t.closed.previous)],
        ['到期逾期', t.overdue.count, t.overdue.previous, diff(t.overdue.count, t.overdue.previous)],
      ],
    },
    {
      title: '分类别',
      headers: ['类别', '本月', '上月', '增减'],
      rows: a.byCategory.map((c) => [c.name, c.count, c.previous, diff(c.count, c.previous)]),
    },
    {
      title: '分村（社区）',
      headers: ['村（社区）', '本月', '上月', '增减'],
      rows: a.byVillage.map((v) => [v.name, v.count, v.previous, diff(v.count, v.previous)]),
    },
    {
      title: '化解层级',
      headers: ['层级', '本月', '上月', '增减'],
      rows: a.byLevel.map((l) => [LEVEL_WORDS[l.level], l.count, l.previous, diff(l.count, l.previous)]),
    },
    {
      title: '热点',
      headers: ['村（社区）', '类别', '件数'],
      rows: a.hotSpots.map((h) => [h.villageName, h.categoryName, h.count]),
    },
    {
      title: '逾期单位',
      headers: ['单位', '到期任务', '逾期'],
      rows: a.overdueUnits.map((u) => [u.name, u.due, u.overdue]),
    },
    {
      title: '督办',
      headers: ['指标', '本月', '上月'],
      rows: [
        ['发出督办', a.supervision.issued.count, a.supervision.issued.previous],
        ['督办销号', a.supervision.accepted.count, a.supervision.accepted.previous],
        ['逾期未反馈', a.supervision.openOverdue, ''],
      ],
    },
    {
      title: '专项整治',
      headers: ['专项', '状态', '本月隐患', '已办结'],
      rows: a.campaigns.map((c) => [c.name, CAMPAIGN_STATE_WORDS[c.state], c.hazards, c.closed]),
    },
    {
      title: '稳评',
      headers: ['登记', '实施', '暂缓实施', '不予实施', '中止实施'],
      rows: [[a.risk.registered, a.risk.implemented, a.risk.postponed, a.risk.rejected, a.risk.terminated]],
    },
  ];
}

const monthWords = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`;

export async function reportPdf(ctx: ServiceContext, input: { month?: string }): Promise<FileOut> {
  const a = monthlyAnalysis(ctx, input);
  const township = getTownship(ctx.db)?.name ?? '';
  const sections = monthlyTables(a)
    .map((t, i) => `<h2>${'一二三四五六七八九十'[i + 1]}、${escapeHtml(t.title)}</h2>${officialTable(t.headers, t.rows)}`)
    .join('');
  const body = `<h2>一、综合分析</h2>${a.narrative.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}${sections}`;
  const pdf = await ctx.printPdf(
    officialHtml({
      townshipName: township,
      head: '月报分析',
      serial: monthWords(a.month),
      title: `${township}${monthWords(a.month)}平安建设工作分析`,
      body,
      printedAt: ctx.now(),
    }),
  );
  return { name: `月报分析-${a.month}.pdf`, mime: 'application/pdf', dataBase64: Buffer.from(pdf).toString('base64') };
}

/** The workbook: the narrative on the first sheet, then one sheet per table, the same rows as the page. */
export async function workbook(ctx: ServiceContext, input: { month?: string }): Promise<FileOut> {
  const a = monthlyAnalysis(ctx, input);
  const township = getTownship(ctx.db)?.name ?? '';
  const wb = new ExcelJS.Workbook();
  wb.creator = `${township}综合信息指挥室`;
  wb.created = new Date(ctx.now());
  const summary = wb.addWorksheet('综合分析');
  summary.getColumn(1).width = 100;
  summary.getCell(1, 1).value = `${township}${monthWords(a.month)}平安建设工作分析`;
  summary.getCell(1, 1).font = { name: '宋体', size: 16, bold: true };
  a.narrative.forEach((line, i) => {
    const cell = summary.getCell(i + 2, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  for (const t of monthlyTables(a)) {
    const sheet = wb.addWorksheet(t.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = t.headers.map((h, i) => ({ header: h, key: String(i), width: i === 0 ? 24 : 12 }));
    sheet.getRow(1).eachCell((cell) => {
      cell.font = { name: '黑体', bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFB22222' } };
    });
    for (const row of t.rows) sheet.addRow(row);
  }
  const buffer = await wb.xlsx.writeBuffer();
  return {
    name: `月报分析-${a.month}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    dataBase64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
  };
}
