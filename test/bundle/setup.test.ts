// "Set up tracker" through the built bundle, on the kinds of sheets users really have.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../helpers.ts';
import { makeMessyHandmade } from '../fixtures/make-messy.mjs';
import type { EmuSheet } from '../../local/emulator/sheet.ts';
import type { SetupResult } from '../../src/shared/types.ts';
import { TRACKER_COLUMNS } from '../../src/core/schema.ts';

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Everything a user could see of a region: values, formulas, display text, formats. */
function snapshot(sheet: EmuSheet, rows: number, cols: number) {
  const r = sheet.getRange(1, 1, rows, cols);
  return { values: r.getValues(), formulas: r.getFormulas(), display: r.getDisplayValues(), formats: r.getNumberFormats(), backgrounds: r.getBackgrounds() };
}

function setUp(csv: string, sheetName = 'Contacts') {
  const app = addOn({ csv, sheetName });
  const sheet = app.ss.getSheetByName(sheetName)!;
  const rows = sheet.getLastRow();
  const cols = sheet.getLastColumn();
  const before = snapshot(sheet, rows, cols);
  const run = app.bundle.run('setUpTracker');
  return { ...app, sheet, rows, cols, before, run, result: run.result as SetupResult };
}

function headerRowValues(sheet: EmuSheet, headerRow: number): unknown[] {
  return sheet.getRange(headerRow, 1, 1, sheet.getLastColumn()).getValues()[0];
}

const TRACKER_HEADERS = TRACKER_COLUMNS.map((c) => c.header);

describe.each([
  ['LinkedIn Connections export (preamble, blank emails, dates)', 'linkedin-connections.csv', 4],
  ['Google Contacts export', 'google-contacts.csv', 1],
  ['Google Contacts export, older form', 'google-contacts-legacy.csv', 1],
  ['hand-made sheet with the user\'s own columns', 'hand-made.csv', 1],
])('%s', (_label, file, headerRow) => {
  it('keeps every original cell, adds the tracker columns after the last column, and gives IDs', () => {
    const { sheet, rows, cols, before, result, emu } = setUp(fixture(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.headerRow).toBe(headerRow);
    expect(snapshot(sheet, rows, cols)).toEqual(before);
    expect(headerRowValues(sheet, headerRow).slice(cols)).toEqual(TRACKER_HEADERS);
    const ids = sheet.getRange(headerRow + 1, cols + 1, rows - headerRow, 1).getValues().map((r) => r[0]);
    const named = ids.filter((id) => id !== '');
    expect(named.length).toBe(result.contacts);
    expect(new Set(named).size).toBe(named.length);
    for (const id of named) expect(id).toMatch(/^C-\d{4,}$/);
    expect(sheet.getFrozenRows()).toBe(headerRow);
    expect(emu.ui.alerts.at(-1)!.title).toBe('Tracker ready');
  });

  it('a second run changes nothing: same values, no duplicate columns, rules or IDs', () => {
    const app = setUp(fixture(file));
    const width = app.sheet.getLastColumn();
    const after = snapshot(app.sheet, app.sheet.getLastRow(), width);
    const rules = app.sheet.getConditionalFormatRules().length;
    const meta = app.sheet.createDeveloperMetadataFinder().find().length;
    const again = app.bundle.run('setUpTracker').result as SetupResult;
    expect(again.ok && again.changed).toBe(false);
    expect(app.sheet.getLastColumn()).toBe(width);
    expect(snapshot(app.sheet, app.sheet.getLastRow(), width)).toEqual(after);
    expect(app.sheet.getConditionalFormatRules()).toHaveLength(rules);
    expect(app.sheet.createDeveloperMetadataFinder().find()).toHaveLength(meta);
  });
});

describe('setup details', () => {
  it('drop-downs on Relationship, Stage and Outcome; date formats; colours for overdue follow-ups', () => {
    const { sheet, cols, result } = setUp(fixture('hand-made.csv'));
    if (!result.ok) throw new Error(result.message);
    const col = (header: string) => cols + 1 + TRACKER_HEADERS.indexOf(header);
    expect(sheet.getRange(2, col('Stage')).getDataValidation()!.getCriteriaValues()[0]).toContain('Interviewed');
    expect(sheet.getRange(500, col('Outcome')).getDataValidation()!.getCriteriaValues()[0]).toEqual(['Job interview', 'Offer']);
    expect(sheet.getRange(2, col('Relationship')).getDataValidation()!.getAllowInvalid()).toBe(true);
    expect(sheet.getRange(2, col('Stage')).getDataValidation()!.getAllowInvalid()).toBe(false);
    expect(sheet.getRange(2, col('Next follow-up')).getNumberFormat()).toBe('yyyy-mm-dd');
    const formulas = sheet.getConditionalFormatRules().map((r) => r.getBooleanCondition().getCriteriaValues()[0]);
    expect(formulas.some((f) => typeof f === 'string' && f.includes('TODAY()'))).toBe(true);
    expect(sheet.getRange(2, col('Stage')).getValue()).toBe('To contact');
  });

  it('finds its columns after the user renames and moves them, and gives IDs to new rows only', () => {
    const app = setUp(fixture('hand-made.csv'));
    const { sheet, cols } = app;
    const idCol = cols + 1;
    const ids = sheet.getRange(2, idCol, sheet.getLastRow() - 1, 1).getValues().map((r) => r[0]);
    sheet.getRange(1, idCol).setValue('My ID');
    sheet.moveColumns(sheet.getRange(1, idCol, sheet.getMaxRows(), 1), 1);
    const last = sheet.getLastRow();
    sheet.getRange(last + 1, 2).setValue('Newt Newcomer');
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok && result.addedColumns).toEqual([]);
    expect(result.ok && result.newIds).toBe(1);
    expect(sheet.getRange(1, 1).getValue()).toBe('My ID');
    const now = sheet.getRange(2, 1, last, 1).getValues().map((r) => r[0]);
    expect(now.slice(0, ids.length)).toEqual(ids);
    expect(now[last - 1]).toMatch(/^C-\d+$/);
    expect(ids).not.toContain(now[last - 1]);
  });

  it('says so when a tracker column was deleted, and adds it back only if the user agrees', () => {
    const app = setUp(fixture('hand-made.csv'));
    const { sheet, cols } = app;
    const stageCol = cols + 1 + TRACKER_HEADERS.indexOf('Stage');
    sheet.deleteColumn(stageCol);
    const width = sheet.getLastColumn();
    app.emu.ui.answer('NO');
    const no = app.bundle.run('setUpTracker').result as SetupResult;
    expect(no.ok).toBe(false);
    expect(app.emu.ui.alerts.at(-1)!.prompt).toMatch(/"Stage" column was deleted/);
    expect(sheet.getLastColumn()).toBe(width);
    app.emu.ui.answer('YES');
    const yes = app.bundle.run('setUpTracker').result as SetupResult;
    expect(yes.ok && yes.addedColumns).toEqual(['Stage']);
    expect(sheet.getRange(1, width + 1).getValue()).toBe('Stage');
  });

  it('injection strings in the sheet stay as they were, and text the add-on writes stays text', () => {
    const csv = 'Name,Company\n"=HYPERLINK(""http://x"",""y"")",Acme\n@handle,+1 555\n-minus,Globex\n';
    const { sheet, result } = setUp(csv);
    expect(result.ok).toBe(true);
    // Each data row with a name gets an ID that is plain text, never a formula.
    const formulas = sheet.getRange(2, 3, 3, 11).getFormulas();
    expect(formulas.flat().every((f) => f === '')).toBe(true);
  });

  it('works on 2,000+ messy hand-made rows with a constant number of calls', () => {
    const small = setUp(makeMessyHandmade({ rows: 200, seed: 7 }).text);
    const big = setUp(makeMessyHandmade({ rows: 2500, seed: 7 }).text);
    expect(big.result.ok).toBe(true);
    expect(snapshot(big.sheet, big.rows, big.cols)).toEqual(big.before);
    expect(big.run.calls).toBe(small.run.calls);
  });
});

