// Embedded charts: recorded, not drawn. A sheet keeps the charts inserted on it (type, data
// ranges, options, anchor cell) so that tests and the workbench can check what a script built.
// Builders follow Google's EmbeddedChartBuilder: changes reach the sheet only through
// insertChart or updateChart. Data ranges follow inserted and deleted rows and columns of the
// sheet the chart is on. Charts are not exported to .xlsx.

import { instrument, RT, GasException, type Runtime, type GasShape } from '../runtime.ts';
import type { GridRect } from './a1.ts';
import type { EmuRange } from './range.ts';
import type { EmuSheet } from './sheet.ts';

/** Charts.ChartType: Apps Script enum values print as their names. */
export const ChartType = {
  TIMELINE: 'TIMELINE',
  AREA: 'AREA',
  BAR: 'BAR',
  BUBBLE: 'BUBBLE',
  CANDLESTICK: 'CANDLESTICK',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  GAUGE: 'GAUGE',
  GEO: 'GEO',
  HISTOGRAM: 'HISTOGRAM',
  RADAR: 'RADAR',
  LINE: 'LINE',
  ORG: 'ORG',
  PIE: 'PIE',
  SCATTER: 'SCATTER',
  SPARKLINE: 'SPARKLINE',
  STEPPED_AREA: 'STEPPED_AREA',
  TABLE: 'TABLE',
  TREEMAP: 'TREEMAP',
  WATERFALL: 'WATERFALL',
} as const;
export type ChartTypeName = keyof typeof ChartType;

/** The `Charts` global, as far as embedded charts need it (its enums). */
export class EmuCharts {
  readonly ChartType = ChartType;
}

export interface ChartAnchor {
  row: number;
  col: number;
  offsetX: number;
  offsetY: number;
}

/** One chart as the sheet records it. */
export interface ChartData {
  /** Null until the chart is inserted on a sheet. */
  id: number | null;
  type: ChartTypeName;
  ranges: { sheet: EmuSheet; rect: GridRect }[];
  options: Record<string, unknown>;
  anchor: ChartAnchor;
  numHeaders: number;
}

let nextChartId = 1_000;

export function copyChartData(d: ChartData): ChartData {
  return { ...d, ranges: d.ranges.map((r) => ({ sheet: r.sheet, rect: { ...r.rect } })), options: { ...d.options }, anchor: { ...d.anchor } };
}

function chartType(type: unknown): ChartTypeName {
  const name = String(type);
  if (!(name in ChartType)) throw new GasException(`Invalid argument: type (${name})`);
  return name as ChartTypeName;
}

type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type Chart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

export class EmuEmbeddedChartBuilder implements GasShape<
  Builder,
  'addRange' | 'build' | 'clearRanges' | 'getChartType' | 'getRanges' | 'removeRange' | 'setChartType' | 'setNumHeaders' | 'setOption' | 'setPosition'
> {
  readonly [RT]: Runtime;
  readonly _data: ChartData;

  constructor(
    readonly _sheet: EmuSheet,
    data?: ChartData,
  ) {
    this[RT] = _sheet[RT];
    this._data = data
      ? copyChartData(data)
      : { id: null, type: 'COLUMN', ranges: [], options: {}, anchor: { row: 1, col: 1, offsetX: 0, offsetY: 0 }, numHeaders: -1 };
  }

  addRange(range: EmuRange): this {
    this._data.ranges.push({ sheet: range._sheet, rect: { ...range._rect } });
    return this;
  }
  removeRange(range: EmuRange): this {
    const r = range._rect;
    this._data.ranges = this._data.ranges.filter(
      (x) => !(x.sheet === range._sheet && x.rect.row === r.row && x.rect.col === r.col && x.rect.numRows === r.numRows && x.rect.numCols === r.numCols),
    );
    return this;
  }
  clearRanges(): this {
    this._data.ranges = [];
    return this;
  }
  getRanges(): EmuRange[] {
    return this._data.ranges.map((r) => r.sheet._range(r.rect));
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType | ChartTypeName): this {
    this._data.type = chartType(type);
    return this;
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return this._data.type as unknown as GoogleAppsScript.Charts.ChartType;
  }
  setOption(option: string, value: unknown): this {
    this._data.options[option] = value;
    return this;
  }
  setNumHeaders(headers: number): this {
    this._data.numHeaders = headers;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    if (anchorRowPos < 1 || anchorColPos < 1) throw new GasException('The coordinates of the range are outside the dimensions of the sheet.');
    this._data.anchor = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this;
  }
  build(): EmuEmbeddedChart {
    return new EmuEmbeddedChart(this._sheet, copyChartData(this._data));
  }
}

export class EmuEmbeddedChart implements GasShape<Chart, 'getChartId' | 'getNumHeaders' | 'getOptions' | 'getRanges' | 'modify' | 'getContainerInfo'> {
  readonly [RT]: Runtime;
  constructor(
    readonly _sheet: EmuSheet,
    readonly _data: ChartData,
  ) {
    this[RT] = _sheet[RT];
  }
  getChartId(): number | null {
    return this._data.id;
  }
  getNumHeaders(): number {
    return this._data.numHeaders;
  }
  getOptions(): { get(option: string): unknown } {
    const options = { ...this._data.options };
    return { get: (option: string) => options[option] ?? null };
  }
  getRanges(): EmuRange[] {
    return this._data.ranges.map((r) => r.sheet._range(r.rect));
  }
  getContainerInfo(): { getAnchorColumn(): number; getAnchorRow(): number; getOffsetX(): number; getOffsetY(): number } {
    const a = { ...this._data.anchor };
    return { getAnchorColumn: () => a.col, getAnchorRow: () => a.row, getOffsetX: () => a.offsetX, getOffsetY: () => a.offsetY };
  }
  modify(): EmuEmbeddedChartBuilder {
    return new EmuEmbeddedChartBuilder(this._sheet, this._data);
  }
}

/** Sheet.insertChart: stores a copy, giving it an ID. */
export function insertChart(charts: ChartData[], chart: EmuEmbeddedChart): void {
  if (chart._data.id !== null && charts.some((c) => c.id === chart._data.id)) throw new GasException('This chart is already on the sheet.');
  const data = copyChartData(chart._data);
  data.id = nextChartId++;
  chart._data.id = data.id;
  charts.push(data);
}

/** Sheet.updateChart: replaces the stored chart with the same ID. */
export function updateChart(charts: ChartData[], chart: EmuEmbeddedChart): void {
  const at = charts.findIndex((c) => c.id !== null && c.id === chart._data.id);
  if (at < 0) throw new GasException('The chart could not be found on this sheet.');
  charts[at] = copyChartData(chart._data);
}

export function removeChart(charts: ChartData[], chart: EmuEmbeddedChart): ChartData[] {
  const kept = charts.filter((c) => c.id === null || c.id !== chart._data.id);
  if (kept.length === charts.length) throw new GasException('The chart could not be found on this sheet.');
  return kept;
}

/** Moves the chart ranges on `sheet` after rows or columns were inserted or deleted there. */
export function shiftChartRanges(charts: ChartData[], sheet: EmuSheet, keep: (r: GridRect) => GridRect | null): void {
  for (const chart of charts) {
    chart.ranges = chart.ranges.flatMap((r) => {
      if (r.sheet !== sheet) return [r];
      const moved = keep(r.rect);
      return moved ? [{ sheet: r.sheet, rect: moved }] : [];
    });
  }
}

instrument(EmuEmbeddedChartBuilder, 'EmbeddedChartBuilder');
instrument(EmuEmbeddedChart, 'EmbeddedChart');
