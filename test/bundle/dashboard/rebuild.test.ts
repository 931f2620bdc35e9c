// Build dashboard through the built bundle: setup builds it, rebuilding is idempotent and never
// touches the user's settings, it repairs its formulas after the tracker changed shape, and it
// explains what is wrong when a column it needs is gone.
import { describe, expect, it } from 'vitest';
import { EmuRangeList, type EmuSheet } from '../../../local/emulator/spreadsheet/sheet.ts';
import { EmuRange } from '../../../local/emulator/spreadsheet/range.ts';
import { columnToLetters } from '../../../local/emulator/spreadsheet/a1.ts';
import { EVENT_LABELS } from '../../../src/core/logging/events.ts';
import { RECENT_EVENTS_CAP } from '../../../src/core/dashboard/layout.ts';
import type { DashboardResult, SetupResult } from '../../../src/shared/types.ts';
import { addOn } from '../../helpers.ts';
import { dayIn, isoDay, rowOf, section, World } from './world.ts';

const SETTINGS = 'Settings: yours to edit (yellow cells)';

function grid(sheet: EmuSheet): unknown[][] {
  return sheet.getRange(1, 1, sheet.getLastRow(), 6).getValues();
}

function formulas(sheet: EmuSheet): string[][] {
  return sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
}

/** Every cell on the sheet showing a formula error. */
function errors(sheet: EmuSheet): string[] {
  const out: string[] = [];
  sheet
    .getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn())
    .getValues()
    .forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v === 'string' && /^#[A-Z/0!?]+/.test(v)) out.push(`R${i + 1}C${j + 1} ${v}`);
      }),
    );
  return out;
}

function settingRow(sheet: EmuSheet, label: string): number {
  const g = grid(sheet);
  return g.indexOf(rowOf(section(g, SETTINGS), label)) + 1;
}

function total(sheet: EmuSheet, label: string): unknown {
  return rowOf(section(grid(sheet), 'Totals'), label)[1];
}

