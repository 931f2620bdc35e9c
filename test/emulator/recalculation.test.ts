// When formulas compute. Sheets does not recompute after each of a script's writes: "Spreadsheet
// operations are sometimes bundled together to improve performance" and are applied at a read,
// at flush() or when the script ends (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()).
// The emulator holds its engine's recalculation the same way; a read still sees every write.
import { ExportedCellChange } from 'hyperformula';
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

describe('formulas compute at a read or at the end of the execution, not at each write', () => {
  it('twenty writes, then a read: the formulas are computed once, and the read sees every write', () => {
    const { sheet, recalculations } = setup();
    sheet.getRange('B1').setFormula('=SUM(A1:A20)');
    sheet.getRange('C1').setFormula('=COUNTIF(A1:A20,">10")');
    const before = recalculations();
    for (let i = 1; i <= 20; i++) sheet.getRange(i, 1).setValue(i);
    expect(recalculations() - before).toBe(0);
    expect(sheet.getRange('B1:C1').getValues()).toEqual([[210, 10]]);
    expect(recalculations() - before).toBe(1);
  });

  it('a read after each write sees that write (formulas, display values, the last row)', () => {
    const { sheet } = setup();
    sheet.getRange('B1').setFormula('=A1*2');
    sheet.getRange('A1').setValue(4);
    expect(sheet.getRange('B1').getValue()).toBe(8);
    sheet.getRange('A1').setValue(5);
    expect(sheet.getRange('B1').getDisplayValue()).toBe('10');
    sheet.getRange('A7').setValue('x');
    expect(sheet.getLastRow()).toBe(7);
    sheet.getRange('A7').clearContent();
    expect(sheet.getLastRow()).toBe(1);
    expect(sheet.getRange('B1').getFormula()).toBe('=A1*2');
  });

  it('the end of the execution computes what its writes changed', () => {
    const { emu, ss, sheet, recalculations } = setup();
    const other = ss.insertSheet('Other');
    other.getRange('A1').setFormula("=SUM('Sheet1'!A1:A5)");
    const before = recalculations();
    sheet.getRange('A1:A5').setValues([[1], [2], [3], [4], [5]]);
    sheet.getRange('A6').setValue(100);
    sheet.getRange('A1').setValue(10);
    expect(recalculations() - before).toBe(0);
    emu.endExecution();
    expect(recalculations() - before).toBe(1);
    expect(ss._engine.isEvaluationSuspended()).toBe(false);
    expect(ss._engine.getCellValue({ sheet: other._hfId, row: 0, col: 0 })).toBe(24);
  });
});

// Sheets recomputes TODAY() and NOW() on every change ("On change" recalculation, File > Settings >
// Calculation: https://support.google.com/docs/answer/58515). What depends on them only changes
// when their value does; a cell whose inputs computed to the same value needs no recomputing.
describe('an edit no formula reads recomputes TODAY(), not what depends on it while its value stays', () => {
  function withToday() {
    const world = setup();
    const { sheet } = world;
    sheet.getRange('D1:D3').setValues([['2026-01-05'], ['2026-12-01'], ['2030-01-01']]);
    sheet.getRange('A1').setFormula('=TODAY()');
    sheet.getRange('B1').setFormula('=A1-WEEKDAY(A1,2)+1');
    sheet.getRange('C1').setFormula('=COUNTIF(D1:D3,">="&B1)');
    sheet.getRange('C2').setFormula('=A1');
    sheet.getRange('C3').setFormula('=C2+0');
    const changed: string[] = [];
    world.ss._engine.on('valuesUpdated', (changes) => {
      for (const c of changes) if (c instanceof ExportedCellChange) changed.push(String.fromCharCode(65 + c.address.col) + (c.address.row + 1));
    });
    return { ...world, changed };
  }

  it('a value typed into a cell nothing reads: only TODAY() itself is computed again (the changes list it and the typed cell)', () => {
    const { emu, sheet, changed } = withToday();
    emu.rt.virtualMs = Date.UTC(2026, 11, 7, 12) - Date.now();
    sheet.getRange('A1').setFormula('=TODAY()');
    const before = sheet.getRange('A1:C3').getDisplayValues();
    changed.length = 0;
    sheet.getRange('F9').setValue('a note');
    expect(sheet.getRange('A1:C3').getDisplayValues()).toEqual(before);
    expect(changed.sort()).toEqual(['A1', 'F9']);
  });

  it('the next day, everything that depends on TODAY() is computed again', () => {
    const { emu, sheet, changed } = withToday();
    emu.rt.virtualMs = Date.UTC(2026, 11, 7, 12) - Date.now(); // a Monday
    sheet.getRange('A1').setFormula('=TODAY()');
    expect(sheet.getRange('C1').getValue()).toBe(1);
    emu.rt.virtualMs = Date.UTC(2026, 11, 14, 12) - Date.now();
    changed.length = 0;
    sheet.getRange('F9').setValue('a note');
    expect(sheet.getRange('B1').getDisplayValue()).toBe('12/14/2026');
    expect(sheet.getRange('C1').getValue()).toBe(1);
    expect(sheet.getRange('C3').getDisplayValue()).toBe('12/14/2026');
    expect(changed.sort()).toEqual(['A1', 'B1', 'C2', 'C3', 'F9']);
  });
});
