// Rewriting what a range holds. Scripts rewrite whole tables of which a few cells changed (the
// coach view, a rebuilt dashboard, a column of formats); the emulator gives its formula engine
// only the cells whose content changes. What a script reads back must be exactly what it wrote,
// and formulas must follow every cell that did change.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet/spreadsheet.ts';

function setup() {
  const emu = new Emulator({ scopes: null });
  const ss = (emu.globals().SpreadsheetApp as EmuSpreadsheetApp).getActiveSpreadsheet();
  const sheet = ss.getActiveSheet();
  let recalculations = 0;
  ss._engine.on('valuesUpdated', () => recalculations++);
  return { emu, ss, sheet, recalculations: () => recalculations };
}

describe('setValues over cells that hold the same content', () => {
  it('reads back the new table, and formulas follow the cells that changed, in any column', () => {
    const { sheet } = setup();
    const table = [
      ['Ann', 3, true, ''],
      ['Bob', 4, false, 'x'],
      ['Cy', 5, true, ''],
    ];
    sheet.getRange('A1:D3').setValues(table);
    sheet.getRange('F1:F3').setFormulas([['=SUM(B1:B3)'], ['=COUNTIF(C1:C3,TRUE)'], ['=A2&D2']]);
    expect(sheet.getRange('F1:F3').getValues()).toEqual([[12], [2], ['Bobx']]);
    const next = [
      ['Ann', 3, true, ''],
      ['Bo', 4, true, ''],
      ['Cy', 50, true, 'new'],
    ];
    sheet.getRange('A1:D3').setValues(next);
    expect(sheet.getRange('A1:D3').getValues()).toEqual(next);
    expect(sheet.getRange('F1:F3').getValues()).toEqual([[57], [3], ['Bo']]);
  });

  it('keeps text that reads as a number text, and a number a number, when the other is written', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([["'5", 5]]);
    sheet.getRange('A1:B1').setValues([[5, "'5"]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[5, '5']]);
    sheet.getRange('A1:B1').setValues([[5, "'5"]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[5, '5']]);
  });

  it('writes a value over a formula that computes the same value', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setFormula('=2+3');
    sheet.getRange('A1:A1').setValues([[5]]);
    expect(sheet.getRange('A1').getFormula()).toBe('');
    expect(sheet.getRange('A1').getValue()).toBe(5);
  });

  it('gives the engine nothing to recompute when nothing changed', () => {
    const { emu, sheet, recalculations } = setup();
    const table = Array.from({ length: 50 }, (_, i) => [`name ${i}`, i, i % 2 === 0, '']);
    sheet.getRange('A1:D50').setValues(table);
    sheet.getRange('F1').setFormula('=SUM(B1:B50)');
    emu.endExecution();
    const before = recalculations();
    sheet.getRange('A1:D50').setValues(table.map((row) => [...row]));
    emu.endExecution();
    expect(recalculations()).toBe(before);
    expect(sheet.getRange('F1').getValue()).toBe(1225);
  });
});

describe('setValues of formulas over the same formulas', () => {
  it('keeps a formula written in another spelling, and replaces one that differs', () => {
    const { sheet, ss } = setup();
    const other = ss.insertSheet('Other');
    other.getRange('A1:A2').setValues([[1], [2]]);
    sheet.getRange('A1:B1').setValues([["=SUM('Other'!A1:A2)", '=Other!A1*10']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[3, 10]]);
    sheet.getRange('A1:B1').setValues([['=SUM(Other!A1:A2)', '=Other!A2*10']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=SUM(Other!A1:A2)', '=Other!A2*10']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[3, 20]]);
    other.getRange('A2').setValue(5);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[6, 50]]);
  });

  it('leaves an array result where it is when its formula and its empty cells are written again, and follows its source', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('C1:C3').setValues([['=FILTER(A1:A3,A1:A3>1)'], [''], ['']]);
    expect(sheet.getRange('C1:C3').getValues()).toEqual([[2], [3], ['']]);
    sheet.getRange('C1:C3').setValues([['=FILTER(A1:A3,A1:A3>1)'], [''], ['']]);
    expect(sheet.getRange('C1:C3').getValues()).toEqual([[2], [3], ['']]);
    sheet.getRange('A1').setValue(7);
    expect(sheet.getRange('C1:C3').getValues()).toEqual([[7], [2], [3]]);
  });

  it('blocks an array result when a value is written where it spills, as before', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('C1:C3').setValues([['=FILTER(A1:A3,A1:A3>0)'], [''], ['']]);
    sheet.getRange('C1:C3').setValues([['=FILTER(A1:A3,A1:A3>0)'], [''], ['mine']]);
    expect(sheet.getRange('C1:C3').getValues()).toEqual([['#REF!'], [''], ['mine']]);
    sheet.getRange('C1:C3').setValues([['=FILTER(A1:A3,A1:A3>0)'], [''], ['']]);
    expect(sheet.getRange('C1:C3').getValues()).toEqual([[1], [2], [3]]);
  });
});

describe('formats set again', () => {
  it('keeps a number format set to what it was, changes one that differs and clears one set to null', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([[45000], [45000], [45000]]);
    sheet.getRange('A1:A3').setNumberFormats([['yyyy-mm-dd'], ['0.00'], ['@']]);
    sheet.getRange('A1:A3').setNumberFormats([['yyyy-mm-dd'], ['0.0'], [null as unknown as string]]);
    expect(sheet.getRange('A1:A3').getNumberFormats()).toEqual([['yyyy-mm-dd'], ['0.0'], ['0.###############']]);
    expect(sheet.getRange('A1:A3').getDisplayValues()).toEqual([['2023-03-15'], ['45000.0'], ['45000']]);
    sheet.getRange('A1:A3').setBackgrounds([['#ff0000'], [null], ['#00ff00']]);
    sheet.getRange('A1:A3').setBackgrounds([['#ff0000'], ['#0000ff'], [null]]);
    expect(sheet.getRange('A1:A3').getBackgrounds()).toEqual([['#ff0000'], ['#0000ff'], ['#ffffff']]);
    expect(sheet.getRange('A1:A3').getNumberFormats()).toEqual([['yyyy-mm-dd'], ['0.0'], ['0.###############']]);
  });
});