describe('Build dashboard', () => {
  it('is built by Set up tracker before any event, and gets its log formula with the first event', () => {
    const app = addOn({ csv: 'Name,Email\nAda Lovelace,ada@example.com\nAlan Turing,\n', sheetName: 'Contacts' });
    const setup = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
    expect(setup.ok && setup.warnings).toEqual([]);
    const dash = app.ss.getSheetByName('Dashboard')!;
    expect(dash).not.toBeNull();
    expect(app.ss.getSheetByName('Interview log')).toBeNull();
    expect(errors(dash)).toEqual([]);
    expect(total(dash, 'Contacts')).toBe(2);
    const activity = () => rowOf(section(grid(dash), 'Activity in the Interview log'), 'All events')[1];
    expect(activity()).toBe(0);

    // No formula names the log before it exists; the first logged event creates it and gives
    // the dashboard the formula that reads it.
    expect(formulas(dash).flat().join('\n')).not.toContain('Interview log');
    const today = isoDay(dayIn(app.emu.rt.now(), 'Etc/UTC'));
    const logged = app.bundle.run('logPitchSent', [{ eventId: 'rebuild-1', contactIds: ['C-0001'], date: today }]).result as { ok: boolean };
    expect(logged.ok).toBe(true);
    expect(activity()).toBe(1);
    expect(total(dash, 'Pitched')).toBe(1);
    expect(errors(dash)).toEqual([]);
  });

  it('rebuilds to the same sheet, one funnel chart over the totals, and keeps what the user set', () => {
    const w = new World({ timeZone: 'Europe/Paris', rows: 10 });
    w.createLog();
    const first = w.refresh();
    expect(first.ok).toBe(true);
    const dash = w.dashboard();
    const before = formulas(dash);

    // The user sets goals: a number, and a formula for the date.
    dash.getRange(settingRow(dash, 'Goal: names on your list'), 2).setValue(40);
    dash.getRange(settingRow(dash, 'Goal: target date for the total'), 2).setFormula('=DATE(2027,6,30)');
    const again = w.refresh() as Extract<DashboardResult, { ok: true }>;
    expect(again).toMatchObject({ ok: true, created: false, settingsKept: 9, settingsWritten: [], errors: [] });
    expect(dash.getRange(settingRow(dash, 'Goal: names on your list'), 2).getValue()).toBe(40);
    expect(dash.getRange(settingRow(dash, 'Goal: target date for the total'), 2).getFormula()).toBe('=DATE(2027,6,30)');
    const after = formulas(dash);
    // Only the two settings differ from the first build.
    const changed = after.flatMap((row, i) => row.map((f, j) => (f !== before[i]?.[j] ? `R${i + 1}C${j + 1}` : null))).filter(Boolean);
    expect(changed).toEqual([`R${settingRow(dash, 'Goal: target date for the total')}C2`]);
    expect(w.app.ss.getSheets().filter((s) => s.getName().startsWith('Dashboard'))).toHaveLength(1);

    const charts = dash.getCharts();
    expect(charts).toHaveLength(1);
    const g = grid(dash);
    const totals = g.findIndex((r) => r[0] === 'Totals');
    expect(charts[0].getRanges().map((r) => r.getA1Notation())).toEqual([`A${totals + 2}:B${totals + 8}`]);
    expect(charts[0].getOptions().get('title')).toBe('Outreach funnel');
  });

  it('styles its title, section headers and column headings, the same on every rebuild', () => {
    const w = new World({ timeZone: 'Europe/Paris', rows: 4 });
    w.createLog();
    w.refresh();
    const dash = w.dashboard();
    const styles = () => {
      const range = dash.getRange(1, 1, dash.getLastRow(), 18);
      return { weights: range.getFontWeights(), backgrounds: range.getBackgrounds() };
    };
    const first = styles();
    const g = grid(dash);
    const row = (label: string) => g.findIndex((r) => r[0] === label);
    // The title: its first cell bold.
    expect(first.weights[0].slice(0, 2)).toEqual(['bold', 'normal']);
    // A section header: bold on grey across the dashboard's width; the row under it plain.
    const totals = row('Totals');
    expect(new Set(first.weights[totals])).toEqual(new Set(['bold']));
    expect(new Set(first.backgrounds[totals])).toEqual(new Set(['#e8eaed']));
    expect(first.weights[totals + 1][0]).toBe('normal');
    expect(first.backgrounds[totals + 1][0]).toBe('#ffffff');
    // A table's column headings: bold, not grey.
    const headings = g.findIndex((r, i) => i > row('Who opened the most doors') && r[0] !== '' && r[1] !== '');
    expect(g[headings][0]).toBe('Contact ID');
    expect(first.weights[headings][0]).toBe('bold');
    expect(first.backgrounds[headings][0]).toBe('#ffffff');
    // Settings cells keep their yellow.
    expect(dash.getRange(settingRow(dash, 'Goal: names on your list'), 2).getBackground()).toBe('#fff2cc');
    w.refresh();
    expect(styles()).toEqual(first);
  });

  it('carries settings back to their rows when the user inserted rows above them, and fills one that was cleared', () => {
    const w = new World({ timeZone: 'Etc/UTC', rows: 5 });
    w.refresh();
    const dash = w.dashboard();
    const goalRow = settingRow(dash, 'Goal: names on your list');
    dash.getRange(goalRow, 2).setValue(31);
    dash.insertRowsBefore(goalRow - 1, 2);
    const lift = settingRow(dash, 'Outside benchmark: more replies after one follow-up');
    // The user deleted the row holding one setting: the rebuild writes its default again.
    dash.deleteRow(lift);
    const result = w.refresh() as Extract<DashboardResult, { ok: true }>;
    expect(result.ok).toBe(true);
    expect(result.settingsWritten).toContain('followUpLift');
    expect(settingRow(dash, 'Goal: names on your list')).toBe(goalRow);
    expect(dash.getRange(goalRow, 2).getValue()).toBe(31);
    expect(dash.getRange(settingRow(dash, 'Outside benchmark: more replies after one follow-up'), 2).getValue()).toBe(0.4);
    // Carried back with its own format and colour, not the ones of the row it landed in.
    const target = dash.getRange(settingRow(dash, 'Goal: target date for the total'), 2);
    expect([target.getNumberFormat(), target.getBackground()]).toEqual(['yyyy-mm-dd', '#fff2cc']);
    const offers = dash.getRange(settingRow(dash, 'Outside benchmark: job offers per informational interview'), 2);
    expect([offers.getNumberFormat(), offers.getBackground()]).toEqual(['0.0%', '#fff2cc']);
    expect(errors(dash)).toEqual([]);
  });

  it('follows the tracker when the user moves and renames columns and sheets, and repairs on rebuild', () => {
    const w = new World({ timeZone: 'Asia/Kolkata', rows: 6 });
    w.createLog();
    w.refresh();
    const dash = w.dashboard();
    const t = w.trackerColumns();
    w.tracker.getRange(2, t.stage, 3, 1).setValues([['Pitched'], ['Interviewed'], ['Thanked']]);
    expect(total(dash, 'Pitched')).toBe(3);

    // After the build: the user moves Stage to column A, renames it and both sheets.
    w.tracker.getRange(1, t.stage).setValue('Where things stand');
    w.tracker.moveColumns(w.tracker.getRange(1, t.stage, w.tracker.getMaxRows(), 1), 1);
    w.tracker.setName('People');
    w.log()!.setName('What happened');
    expect(total(dash, 'Pitched')).toBe(3);
    expect(total(dash, 'Informational interviews held')).toBe(2);
    expect(errors(dash)).toEqual([]);

    const rebuilt = w.refresh();
    expect(rebuilt).toMatchObject({ ok: true, errors: [] });
    // (The engine, like Sheets, shows a sheet name without quotes when it needs none.)
    const text = formulas(dash).flat().join('\n');
    expect(text).toMatch(/'?People'?!\$A:\$A/);
    expect(text).toContain("'What happened'!");
    expect(text).not.toMatch(/'?Contacts'?!/);
    expect(total(dash, 'Pitched')).toBe(3);
  });

  it('says which column is missing, and changes nothing, when the user deleted one the dashboard needs', () => {
    const w = new World({ timeZone: 'Etc/UTC', rows: 4 });
    w.refresh();
    const dash = w.dashboard();
    w.tracker.deleteColumn(w.trackerColumns().stage);
    const before = formulas(dash);
    const result = w.refresh();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/no "Stage" column.*Set up tracker/);
    expect(w.app.emu.ui.alerts.at(-1)?.prompt).toMatch(/"Stage"/);
    expect(formulas(dash)).toEqual(before);
    // Setup offers the column back; once it is there, Build dashboard repairs every formula.
    w.app.emu.ui.answer('YES');
    const setup = w.app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
    expect((setup.result as SetupResult).ok).toBe(true);
    expect(w.refresh()).toMatchObject({ ok: true, errors: [] });
    expect(errors(dash)).toEqual([]);
  });

  // Through the API an empty text written into the cells an array fills blocks it in Sheets
  // (googleapis/google-api-go-client#1041: "Array result was not expanded because it would
  // overwrite data", for "" written by a script): the build leaves none there. Before, its one
  // setValues wrote '' into every such cell (the emulator reads '' as empty, so only the writes
  // themselves show it).
  it('leaves no value, not even an empty text, in the cells its array formulas fill', () => {
    const w = new World({ timeZone: 'Etc/UTC', rows: 4, splitNames: true });
    w.createLog();
    const dash = w.dashboard();
    /** What the build did last to each cell of the dashboard: wrote '' into it, wrote something else, or emptied it. */
    const last = new Map<string, 'empty text' | 'value' | 'emptied'>();
    const key = (row: number, col: number) => `${columnToLetters(col)}${row}`;
    const each = (range: EmuRange, f: (row: number, col: number) => void) => {
      const r = range._rect;
      if (range._sheet !== dash) return;
      for (let i = 0; i < r.numRows; i++) for (let j = 0; j < r.numCols; j++) f(r.row + i, r.col + j);
    };
    const setValues = EmuRange.prototype.setValues;
    const clearRange = EmuRange.prototype.clearContent;
    const clearList = EmuRangeList.prototype.clearContent;
    EmuRange.prototype.setValues = function (this: EmuRange, values: unknown[][]) {
      each(this, (row, col) => last.set(key(row, col), values[row - this._rect.row][col - this._rect.col] === '' ? 'empty text' : 'value'));
      return setValues.call(this, values);
    };
    EmuRange.prototype.clearContent = function (this: EmuRange) {
      each(this, (row, col) => last.set(key(row, col), 'emptied'));
      return clearRange.call(this);
    };
    EmuRangeList.prototype.clearContent = function (this: EmuRangeList) {
      for (const range of this.getRanges()) each(range, (row, col) => last.set(key(row, col), 'emptied'));
      return clearList.call(this);
    };
    try {
      expect(w.refresh()).toMatchObject({ ok: true, errors: [] });
    } finally {
      Object.assign(EmuRange.prototype, { setValues, clearContent: clearRange });
      EmuRangeList.prototype.clearContent = clearList;
    }
    // The cells of every array result but its formula's own, as the engine has them.
    const hf = w.app.ss._hf;
    const filled: string[] = [];
    for (let row = 1; row <= dash.getMaxRows(); row++) {
      for (let col = 1; col <= 18; col++) {
        const at = { sheet: dash._hfId, row: row - 1, col: col - 1 };
        if (hf.isCellPartOfArray(at) && hf.getCellType(at) !== 'ARRAYFORMULA') filled.push(key(row, col));
      }
    }
    expect(filled.length).toBeGreaterThan(100);
    expect(filled.filter((cell) => last.get(cell) === 'empty text')).toEqual([]);
  });

  // A value the user typed where the recent-events list spills (its hidden columns, below the
  // rows the build writes) blocks it: Sheets shows #REF! in the formula's cell (the emulator
  // showed #SPILL!, which the build's error check did not know), and the build names the cell.
  it("names a list's cell that a value in its way blocks, and leaves the value", () => {
    const w = new World({ timeZone: 'Etc/UTC', rows: 3 });
    w.createLog();
    const today = dayIn(w.app.emu.rt.now(), 'Etc/UTC');
    w.writeLog(Array.from({ length: 300 }, () => ({ date: today, event: EVENT_LABELS.pitch })));
    expect(w.refresh()).toMatchObject({ ok: true, errors: [] });
    const dash = w.dashboard();
    const list =
      dash
        .getRange(1, 7, dash.getLastRow(), 1)
        .getFormulas()
        .findIndex(([f]) => f !== '') + 1;
    const below = list + 250;
    expect(dash.getRange(below, 7).getValue()).not.toBe('');
    dash.getRange(below, 7).setValue('my note');
    const result = w.refresh();
    expect(result.ok && result.errors).toEqual([`G${list} (#REF!)`]);
    expect(result.message).toContain(`G${list} (#REF!)`);
    expect(result.message).toMatch(/#REF! means a list cannot fill its cells: something is typed in its way/);
    expect(dash.getRange(below, 7).getValue()).toBe('my note');
  });

  it(`counts a busy fortnight, and says so when it has ${RECENT_EVENTS_CAP.toLocaleString('en')} events or more`, () => {
    const w = new World({ timeZone: 'Etc/UTC', rows: 3 });
    w.createLog();
    const today = dayIn(w.app.emu.rt.now(), 'Etc/UTC');
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ date: today - (i % 2) * 7, event: i % 4 < 2 ? EVENT_LABELS.reply : EVENT_LABELS.pitch }));
    const activity = () => section(grid(w.dashboard()), 'Activity in the Interview log');

    w.writeLog(rows(RECENT_EVENTS_CAP - 2));
    w.refresh();
    expect(rowOf(activity(), 'All events').slice(1, 4)).toEqual([
      RECENT_EVENTS_CAP / 2 - 1,
      RECENT_EVENTS_CAP / 2 - 1,
      'Every log row, whatever its Event, less voided events',
    ]);
    expect(rowOf(activity(), 'Replies').slice(1, 3)).toEqual([RECENT_EVENTS_CAP / 4, RECENT_EVENTS_CAP / 4]);

    w.writeLog(rows(RECENT_EVENTS_CAP + 3));
    expect(rowOf(activity(), 'All events')[3]).toBe(`Only the first ${RECENT_EVENTS_CAP.toLocaleString('en')} events of these two weeks are counted.`);
  });
});
