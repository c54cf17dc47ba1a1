/**
 * The report's charts as Apache ECharts options, built here once and used twice: sent in the
 * JSON for the Laporan screen (frontend ReportChart.vue hands them to `echarts/core`) and
 * rendered server-side into the PDF (reports.render-chart.ts). One builder, so the screen and
 * the document cannot draw different figures; options are plain JSON (no functions).
 */
export interface ChartSpec {
  id: string;
  title: string;
  option: Record<string, unknown>;
}

export const PALETTE = ['#2f6f9f', '#c0392b', '#e0a526', '#3c9d6b', '#7d5ba6', '#8c8c8c'];

interface Series {
  name: string;
  values: number[];
  color?: string;
}

const FONT = 'DejaVu Sans Condensed, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';

function base(title: string): Record<string, unknown> {
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 14, fontWeight: 'bold' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  };
}

/** Horizontal bars (labels can be long: unit and category names), one or more series;
 * several series stack. */
export function barChart(
  id: string,
  title: string,
  categories: string[],
  series: Series[],
): ChartSpec {
  const stacked = series.length > 1;
  return {
    id,
    title,
    option: {
      ...base(title),
      legend: stacked ? { bottom: 0, type: 'scroll' } : undefined,
      grid: { left: 8, right: 32, top: 36, bottom: stacked ? 32 : 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: categories,
        axisLabel: { width: 210, overflow: 'truncate' },
      },
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: stacked ? 'total' : undefined,
        // A zero draws no bar; its label would sit alone on the axis.
        data: s.values.map((value) => (value === 0 ? { value, label: { show: false } } : value)),
        itemStyle: s.color ? { color: s.color } : undefined,
        label: { show: true, position: stacked ? 'inside' : 'right', formatter: '{c}' },
        // A figure that does not fit its thin segment is left to the table below.
        labelLayout: stacked ? { hideOverlap: true } : undefined,
        barMaxWidth: 28,
      })),
    },
  };
}

/** A share of a whole (security classes, channels): a ring with its figures. */
export function pieChart(
  id: string,
  title: string,
  slices: Array<{ name: string; value: number }>,
): ChartSpec {
  return {
    id,
    title,
    option: {
      ...base(title),
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '50%'],
          data: slices.filter((s) => s.value > 0),
          label: { formatter: '{b}: {c}' },
        },
      ],
    },
  };
}

/** Whether a chart has anything to draw (an empty one says so in words instead). */
export function hasData(chart: ChartSpec): boolean {
  const series = (chart.option.series ?? []) as Array<{ data: Array<number | { value: number }> }>;
  return series.some((s) => s.data.some((d) => (typeof d === 'number' ? d : d.value) > 0));
}
