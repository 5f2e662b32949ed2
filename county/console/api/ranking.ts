import ExcelJS from 'exceljs';
import { z } from 'zod';
import { COUNTY_SCHEME, INDICATORS, rankTownships, type RankingRow } from '../ranking';
import { actionRecords, eventRecords } from '../store/records';
import { townshipSummaries } from '../store/townships';
import type { ConsoleDb } from '../store/console-db';
import { method, type Methods } from './method';

const Period = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter like 2026-Q4');

export async function computeRanking(db: ConsoleDb, period: string, now = Date.now()): Promise<RankingRow[]> {
  const [townships, events, actions] = await Promise.all([townshipSummaries(db), eventRecords(db), actionRecords(db, null)]);
  return rankTownships(townships, events, actions, period, now);
}

const HEADERS = [
  '排名 Rank',
  '乡镇 Township',
  '得分 Score',
  '事件数 Events',
  '按期办结率 On-time',
  '超期率 Overdue',
  '返工率 Rework',
  '满意率 Satisfaction',
  '乡镇以下化解率 Below county',
];
const pct = (x: number) => Math.round(x * 10_000) / 100;

export async function rankingWorkbook(rows: RankingRow[], period: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`季度排名 ${period}`);
  sheet.addRow([`县级季度排名 ${period}（方案 ${COUNTY_SCHEME.id}）`]);
  sheet.addRow(HEADERS).font = { bold: true };
  for (const r of rows)
    sheet.addRow([r.rank, r.townshipName, r.score, r.events, ...INDICATORS.map((k) => pct(r.indicators[k].value))]);
  sheet.columns.forEach((c) => (c.width = 16));
  const detail = book.addWorksheet('明细 Detail');
  detail.addRow([
    '乡镇 Township',
    '指标 Indicator',
    '分子 Numerator',
    '分母 Denominator',
    '分子事件 Numerator events',
    '分母事件 Denominator events',
  ]).font = { bold: true };
  for (const r of rows)
    for (const k of INDICATORS) {
      const s = r.indicators[k];
      detail.addRow([
        r.townshipName,
        k,
        s.numerator.length,
        s.denominator.length,
        s.numerator.join(' '),
        s.denominator.join(' '),
      ]);
    }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const rankingMethods: Methods = {
  'ranking.compute': method({ kind: 'read', permission: 'read', input: z.object({ period: Period }) }, async (ctx, input) => ({
    scheme: COUNTY_SCHEME,
    period: input.period,
    rows: await computeRanking(ctx.deps.db, input.period),
  })),
  'ranking.exportXlsx': method({ kind: 'job', permission: 'read', input: z.object({ period: Period }) }, async (ctx, input) => {
    const rows = await computeRanking(ctx.deps.db, input.period);
    return {
      fileName: `county-ranking-${input.period}.xlsx`,
      base64: (await rankingWorkbook(rows, input.period)).toString('base64'),
    };
  }),
};
