// Pins SpreadsheetApp behaviour the add-on relies on. Each case cites where Google documents it.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import { selectRange } from '../../local/emulator/io.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet/spreadsheet.ts';

function setup(timeZone = 'Etc/UTC') {
  const emu = new Emulator({ timeZone, scopes: null });
  const app = emu.globals().SpreadsheetApp as EmuSpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  return { emu, app, ss, sheet: ss.getActiveSheet() };
}

describe('Range values', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
  // "Returns ... Number, Boolean, Date, or String ... Empty cells are represented by an empty string."
  it('getValues returns numbers, booleans, Dates and "" for empty cells', () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2025, 11, 7));
    sheet.getRange('A1:D1').setValues([[42, true, when, 'text']]);
    const [row] = sheet.getRange('A1:E1').getValues();
    expect(row[0]).toBe(42);
    expect(row[1]).toBe(true);
    expect(row[2]).toBeInstanceOf(Date);
    expect((row[2] as Date).toISOString()).toBe('2025-12-07T00:00:00.000Z');
    expect(row[3]).toBe('text');
    expect(row[4]).toBe('');
  });

  it('Dates are read in the spreadsheet time zone', () => {
    const { sheet } = setup('America/New_York');
    sheet.getRange('A1').setValue('2025-12-07');
    const v = sheet.getRange('A1').getValue() as Date;
    expect(v.toISOString()).toBe('2025-12-07T05:00:00.000Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('12/7/2025');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
  // "The size of the two-dimensional array must match the size of the range."
  it("setValues with the wrong shape throws Google's error and writes nothing", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B2').setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange('A1:B2').setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
  });

  it('setValues with a flat array is a signature error', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B1').setValues([1, 2] as never)).toThrow(/don't match the method signature for SpreadsheetApp.Range.setValues/);
  });

  // A string written with setValue(s) is parsed as if typed: "=..." becomes a formula, numbers
  // and dates become numbers and dates, a leading apostrophe keeps text.
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
  // ("...If the value starts with '=' it will be interpreted as a formula.")
  it('a string starting with = becomes a formula; an apostrophe keeps it text', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['=1+1', "'=1+1", "'0012"]]);
    expect(sheet.getRange('A1').getFormula()).toBe('=1+1');
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[2, '=1+1', '0012']]);
    expect(sheet.getRange('B1').getFormula()).toBe('');
  });

  it('typed input: numbers, booleans, + and - starting formulas', () => {
    const { sheet } = setup();
    sheet.getRange('A1:E1').setValues([['0012', 'TRUE', '1,234', '-abc', '+1 555 0100']]);
    const [row] = sheet.getRange('A1:E1').getValues();
    expect(row.slice(0, 3)).toEqual([12, true, 1234]);
    expect(sheet.getRange('D1').getFormula()).toBe('=-abc');
    expect(String(row[3])).toMatch(/^#/);
    expect(String(row[4])).toMatch(/^#/);
  });

  it('refuses a cell longer than 50,000 characters', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue('x'.repeat(50001))).toThrow(/maximum of 50000 characters/);
  });
});