describe('bad input gets a clear message and no change', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty sheet', '', /empty/i],
    ['no name column', 'Colour,Size\nred,10\n', /name/i],
    ['duplicate header names', 'Name,Email,Email\nAda,a@x.org,b@x.org\n', /more than once|duplicate|twice/i],
  ];
  for (const [label, csv, message] of cases) {
    it(label, () => {
      const app = addOn({ csv, sheetName: 'Contacts' });
      const sheet = app.ss.getSheetByName('Contacts')!;
      const before = snapshot(sheet, Math.max(1, sheet.getLastRow()), Math.max(1, sheet.getLastColumn()));
      const result = app.bundle.run('setUpTracker').result as SetupResult;
      expect(result.ok).toBe(false);
      expect(app.emu.ui.alerts.at(-1)!.prompt).toMatch(message);
      expect(snapshot(sheet, Math.max(1, sheet.getLastRow()), Math.max(1, sheet.getLastColumn()))).toEqual(before);
    });
  }

  it('merged header cells', () => {
    const app = addOn({ csv: 'Name,Email\nAda,a@x.org\n', sheetName: 'Contacts' });
    app.ss.getSheetByName('Contacts')!.getRange('A1:B1').merge();
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok).toBe(false);
    expect(app.emu.ui.alerts.at(-1)!.prompt).toMatch(/merged/i);
  });

  it("another tool's table: asks first, and changes nothing on no", () => {
    const app = addOn({ csv: 'Name,Status,Next step\nAda,Applied,Call\n', sheetName: 'Contacts' });
    app.emu.ui.answer('NO');
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok).toBe(false);
    expect(app.ss.getSheetByName('Contacts')!.getLastColumn()).toBe(3);
  });

  it('more rows than the spreadsheet allows for the new columns', () => {
    // 20 columns used of 26: the 11 tracker columns need 5 more columns on 380,000 rows, and
    // 380,000 x 26 is already 9.88 million of the 10 million cells a spreadsheet may hold.
    const header = ['Name', ...Array.from({ length: 19 }, (_, i) => `Own ${i + 1}`)];
    const app = addOn({ csv: `${header.join(',')}\nAda${',x'.repeat(19)}\n`, sheetName: 'Contacts' });
    const sheet = app.ss.getSheetByName('Contacts')!;
    sheet.insertRowsAfter(1000, 379_000);
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok).toBe(false);
    expect(app.emu.ui.alerts.at(-1)!.prompt).toMatch(/10,000,000|10 million|cells/i);
    expect(sheet.getLastColumn()).toBe(20);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  it('when another action holds the lock, says busy and writes nothing', () => {
    const app = addOn({ csv: 'Name\nAda\n', sheetName: 'Contacts' });
    app.emu.locks.holdByOther('document', 60_000);
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok).toBe(false);
    expect(app.emu.ui.alerts.at(-1)!.prompt).toMatch(/busy/i);
    expect(app.ss.getSheetByName('Contacts')!.getLastColumn()).toBe(1);
  });
});
