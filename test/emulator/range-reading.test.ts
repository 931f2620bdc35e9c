// The engine reads each range's cells once per formula it computes, however many times the
// formula names the range (or a MAP's LAMBDA reads it), with the answers a fresh read gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet/spreadsheet.ts';

function sheet() {
  const emu = new Emulator({ scopes: null });
  const app = emu.globals().SpreadsheetApp as EmuSpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  const graph = (ss._hf as unknown as { dependencyGraph: { getCellValue(address: unknown): unknown } }).dependencyGraph;
  return { s: ss.getActiveSheet(), graph };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('reading ranges in formulas', () => {
  it('reads a range named five times in one formula once', () => {
    const { s, graph } = sheet();
    s.getRange('A1:A200').setValues(Array.from({ length: 200 }, (_, i) => [['Pitch sent', 'Reply', 'Offer'][i % 3]]));
    const reads = vi.spyOn(graph, 'getCellValue');
    s.getRange('B1').setFormula('=SUM(ARRAYFORMULA((A1:A200="Pitch sent")*1+(A1:A200="Reply")*2+(A1:A200="Offer")*3+(A1:A200="x")*4+(A1:A200="y")*5))');
    expect(s.getRange('B1').getValue()).toBe(67 * 1 + 67 * 2 + 66 * 3);
    const fromColumnA = reads.mock.calls.filter(([at]) => (at as { col: number }).col === 0).length;
    expect(fromColumnA).toBe(200);
  });

  it("reads the ranges a MAP's LAMBDA counts in once, not once per call", () => {
    const { s, graph } = sheet();
    s.getRange('A1:B100').setValues(Array.from({ length: 100 }, (_, i) => [`C-${i % 10}`, i]));
    s.getRange('D1:D10').setValues(Array.from({ length: 10 }, (_, i) => [`C-${i}`]));
    const reads = vi.spyOn(graph, 'getCellValue');
    s.getRange('E1').setFormula('=MAP(D1:D10,LAMBDA(id,COUNTIFS(A1:A100,id,B1:B100,">=50")))');
    expect(s.getRange('E1:E10').getValues()).toEqual(Array.from({ length: 10 }, () => [5]));
    const fromColumnsAB = reads.mock.calls.filter(([at]) => (at as { col: number }).col <= 1).length;
    expect(fromColumnsAB).toBe(200);
  });

  it('gives the same answers as a fresh read: after an edit, and where a formula computed earlier changed the cells', () => {
    const { s } = sheet();
    s.getRange('A1:A4').setValues([['a'], ['b'], ['a'], [3]]);
    s.getRange('B1:B4').setFormulas([['=A1&"!"'], ['=A2&"!"'], ['=A3&"!"'], ['=A4*2']]);
    s.getRange('C1').setFormula('=ARRAYFORMULA(COUNTIF(B1:B4,"a!")+SUM(B1:B4)+COUNTIF(B1:B4,"b!")*100)');
    s.getRange('C2').setFormula('=MAP(A1:A4,LAMBDA(v,COUNTIF(A1:A4,v)))');
    expect(s.getRange('C1').getValue()).toBe(2 + 6 + 100);
    expect(s.getRange('C2:C5').getValues()).toEqual([[2], [1], [2], [1]]);
    s.getRange('A2').setValue('a');
    expect(s.getRange('C1').getValue()).toBe(3 + 6);
    expect(s.getRange('C2:C5').getValues()).toEqual([[3], [3], [3], [1]]);
    s.getRange('A4').setValue(5);
    expect(s.getRange('C1').getValue()).toBe(3 + 10);
  });
  it("reads a range several formulas of one recalculation name once, as the Dashboard's counts name the tracker's columns", () => {
    const { s, graph } = sheet();
    s.getRange('A1:B300').setValues(Array.from({ length: 300 }, (_, i) => [i % 4 ? `C-${i}` : `X-${i}`, ['Pitched', 'Declined', 'Thanked'][i % 3]]));
    const reads = vi.spyOn(graph, 'getCellValue');
    // Written in one execution, so computed in one recalculation.
    s.getRange('D1:D4').setFormulas([
      ['=COUNTIFS(A:A,"C-*")'],
      ['=COUNTIFS(B:B,"Declined",A:A,"C-*")'],
      ['=COUNTIFS(B:B,"<>Thanked",A:A,"C-*")'],
      ['=ROWS(FILTER(A:A,LEFT(A:A,2)="C-",B:B<>"Pitched"))'],
    ]);
    expect(s.getRange('D1:D4').getValues()).toEqual([[225], [75], [150], [150]]);
    const fromColumnsAB = reads.mock.calls.filter(([at]) => (at as { col: number }).col <= 1).length;
    expect(fromColumnsAB).toBe(600);
  });

  it('gives the formulas of one recalculation that name the same range the values a fresh read gives', () => {
    const { s } = sheet();
    s.getRange('A1:A3').setValues([[1], [2], [3]]);
    s.getRange('B1:B3').setValues([[10], [''], [30]]);
    s.getRange('B2').setFormula('=A2*2');
    s.getRange('D1').setFormula('=SUM(B1:B3)+SUM(A1:A3)');
    s.getRange('E1').setFormula('=SUM(B1:B3)');
    expect(s.getRange('D1:E1').getValues()).toEqual([[50, 44]]);
    // Both recomputed in one recalculation, after B2.
    s.getRange('A2').setValue(5);
    expect(s.getRange('D1:E1').getValues()).toEqual([[59, 50]]);
    s.getRange('C1').setFormula('=ARRAYFORMULA(A1:A3*100)');
    s.getRange('D2').setFormula('=SUM(C1:C3)');
    s.getRange('E2').setFormula('=SUM(C1:C3)+SUM(A1:A3)');
    expect(s.getRange('D2:E2').getValues()).toEqual([[900, 909]]);
    s.getRange('A3').setValue(4);
    expect(s.getRange('D2:E2').getValues()).toEqual([[1000, 1010]]);
  });
});