describe('Cell formats, a grid at a time', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setBackgrounds(Object)
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setFontWeights(Object)
  // ("The size of the two-dimensional array must match the dimensions of the range"; null resets.)
  it('setBackgrounds and setFontWeights set each cell, null resets it, and the wrong shape throws', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:B2');
    range
      .setBackgrounds([
        ['#e8eaed', null],
        [null, '#fff2cc'],
      ])
      .setFontWeights([
        ['bold', 'normal'],
        [null, 'bold'],
      ]);
    expect(range.getBackgrounds()).toEqual([
      ['#e8eaed', '#ffffff'],
      ['#ffffff', '#fff2cc'],
    ]);
    expect(range.getFontWeights()).toEqual([
      ['bold', 'normal'],
      ['normal', 'bold'],
    ]);
    expect(() => range.setBackgrounds([['#e8eaed', null]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setFontWeights([['bold'], ['bold']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setNotes(Object)
  // (assumed as setNote: an empty string or null removes the note).
  it('setNotes sets one note per cell, empty removes it, and the wrong shape throws', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:C1');
    range.setNote('old');
    range.setNotes([['Type here', '', null]]);
    expect(range.getNotes()).toEqual([['Type here', '', '']]);
    expect(() => range.setNotes([['a', 'b']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });
});

describe('Number formats with sections', () => {
  // https://developers.google.com/sheets/api/guides/formats ("Number format patterns"): up to four
  // sections separated by semicolons, for positive numbers, negative numbers, zero and text. An
  // empty section shows nothing, so ';;;' hides whatever the cell holds; the value stays.
  it("';;;' hides numbers, zero and text: getDisplayValue is '', getValue unchanged", () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:D1');
    range.setValues([[42, -3.5, 0, 'secret']]).setNumberFormat(';;;');
    expect(range.getDisplayValues()).toEqual([['', '', '', '']]);
    expect(range.getValues()).toEqual([[42, -3.5, 0, 'secret']]);
    sheet.getRange('E1').setFormula('=A1*2').setNumberFormat(';;;');
    expect(sheet.getRange('E1').getDisplayValue()).toBe('');
    expect(sheet.getRange('E1').getValue()).toBe(84);
  });

  it('picks the section by sign: zero has its own third section, and text the fourth (@ stands for the text)', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:D1');
    range.setValues([[5, -5, 0, 'abc']]).setNumberFormat('0;(0);"zero";"<"@">"');
    expect(range.getDisplayValues()).toEqual([['5', '(5)', 'zero', '<abc>']]);
    range.setNumberFormat('0;;');
    expect(range.getDisplayValues()).toEqual([['5', '', '', 'abc']]);
  });
});

describe('Formulas computed by the engine', () => {
  it('reads computed values across sheets, and errors as their text', () => {
    const { ss, sheet } = setup();
    const log = ss.insertSheet('Interview log');
    log.getRange('A1:A3').setValues([['x'], ['y'], ['x']]);
    sheet.getRange('A1:B1').setFormulas([['=COUNTIF(\'Interview log\'!A1:A3,"x")', '=1/0']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[2, '#DIV/0!']]);
    expect(sheet.getRange('A1').getFormula()).toBe('=COUNTIF(\'Interview log\'!A1:A3,"x")');
  });

  it('formulas follow inserted columns', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([[5, '=A1*2']]);
    sheet.insertColumnsBefore(1, 2);
    expect(sheet.getRange('D1').getFormula()).toBe('=C1*2');
    expect(sheet.getRange('D1').getValue()).toBe(10);
  });

  it('setFormula over a range shifts relative references per cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('B1:B3').setFormula('=A1*10');
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[10], [20], [30]]);
    expect(sheet.getRange('B3').getFormula()).toBe('=A3*10');
  });

  it('TODAY() returns a Date', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setFormula('=TODAY()');
    expect(sheet.getRange('A1').getValue()).toBeInstanceOf(Date);
  });
});

