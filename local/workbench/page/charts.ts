// The active sheet's embedded charts, drawn as plain SVG over the grid at their anchor cell, as
// Sheets floats them over the cells. Redrawn from every snapshot, whose chart data the server
// read from the live values of the chart's ranges. Titles and labels come from cells: they go in
// with textContent only. Bar and column charts are drawn (the Dashboard's funnel is a bar chart);
// any other type shows its title and says it is not drawn here.

import type { ChartView } from '../protocol.ts';

const SVG = 'http://www.w3.org/2000/svg';
/** Sheets' first series colours. */
const COLOURS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6'];
const TITLE_SPACE = 44;
const AXIS_SPACE = 28;
const LABEL_CHAR_PX = 7;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A round axis maximum (1, 2 or 5 times a power of ten) and its step, for `steps` gridlines. */
function axis(max: number, steps = 5): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const raw = max / steps;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const whole = Math.max(step, Math.ceil(max / step) * step);
  return { top: whole, step };
}

function number(n: number): string {
  return Number(n.toPrecision(12)).toLocaleString('en-US');
}

/** Bars along x (BAR) or columns along y (COLUMN), one band per category, one bar per series in it. */
function drawBars(root: SVGSVGElement, chart: ChartView, horizontal: boolean): void {
  const { width, height, points, series } = chart;
  const values = points.flatMap((p) => p.values.filter((v): v is number => v !== null));
  const { top: max, step } = axis(Math.max(0, ...values));
  const longest = Math.max(0, ...points.map((p) => p.label.length));
  const left = horizontal ? Math.min(width * 0.35, 16 + longest * LABEL_CHAR_PX) : 48;
  const legendSpace = chart.legend && series.length ? 24 : 0;
  const plot = { x: left, y: (chart.title ? TITLE_SPACE : 16) + legendSpace, w: 0, h: 0 };
  plot.w = Math.max(10, width - left - 24);
  plot.h = Math.max(10, height - plot.y - AXIS_SPACE);
  const grid = svg('g', { class: 'chart-grid' });
  for (let n = 0; n * step <= max + step / 2; n++) {
    const v = n * step;
    const at = (v / max) * (horizontal ? plot.w : plot.h);
    if (horizontal) {
      grid.append(svg('line', { x1: plot.x + at, x2: plot.x + at, y1: plot.y, y2: plot.y + plot.h, stroke: v ? '#e0e0e0' : '#333' }));
      grid.append(svg('text', { x: plot.x + at, y: plot.y + plot.h + 18, 'text-anchor': 'middle' }, number(v)));
    } else {
      const y = plot.y + plot.h - at;
      grid.append(svg('line', { x1: plot.x, x2: plot.x + plot.w, y1: y, y2: y, stroke: v ? '#e0e0e0' : '#333' }));
      grid.append(svg('text', { x: plot.x - 6, y: y + 4, 'text-anchor': 'end' }, number(v)));
    }
  }
  root.append(grid);
  const band = (horizontal ? plot.h : plot.w) / Math.max(1, points.length);
  const thickness = (band * 0.62) / Math.max(1, series.length);
  points.forEach((p, i) => {
    const bandStart = (horizontal ? plot.y : plot.x) + i * band;
    const label = horizontal
      ? svg('text', { x: plot.x - 8, y: bandStart + band / 2 + 4, 'text-anchor': 'end', class: 'chart-label' }, p.label)
      : svg('text', { x: bandStart + band / 2, y: plot.y + plot.h + 18, 'text-anchor': 'middle', class: 'chart-label' }, p.label);
    root.append(label);
    p.values.forEach((value, k) => {
      if (value === null) return;
      const length = (Math.max(0, value) / max) * (horizontal ? plot.w : plot.h);
      const offset = bandStart + band * 0.19 + k * thickness;
      const rect = horizontal
        ? svg('rect', { x: plot.x, y: offset, width: length, height: thickness })
        : svg('rect', { x: offset, y: plot.y + plot.h - length, width: thickness, height: length });
      rect.setAttribute('class', 'bar');
      rect.setAttribute('fill', COLOURS[k % COLOURS.length]);
      rect.dataset.label = p.label;
      rect.dataset.series = series[k];
      rect.dataset.value = String(value);
      // Sheets shows the category and value in a tooltip on hover.
      rect.append(svg('title', {}, `${p.label}\n${series[k]}: ${number(value)}`));
      root.append(rect);
    });
  });
  if (legendSpace) {
    const legend = svg('g', { class: 'chart-legend' });
    series.forEach((name, k) => {
      const x = plot.x + k * 140;
      legend.append(svg('rect', { x, y: plot.y - 20, width: 12, height: 12, fill: COLOURS[k % COLOURS.length] }));
      legend.append(svg('text', { x: x + 18, y: plot.y - 10 }, name));
    });
    root.append(legend);
  }
}

function drawChart(chart: ChartView, origin: { x: number; y: number }): HTMLElement {
  const box = document.createElement('figure');
  box.className = 'chart';
  box.dataset.chartId = String(chart.id);
  box.dataset.type = chart.type;
  box.style.left = `${origin.x + chart.anchor.offsetX}px`;
  box.style.top = `${origin.y + chart.anchor.offsetY}px`;
  box.style.width = `${chart.width}px`;
  box.style.height = `${chart.height}px`;
  box.setAttribute('aria-label', chart.title || `${chart.type} chart`);
  const root = svg('svg', { width: chart.width, height: chart.height, viewBox: `0 0 ${chart.width} ${chart.height}`, role: 'img' });
  if (chart.title) root.append(svg('text', { x: 16, y: 28, class: 'chart-title' }, chart.title));
  if (chart.type === 'BAR' || chart.type === 'COLUMN') drawBars(root, chart, chart.type === 'BAR');
  else root.append(svg('text', { x: 16, y: 60, class: 'chart-label' }, `${chart.type} charts are not drawn in the workbench (Sheets draws them).`));
  box.append(root);
  return box;
}

/** Draws `charts` in `layer` (a box over the grid that scrolls with it). */
export function showCharts(layer: HTMLElement, charts: ChartView[], origin: (p: { row: number; col: number }) => { x: number; y: number }): void {
  layer.replaceChildren(...charts.map((c) => drawChart(c, origin(c.anchor))));
}
