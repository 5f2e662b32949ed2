/**
 * The parts of ECharts the dashboard draws with, registered once: importing
 * `echarts/core` plus these keeps the bundle a fraction of the full build.
 */
import { BarChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  CanvasRenderer,
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
]);

export { registerMap };

/** Colours shared by every chart: warnings as in the queue, the rest from the command-room palette. */
export const CHART_COLOURS = {
  red: '#f5484d',
  yellow: '#f2b416',
  blue: '#3d8bfd',
  cyan: '#2fc7c9',
  green: '#35c27e',
  purple: '#8f6bf2',
  grey: '#7d8aa3',
};

export const LEVEL_COLOURS = [CHART_COLOURS.green, CHART_COLOURS.cyan, CHART_COLOURS.blue, CHART_COLOURS.purple];

/** Text and axis colours for the light app theme and for dark screens (dark theme, wall display). */
export function chartInk(dark: boolean) {
  return dark
    ? { text: '#c9d6ea', muted: '#7f90aa', line: '#22324a', area: '#15223a' }
    : { text: '#303133', muted: '#909399', line: '#e4e7ed', area: '#f2f6fc' };
}