describe('Addressing', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
  it('bounds errors', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
  });

  it('getLastRow, getLastColumn and getDataRange follow content', () => {
    const { sheet } = setup();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setFormula('=""');
    expect(sheet.getLastRow()).toBe(7);
    expect(sheet.getLastColumn()).toBe(3);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer)
  // "A -1 value given as the row or column position is equivalent to getting the very last row or
  // column that has data in the sheet." One call for what getDataRange().getValues() reads in two.
  it('getSheetValues reads a grid in one call, -1 reaching the last row or column with content', () => {
    const { emu, sheet } = setup();
    sheet.getRange('A1:C2').setValues([
      ['a', 'b', ''],
      [1, '', 'c'],
    ]);
    sheet.getRange('B4').setValue('d');
    emu.rt.resetCalls();
    expect(sheet.getSheetValues(1, 1, -1, -1)).toEqual(sheet.getDataRange().getValues());
    expect(emu.rt.callsByMethod()).toEqual({ 'Range.getValues': 1, 'Sheet.getDataRange': 1, 'Sheet.getSheetValues': 1 });
    expect(sheet.getSheetValues(2, 2, -1, -1)).toEqual([
      ['', 'c'],
      ['', ''],
      ['d', ''],
    ]);
    expect(sheet.getSheetValues(1, 1, 1, -1)).toEqual([['a', 'b', '']]);
    // A row below the content, inside the grid, reads as empty cells.
    expect(sheet.getSheetValues(9, 1, 1, -1)).toEqual([['', '', '']]);
    expect(sheet.getSheetValues(4, 2, 1, 1)).toEqual([['d']]);
    expect(() => sheet.getSheetValues(1001, 1, 1, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
  });

  // Assumed (the reference is silent): with nothing in the sheet, -1 reaches no row, and the range
  // is refused as getRange refuses zero rows. Callers read an empty sheet another way then.
  it('getSheetValues with -1 on a sheet with nothing in it is refused', () => {
    const { sheet } = setup();
    expect(() => sheet.getSheetValues(1, 1, -1, -1)).toThrow('The number of rows in the range must be at least 1.');
  });

  it('A1 with sheet names, open ranges and active selection', () => {
    const { ss, app } = setup();
    const log = ss.insertSheet('My log');
    expect(ss.getRange("'My log'!B2:C3").getSheet().getName()).toBe('My log');
    expect(log.getRange('A:B').getNumRows()).toBe(1000);
    log.getRange('A2:C2').activate();
    expect(app.getActiveRange().getA1Notation()).toBe('A2:C2');
    expect(app.getActiveSheet().getName()).toBe('My log');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getActiveRangeList()
  // returns a RangeList, whose getRanges() is a call of its own, counted as every call is.
  it('getActiveRangeList gives a RangeList: its ranges by getRanges, a call', () => {
    const { emu, ss } = setup();
    ss.getActiveSheet().getRange('B2:B4').activate();
    emu.rt.resetCalls();
    const ranges = ss.getActiveRangeList().getRanges();
    expect(ranges.map((r) => r.getA1Notation())).toEqual(['B2:B4']);
    expect(emu.rt.callsByMethod()).toEqual({ 'Range.getA1Notation': 1, 'RangeList.getRanges': 1, 'Spreadsheet.getActiveRangeList': 1 });
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getactiverangelist
  // lists it with the currentonly scope, but under that scope alone it fails with "You do not
  // have permission" while Spreadsheet.getActiveRangeList works (reported at
  // https://qiita.com/ttsukagoshi/items/b5fd5746bc6ecc003b80): it needs the full spreadsheets scope.
  it("SpreadsheetApp.getActiveRangeList: the active sheet's selection, a call; refused with the currentonly scope alone", () => {
    const { emu, app, ss } = setup();
    selectRange(ss, 'A1,B2:B4');
    emu.rt.resetCalls();
    expect(
      app
        .getActiveRangeList()!
        .getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1', 'B2:B4']);
    expect(emu.rt.callsByMethod()).toMatchObject({ 'SpreadsheetApp.getActiveRangeList': 1 });
    const currentOnly = new Emulator({ scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] });
    const limited = currentOnly.globals().SpreadsheetApp as EmuSpreadsheetApp;
    expect(limited.getActiveSpreadsheet().getActiveRangeList().getRanges()).toHaveLength(1);
    expect(() => limited.getActiveRangeList()).toThrow('You do not have permission to call SpreadsheetApp.getActiveRangeList');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getactiverangelist:
  // "the list of active ranges in the active sheet", with either spreadsheet scope.
  it("Sheet.getActiveRangeList: the active sheet's selection, a call, with the currentonly scope alone", () => {
    const currentOnly = new Emulator({ scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] });
    const app = currentOnly.globals().SpreadsheetApp as EmuSpreadsheetApp;
    selectRange(currentOnly.active, 'A1,B2:B4');
    currentOnly.rt.resetCalls();
    expect(
      app
        .getActiveSheet()
        .getActiveRangeList()
        .getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1', 'B2:B4']);
    expect(currentOnly.rt.callsByMethod()).toMatchObject({ 'Sheet.getActiveRangeList': 1 });
  });

  it('insertSheet refuses a duplicate name', () => {
    const { ss } = setup();
    ss.insertSheet('Dashboard');
    expect(() => ss.insertSheet('dashboard')).toThrow('A sheet with the name "dashboard" already exists. Please enter another name.');
  });
});

describe('Structure, rules and metadata', () => {
  it('column developer metadata moves with its column and is found by key', () => {
    const { sheet } = setup();
    sheet.getRange('C:C').addDeveloperMetadata('iit.column', 'stage');
    sheet.insertColumnsBefore(1, 1);
    const found = sheet.createDeveloperMetadataFinder().withKey('iit.column').find();
    expect(found).toHaveLength(1);
    expect(found[0].getLocation().getColumn()!.getColumn()).toBe(4);
    sheet.moveColumns(sheet.getRange('D:D'), 1);
    expect(sheet.createDeveloperMetadataFinder().withKey('iit.column').find()[0].getLocation().getColumn()!.getColumn()).toBe(1);
    sheet.deleteColumn(1);
    expect(sheet.createDeveloperMetadataFinder().withKey('iit.column').find()).toHaveLength(0);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#adddevelopermetadatakey
  it('metadata on an arbitrary range is refused', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B2').addDeveloperMetadata('k')).toThrow(/entire row or column/);
  });

  it('data validation and conditional format rules are recorded and follow inserts', () => {
    const { app, sheet } = setup();
    const rule = app.newDataValidation().requireValueInList(['A', 'B']).setAllowInvalid(false).build();
    sheet.getRange('B2:B5').setDataValidation(rule);
    const cf = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$B2="A"')
      .setBackground('#ff0000')
      .setRanges([sheet.getRange('A2:C5')])
      .build();
    sheet.setConditionalFormatRules([cf]);
    sheet.insertColumnsBefore(1, 1);
    expect(sheet.getRange('C3').getDataValidation()!.getCriteriaValues()[0]).toEqual(['A', 'B']);
    expect(sheet.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('B2:D5');
  });

  it('merges keep the top-left value and are reported', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['Name', 'Other']]);
    sheet.getRange('A1:B1').merge();
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['Name', '']]);
    expect(sheet.getRange('B1').isPartOfMerge()).toBe(true);
  });

  it('getMergedRanges reports a whole merge that meets the range; a value written into a hidden cell of a merge is kept, hidden, until the merge is broken apart', () => {
    const { sheet } = setup();
    sheet.getRange('J6:J7').merge();
    expect(
      sheet
        .getRange('A7:Z7')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['J6:J7']);
    expect(sheet.getRange('J5').isPartOfMerge()).toBe(false);
    // Assumed from how Sheets behaves when a user merges cells holding values (only the top-left
    // one shows) and from the Sheets API, which accepts writes to any cell: the write succeeds,
    // the merge still shows its top-left value, and the written value appears once unmerged.
    sheet.getRange('J6').setValue('To contact');
    sheet.getRange('J7').setValue('Scheduled');
    expect(sheet.getRange('J6').getDisplayValue()).toBe('To contact');
    expect(sheet.getRange('J7').isPartOfMerge()).toBe(true);
    sheet.getRange('J6:J7').breakApart();
    expect(sheet.getRange('J6:J7').getValues()).toEqual([['To contact'], ['Scheduled']]);
  });

  // Apps Script's refusal, from an execution log: "Sorry, you can't freeze columns which contain
  // only part of a merged cell. Try to break apart merged cells or freeze more columns to include
  // the complete merged cells." Rows assumed alike.
  it('freezing rows or columns that cut a merge is refused; a whole merge on either side is not', () => {
    const { sheet } = setup();
    sheet.getRange('C2:D3').merge();
    expect(() => sheet.setFrozenRows(2)).toThrow(
      /^Sorry, you can't freeze rows which contain only part of a merged cell\. Try to break apart merged cells or freeze more rows/,
    );
    expect(() => sheet.setFrozenColumns(3)).toThrow(/^Sorry, you can't freeze columns which contain only part of a merged cell\./);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([0, 0]);
    sheet.setFrozenRows(1);
    sheet.setFrozenRows(3);
    sheet.setFrozenColumns(4);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([3, 4]);
  });

  it('merging cells across the edge of the frozen rows or columns is refused; inside either side it is not', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    expect(() => sheet.getRange('D1:D2').merge()).toThrow("You can't merge frozen and non-frozen rows.");
    expect(() => sheet.getRange('B4:C4').merge()).toThrow("You can't merge frozen and non-frozen columns.");
    expect(sheet.getRange('D1:D2').isPartOfMerge()).toBe(false);
    sheet.getRange('A1:B1').merge();
    sheet.getRange('D2:E3').merge();
    expect(sheet.getRange('D2').isPartOfMerge()).toBe(true);
  });

  it('frozen rows and number formats', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    sheet
      .getRange('A2')
      .setNumberFormat('yyyy-mm-dd')
      .setValue(new Date(Date.UTC(2026, 0, 5)));
    expect(sheet.getRange('A2').getDisplayValue()).toBe('2026-01-05');
  });

  // Google's inserted lines take the formats of the one before (the Sheets API's
  // InsertDimensionRequest.inheritFromBefore; gogcli#655 for the number format); not its
  // content, note or drop-down. Before line 1 (assumed), those of the line after.
  it('inserted rows and columns take the formats of the line before, not its value, note or drop-down', () => {
    const { app, sheet } = setup();
    const cell = sheet.getRange('B3');
    cell
      .setNumberFormat('dd/mm/yyyy')
      .setBackground('#fff2cc')
      .setFontWeight('bold')
      .setNote('mine')
      .setValue(new Date(Date.UTC(2026, 0, 5)));
    cell.setDataValidation(app.newDataValidation().requireDate().build());
    sheet.getRange('B1').setNumberFormat('0.00');
    sheet.insertRowsAfter(3, 2);
    const inserted = sheet.getRange('B4:B5');
    expect(inserted.getNumberFormats()).toEqual([['dd/mm/yyyy'], ['dd/mm/yyyy']]);
    expect(inserted.getBackgrounds()).toEqual([['#fff2cc'], ['#fff2cc']]);
    expect(inserted.getFontWeights()).toEqual([['bold'], ['bold']]);
    expect(inserted.getValues()).toEqual([[''], ['']]);
    expect(inserted.getNotes()).toEqual([[''], ['']]);
    expect(inserted.getDataValidations()).toEqual([[null], [null]]);
    expect(sheet.getRange('A4').getNumberFormat()).toBe('0.###############');
    sheet.insertRowsBefore(4, 1);
    expect(sheet.getRange('B4').getNumberFormat()).toBe('dd/mm/yyyy');
    sheet.insertRowsBefore(1, 1);
    expect(sheet.getRange('B1').getNumberFormat()).toBe('0.00');
    sheet.insertColumnsAfter(2, 1);
    expect(sheet.getRange('C4:C5').getNumberFormats()).toEqual([['dd/mm/yyyy'], ['dd/mm/yyyy']]);
    expect(sheet.getRange('C2').getNumberFormat()).toBe('0.00');
    // The line before the insert keeps its own.
    expect(sheet.getRange('B4').getNote()).toBe('mine');
  });

  it('insertRowAfter and insertRowBefore insert one row, which takes the formats of the row before', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setValues([['first'], ['second']]);
    sheet.getRange('A1').setNumberFormat('dd/mm/yyyy');
    expect(sheet.insertRowAfter(1)).toBe(sheet);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['first'], [''], ['second']]);
    expect(sheet.getRange('A2').getNumberFormat()).toBe('dd/mm/yyyy');
    sheet.insertRowBefore(3);
    expect(sheet.getRange('A4').getValue()).toBe('second');
    expect(sheet.getRange('A3').getNumberFormat()).toBe('dd/mm/yyyy');
  });

  it('insertColumnsAfter beyond the cell limit is refused', () => {
    const { sheet } = setup();
    expect(() => sheet.insertColumnsAfter(1, 10_000)).toThrow(/above the limit of 10000000 cells/);
  });
});

