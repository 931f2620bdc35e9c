// The data of a sheet's embedded charts as Sheets reads it for drawing: taken from the live
// values of the chart's ranges each time a snapshot is made, so a chart follows its cells.
// Read through the emulator's internal (uncounted) accessors, like the grid (view.ts).

import type { ChartData } from '../emulator/spreadsheet/charts.ts';
import type { EmuSheet } from '../emulator/spreadsheet/sheet.ts';
import type { ChartView } from './protocol.ts';

/**
 * Sheets' size for a chart whose options set none (what "Insert › Chart" and
 * EmbeddedChartBuilder give; assumed: Google does not document it, 600 × 371 is what a chart
 * inserted by a script measures in Sheets).
 */
export const DEFAULT_CHART_WIDTH = 600;
export const DEFAULT_CHART_HEIGHT = 371;

function size(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * The chart's table: the columns of its ranges side by side (Sheets joins several ranges column
 * by column; assumed to line up row for row, as the ranges a script adds usually do).
 */
function table(chart: ChartData): { values: unknown[][]; shown: string[][] } {
  const values: unknown[][] = [];
  const shown: string[][] = [];
  for (const { sheet, rect } of chart.ranges) {
    const v = sheet._readValues(rect);
    const d = sheet._readDisplay(rect);
    v.forEach((row, i) => {
      (values[i] ??= []).push(...row);
      (shown[i] ??= []).push(...d[i]);
    });
  }
  return { values, shown };
}

/**
 * Rows of headers: setNumHeaders' count, or, when left to Sheets (-1), one when the first row
 * holds text where the series have their numbers (Sheets' own guess works this way for a row
 * of column titles; its exact rule is not documented).
 */
function headerRows(chart: ChartData, values: unknown[][]): number {
  if (chart.numHeaders >= 0) return Math.min(chart.numHeaders, values.length);
  const first = values[0];
  if (!first || first.length < 2) return 0;
  return first.slice(1).some((v) => typeof v === 'string' && v !== '') ? 1 : 0;
}

export function chartView(chart: ChartData): ChartView {
  const { values, shown } = table(chart);
  const headers = headerRows(chart, values);
  const columns = Math.max(0, ...values.map((r) => r.length));
  const series = Array.from({ length: Math.max(0, columns - 1) }, (_, k) => (headers ? shown[0][k + 1] : '') || `Series ${k + 1}`);
  const points = values.slice(headers).map((row, i) => ({
    label: shown[headers + i][0] ?? '',
    values: series.map((_, k) => (typeof row[k + 1] === 'number' ? (row[k + 1] as number) : null)),
  }));
  const options = chart.options;
  const legend = options.legend as { position?: unknown } | string | undefined;
  const legendPosition = typeof legend === 'string' ? legend : legend?.position;
  return {
    id: chart.id ?? 0,
    type: chart.type,
    title: typeof options.title === 'string' ? options.title : '',
    anchor: { ...chart.anchor },
    width: size(options.width, DEFAULT_CHART_WIDTH),
    height: size(options.height, DEFAULT_CHART_HEIGHT),
    series,
    points,
    legend: legendPosition !== 'none',
  };
}

export function chartViews(sheet: EmuSheet): ChartView[] {
  return sheet._charts.filter((c) => c.id !== null).map(chartView);
}
