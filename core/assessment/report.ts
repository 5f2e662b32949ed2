import ExcelJS from 'exceljs';
import type { OutputOf, ParsedInputOf, RunView } from '../../common/contract';
import { AppError } from '../../common/errors';
import { requireActor, type ServiceContext } from '../context';
import { narrative, trend, type TrendPoint } from './analysis';
import { rankingBars, trendLines } from './charts';
import { indicator, INDICATORS } from '../../db/queries/assessment-indicators';
import { requireRun } from './runs';
import { view } from './view';

const STATE_ZH = { draft: '草稿', computed: '已计算', reviewed: '已审核', published: '已发布' } as const;
const KIND_TITLE = { analysis: '月报分析', ranking: '考核排名' } as const;

function valueText(kind: 'rate' | 'count', value: number | null): string {
  if (value === null) return '—';
  return kind === 'rate' ? `${(value * 100).toFixed(1)}%` : String(value);
}

function change(previous: number | null, rank: number): string {
  if (previous === null) return '—';
  const d = previous - rank;
  return d === 0 ? '持平' : d > 0 ? `↑${d}` : `↓${-d}`;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

async function workbook(v: RunView, kind: 'analysis' | 'ranking', lines: string[], points: TrendPoint[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Command Room';
  const keys = v.scheme.indicators.map((i) => i.key);
  const header = (ws: ExcelJS.Worksheet, row: number) => {
    const r = ws.getRow(row);
    r.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    r.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC0392B' } };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    });
  };
  const title = `${v.run.period} ${v.scheme.name} · ${KIND_TITLE[kind]}（第 ${v.run.revision} 版，${STATE_ZH[v.run.state]}）`;

  if (kind === 'analysis') {
    const ws = wb.addWorksheet('月报分析');
    ws.columns = [{ width: 18 }, ...points.map(() => ({ width: 12 }))];
    ws.addRow([title]).font = { bold: true, size: 14 };
    for (const line of lines) ws.addRow([line]);
    ws.addRow([]);
    ws.addRow(['指标', ...points.map((p) => p.period)]);
    header(ws, ws.rowCount);
    for (const def of INDICATORS.filter((d) => d.kind === 'rate')) {
      const row = ws.addRow([def.nameZh, ...points.map((p) => p.rates[def.key as keyof typeof p.rates] ?? null)]);
      row.eachCell((cell, col) => {
        if (col > 1) cell.numFmt = '0.0%';
      });
    }
  }

  const ranking = wb.addWorksheet('考核排名', { views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }] });
  ranking.addRow([title]).font = { bold: true, size: 14 };
  ranking.addRow([
    '名次',
    '单位',
    '综合得分',
    '指标得分',
    '手工加减分',
    '上期得分',
    '上期名次',
    '名次变化',
    ...keys.map((k) => indicator(k).nameZh),
  ]);
  header(ranking, 2);
  ranking.columns = [
    { width: 6 },
    { width: 18 },
    { width: 10 },
    { width: 10 },
    { width: 10 },
    { width: 10 },
    { width: 8 },
    { width: 9 },
    ...keys.map(() => ({ width: 11 })),
  ];
  for (const r of v.ranking) {
    const row = ranking.addRow([
      r.rank,
      r.unitName,
      r.score,
      r.base,
      r.manual,
      r.previousScore,
      r.previousRank,
      change(r.previousRank, r.rank),
      ...keys.map((k) => r.values.find((x) => x.indicator === k)?.value ?? null),
    ]);
    keys.forEach((k, i) => {
      if (indicator(k).kind === 'rate') row.getCell(9 + i).numFmt = '0.0%';
    });
    [3, 4, 5, 6].forEach((c) => (row.getCell(c).numFmt = '0.00'));
  }

  const detail = wb.addWorksheet('指标明细');
  detail.addRow(['单位', '指标', '分子', '分母', '指标值', '得分', '权重']);
  header(detail, 1);
  detail.columns = [{ width: 18 }, { width: 16 }, { width: 8 }, { width: 8 }, { width: 10 }, { width: 8 }, { width: 8 }];
  for (const r of v.ranking)
    for (const x of r.values) {
      const def = indicator(x.indicator);
      detail.addRow([
        r.unitName,
        def.nameZh,
        x.numerator,
        x.denominator,
        x.sampleShort ? `${valueText(def.kind, x.value)}（样本不足）` : valueText(def.kind, x.value),
        x.points === null ? (x.sampleShort ? '样本不足' : '不适用') : Math.round(x.points * 100) / 100,
        x.weight,
      ]);
    }

  const items = wb.addWorksheet('手工加减分');
  items.addRow(['单位', '类别', '分值', '事由', '状态', '提出人', '审批人', '审批意见']);
  header(items, 1);
  items.columns = [
    { width: 18 },
    { width: 8 },
    { width: 8 },
    { width: 40 },
    { width: 8 },
    { width: 10 },
    { width: 10 },
    { width: 24 },
  ];
  const itemState = { pending: '待审批', approved: '已批准', refused: '已驳回' } as const;
  for (const i of v.items)
    items.addRow([
      i.unitName,
      i.kind === 'bonus' ? '加分' : '扣分',
      i.points,
      i.reason,
      itemState[i.state],
      i.createdBy,
      i.decidedBy ?? '',
      i.decisionNote ?? '',
    ]);

  const defs = wb.addWorksheet('指标口径');
  defs.addRow(['指标', '类型', '权重', '目标值 / 每项扣分', '底线值 / 封顶', '口径']);
  header(defs, 1);
  defs.columns = [{ width: 16 }, { width: 8 }, { width: 8 }, { width: 14 }, { width: 14 }, { width: 90 }];
  for (const s of v.scheme.indicators) {
    const def = indicator(s.key);
    const row =
      s.kind === 'rate'
        ? defs.addRow([def.nameZh, '比率', s.weight, `${s.target * 100}%`, `${s.floor * 100}%`, def.definitionZh])
        : defs.addRow([def.nameZh, '扣分', s.weight, s.perItem, s.cap, def.definitionZh]);
    row.getCell(6).alignment = { wrapText: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function html(v: RunView, kind: 'analysis' | 'ranking', lines: string[], points: TrendPoint[]): string {
  const keys = v.scheme.indicators.map((i) => i.key);
  const rows = v.ranking
    .map(
      (r) =>
        `<tr><td>${r.rank}</td><td class="l">${escape(r.unitName)}</td><td><b>${r.score.toFixed(2)}</b></td><td>${r.manual === 0 ? '' : r.manual > 0 ? `+${r.manual}` : r.manual}</td><td>${change(r.previousRank, r.rank)}</td>${keys
          .map((k) => {
            const x = r.values.find((y) => y.indicator === k);
            const text = valueText(indicator(k).kind, x?.value ?? null);
            return `<td>${x?.sampleShort ? `${text}<br><small>样本不足</small>` : text}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  const defs = v.scheme.indicators
    .map((s) => `<li><b>${indicator(s.key).nameZh}</b>（权重 ${s.weight}）：${escape(indicator(s.key).definitionZh)}</li>`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #222; margin: 0; }
  h1 { color: #c0392b; text-align: center; font-size: 18pt; margin: 0 0 4pt; }
  .sub { text-align: center; color: #555; margin-bottom: 10pt; border-bottom: 2px solid #c0392b; padding-bottom: 6pt; }
  h2 { font-size: 12pt; border-left: 4pt solid #c0392b; padding-left: 6pt; margin: 12pt 0 6pt; }
  p.n { text-indent: 2em; line-height: 1.7; margin: 2pt 0; }
  table { border-collapse: collapse; width: 100%; font-size: 8pt; }
  th, td { border: 1px solid #999; padding: 2pt 3pt; text-align: center; }
  th { background: #f3d9d6; } td.l { text-align: left; }
  ul { font-size: 8pt; line-height: 1.5; padding-left: 14pt; }
  .chart { text-align: center; page-break-inside: avoid; }
</style></head><body>
<h1>${escape(v.scheme.name)} · ${KIND_TITLE[kind]}</h1>
<div class="sub">考核期 ${v.run.period} · 第 ${v.run.revision} 版 · ${STATE_ZH[v.run.state]}${v.run.reason ? ` · 修订原因：${escape(v.run.reason)}` : ''}</div>
<h2>总体情况</h2>${lines.map((l) => `<p class="n">${escape(l)}</p>`).join('')}
${kind === 'analysis' ? `<h2>趋势</h2><div class="chart">${trendLines(points)}</div>` : ''}
<h2>综合得分排名</h2><div class="chart">${rankingBars(v.ranking)}</div>
<table><thead><tr><th>名次</th><th>单位</th><th>综合得分</th><th>加减分</th><th>名次变化</th>${keys.map((k) => `<th>${indicator(k).nameZh}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
<h2>指标口径</h2><ul>${defs}</ul>
</body></html>`;
}

/** The 月报分析 / 考核排名 of a run as Excel or PDF (charts by ECharts' server-side SVG). */
export async function report(
  ctx: ServiceContext,
  input: ParsedInputOf<'assessment.report'>,
): Promise<OutputOf<'assessment.report'>> {
  requireActor(ctx);
  const run = requireRun(ctx.db, input.runId);
  const v = view(ctx, { schemeCode: run.schemeCode, period: run.period, revision: run.revision });
  if (!v || run.computedAt === null) throw new AppError('CONFLICT', 'Compute this assessment before exporting it.');
  const points = trend(ctx.db, v);
  const lines = narrative(v, points);
  const base = `${v.scheme.name}-${v.run.period}-${KIND_TITLE[input.kind]}-第${v.run.revision}版`;
  if (input.format === 'xlsx') {
    const bytes = await workbook(v, input.kind, lines, points);
    return {
      name: `${base}.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      dataBase64: bytes.toString('base64'),
    };
  }
  const pdf = await ctx.printPdf(html(v, input.kind, lines, points), { landscape: false });
  return { name: `${base}.pdf`, mime: 'application/pdf', dataBase64: Buffer.from(pdf).toString('base64') };
}
