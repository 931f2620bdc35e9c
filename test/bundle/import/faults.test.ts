// Import after a failure at a call, then the same import again: the tracker ends as a clean
// import leaves it. These are the cases the attack found (blank rows, rows without drop-downs,
// an orphan "Contacts" beside "Contacts 2"); the sweep over every write point is sweep.test.ts.
import { describe, expect, it } from 'vitest';
import { addOn } from '../../helpers.ts';
import { emulatorState } from '../../../local/emulator/state.ts';
import type { ImportResult } from '../../../src/shared/types.ts';
import { importOk, LINKEDIN, tracker, type App } from './import-world.ts';

/**
 * Runs the import with every call from the one `stopsAt` picks failing, as when the execution
 * stops there (the 6-minute limit): nothing after it happens, not even an error handler's calls.
 */
function importStopped(app: App, stopsAt: (name: string) => boolean): void {
  let stopped = false;
  app.emu.rt.beforeCall = (name) => {
    stopped ||= stopsAt(name);
    if (stopped) throw new Error('Service Spreadsheets failed while accessing document with id x.');
  };
  try {
    app.bundle.run('importContacts', [LINKEDIN, {}]);
  } catch {
    // The stopped execution.
  } finally {
    app.emu.rt.beforeCall = null;
  }
  expect(stopped, 'the import reached the point where it stops').toBe(true);
}

/** Stops the import right after the `nth` call of `method`. */
function importFailingAfter(app: App, method: string, nth = 1): void {
  let seen = 0;
  let next = false;
  importStopped(app, (name) => {
    if (next) return true;
    if (name === method && ++seen === nth) next = true;
    return false;
  });
}

/** What a user would notice on a sheet: grid, values, formats, drop-downs, colour rules. */
function look(app: App, name: string) {
  const sheet = app.ss.getSheetByName(name)!;
  const all = sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns());
  return {
    grid: [sheet.getMaxRows(), sheet.getMaxColumns()],
    values: sheet.getDataRange().getValues(),
    formats: all.getNumberFormats(),
    dropDowns: all.getDataValidations().map((row) => row.map((v) => (v ? v.getCriteriaValues() : null))),
    colours: sheet.getConditionalFormatRules().map((r) => r.getRanges().map((x) => x.getA1Notation())),
  };
}

describe('import into a tracker, stopped at a call, then run again', () => {
  it.each([
    ['with a few spare rows (the grid grows inside the colour rules)', 3],
    ['on a full grid (rows go past the last row)', 0],
  ])('%s: no blank rows, no contact twice, formats and drop-downs on every row', (_, spare) => {
    const clean = tracker(spare);
    importOk(clean);
    const expected = look(clean, 'Contacts');
    // Through the Sheets API (the rows, drop-downs and rules in one batch), and through
    // SpreadsheetApp where the advanced service is not enabled. Either way the new rows take the
    // formats of the row before them, so no number format is written.
    const routes = [
      { options: {}, methods: ['Sheets.Spreadsheets.get', 'Sheets.Spreadsheets.batchUpdate'] },
      { options: { advancedServices: [] }, methods: ['Sheet.insertRowsAfter', 'Range.setDataValidations'] },
    ];
    for (const { options, methods } of routes)
      for (const method of methods) {
        const app = tracker(spare, options);
        importFailingAfter(app, method);
        importOk(app);
        expect(look(app, 'Contacts'), `stopped after ${method}`).toEqual(expected);
      }
  });

  it('the appended rows, stopped before their drop-downs were checked by a later write, keep them (the attack: rows without drop-downs)', () => {
    const clean = tracker(3);
    importOk(clean);
    const app = tracker(3);
    // The last setValues of the import writes the new contacts' values.
    importFailingAfter(app, 'Range.setValues', 2);
    importOk(app);
    expect(look(app, 'Contacts')).toEqual(look(clean, 'Contacts'));
  });
});

describe('import with no tracker yet, stopped at a call, then run again', () => {
  it('stopped right after the Contacts sheet was made: the re-run completes that sheet, no "Contacts 2"', () => {
    const clean = addOn();
    importOk(clean);
    const app = addOn();
    importFailingAfter(app, 'Spreadsheet.insertSheet');
    expect(app.ss.getSheets().map((s) => s.getName())).toContain('Contacts');
    const r = importOk(app);
    expect(r.sheetName).toBe('Contacts');
    expect(app.ss.getSheets().map((s) => s.getName())).toEqual(clean.ss.getSheets().map((s) => s.getName()));
    expect(look(app, 'Contacts').values).toEqual(look(clean, 'Contacts').values);
    expect(app.emu.properties.document.get('iit.import.pending')).toBeUndefined();
  });

  it('stopped when the tracker was set up but its Dashboard not made yet: the re-run makes the Dashboard', () => {
    const app = addOn();
    importStopped(app, (name) => name === 'Spreadsheet.insertSheet' && app.emu.properties.document.has('iit.tracker'));
    expect(app.ss.getSheetByName('Dashboard')).toBeNull();
    importOk(app);
    expect(app.ss.getSheets().map((s) => s.getName())).toEqual(expect.arrayContaining(['Contacts', 'Dashboard']));
    expect(app.ss.getSheets().map((s) => s.getName())).not.toContain('Contacts 2');
  });
});

describe('import into a tracker with a protected column', () => {
  const EDITOR = 'editor@example.com';

  it('refuses in plain words, naming the column, and writes nothing, when the user may not edit a cell it would write', () => {
    const app = tracker(40);
    const sheet = app.ss.getSheetByName('Contacts')!;
    app.ss.addEditor(EDITOR);
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const stage = header.indexOf('Stage') + 1;
    // The owner protects Stage below the header; the editor imports.
    const protection = sheet.getRange(2, stage, sheet.getMaxRows() - 1, 1).protect();
    protection.removeEditors(protection.getEditors());
    const before = emulatorState(app.emu);
    const r = app.emu.actAs(EDITOR, () => app.bundle.run('importContacts', [LINKEDIN, {}]).result as ImportResult);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^The Stage cell [A-Z]+\d+ on "Contacts" is protected, and you may not edit it\..*Nothing was imported\.$/);
    expect(emulatorState(app.emu)).toEqual(before);
    // The owner may: the same import works for them.
    importOk(app);
  });
});
