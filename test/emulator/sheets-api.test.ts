// The Sheets advanced service (local/emulator/services/sheets-api.ts): a global only where the
// manifest enables it, refused without a scope the API accepts, atomic, blind to SpreadsheetApp's
// queued writes until a flush, and every request kind it models read back through SpreadsheetApp
// as the equivalent SpreadsheetApp calls leave it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator, type AdvancedService } from '../../local/emulator/index.ts';
import { Bundle } from '../../local/bundle.ts';

const SHEETS: AdvancedService = { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' };
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';
const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';

const SCRIPT = `
function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1'); }
function hasSheets() { return typeof Sheets !== 'undefined'; }
function batch(requests, id) { return Sheets.Spreadsheets.batchUpdate({ requests: requests }, id || SpreadsheetApp.getActiveSpreadsheet().getId()); }
function tryBatch(requests, id) { try { batch(requests, id); return 'ok'; } catch (e) { return e.name + ': ' + e.message; } }
function insertThenBatch(requests, flush) {
  var id = SpreadsheetApp.getActiveSpreadsheet().getId();
  sheet().insertColumnsAfter(26, 2);
  if (flush) SpreadsheetApp.flush();
  return tryBatch(requests, id);
}
function file(fields) { return Sheets.Spreadsheets.get(SpreadsheetApp.getActiveSpreadsheet().getId(), fields === undefined ? {} : { fields: fields }); }
function tryFile(fields) { try { return file(fields); } catch (e) { return e.name + ': ' + e.message; } }
function insertThenFile(fields, flush) {
  var id = SpreadsheetApp.getActiveSpreadsheet().getId();
  sheet().insertRowsAfter(1000, 5);
  if (flush) SpreadsheetApp.flush();
  return Sheets.Spreadsheets.get(id, { fields: fields });
}
function dropDowns(a1) {
  return sheet().getRange(a1).getDataValidations().map(function (row) { return row.map(function (v) { return v && v.getCriteriaValues()[0][0]; }); });
}
function stretchBySpreadsheetApp() {
  var s = sheet();
  s.setConditionalFormatRules(s.getConditionalFormatRules().map(function (r, i) {
    return i === 1 ? r.copy().setRanges([s.getRange('C3:C20')]).build() : r;
  }));
}
function sheetsNow() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  return { sheets: ss.getSheets().map(function (s) { return [s.getName(), s.getSheetId(), s.getMaxRows(), s.getMaxColumns(), s.getFrozenRows()]; }), active: ss.getActiveSheet().getName() };
}
function batchThenSheets(requests) {
  var reply = batch(requests);
  return { replies: reply.replies, now: sheetsNow() };
}
function cellsOf(name, a1) {
  var r = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name).getRange(a1);
  return { values: r.getValues(), formulas: r.getFormulas(), weights: r.getFontWeights() };
}
function setFormulaBySpreadsheetApp(a1, formula) { sheet().getRange(a1).setFormula(formula); }
function tryInsertRows() { try { sheet().insertRowsAfter(1000, 2); return 'ok'; } catch (e) { return e.message; } }
function tags() {
  return sheet().createDeveloperMetadataFinder().find().map(function (m) {
    var loc = m.getLocation();
    var at = loc.getColumn() ? loc.getColumn().getA1Notation() : loc.getRow().getA1Notation();
    return [m.getKey(), m.getValue(), at];
  });
}
function rules() {
  return sheet().getConditionalFormatRules().map(function (r) {
    var c = r.getBooleanCondition();
    return [r.getRanges().map(function (g) { return g.getA1Notation(); }), String(c.getCriteriaType()), c.getCriteriaValues(), c.getBackground(), c.getFontColor()];
  });
}
function validation(a1) {
  var v = sheet().getRange(a1).getDataValidation();
  return v && [String(v.getCriteriaType()), v.getCriteriaValues(), v.getAllowInvalid(), v.getHelpText()];
}
function looks(a1) {
  var r = sheet().getRange(a1);
  return [r.getNumberFormats(), r.getFontWeights()];
}
function layout() {
  var s = sheet();
  return [s.getFrozenRows(), [1, 2, 3, 4].map(function (c) { return s.getColumnWidth(c); }), s.getRange('A1:C2').getValues(), s.getRange('A1:C2').getFontWeights(), s.getRange('A1:C2').getNumberFormats()];
}
function layoutBySpreadsheetApp() {
  var s = sheet();
  s.setFrozenRows(1);
  s.setColumnWidths(2, 2, 180);
  s.getRange('A1:C1').setFontWeight('bold');
  s.getRange('A1:C1').setValues([['Date', "'=not a formula", "'0012"]]);
  s.getRange('A2').setNumberFormat('@');
  s.getRange('A2:B2').setValues([['plain', 42]]);
}
function sameBySpreadsheetApp() {
  var s = sheet();
  s.getRange('C:C').addDeveloperMetadata('iit.column', 'stage');
  s.getRange('2:2').addDeveloperMetadata('iit.header', 'header');
  var rule = SpreadsheetApp.newConditionalFormatRule().setRanges([s.getRange('C3:C10')]).whenFormulaSatisfied('=$C3="Scheduled"').setBackground('#f4c7c3').setFontColor('#a50e0e').build();
  var text = SpreadsheetApp.newConditionalFormatRule().setRanges([s.getRange('C3:C10')]).whenTextEqualTo('Declined').setBackground('#e8eaed').build();
  s.setConditionalFormatRules(s.getConditionalFormatRules().concat([rule, text]));
  s.getRange('C3:C10').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['To contact', 'Pitched'], true).setAllowInvalid(false).setHelpText('Choose one').build());
  s.getRange('D3:D10').setNumberFormat('yyyy-mm-dd');
  s.getRange('C2:D2').setFontWeight('bold');
}
`;

const grid = (sheetId: number, r0: number, r1: number, c0: number, c1: number) => ({
  sheetId,
  startRowIndex: r0,
  endRowIndex: r1,
  startColumnIndex: c0,
  endColumnIndex: c1,
});
const rgb = (hex: string) => ({
  red: parseInt(hex.slice(1, 3), 16) / 255,
  green: parseInt(hex.slice(3, 5), 16) / 255,
  blue: parseInt(hex.slice(5, 7), 16) / 255,
});

/** The requests that do what sameBySpreadsheetApp does, on sheet `id`. */
function sameByApi(id: number) {
  return [
    {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: 'iit.column',
          metadataValue: 'stage',
          visibility: 'DOCUMENT',
          location: { dimensionRange: { sheetId: id, dimension: 'COLUMNS', startIndex: 2, endIndex: 3 } },
        },
      },
    },
    {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: 'iit.header',
          metadataValue: 'header',
          visibility: 'DOCUMENT',
          location: { dimensionRange: { sheetId: id, dimension: 'ROWS', startIndex: 1, endIndex: 2 } },
        },
      },
    },
    {
      addConditionalFormatRule: {
        index: 0,
        rule: {
          ranges: [grid(id, 2, 10, 2, 3)],
          booleanRule: {
            condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: '=$C3="Scheduled"' }] },
            format: { backgroundColor: rgb('#f4c7c3'), textFormat: { foregroundColor: rgb('#a50e0e') } },
          },
        },
      },
    },
    {
      addConditionalFormatRule: {
        index: 1,
        rule: {
          ranges: [grid(id, 2, 10, 2, 3)],
          booleanRule: { condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: 'Declined' }] }, format: { backgroundColor: rgb('#e8eaed') } },
        },
      },
    },
    {
      setDataValidation: {
        range: grid(id, 2, 10, 2, 3),
        rule: {
          condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'To contact' }, { userEnteredValue: 'Pitched' }] },
          strict: true,
          showCustomUi: true,
          inputMessage: 'Choose one',
        },
      },
    },
    {
      repeatCell: {
        range: grid(id, 2, 10, 3, 4),
        cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } },
        fields: 'userEnteredFormat.numberFormat',
      },
    },
    {
      repeatCell: { range: grid(id, 1, 2, 2, 4), cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' },
    },
  ];
}

