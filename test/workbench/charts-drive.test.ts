// The workbench's chart data and its Drive, driven directly (no server, no browser) on the real
// built add-on and on charts inserted the way a script inserts them.
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD, requireBuild } from '../helpers.ts';
import { Workbench } from '../../local/workbench/session.ts';
import { chartView, DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH } from '../../local/workbench/chart-view.ts';
import { Emulator } from '../../local/emulator/index.ts';

beforeAll(() => requireBuild());

describe('chartView', () => {
  function sheetWith(rows: unknown[][]) {
    const emu = new Emulator({ buildDir: BUILD });
    const ss = emu.active;
    const sheet = ss.getSheets()[0];
    sheet.getRange(1, 1, rows.length, rows[0].length).setValues(rows);
    return { ss, sheet };
  }

  it('takes the first row as series names when it holds text over the numbers, and reads values live', () => {
    const { sheet } = sheetWith([
      ['Month', 'Pitches', 'Replies'],
      ['Jan', 3, 1],
      ['Feb', 5, '=B3-1'],
    ]);
    sheet.insertChart(sheet.newChart().addRange(sheet.getRange('A1:C3')).setOption('title', 'By month').setPosition(2, 5, 3, 4).build());
    const view = () => chartView(sheet._charts[0]);
    expect(view()).toMatchObject({
      type: 'COLUMN',
      title: 'By month',
      anchor: { row: 2, col: 5, offsetX: 3, offsetY: 4 },
      width: DEFAULT_CHART_WIDTH,
      height: DEFAULT_CHART_HEIGHT,
      series: ['Pitches', 'Replies'],
      points: [
        { label: 'Jan', values: [3, 1] },
        { label: 'Feb', values: [5, 4] },
      ],
      legend: true,
    });
    sheet.getRange('B3').setValue(8);
    expect(view().points[1].values).toEqual([8, 7]);
  });

  it('has no header row when the first row is data, and one when setNumHeaders says so; a blank or text value is no bar', () => {
    const { sheet } = sheetWith([
      ['Contacts', 40],
      ['Pitched', ''],
      ['Replied', 'n/a'],
    ]);
    sheet.insertChart(
      sheet.newChart().setChartType('BAR').addRange(sheet.getRange('A1:B3')).setOption('legend', { position: 'none' }).setOption('width', 400).build(),
    );
    const guessed = chartView(sheet._charts[0]);
    expect(guessed.series).toEqual(['Series 1']);
    expect(guessed.points.map((p) => [p.label, p.values[0]])).toEqual([
      ['Contacts', 40],
      ['Pitched', null],
      ['Replied', null],
    ]);
    expect(guessed).toMatchObject({ legend: false, width: 400, height: DEFAULT_CHART_HEIGHT });
    const chart = sheet.getCharts()[0];
    sheet.updateChart(chart.modify().setNumHeaders(1).build());
    expect(chartView(sheet._charts[0]).series).toEqual(['40']);
  });
});

describe('the Drive, on the sample shared with a coach by copy', () => {
  let bench: Workbench;
  let copyId: string;
  beforeAll(async () => {
    bench = await Workbench.open({ buildDir: BUILD, timeZone: 'Etc/UTC' });
    const shared = bench.runFromPage('shareWithCoachNow', [{ email: 'coach@example.com', mode: 'copy', role: 'viewer' }]);
    expect(shared).toMatchObject({ ok: true });
    copyId = bench.files().find((f) => !f.tracker)!.id;
  });

  it('lists the tracker and the copy with their people', () => {
    expect(bench.files().map((f) => [f.name, f.tracker, f.people.map((p) => p.access)])).toEqual([
      ['Sample tracker', true, ['owner']],
      ['Sample tracker – coach view', false, ['owner', 'viewer']],
    ]);
  });

  it('opens the copy only as someone it is shared with, and refuses a viewer every edit', () => {
    expect(() => bench.openFileAs(copyId, 'stranger@example.com')).toThrow(RangeError);
    bench.openFileAs(copyId, 'coach@example.com');
    const s = bench.snapshot();
    expect(s).toMatchObject({ title: 'Sample tracker – coach view', activeSheet: 'Progress', menus: [], sidebar: null, dialog: null });
    expect(s.other).toMatchObject({ id: copyId, as: 'coach@example.com', access: 'viewer' });
    expect(bench.edit('Progress', 2, 1, 'x')).toMatchObject({ ok: false, title: 'View only' });
    expect(bench.clear('Progress', [{ row: 2, col: 1, numRows: 1, numCols: 1 }])).toMatchObject({ ok: false, title: 'View only' });
    expect(bench.snapshot().window.rows[0][0]?.text).not.toBe('x');
    // The copy's Dashboard has its own funnel, drawn from the copy's figures.
    bench.select('Dashboard');
    const [funnel] = bench.snapshot().charts;
    expect(funnel).toMatchObject({ title: 'Outreach funnel', type: 'BAR' });
    expect(funnel.points[0]).toEqual({ label: 'Contacts', values: [40] });
    bench.backToTracker();
    expect(bench.snapshot()).toMatchObject({ title: 'Sample tracker', other: null });
  });
});
