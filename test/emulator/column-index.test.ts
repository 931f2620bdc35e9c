// The formula engine's lookup index is built for a column when a lookup first searches it, not
// for every value every script writes (local/emulator/spreadsheet/column-index.ts). Lookups find
// the same rows as before, whatever was written, cleared, computed or moved before or after.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet/spreadsheet.ts';

function setup() {
  const emu = new Emulator({ scopes: null });
  const ss = (emu.globals().SpreadsheetApp as EmuSpreadsheetApp).getActiveSpreadsheet();
  const sheet = ss.getActiveSheet();
  /** The engine's index: per sheet, per column, the values it filed. */
  const filed = () => {
    const index = (ss._engine as unknown as { columnSearch: { index: Map<number, (Map<unknown, unknown> | undefined)[]> } }).columnSearch.index;
    const columns: number[] = [];
    index.get(sheet._hfId)?.forEach((values, col) => {
      if (values?.size) columns.push(col + 1);
    });
    return columns;
  };
  return { emu, ss, sheet, filed };
}

describe('the lookup index files a column when a lookup first searches it', () => {
  it('values written to columns no formula looks up are not filed; a lookup files only its own column', () => {
    const { sheet, filed } = setup();
    sheet.getRange('A1:C3').setValues([
      ['C-1', 'Ada', 'x'],
      ['C-2', 'Grace', 'y'],
      ['C-3', 'Alan', 'z'],
    ]);
    expect(sheet.getRange('A1').getValue()).toBe('C-1');
    expect(filed()).toEqual([]);
    sheet.getRange('E1').setFormula('=XLOOKUP("C-2",A1:A3,B1:B3)');
    expect(sheet.getRange('E1').getValue()).toBe('Grace');
    expect(filed()).toEqual([1]);
  });

  it('finds the row of values written, changed and cleared before and after its first search', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B4').setValues([
      ['C-1', 'Ada'],
      ['C-2', 'Grace'],
      ['C-3', 'Alan'],
      ['', ''],
    ]);
    sheet.getRange('A2').setValue('C-9');
    sheet.getRange('D1:D3').setFormulas([['=XLOOKUP("C-9",A1:A4,B1:B4,"none")'], ['=MATCH("c-3",A1:A4,0)'], ['=XLOOKUP("C-4",A1:A4,B1:B4,"none")']]);
    expect(sheet.getRange('D1:D3').getValues()).toEqual([['Grace'], [3], ['none']]);
    sheet.getRange('A4:B4').setValues([['C-4', 'Linus']]);
    sheet.getRange('A2').clearContent();
    sheet.getRange('A1').setValue('C-3');
    expect(sheet.getRange('D1:D3').getValues()).toEqual([['none'], [1], ['Linus']]);
  });

  it('finds computed values, a spilled array, and rows after rows and columns were inserted', () => {
    const { sheet } = setup();
    sheet.getRange('B1:B3').setValues([['one'], ['two'], ['three']]);
    sheet.getRange('A1').setFormula('=ARRAYFORMULA(UPPER(B1:B3))');
    sheet.getRange('A4').setFormula('="FO"&"UR"');
    sheet.getRange('D1:D2').setFormulas([['=MATCH("TWO",A1:A10,0)'], ['=MATCH("four",A1:A10,0)']]);
    expect(sheet.getRange('D1:D2').getValues()).toEqual([[2], [4]]);
    sheet.insertRowsBefore(1, 2);
    sheet.insertColumnsBefore(1, 1);
    expect(sheet.getRange('E3:E4').getValues()).toEqual([[2], [4]]);
    sheet.getRange('C6').setValue('five');
    sheet.getRange('B7').setValue('FIVE');
    sheet.getRange('E5').setFormula('=MATCH("five",B1:B12,0)');
    expect(sheet.getRange('E5').getValue()).toBe(7);
  });
});