function world(options: { services?: AdvancedService[]; scopes?: string[] | null; locale?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sheets-api-'));
  writeFileSync(join(dir, 'Code.js'), SCRIPT);
  const emu = new Emulator({ buildDir: dir, scopes: options.scopes ?? [SPREADSHEETS], advancedServices: options.services ?? [SHEETS], locale: options.locale });
  const bundle = new Bundle(emu);
  const sheetId = emu.active._sheets[0]._id;
  const readBack = () => ({
    tags: run(bundle, 'tags'),
    rules: run(bundle, 'rules'),
    validation: run(bundle, 'validation', ['C5']),
    looks: run(bundle, 'looks', ['C1:D4']),
  });
  return { emu, bundle, sheetId, readBack };
}

function run(bundle: Bundle, name: string, args: unknown[] = []): unknown {
  return bundle.run(name, args).result;
}

describe('Sheets advanced service', () => {
  it('is a global only where the manifest enables it', () => {
    expect(run(world().bundle, 'hasSheets')).toBe(true);
    expect(run(world({ services: [] }).bundle, 'hasSheets')).toBe(false);
  });

  it('reads the manifest: dependencies.enabledAdvancedServices', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sheets-api-manifest-'));
    writeFileSync(join(dir, 'Code.js'), SCRIPT);
    writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ oauthScopes: [SPREADSHEETS], dependencies: { enabledAdvancedServices: [SHEETS] } }));
    expect(run(new Bundle(new Emulator({ buildDir: dir })), 'hasSheets')).toBe(true);
    writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ oauthScopes: [SPREADSHEETS] }));
    expect(run(new Bundle(new Emulator({ buildDir: dir })), 'hasSheets')).toBe(false);
  });

  it('each request kind reads back through SpreadsheetApp as the same SpreadsheetApp calls leave it', () => {
    const byApi = world();
    const result = byApi.bundle.run('batch', [sameByApi(byApi.sheetId)]);
    expect(result.calls).toBe(3); // getActiveSpreadsheet, getId, batchUpdate
    expect(result.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    const bySpreadsheetApp = world();
    bySpreadsheetApp.bundle.run('sameBySpreadsheetApp');
    const read = byApi.readBack();
    expect(read).toEqual(bySpreadsheetApp.readBack());
    expect(read.tags).toEqual([
      ['iit.column', 'stage', 'C1:C1000'],
      ['iit.header', 'header', 'A2:Z2'],
    ]);
    expect(read.rules).toEqual([
      [['C3:C10'], 'CUSTOM_FORMULA', ['=$C3="Scheduled"'], '#f4c7c3', '#a50e0e'],
      [['C3:C10'], 'TEXT_EQUAL_TO', ['Declined'], '#e8eaed', null],
    ]);
    expect(read.validation).toEqual(['VALUE_IN_LIST', [['To contact', 'Pitched'], true], false, 'Choose one']);
    const [formats, weights] = read.looks as string[][][];
    expect(weights.slice(0, 2)).toEqual([
      ['normal', 'normal'],
      ['bold', 'bold'],
    ]);
    expect(formats[2]).toEqual(['0.###############', 'yyyy-mm-dd']);
  });

  it('cells, column widths and frozen rows read back as SpreadsheetApp leaves them; a string is never parsed', () => {
    const byApi = world();
    const id = byApi.sheetId;
    const text = (stringValue: string) => ({ userEnteredValue: { stringValue }, userEnteredFormat: { textFormat: { bold: true } } });
    run(byApi.bundle, 'batch', [
      [
        { updateSheetProperties: { properties: { sheetId: id, gridProperties: { frozenRowCount: 1 } }, fields: 'gridProperties.frozenRowCount' } },
        {
          updateDimensionProperties: {
            range: { sheetId: id, dimension: 'COLUMNS', startIndex: 1, endIndex: 3 },
            properties: { pixelSize: 180 },
            fields: 'pixelSize',
          },
        },
        {
          updateCells: {
            start: { sheetId: id, rowIndex: 0, columnIndex: 0 },
            rows: [{ values: [text('Date'), text('=not a formula'), text('0012')] }],
            fields: 'userEnteredValue,userEnteredFormat.textFormat.bold',
          },
        },
        {
          repeatCell: {
            range: grid(id, 1, 2, 0, 1),
            cell: { userEnteredFormat: { numberFormat: { type: 'TEXT', pattern: '@' } } },
            fields: 'userEnteredFormat.numberFormat',
          },
        },
        {
          updateCells: {
            range: grid(id, 1, 2, 0, 2),
            rows: [{ values: [{ userEnteredValue: { stringValue: 'plain' } }, { userEnteredValue: { numberValue: 42 } }] }],
            fields: 'userEnteredValue',
          },
        },
      ],
    ]);
    const bySpreadsheetApp = world();
    run(bySpreadsheetApp.bundle, 'layoutBySpreadsheetApp');
    const read = run(byApi.bundle, 'layout') as unknown[];
    expect(read).toEqual(run(bySpreadsheetApp.bundle, 'layout'));
    expect(read[0]).toBe(1);
    expect(read[2]).toEqual([
      ['Date', '=not a formula', '0012'],
      ['plain', 42, ''],
    ]);
  });

  it('updateCells: rows of different lengths write only their cells, within the range; each value is read with the format the same request gives its cell', () => {
    const w = world();
    const sheet = w.emu.active._sheets[0];
    sheet.getRange('A1:D5').setValues(Array.from({ length: 5 }, () => ['old', 'old', 'old', 'old']));
    const asText = { userEnteredFormat: { numberFormat: { type: 'TEXT', pattern: '@' } } };
    run(w.bundle, 'batch', [
      [
        {
          updateCells: {
            range: grid(w.sheetId, 0, 4, 0, 3),
            rows: [
              { values: [{ userEnteredValue: { numberValue: 1 } }, { userEnteredValue: { stringValue: '2' } }] },
              { values: [{ userEnteredValue: { stringValue: '007' }, ...asText }, { userEnteredValue: { boolValue: true } }] },
              { values: [] },
              { values: [1, 2, 3, 4].map((n) => ({ userEnteredValue: { numberValue: n } })) },
              { values: [{ userEnteredValue: { numberValue: 9 } }] },
            ],
            fields: 'userEnteredValue,userEnteredFormat.numberFormat',
          },
        },
      ],
    ]);
    expect(sheet.getRange('A1:D5').getValues()).toEqual([
      [1, '2', 'old', 'old'],
      ['007', true, 'old', 'old'],
      ['old', 'old', 'old', 'old'],
      [1, 2, 3, 'old'],
      ['old', 'old', 'old', 'old'],
    ]);
    expect(sheet.getRange('A2').getNumberFormat()).toBe('@');
  });

  it('a viewer may not change anything, and freezing every row, or rows that cut a merge, is refused', () => {
    const w = world();
    w.emu.active.addViewer('viewer@example.com');
    const id = w.emu.active._id;
    const freeze = (count: number) => [
      { updateSheetProperties: { properties: { sheetId: w.sheetId, gridProperties: { frozenRowCount: count } }, fields: 'gridProperties.frozenRowCount' } },
    ];
    expect(w.emu.actAs('viewer@example.com', () => run(w.bundle, 'tryBatch', [freeze(1), id]))).toMatch(
      /failed with error: The caller does not have permission$/,
    );
    expect(run(w.bundle, 'tryBatch', [freeze(1000), id])).toMatch(
      /Invalid requests\[0\]\.updateSheetProperties: You can't freeze all visible rows on the sheet\.$/,
    );
    expect(w.emu.active._sheets[0]._frozenRows).toBe(0);
    w.emu.active._sheets[0].getRange('B1:B2').merge();
    expect(run(w.bundle, 'tryBatch', [freeze(1), id])).toMatch(
      /Invalid requests\[0\]\.updateSheetProperties: Sorry, you can't freeze rows which contain only part of a merged cell\./,
    );
    expect(w.emu.active._sheets[0]._frozenRows).toBe(0);
  });

  it('a custom formula is read in the spreadsheet locale, as SpreadsheetApp reads a rule', () => {
    const byApi = world({ locale: 'de_DE' });
    const formula = '=AND($C3<>"";$D3<TODAY())';
    const request = sameByApi(byApi.sheetId)[2] as {
      addConditionalFormatRule: { rule: { booleanRule: { condition: { values: { userEnteredValue: string }[] } } } };
    };
    request.addConditionalFormatRule.rule.booleanRule.condition.values[0].userEnteredValue = formula;
    byApi.bundle.run('batch', [[request]]);
    expect((byApi.readBack().rules as unknown[][])[0][2]).toEqual([formula]);
  });

  it('a rule added without an index goes first', () => {
    const w = world();
    const [, , first, second] = sameByApi(w.sheetId) as { addConditionalFormatRule: { index?: number } }[];
    delete second.addConditionalFormatRule.index;
    w.bundle.run('batch', [[first, second]]);
    expect((w.readBack().rules as unknown[][]).map((r) => r[1])).toEqual(['TEXT_EQUAL_TO', 'CUSTOM_FORMULA']);
  });

  it('is atomic: one invalid request and nothing is applied, with the API error', () => {
    const w = world();
    const requests = [...sameByApi(w.sheetId), { repeatCell: { range: grid(987, 0, 1, 0, 1), cell: {}, fields: 'userEnteredFormat.numberFormat' } }];
    const before = w.readBack();
    expect(run(w.bundle, 'tryBatch', [requests])).toBe(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[7].repeatCell: No grid with id: 987',
    );
    expect(w.readBack()).toEqual(before);
    expect(before.tags).toEqual([]);
  });

  it('refuses a range past the grid, an empty batch and metadata over two columns', () => {
    const w = world();
    expect(
      run(w.bundle, 'tryBatch', [
        [
          {
            repeatCell: {
              range: grid(w.sheetId, 0, 1001, 0, 1),
              cell: { userEnteredFormat: { textFormat: { bold: true } } },
              fields: 'userEnteredFormat.textFormat.bold',
            },
          },
        ],
      ]),
    ).toBe(
      "GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].repeatCell: Range ('Sheet1'!A1:A1001) exceeds grid limits. Max rows: 1000, max columns: 26",
    );
    expect(run(w.bundle, 'tryBatch', [[]])).toBe(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Must specify at least one request.',
    );
    const wide = sameByApi(w.sheetId)[0] as { createDeveloperMetadata: { developerMetadata: { location: { dimensionRange: { endIndex: number } } } } };
    wide.createDeveloperMetadata.developerMetadata.location.dimensionRange.endIndex = 4;
    expect(run(w.bundle, 'tryBatch', [[wide]])).toMatch(
      /Invalid requests\[0\]\.createDeveloperMetadata: The specified DimensionRange must represent a single row or column\.$/,
    );
  });

  it('refuses a number format written without its type ("When writing, this field must be set": Sheets API reference, NumberFormat.type)', () => {
    const w = world();
    const format = (numberFormat: object) => ({ userEnteredFormat: { numberFormat } });
    const repeat = { repeatCell: { range: grid(w.sheetId, 1, 3, 0, 1), cell: format({ pattern: 'yyyy-mm-dd' }), fields: 'userEnteredFormat.numberFormat' } };
    const cells = {
      updateCells: {
        start: { sheetId: w.sheetId, rowIndex: 1, columnIndex: 1 },
        rows: [{ values: [format({ pattern: '0' })] }],
        fields: 'userEnteredFormat.numberFormat',
      },
    };
    const before = w.readBack();
    expect(run(w.bundle, 'tryBatch', [[repeat]])).toMatch(/Invalid requests\[0\]\.repeatCell: .*type/);
    expect(run(w.bundle, 'tryBatch', [[cells]])).toMatch(/Invalid requests\[0\]\.updateCells: .*type/);
    expect(w.readBack()).toEqual(before);
  });

  it('without a scope the API accepts (spreadsheets.currentonly is not one), the call fails and changes nothing', () => {
    const w = world({ scopes: [CURRENT_ONLY] });
    expect(run(w.bundle, 'tryBatch', [sameByApi(w.sheetId)])).toBe(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Request had insufficient authentication scopes.',
    );
    expect(w.readBack().tags).toEqual([]);
  });

  it('does not see columns SpreadsheetApp still queues: the batch over them fails until a flush', () => {
    const request = (id: number) => [
      {
        repeatCell: { range: grid(id, 0, 1, 26, 28), cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' },
      },
    ];
    const queued = world();
    expect(run(queued.bundle, 'insertThenBatch', [request(queued.sheetId), false])).toMatch(
      /Range \('Sheet1'!AA1:AB1\) exceeds grid limits\. Max rows: 1000, max columns: 26$/,
    );
    const flushed = world();
    expect(run(flushed.bundle, 'insertThenBatch', [request(flushed.sheetId), true])).toBe('ok');
    expect(run(flushed.bundle, 'looks', ['AA1:AB1'])).toEqual([[['0.###############', '0.###############']], [['bold', 'bold']]]);
  });

  it('a fault at the call leaves nothing of the batch', () => {
    const w = world();
    w.emu.rt.beforeCall = (name) => {
      if (name === 'Sheets.Spreadsheets.batchUpdate') throw new Error('fault');
    };
    expect(run(w.bundle, 'tryBatch', [sameByApi(w.sheetId)])).toBe('Error: fault');
    w.emu.rt.beforeCall = null;
    expect(w.readBack().tags).toEqual([]);
  });

  it('spreadsheets.get gives the sheets and their colour rules, cut to a fields mask; a rule sent back by updateConditionalFormatRule reads as SpreadsheetApp leaves it', () => {
    const w = world();
    w.bundle.run('batch', [sameByApi(w.sheetId)]);
    const FIELDS = 'sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),conditionalFormats)';
    const got = w.bundle.run('file', [FIELDS]);
    expect(got.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    const read = got.result as {
      sheets: { properties: Record<string, unknown>; conditionalFormats: { ranges: Record<string, number>[]; booleanRule: unknown }[] }[];
    };
    expect(Object.keys(read)).toEqual(['sheets']);
    // The first sheet's id is 0, a default the API's JSON leaves out.
    expect(read.sheets[0].properties).toEqual({ title: 'Sheet1', gridProperties: { rowCount: 1000, columnCount: 26 } });
    const rules = read.sheets[0].conditionalFormats;
    expect(rules.map((r) => r.booleanRule)).toEqual([
      {
        condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: '=$C3="Scheduled"' }] },
        format: {
          backgroundColor: rgb('#f4c7c3'),
          backgroundColorStyle: { rgbColor: rgb('#f4c7c3') },
          textFormat: { foregroundColor: rgb('#a50e0e'), foregroundColorStyle: { rgbColor: rgb('#a50e0e') } },
        },
      },
      {
        condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: 'Declined' }] },
        format: { backgroundColor: rgb('#e8eaed'), backgroundColorStyle: { rgbColor: rgb('#e8eaed') } },
      },
    ]);
    expect(rules[1].ranges).toEqual([{ startRowIndex: 2, endRowIndex: 10, startColumnIndex: 2, endColumnIndex: 3 }]);
    // The rule at index 1 replaced by itself over more rows; the other is kept.
    const stretched = { ...rules[1], ranges: [{ ...rules[1].ranges[0], endRowIndex: 20 }] };
    const updated = w.bundle.run('batch', [[{ updateConditionalFormatRule: { index: 1, rule: stretched } }]]).result as { replies: unknown[] };
    // UpdateConditionalFormatRuleResponse: the new index and rule, the old rule (no oldIndex when replacing).
    expect(updated.replies).toEqual([{ updateConditionalFormatRule: { newIndex: 1, newRule: stretched, oldRule: rules[1] } }]);
    const bySpreadsheetApp = world();
    bySpreadsheetApp.bundle.run('sameBySpreadsheetApp');
    bySpreadsheetApp.bundle.run('stretchBySpreadsheetApp');
    expect(run(w.bundle, 'rules')).toEqual(run(bySpreadsheetApp.bundle, 'rules'));
    expect(run(w.bundle, 'tryBatch', [[{ updateConditionalFormatRule: { index: 2, rule: stretched } }]])).toBe(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].updateConditionalFormatRule: index 2 is out of range (the sheet has 2 rules).',
    );
  });

  it('spreadsheets.get: the whole resource without a mask, a field it lacks refused, the grid as Sheets has it (rows SpreadsheetApp still queues are not there until a flush)', () => {
    const w = world();
    const whole = run(w.bundle, 'file', []) as { spreadsheetId: string; properties: { locale: string }; sheets: { properties: { sheetType: string } }[] };
    expect(whole.spreadsheetId).toBe(w.emu.active.getId());
    expect(whole.properties.locale).toBe('en_US');
    expect(whole.sheets[0].properties.sheetType).toBe('GRID');
    // Subfields dot-separated, snake_case accepted (Sheets API guide, "Use field masks").
    expect(run(w.bundle, 'file', ['sheets.properties(sheet_type)'])).toEqual({ sheets: [{ properties: { sheetType: 'GRID' } }] });
    expect(run(w.bundle, 'tryFile', ['sheets(properties(colour))'])).toBe(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.get failed with error: Invalid field selection colour',
    );
    const rows = (flush: boolean) =>
      (
        run(world().bundle, 'insertThenFile', ['sheets.properties.gridProperties.rowCount', flush]) as {
          sheets: { properties: { gridProperties: { rowCount: number } } }[];
        }
      ).sheets[0].properties.gridProperties.rowCount;
    expect(rows(false)).toBe(1000);
    expect(rows(true)).toBe(1005);
    expect(run(world({ scopes: [CURRENT_ONLY] }).bundle, 'tryFile', ['sheets'])).toBe(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.get failed with error: Request had insufficient authentication scopes.',
    );
  });

  it('insertDimension: rows inserted inside a rule grow it, as insertRowsAfter does, and the requests after it see them', () => {
    const byApi = world();
    byApi.bundle.run('batch', [sameByApi(byApi.sheetId)]);
    const beyond = {
      repeatCell: {
        range: grid(byApi.sheetId, 1000, 1002, 3, 4),
        cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } },
        fields: 'userEnteredFormat.numberFormat',
      },
    };
    // Past the grid without the insert before it.
    expect(run(byApi.bundle, 'tryBatch', [[beyond]])).toMatch(/exceeds grid limits\. Max rows: 1000, max columns: 26$/);
    const insert = (startIndex: number, endIndex: number, inheritFromBefore: boolean) => ({
      insertDimension: { range: { sheetId: byApi.sheetId, dimension: 'ROWS', startIndex, endIndex }, inheritFromBefore },
    });
    // Nothing after a row to inherit from: refused, with the 400 the API gives (nithinmurali/pygsheets#46), and the batch is atomic.
    expect(run(byApi.bundle, 'tryBatch', [[insert(4, 6, true), insert(1002, 1004, false)]])).toBe(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[1].insertDimension: range.startIndex must be less than the grid size (1002) if inheritFromBefore is false.',
    );
    expect(byApi.emu.active._sheets[0]._maxRows).toBe(1000);
    expect(run(byApi.bundle, 'tryBatch', [[insert(4, 6, true), insert(1002, 1004, true), beyond]])).toBe('ok');
    const bySpreadsheetApp = world();
    bySpreadsheetApp.bundle.run('sameBySpreadsheetApp');
    const s = bySpreadsheetApp.emu.active.getSheetByName('Sheet1')!;
    s.insertRowsAfter(4, 2);
    s.insertRowsAfter(1002, 2);
    s.getRange('D1001:D1002').setNumberFormat('yyyy-mm-dd');
    expect(byApi.readBack()).toEqual(bySpreadsheetApp.readBack());
    expect(run(byApi.bundle, 'rules')).toEqual(run(bySpreadsheetApp.bundle, 'rules'));
    expect(run(byApi.bundle, 'looks', ['D1000:D1004'])).toEqual(run(bySpreadsheetApp.bundle, 'looks', ['D1000:D1004']));
    expect(byApi.emu.active._sheets[0]._maxRows).toBe(1004);
  });

  // InsertDimensionRequest.inheritFromBefore: "True to inherit from the dimensions before ...
  // false to inherit from the dimensions after" (its example a background; gogcli#655 the number format).
  it('insertDimension: the new rows take the formats of the row before, or of the row after when inheritFromBefore is false', () => {
    const w = world();
    const s = w.emu.active.getSheetByName('Sheet1')!;
    s.getRange('B3').setNumberFormat('dd/mm/yyyy').setBackground('#fff2cc');
    s.getRange('B4').setNumberFormat('0.00');
    const insert = (startIndex: number, endIndex: number, inheritFromBefore: boolean) => ({
      insertDimension: { range: { sheetId: w.sheetId, dimension: 'ROWS', startIndex, endIndex }, inheritFromBefore },
    });
    expect(run(w.bundle, 'tryBatch', [[insert(3, 5, true), insert(5, 6, false)]])).toBe('ok');
    expect(s.getRange('B4:B8').getNumberFormats()).toEqual([['dd/mm/yyyy'], ['dd/mm/yyyy'], ['0.00'], ['0.00'], ['0.###############']]);
    expect(s.getRange('B4:B7').getBackgrounds()).toEqual([['#fff2cc'], ['#fff2cc'], ['#ffffff'], ['#ffffff']]);
  });

  it('copyPaste of data validation: a source repeated over a destination a multiple of its height, pasted once (past the destination) over one that is not', () => {
    const w = world();
    w.bundle.run('batch', [sameByApi(w.sheetId)]);
    const paste = (destination: ReturnType<typeof grid>) => ({
      copyPaste: { source: grid(w.sheetId, 2, 4, 2, 3), destination, pasteType: 'PASTE_DATA_VALIDATION', pasteOrientation: 'NORMAL' },
    });
    // C3:C4 hold drop-downs; C11:C12 none: pasted over E, the pair repeats down E20:E25, and
    // three rows (not a multiple of two) take the pair once, from F30.
    w.emu.active.getSheetByName('Sheet1')!.getRange('C4').setDataValidation(null);
    expect(run(w.bundle, 'tryBatch', [[paste(grid(w.sheetId, 19, 25, 4, 5)), paste(grid(w.sheetId, 29, 32, 5, 6))]])).toBe('ok');
    expect(run(w.bundle, 'dropDowns', ['E19:F33'])).toEqual([
      [null, null],
      ['To contact', null],
      [null, null],
      ['To contact', null],
      [null, null],
      ['To contact', null],
      [null, null],
      [null, null],
      [null, null],
      [null, null],
      [null, null],
      [null, 'To contact'],
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('insertDimension is refused to an editor where a protection does not list them, as insertRowsAfter is', () => {
    const w = world();
    const EDITOR = 'editor@example.com';
    w.emu.active.addEditor(EDITOR);
    const protection = w.emu.active.getSheetByName('Sheet1')!.getRange('B2:B5').protect();
    protection.removeEditors(protection.getEditors());
    const id = w.emu.active._id;
    const insert = [{ insertDimension: { range: { sheetId: w.sheetId, dimension: 'ROWS', startIndex: 1000, endIndex: 1002 }, inheritFromBefore: true } }];
    const bySpreadsheetApp = w.emu.actAs(EDITOR, () => run(w.bundle, 'tryInsertRows')) as string;
    expect(bySpreadsheetApp).not.toBe('ok');
    expect(w.emu.actAs(EDITOR, () => run(w.bundle, 'tryBatch', [insert, id]))).toBe(
      `GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].insertDimension: ${bySpreadsheetApp}`,
    );
    expect(run(w.bundle, 'tryBatch', [insert, id])).toBe('ok');
    expect(w.emu.active._sheets[0]._maxRows).toBe(1002);
  });

  it("addSheet: a sheet with the ID, name and place asked, a new sheet's grid, the requests after it writing it, its properties in the reply; the active sheet stays", () => {
    const w = world();
    const out = run(w.bundle, 'batchThenSheets', [
      [
        { addSheet: { properties: { sheetId: 4242, title: 'Log', index: 1, gridProperties: { frozenRowCount: 1 } } } },
        {
          updateCells: {
            start: { sheetId: 4242, rowIndex: 0, columnIndex: 0 },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'Date' }, userEnteredFormat: { textFormat: { bold: true } } }] }],
            fields: 'userEnteredValue,userEnteredFormat.textFormat.bold',
          },
        },
        {
          repeatCell: {
            range: { sheetId: 4242, startRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 },
            cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } },
            fields: 'userEnteredFormat.numberFormat',
          },
        },
      ],
    ]) as { replies: { addSheet?: { properties: Record<string, unknown> } }[]; now: { sheets: unknown[][]; active: string } };
    expect(out.replies[0].addSheet?.properties).toEqual({
      sheetId: 4242,
      title: 'Log',
      index: 1,
      sheetType: 'GRID',
      gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 1 },
    });
    expect(out.now.sheets).toEqual([
      ['Sheet1', w.sheetId, 1000, 26, 0],
      ['Log', 4242, 1000, 26, 1],
    ]);
    expect(out.now.active).toBe('Sheet1');
    expect(run(w.bundle, 'cellsOf', ['Log', 'A1:A2'])).toEqual({ values: [['Date'], ['']], formulas: [[''], ['']], weights: [['bold'], ['normal']] });
  });

  it('insertSheet after addSheet gives an ID no sheet has, even one its own sequence would give later', () => {
    const w = world();
    const ss = w.emu.active;
    const [first, second] = [ss.insertSheet('Probe 1').getSheetId(), ss.insertSheet('Probe 2').getSheetId()];
    const step = second - first;
    run(w.bundle, 'batch', [[{ addSheet: { properties: { sheetId: second + 2 * step, title: 'Log' } } }]]);
    for (const name of ['After 1', 'After 2']) ss.insertSheet(name);
    const ids = ss.getSheets().map((sheet) => sheet.getSheetId());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('addSheet refuses a name a sheet has (whatever its case) or an ID a sheet has, and then nothing of the batch is applied', () => {
    const w = world();
    const before = run(w.bundle, 'sheetsNow');
    expect(run(w.bundle, 'tryBatch', [[{ addSheet: { properties: { title: 'Log' } } }, { addSheet: { properties: { title: 'SHEET1' } } }]])).toBe(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[1].addSheet: A sheet with the name "SHEET1" already exists. Please enter another name.',
    );
    expect(run(w.bundle, 'tryBatch', [[{ addSheet: { properties: { title: 'Log', sheetId: w.sheetId } } }]])).toBe(
      `GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].addSheet: A sheet with id ${w.sheetId} already exists.`,
    );
    expect(run(w.bundle, 'sheetsNow')).toEqual(before);
  });

  it('a formulaValue is written as setFormula writes it, read in the spreadsheet locale (googleapis/google-api-nodejs-client#1994)', () => {
    for (const locale of ['en_US', 'de_DE']) {
      const formula = '=IF(A1="";"none";A1)';
      const byApi = world({ locale });
      run(byApi.bundle, 'batch', [
        [
          {
            updateCells: {
              start: { sheetId: byApi.sheetId, rowIndex: 1, columnIndex: 1 },
              rows: [{ values: [{ userEnteredValue: { formulaValue: formula } }] }],
              fields: 'userEnteredValue',
            },
          },
        ],
      ]);
      const bySpreadsheetApp = world({ locale });
      run(bySpreadsheetApp.bundle, 'setFormulaBySpreadsheetApp', ['B2', formula]);
      const read = run(byApi.bundle, 'cellsOf', ['Sheet1', 'B2']);
      expect(read, locale).toEqual(run(bySpreadsheetApp.bundle, 'cellsOf', ['Sheet1', 'B2']));
      expect((read as { values: unknown[][] }).values[0][0]).toBe('none');
    }
  });
});
