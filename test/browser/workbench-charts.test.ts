// The Dashboard's charts in the workbench, drawn as Sheets draws them: the funnel the add-on's
// Build dashboard inserts, over the grid at its anchor cell, with one bar per row of its range
// showing the live value of that row, redrawn after an event is logged. And a chart whose title
// and labels come from cells holding markup, which must show as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { FUNNEL_CHART_TITLE } from '../../src/core/dashboard/definitions.ts';
import type { ChartView, GridWindow } from '../../local/workbench/protocol.ts';
import {
  dialogFrame,
  docsScreenshot,
  editCell,
  idle,
  openMenu,
  openPage,
  selectRow,
  serverState,
  sampleWorkbench,
  sharedBrowser,
  startWorkbench,
  type RunningWorkbench,
} from './harness.ts';

interface Bar {
  label: string;
  value: number;
}

/** The bars the page drew in the chart titled `title`, top to bottom. */
function drawnBars(page: Page, title: string): Promise<Bar[]> {
  return page
    .locator(`figure.chart[aria-label="${title}"] rect.bar`)
    .evaluateAll((rects) => rects.map((r) => ({ label: (r as SVGElement).dataset.label ?? '', value: Number((r as SVGElement).dataset.value) })));
}

/** What the cells of the chart's range hold, as the server's workbook has them (labels in the first column, values in the second). */
async function rangeRows(url: string, sheet: string, chart: ChartView, rows: number): Promise<Bar[]> {
  const res = await fetch(`${url}/api/window?sheet=${encodeURIComponent(sheet)}&top=1&rows=200`);
  const window = (await res.json()) as GridWindow;
  const all = [...window.frozen, ...window.rows];
  // The funnel is anchored on the row above its data, in the chart column: its data is in A:B below.
  return Array.from({ length: rows }, (_, i) => {
    const cells = all[chart.anchor.row + i];
    return { label: cells[0]?.text ?? '', value: Number(cells[1]?.text.replace(/,/g, '')) };
  });
}

