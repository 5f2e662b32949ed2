import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { TrendPoint } from './analysis';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

const FONT = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

/** ECharts' server-side rendering: an SVG string, no browser, no canvas. */
function svg(width: number, height: number, option: Record<string, unknown>): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

export function rankingBars(rows: { unitName: string; score: number }[]): string {
  const ordered = [...rows].reverse();
  return svg(680, Math.max(160, 26 * rows.length + 60), {
    grid: { left: 130, right: 50, top: 20, bottom: 30 },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', data: ordered.map((r) => r.unitName) },
    series: [
      {
        type: 'bar',
        data: ordered.map((r) => r.score),
        itemStyle: { color: '#c0392b' },
        label: { show: true, position: 'right', formatter: (p: { value: number }) => p.value.toFixed(2) },
      },
    ],
  });
}

export function trendLines(points: TrendPoint[]): string {
  const series = (
    [
      ['按期办结率', 'closed_on_time'],
      ['办结率', 'closure'],
      ['满意率', 'satisfaction'],
    ] as const
  ).map(([name, key]) => ({
    name,
    type: 'line',
    connectNulls: true,
    data: points.map((p) => (p.rates[key] === undefined ? null : Math.round(p.rates[key] * 1000) / 10)),
  }));
  return svg(680, 260, {
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series,
  });
}
