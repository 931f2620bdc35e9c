// Functions of single values applied element by element inside array formulas: each argument
// looked at once per call, with the values HyperFormula's own runFunction gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DetailedCellError, FunctionPlugin, HyperFormula } from 'hyperformula';
import { newEngine } from '../../local/emulator/spreadsheet/spreadsheet.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** What `formula` shows on a new sheet of `data`, written in F1. */
function shown(hf: HyperFormula, data: unknown[][], formula: string): unknown {
  const name = `s${hf.countSheets()}`;
  hf.addSheet(name);
  const id = hf.getSheetId(name)!;
  hf.setSheetContent(id, data as never);
  hf.setCellContents({ sheet: id, row: 0, col: 5 }, formula);
  return hf.getSheetValues(id).map((row) => row.slice(5).map((v) => (v instanceof DetailedCellError ? `${v.value} ${v.message}` : v)));
}

describe('functions over ranges inside ARRAYFORMULA', () => {
  it('looks at each argument once per call, not once per element', () => {
    const hf = newEngine();
    const perElement = vi.spyOn(
      FunctionPlugin.prototype as unknown as { vectorizeAndBroadcastArgumentsIfNecessary(): unknown },
      'vectorizeAndBroadcastArgumentsIfNecessary',
    );
    const data = Array.from({ length: 200 }, (_, i) => [`Voided: ${i}`, i + 0.5]);
    expect((shown(hf, data, '=SUM(ARRAYFORMULA(INT(B1:B200)))') as unknown[][])[0]).toEqual([19900]);
    expect(perElement.mock.calls.length).toBeLessThan(5);
    hf.destroy();
  });

  // HyperFormula's own runFunction: an engine built without newEngine's changes to its functions.
  it('gives the values HyperFormula gives, formula by formula', () => {
    const own = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3', useArrayArithmetic: false, useColumnIndex: true });
    const ours = newEngine();
    const data = [
      ['Voided: a', 1.5, 'x', '=1/0', 'a'],
      ['Reply', -2.5, '', 3, 'b'],
      [null, 'text', 7, null, 'c'],
      ['voided: B', 4, 'TRUE', 'a', null],
    ];
    const formulas = [
      'LEFT(A1:A4,8)',
      'LEFT(A1:A4,B1:B4)', // counts that are not whole numbers, negative, text
      'LEFT(A1:E1,2)', // a row
      'LEFT(A1:A4,C1:E1)', // a column and a row: broadcast both ways
      'LEFT(A1:A4,B1:B2)', // shorter: #N/A past its end
      'INT(B1:B4)',
      'INT(A1:B4)',
      'ISNUMBER(A1:D4)',
      'ISNA(MATCH(A1:A4,E1:E4,0))',
      'MATCH(E1:E4,A1:A4,0)',
      'ISNA(D1:D4)',
      'ROUND(B1:B4,C1:C4)',
      'LEFT(A1:A4)', // an optional argument left out
      'LEFT(A1:A4,1,2)', // too many
      'T(A1:C4)',
      'IFERROR(1/B1:B4,"none")',
    ].map((f) => `=ARRAYFORMULA(${f})`);
    const differ = formulas
      .map((f) => ({ f, ours: shown(ours, data, f), own: shown(own, data, f) }))
      .filter((r) => JSON.stringify(r.ours) !== JSON.stringify(r.own));
    expect(differ).toEqual([]);
    own.destroy();
    ours.destroy();
  });
});
