// "Set up tracker" through the built bundle, on the kinds of sheets users really have.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import { loadCsvInto } from '../../../local/emulator/io.ts';
import { makeMessyHandmade } from '../../fixtures/make-messy.mjs';
import type { EmuSheet } from '../../../local/emulator/spreadsheet/sheet.ts';
import type { SetupResult } from '../../../src/shared/types.ts';
import { CLOSED_STAGES, OUTCOMES, RELATIONSHIPS, STAGES, TRACKER_COLUMNS } from '../../../src/core/tracker/schema.ts';

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
  ["hand-made sheet with the user's own columns", 'hand-made.csv', 1],
])('%s', (_label, file, headerRow) => {
  it('keeps every original cell, adds the tracker columns after the last column, and gives IDs', () => {
    const { sheet, rows, cols, before, result, emu } = setUp(fixture(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.headerRow).toBe(headerRow);
    expect(snapshot(sheet, rows, cols)).toEqual(before);
    expect(headerRowValues(sheet, headerRow).slice(cols)).toEqual(TRACKER_HEADERS);
    const ids = sheet
      .getRange(headerRow + 1, cols + 1, rows - headerRow, 1)
      .getValues()
      .map((r) => r[0]);
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
    // The colours leave out the stages Show follow-ups due and the dashboard leave out.
    for (const f of formulas.filter((f) => typeof f === 'string' && f.includes('TODAY()'))) {
      for (const stage of CLOSED_STAGES) expect(f).toContain(`<>"${stage}"`);
    }
    expect(sheet.getRange(2, col('Stage')).getValue()).toBe('To contact');
  });

  it('each drop-down and colour rule has its own settings, though one builder makes them all', () => {
    const { sheet, cols, result } = setUp(fixture('hand-made.csv'));
    if (!result.ok) throw new Error(result.message);
    const col = (header: string) => cols + 1 + TRACKER_HEADERS.indexOf(header);
    const dropDowns = ['Relationship', 'Stage', 'Outcome'].map((h) => {
      const v = sheet.getRange(3, col(h)).getDataValidation()!;
      return [h, v.getAllowInvalid(), v.getHelpText(), v.getCriteriaValues()[0]];
    });
    expect(dropDowns).toEqual([
      ['Relationship', true, `Choose one of: ${RELATIONSHIPS.join(', ')}`, RELATIONSHIPS],
      ['Stage', false, `Choose one of: ${STAGES.join(', ')}`, STAGES],
      ['Outcome', false, `Choose one of: ${OUTCOMES.join(', ')}`, OUTCOMES],
    ]);
    const rules = sheet.getConditionalFormatRules().map((r) => {
      const c = r.getBooleanCondition();
      const [range] = r.getRanges();
      const value = String(c.getCriteriaValues()[0]);
      return [
        range.getColumn(),
        range.getRow(),
        value.includes('TODAY()') ? value.replace(/^.*TODAY\(\).*$/, (f) => (f.includes('<TODAY()') ? 'overdue' : 'today')) : value,
        c.getBackground(),
        c.getFontColor(),
      ];
    });
    const stage = col('Stage');
    const followUp = col('Next follow-up');
    expect(rules).toEqual([
      [followUp, 2, 'overdue', '#f4c7c3', '#a50e0e'],
      [followUp, 2, 'today', '#fce8b2', null],
      [stage, 2, 'Scheduled', '#d2e3fc', null],
      [stage, 2, 'Interviewed', '#ceead6', null],
      [stage, 2, 'Thanked', '#ceead6', null],
      [stage, 2, 'Declined', '#e8eaed', null],
      [stage, 2, 'No response', '#e8eaed', null],
    ]);
  });

  it('finds its columns after the user renames and moves them, and gives IDs to new rows only', () => {
    const app = setUp(fixture('hand-made.csv'));
    const { sheet, cols } = app;
    const idCol = cols + 1;
    const ids = sheet
      .getRange(2, idCol, sheet.getLastRow() - 1, 1)
      .getValues()
      .map((r) => r[0]);
    sheet.getRange(1, idCol).setValue('My ID');
    sheet.moveColumns(sheet.getRange(1, idCol, sheet.getMaxRows(), 1), 1);
    const last = sheet.getLastRow();
    sheet.getRange(last + 1, 2).setValue('Newt Newcomer');
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok && result.addedColumns).toEqual([]);
    expect(result.ok && result.newIds).toBe(1);
    expect(sheet.getRange(1, 1).getValue()).toBe('My ID');
    const now = sheet
      .getRange(2, 1, last, 1)
      .getValues()
      .map((r) => r[0]);
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

  it('injection-like text the user typed in a Plain text tracker column stays exactly as it was when setup fills cells around it', () => {
    const app = setUp(fixture('hand-made.csv'));
    const { sheet, cols } = app;
    const idCol = cols + 1;
    const last = sheet.getLastRow();
    sheet.getRange(2, idCol, last - 1, 1).setNumberFormat('@');
    // Rows 2 and 4 lose their IDs (setup gives them new ones); row 3 holds text the user typed.
    sheet.getRange(2, idCol).setValue('');
    sheet.getRange(4, idCol).setValue('');
    sheet.getRange(3, idCol).setValue('=not a formula');
    sheet.getRange(5, idCol).setValue('+1 555');
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok && result.newIds).toBe(2);
    const ids = sheet.getRange(2, idCol, 4, 1);
    expect(ids.getFormulas().flat()).toEqual(['', '', '', '']);
    const [a, b, c, d] = ids.getValues().flat();
    expect([b, d]).toEqual(['=not a formula', '+1 555']);
    expect(a).toMatch(/^C-\d+$/);
    expect(c).toMatch(/^C-\d+$/);
  });

  it('finds the header again after rows were inserted above it: changes nothing, then gives a new row an ID', () => {
    const app = setUp(fixture('hand-made.csv'));
    const { sheet } = app;
    sheet.insertRowsBefore(1, 2);
    sheet.getRange('A1').setValue('Contacts');
    sheet.getRange('B1').setValue('Email');
    const before = snapshot(sheet, sheet.getLastRow(), sheet.getLastColumn());
    const again = app.bundle.run('setUpTracker').result as SetupResult;
    expect(again.ok && again.headerRow).toBe(3);
    expect(again.ok && again.changed).toBe(false);
    expect(snapshot(sheet, sheet.getLastRow(), sheet.getLastColumn())).toEqual(before);
    sheet.getRange(sheet.getLastRow() + 1, 1).setValue('Newt Newcomer');
    const third = app.bundle.run('setUpTracker').result as SetupResult;
    expect(third.ok && third.newIds).toBe(1);
    expect(sheet.getRange(1, 1, 2, sheet.getLastColumn()).getValues()).toEqual(before.values.slice(0, 2));
  });

  it('says so, and changes nothing, when the header row was deleted', () => {
    const app = setUp(fixture('hand-made.csv'));
    const { sheet } = app;
    sheet.deleteRow(1);
    const before = snapshot(sheet, sheet.getLastRow(), sheet.getLastColumn());
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok).toBe(false);
    expect(app.emu.ui.alerts.at(-1)!.prompt).toMatch(/header row/i);
    expect(snapshot(sheet, sheet.getLastRow(), sheet.getLastColumn())).toEqual(before);
  });

  it("on a second sheet: that sheet becomes the tracker, its IDs continue after the first sheet's, the first is untouched", () => {
    const app = setUp(fixture('hand-made.csv'));
    const first = app.sheet;
    const firstIds = first
      .getRange(2, app.cols + 1, first.getLastRow() - 1, 1)
      .getValues()
      .flat()
      .filter((v) => v !== '');
    const firstSnap = snapshot(first, first.getLastRow(), first.getLastColumn());
    const second = loadCsvInto(app.ss, 'More contacts', fixture('google-contacts.csv'));
    app.ss.setActiveSheet(second);
    const rows = second.getLastRow();
    const cols = second.getLastColumn();
    const before = snapshot(second, rows, cols);
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok && result.sheetName).toBe('More contacts');
    expect(snapshot(second, rows, cols)).toEqual(before);
    const secondIds = second
      .getRange(2, cols + 1, rows - 1, 1)
      .getValues()
      .flat()
      .filter((v) => v !== '');
    expect(secondIds.length).toBe(result.ok ? result.contacts : -1);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
    expect(snapshot(first, first.getLastRow(), first.getLastColumn())).toEqual(firstSnap);
    const again = app.bundle.run('setUpTracker').result as SetupResult;
    expect(again.ok && again.changed).toBe(false);
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
    ["duplicate names among the user's own columns", 'Name,Priority,priority \nAda,High,Low\n', /"Priority" \(2 times\)/],
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
    const sheet = app.ss.getSheetByName('Contacts')!;
    sheet.getRange('A1:B1').merge();
    const before = snapshot(sheet, 2, 2);
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok).toBe(false);
    expect(app.emu.ui.alerts.at(-1)!.prompt).toMatch(/merged/i);
    expect(snapshot(sheet, 2, 2)).toEqual(before);
    expect(sheet.getLastColumn()).toBe(2);
    expect(sheet.getConditionalFormatRules()).toEqual([]);
    expect(sheet.createDeveloperMetadataFinder().find()).toEqual([]);
    expect(app.emu.properties.document.size).toBe(0);
  });

  it("another tool's table: asks first, and changes nothing on no", () => {
    const app = addOn({ csv: 'Name,Status,Next step\nAda,Applied,Call\n', sheetName: 'Contacts' });
    app.emu.ui.answer('NO');
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok).toBe(false);
    expect(app.ss.getSheetByName('Contacts')!.getLastColumn()).toBe(3);
  });

  it("another tool's table: on yes, sets up after its columns and keeps them as they are", () => {
    const app = addOn({ csv: 'Name,Status,Next step\nAda,Applied,Call\nBo,Replied,\n', sheetName: 'Contacts' });
    const sheet = app.ss.getSheetByName('Contacts')!;
    const before = snapshot(sheet, 3, 3);
    app.emu.ui.answer('YES');
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(app.emu.ui.alerts.some((a) => /another tracker/.test(a.prompt ?? ''))).toBe(true);
    expect(result.ok && result.addedColumns).toEqual(TRACKER_HEADERS);
    expect(snapshot(sheet, 3, 3)).toEqual(before);
    expect(headerRowValues(sheet, 1)).toEqual(['Name', 'Status', 'Next step', ...TRACKER_HEADERS]);
    // Known now: a second run neither asks again nor changes anything.
    const alerts = app.emu.ui.alerts.length;
    const again = app.bundle.run('setUpTracker').result as SetupResult;
    expect(again.ok && again.changed).toBe(false);
    expect(app.emu.ui.alerts.slice(alerts).some((a) => /another tracker/.test(a.prompt ?? ''))).toBe(false);
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

// Google refuses to freeze rows that cut a merge ("Sorry, you can't freeze rows which contain only
// part of a merged cell..."): a merge of the user's beside the table, across the header and the
// row below, would stop setup with that raw error (half-way without the Sheets API). The header
// stays unfrozen instead, and setup says why; once the cell is broken apart, a run freezes it.
describe('a merge of the user’s across the header row and the row below', () => {
  for (const route of ['api', 'not enabled'] as const)
    it(`${route}: setup works without freezing the header, says which merge, and freezes it once the merge is gone`, () => {
      const app = addOn({ csv: fixture('hand-made.csv'), sheetName: 'Contacts', ...(route === 'not enabled' ? { advancedServices: [] } : {}) });
      const sheet = app.ss.getSheetByName('Contacts')!;
      sheet.getRange('Y1:Y2').merge();
      const first = app.bundle.run('setUpTracker').result as SetupResult;
      expect(first.ok).toBe(true);
      expect(first.ok && first.warnings).toContainEqual(
        expect.stringMatching(/^The header row was not frozen: the merged cells Y1:Y2 span it and the row below\./),
      );
      expect(sheet.getFrozenRows()).toBe(0);
      expect(sheet.getRange('Y1:Y2').isPartOfMerge()).toBe(true);
      sheet.getRange('Y1:Y2').breakApart();
      const again = app.bundle.run('setUpTracker').result as SetupResult;
      expect(again).toMatchObject({ ok: true, changed: true, warnings: [] });
      expect(sheet.getFrozenRows()).toBe(1);
    });
});

describe('what setup tells the user', () => {
  it("summarises a 2,000-column sheet: a few of the user's own columns by name, then how many more", () => {
    const header = ['Name', 'Email', ...Array.from({ length: 1998 }, (_, i) => `Survey answer ${i + 1}`)];
    const row = ['Jane Doe', 'jane@example.com', ...Array.from({ length: 1998 }, () => 'x')];
    const { emu, result } = setUp(`${header.join(',')}\n${row.join(',')}\n`);
    expect(result.ok).toBe(true);
    const text = emu.ui.alerts.at(-1)!.prompt;
    expect(text.length).toBeLessThan(1500);
    expect(text).toContain('"Survey answer 1", "Survey answer 2"');
    expect(text).toContain('and 1,988 more');
  });

  it('lists the first few of many warnings, then how many more', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Person ${i + 1},legacy-${i + 1}`);
    const app = addOn({ csv: `Name,Contact ID\n${rows.join('\n')}\n`, sheetName: 'Contacts' });
    app.emu.ui.answer('YES'); // "columns that look like another tracker's": yes
    const { emu } = app;
    const result = app.bundle.run('setUpTracker').result as SetupResult;
    expect(result.ok && result.warnings).toHaveLength(30);
    const text = emu.ui.alerts.at(-1)!.prompt;
    expect(text).toContain('"legacy-10" in Contact ID');
    expect(text).not.toContain('"legacy-11"');
    expect(text).toContain('…and 20 more like these.');
  });

  it('names a column with data under a blank header, kept as it is', () => {
    const { emu, result } = setUp('Name,,Email\nJane Doe,met at the fair,jane@example.com\n');
    expect(result.ok).toBe(true);
    expect(emu.ui.alerts.at(-1)!.prompt).toContain('Column B has no header: kept as it is, not used by the tracker.');
  });
});