describe('Call counting', () => {
  it("counts one call per service method, not the emulator's own internal calls", () => {
    const { emu, sheet } = setup();
    emu.rt.resetCalls();
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    expect(emu.rt.callsByMethod()).toEqual({ 'Range.setValues': 1, 'Sheet.getRange': 1 });
  });
});

describe('Sheet.getRangeList', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRangeList(String)
  // "Returns the RangeList collection representing the ranges in the same sheet specified by a
  // non-empty list of A1 notations or R1C1 notations."
  it('gives the ranges of whole columns and rows in the order asked, in two calls', () => {
    const { emu, sheet } = setup();
    emu.rt.resetCalls();
    const ranges = sheet.getRangeList(['C:C', '3:3', 'A1:B2']).getRanges();
    expect(emu.rt.callsByMethod()).toEqual({ 'Sheet.getRangeList': 1, 'RangeList.getRanges': 1 });
    expect(ranges.map((r) => r.getA1Notation())).toEqual(['C:C', '3:3', 'A1:B2'].map((a1) => sheet.getRange(a1).getA1Notation()));
    ranges[0].addDeveloperMetadata('k', 'v');
    expect(sheet.createDeveloperMetadataFinder().withKey('k').find()[0].getLocation().getColumn()!.getColumn()).toBe(3);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range-list#clearContent()
  // "Clears the content of each of the Ranges in the RangeList, leaving the formatting intact."
  it('clears the content of each range in one call, and leaves their formats', () => {
    const { emu, sheet } = setup();
    sheet.getRange('A1:D3').setValues([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ]);
    sheet.getRange('A1').setNumberFormat('0.00');
    emu.rt.resetCalls();
    sheet.getRangeList(['A1', 'C2:D3']).clearContent();
    expect(emu.rt.callsByMethod()).toEqual({ 'Sheet.getRangeList': 1, 'RangeList.clearContent': 1 });
    expect(sheet.getRange('A1:D3').getValues()).toEqual([
      ['', 2, 3, 4],
      [5, 6, '', ''],
      [9, 10, '', ''],
    ]);
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.00');
  });

  it('refuses an empty list and a range of another sheet, as getRange does', () => {
    const { sheet } = setup();
    expect(() => sheet.getRangeList([])).toThrow();
    expect(() => sheet.getRangeList(['Elsewhere!A1'])).toThrow('Range not found');
  });
});

describe('Protections of the whole spreadsheet', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getProtections(ProtectionType)
  // "Gets an array of objects representing all protected ranges or sheets in the spreadsheet."
  // https://developers.google.com/apps-script/reference/spreadsheet/range#getGridId()
  // "Returns the grid ID of the range's parent sheet."
  it("Spreadsheet.getProtections(type) lists every sheet's protections of that type; Range.getGridId names their sheet", () => {
    const { app, ss, sheet } = setup();
    const other = ss.insertSheet('Other');
    sheet.getRange('A1:B2').protect().setDescription('first');
    other.getRange('C3').protect().setDescription('second');
    other.protect().setDescription('whole');
    const ranges = ss.getProtections(app.ProtectionType.RANGE);
    expect(ranges.map((p) => p.getDescription())).toEqual(['first', 'second']);
    expect(ranges.map((p) => p.getRange().getGridId())).toEqual([sheet.getSheetId(), other.getSheetId()]);
    const sheets = ss.getProtections(app.ProtectionType.SHEET);
    expect(sheets.map((p) => [p.getDescription(), p.getRange().getGridId()])).toEqual([['whole', other.getSheetId()]]);
  });
});