describe('the Dashboard funnel in the workbench', () => {
  const browser = sharedBrowser();
  const sample = sampleWorkbench(browser);

  async function openDashboard(): Promise<ChartView> {
    await sample.page.locator('.tab', { hasText: 'Dashboard' }).click();
    await idle(sample.page);
    const state = await serverState(sample.wb.url);
    expect(state.snapshot.activeSheet).toBe('Dashboard');
    const funnel = state.snapshot.charts.find((c) => c.title === FUNNEL_CHART_TITLE);
    expect(funnel).toBeDefined();
    return funnel!;
  }

  it('is drawn at its anchor cell with one bar per row of its range, each the value its row shows', async () => {
    const funnel = await openDashboard();
    const figure = sample.page.locator(`figure.chart[aria-label="${FUNNEL_CHART_TITLE}"]`);
    await figure.waitFor();
    expect(await figure.getAttribute('data-type')).toBe('BAR');
    expect(await figure.locator('.chart-title').textContent()).toBe(FUNNEL_CHART_TITLE);
    // Its top-left corner is the anchor cell's (Sheets anchors a chart on a cell).
    const anchor = await sample.page.locator(`th.ch[data-col="${funnel.anchor.col}"]`).boundingBox();
    const rowHead = await sample.page.locator(`th.rh[data-row="${funnel.anchor.row}"]`).boundingBox();
    const box = await figure.boundingBox();
    expect(Math.abs(box!.x - anchor!.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(box!.y - rowHead!.y)).toBeLessThanOrEqual(1);

    const bars = await drawnBars(sample.page, FUNNEL_CHART_TITLE);
    expect(bars.map((b) => b.label)).toEqual([
      'Contacts',
      'Pitched',
      'Replied',
      'Informational interviews held',
      'Referrals received',
      'Job interviews',
      'Offers',
    ]);
    expect(bars).toEqual(await rangeRows(sample.wb.url, 'Dashboard', funnel, bars.length));
    expect(bars.some((b) => b.value > 0)).toBe(true);
    await figure.evaluate((el) => el.scrollIntoView({ block: 'nearest', inline: 'end' }));
    await docsScreenshot(sample.page, 'workbench-chart.png');
  });

  it('follows the values of its range: after a pitch is logged, the Pitched bar is one longer', async () => {
    const before = await drawnBars(sample.page, FUNNEL_CHART_TITLE);
    await sample.page.locator('.tab', { hasText: 'Contacts' }).click();
    await idle(sample.page);
    // The first contact the sample has not pitched yet.
    const state = await serverState(sample.wb.url);
    const stageCol = state.snapshot.window.frozen.at(-1)!.findIndex((c) => c?.text.replace('▾', '').trim() === 'Stage');
    expect(stageCol).toBeGreaterThan(-1);
    const row = state.snapshot.window.rows.findIndex((cells) => cells[stageCol]?.text === 'To contact') + state.snapshot.window.top;
    await selectRow(sample.page, row);
    await openMenu(sample.page, 'Mark pitch sent…');
    await sample.page.locator('.panel-dialog').waitFor();
    const dialog: FrameLocator = dialogFrame(sample.page);
    await dialog.locator('#who:not(:empty)').waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.locator('#status').innerText()).toMatch(/\S/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await sample.page.locator('.panel-dialog').waitFor({ state: 'detached' });
    await idle(sample.page);

    const funnel = await openDashboard();
    const after = await drawnBars(sample.page, FUNNEL_CHART_TITLE);
    const pitched = (bars: Bar[]) => bars.find((b) => b.label === 'Pitched')!.value;
    expect(pitched(after)).toBe(pitched(before) + 1);
    expect(after).toEqual(await rangeRows(sample.wb.url, 'Dashboard', funnel, after.length));
  });
});

const MARKUP = '<img src=x onerror="document.title=1">';
const CHART_CODE = `
function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Chart it', 'chartIt').addToUi(); }
function chartIt() {
  var sheet = SpreadsheetApp.getActiveSheet();
  sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('A1:C3'))
    .setOption('title', sheet.getRange('E1').getValue()).setPosition(5, 2, 10, 4).build());
}
`;

describe('a chart over cells that hold markup, on a stand-in add-on', () => {
  const browser = sharedBrowser();
  let wb: RunningWorkbench;
  let page: Page;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbench-charts-'));
    writeFileSync(join(dir, 'Code.js'), CHART_CODE);
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, `Month,"${MARKUP.replace(/"/g, '""')}",Replies,,"<b>Title</b>"\nJan,3,1\n<i>Feb</i>,5,2\n`);
    wb = await startWorkbench(csv, { buildDir: dir });
    page = await openPage(browser(), wb.url);
    await openMenu(page, 'Chart it');
    await idle(page);
  });
  afterAll(async () => {
    await page?.close();
    await wb?.stop();
  });

  it('shows the title, series names and labels as text, with its header row as the series names', async () => {
    const figure = page.locator('figure.chart');
    await figure.waitFor();
    expect(await figure.getAttribute('aria-label')).toBe('<b>Title</b>');
    expect(await figure.locator('.chart-title').textContent()).toBe('<b>Title</b>');
    expect(await figure.locator('img, b, i').count()).toBe(0);
    expect(await page.title()).not.toBe('1');
    const bars = await figure.locator('rect.bar').evaluateAll((rects) => rects.map((r) => ({ ...(r as SVGElement).dataset })));
    expect(bars).toEqual([
      { label: 'Jan', series: MARKUP, value: '3' },
      { label: 'Jan', series: 'Replies', value: '1' },
      { label: '<i>Feb</i>', series: MARKUP, value: '5' },
      { label: '<i>Feb</i>', series: 'Replies', value: '2' },
    ]);
    expect(await figure.locator('.chart-legend text').allTextContents()).toEqual([MARKUP, 'Replies']);
  });

  it('sits at its anchor cell moved by its offset', async () => {
    const column = await page.locator('th.ch[data-col="2"]').boundingBox();
    const row = await page.locator('th.rh[data-row="5"]').boundingBox();
    const box = await page.locator('figure.chart').boundingBox();
    expect(Math.round(box!.x - column!.x)).toBe(10);
    expect(Math.round(box!.y - row!.y)).toBe(4);
  });

  it('is drawn again from the cells when the user edits one', async () => {
    await editCell(page, 'B3', '9');
    await expect
      .poll(() => page.locator('figure.chart rect.bar').evaluateAll((rects) => rects.map((r) => (r as SVGElement).dataset.value)))
      .toEqual(['3', '1', '9', '2']);
  });
});
