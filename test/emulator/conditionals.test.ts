// IF computes only the branch it takes, as Sheets does (HyperFormula's own computes both), and
// gives the same values as before wherever both branches were computed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DetailedCellError, HyperFormula } from 'hyperformula';
import { newSheet } from './sheet.ts';
import { newEngine } from '../../local/emulator/spreadsheet/spreadsheet.ts';

/** Counts the lookups XLOOKUP makes (each one searches its lookup range once). */
function countLookups() {
  const plugin = HyperFormula.getFunctionPlugin('XLOOKUP') as unknown as { prototype: { doXlookup(...args: unknown[]): unknown } };
  return vi.spyOn(plugin.prototype, 'doXlookup');
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** What `formula` shows on a new sheet of `data`, written in E2 (inside the data's rows). */
function shownOn(hf: HyperFormula, data: unknown[][], formula: string): unknown {
  const name = `s${hf.countSheets()}`;
  hf.addSheet(name);
  const id = hf.getSheetId(name)!;
  hf.setSheetContent(id, data as Parameters<HyperFormula['setSheetContent']>[1]);
  hf.setCellContents({ sheet: id, row: 1, col: 4 }, formula);
  // An error as its kind and message (its address names the sheet, which differs).
  return hf.getSheetValues(id).map((row) => row.slice(4).map((v) => (v instanceof DetailedCellError ? `${v.value} ${v.message}` : v)));
}

describe('IF: only the branch taken is computed', () => {
  it('does not look up what the branch not taken would look up', () => {
    const s = newSheet();
    s.getRange('A1:B2').setValues([
      ['C-1', 'Ada'],
      ['C-2', 'Alan'],
    ]);
    s.getRange('D1').setFormula('=IF(E1="","none",XLOOKUP(E1,A:A,B:B))');
    const lookups = countLookups();
    s.getRange('E1').setValue('');
    expect(s.getRange('D1').getValue()).toBe('none');
    expect(lookups).not.toHaveBeenCalled();
    s.getRange('E1').setValue('C-2');
    expect(s.getRange('D1').getValue()).toBe('Alan');
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  // The Dashboard's name lists: MAP over a list's rows, most of them empty, each row's name
  // looked up only when the row has an ID.
  it('inside a MAP, looks up only the rows whose branch needs it', () => {
    const s = newSheet();
    s.getRange('A1:B4').setValues([
      ['C-1', 'Ada'],
      ['', ''],
      ['C-2', 'Alan'],
      ['', ''],
    ]);
    const lookups = countLookups();
    s.getRange('D1').setFormula('=MAP(A1:A4,LAMBDA(k,IF(k="","",XLOOKUP(k,A:A,B:B))))');
    expect(s.getRange('D1:D4').getValues()).toEqual([['Ada'], [''], ['Alan'], ['']]);
    expect(lookups).toHaveBeenCalledTimes(2);
  });

  it('keeps following every cell either branch reads', () => {
    const s = newSheet();
    s.getRange('A1:C1').setValues([[false, 'yes', 'no']]);
    s.getRange('D1').setFormula('=IF(A1,B1,C1)');
    expect(s.getRange('D1').getValue()).toBe('no');
    s.getRange('C1').setValue('still no');
    expect(s.getRange('D1').getValue()).toBe('still no');
    s.getRange('A1').setValue(true);
    expect(s.getRange('D1').getValue()).toBe('yes');
    s.getRange('B1').setValue('still yes');
    expect(s.getRange('D1').getValue()).toBe('still yes');
  });
});

// The values HyperFormula's own IF gave for these (checked on the commit before the change).
describe('IF gives the values it gave before', () => {
  it('for single values: errors, blanks, text and numbers as conditions, missing branches', () => {
    const s = newSheet();
    s.getRange('A1:A4').setValues([[1], [0], ['text'], ['']]);
    const formulas = [
      '=IF(A1,"t","f")',
      '=IF(A2,"t","f")',
      '=IF(A3,"t","f")', // text is not a condition: #VALUE!
      '=IF(A4,"t","f")', // blank is FALSE
      '=IF(1/0,"t","f")', // the condition's error
      '=IF(TRUE,"t",1/0)', // an error in the branch not taken does not show
      '=IF(FALSE,1/0,"f")',
      '=IF(TRUE,1/0,"f")', // the branch taken's error does
      '=IF(FALSE,"t")', // no value_if_false: FALSE
      '=IF(A1)', // too few arguments
      '=IF(TRUE,1,2,3)', // too many
      '=IF(TRUE,A1:A2,0)', // a range outside an array formula, none of it in the formula's row
      '=IF(A2=0,A1*10,A1)',
    ];
    s.getRange(1, 3, formulas.length, 1).setFormulas(formulas.map((f) => [f]));
    expect(s.getRange(1, 3, formulas.length, 1).getValues()).toEqual([
      ['t'],
      ['f'],
      ['#VALUE!'],
      ['f'],
      ['#DIV/0!'],
      ['t'],
      ['f'],
      ['#DIV/0!'],
      [false],
      ['#N/A'],
      ['#N/A'],
      ['#VALUE!'],
      [10],
    ]);
  });

  it('inside ARRAYFORMULA: element by element over ranges, in either place', () => {
    const s = newSheet();
    s.getRange('A1:B3').setValues([
      [1, 'a'],
      [5, 'b'],
      [3, 'c'],
    ]);
    s.getRange('D1:I1').setFormulas([
      [
        '=ARRAYFORMULA(IF(A1:A3>2,B1:B3,"-"))', // a range of conditions
        '=ARRAYFORMULA(IF(TRUE,B1:B3,0))', // one condition, the branch taken a range
        '=ARRAYFORMULA(IF(FALSE,0,A1:A3*2))',
        '=ARRAYFORMULA(IF(TRUE,"x",B1:B3))', // the branch not taken a range: as wide as it
        '=ARRAYFORMULA(IF(1/0,B1:B3,0))', // an error condition, as many times as the range
        '=ARRAYFORMULA(IF(A1:A3>2,1/0,A1:A3))', // errors only where taken
      ],
    ]);
    expect(s.getRange('D1:I3').getValues()).toEqual([
      ['-', 'a', 2, 'x', '#DIV/0!', 1],
      ['b', 'b', 10, 'x', '#DIV/0!', '#DIV/0!'],
      ['c', 'c', 6, 'x', '#DIV/0!', '#DIV/0!'],
    ]);
  });
});

// Speed: over a column of TRUE and FALSE (a log column compared with a word), the branch's
// element is taken as it is, without the engine's argument handling per element (the values are
// pinned against HyperFormula's own IF below).
describe('IF over a column of conditions', () => {
  it('takes each element directly where the condition is TRUE or FALSE, and handles the others', () => {
    const s = newSheet();
    s.getRange('A1:B200').setValues(Array.from({ length: 200 }, (_, i) => [i % 4 === 0 ? 'Pitch sent' : 'Reply', `C-${i}`]));
    s.getRange('A200').setValue('=1/0');
    const plugin = HyperFormula.getFunctionPlugin('IF') as unknown as { prototype: { calculateSingleCellOfResultArray(...args: unknown[]): unknown } };
    const handled = vi.spyOn(plugin.prototype, 'calculateSingleCellOfResultArray');
    s.getRange('D1').setFormula('=ARRAYFORMULA(IF(A1:A200="Pitch sent",B1:B200,""))');
    const shown = s
      .getRange('D1:D200')
      .getValues()
      .map(([v]) => v);
    expect(shown.slice(0, 5)).toEqual(['C-0', '', '', '', 'C-4']);
    expect(shown[199]).toBe('#DIV/0!');
    expect(handled).toHaveBeenCalledTimes(1);
  });
});

// HyperFormula's own IF, in an engine built before the emulator replaced it (the registry is
// global, and an engine keeps the functions it was built with).
const eager = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3', useArrayArithmetic: false, useColumnIndex: true });

describe('IF against HyperFormula’s own, formula by formula', () => {
  const data = [
    [1, 'a', true, 'TRUE'],
    [5, '', false, 'x'],
    [3, 'c', null, 0],
  ];
  const conditions = ['A1', 'A3', 'B2', 'C2', 'C3', 'D1', 'D2', '1/0', 'A1:A3>2', 'A1:A3', 'C1:C3', 'A1:B3>2', ''];
  const branches = ['"x"', 'B1:B3', 'A1:A3*2', 'A1:B2', '1/0', 'A2', 'D1:D3', ''];
  const formulas: string[] = [];
  for (const condition of conditions)
    for (const ifTrue of branches) {
      formulas.push(`IF(${condition},${ifTrue})`);
      for (const ifFalse of branches) formulas.push(`IF(${condition},${ifTrue},${ifFalse})`);
    }

  const shown = (hf: HyperFormula, formula: string) => shownOn(hf, data, formula);

  it.each(['', 'ARRAYFORMULA'])('%s: the same values in every cell', (wrapper) => {
    const lazy = newEngine();
    for (const name of ['TRUE', 'FALSE']) if (eager.isItPossibleToAddNamedExpression(name, `=${name}()`)) eager.addNamedExpression(name, `=${name}()`);
    const differ = formulas
      .map((f) => `=${wrapper}(${f})`)
      .map((f) => ({ f, lazy: shown(lazy, f), eager: shown(eager, f) }))
      .filter((r) => JSON.stringify(r.lazy) !== JSON.stringify(r.eager));
    expect(differ).toEqual([]);
    lazy.destroy();
  });
});

// IFERROR, IFNA, IFS and SWITCH compute, like IF, only the arguments their choice needs, in order:
// IFERROR's and IFNA's fallback only for an error (an #N/A for IFNA), IFS's conditions up to the
// first TRUE and that one's value, SWITCH's cases up to the first match and that one's value (or
// the default). Google's IFERROR page has it "logically equivalent to IF(NOT(ISERROR(exp1)),exp1,exp2)"
// and its IFS page evaluates condition2 "if the first one is evaluated to be false"; Sheets computes
// only IF's branch taken (handsontable/hyperformula#336), and Excel stops IFS and SWITCH at a
// condition's or the expression's error (PSU3D0/formualizer#372, measured on Excel).
describe('IFERROR, IFNA, IFS and SWITCH: only what the choice needs is computed', () => {
  function lookups(formula: string, e1: string | number) {
    const s = newSheet();
    s.getRange('A1:B2').setValues([
      ['C-1', 'Ada'],
      ['C-2', 'Alan'],
    ]);
    if (typeof e1 === 'string' && e1.startsWith('=')) s.getRange('E1').setFormula(e1);
    else s.getRange('E1').setValue(e1);
    const spy = countLookups();
    s.getRange('D1').setFormula(formula);
    const value = s.getRange('D1').getValue();
    const calls = spy.mock.calls.length;
    spy.mockRestore();
    return { value, calls };
  }

  it.each([
    ['=IFERROR(E1,XLOOKUP("C-1",A:A,B:B))', 'kept', 'kept', 0],
    ['=IFERROR(E1,XLOOKUP("C-1",A:A,B:B))', '=1/0', 'Ada', 1],
    ['=IFNA(E1,XLOOKUP("C-1",A:A,B:B))', '=1/0', '#DIV/0!', 0],
    ['=IFNA(E1,XLOOKUP("C-1",A:A,B:B))', '=NA()', 'Ada', 1],
    ['=IFS(E1="","none",E1="C-9",XLOOKUP("C-1",A:A,B:B),TRUE,XLOOKUP(E1,A:A,B:B))', '', 'none', 0],
    ['=IFS(E1="","none",E1="C-9",XLOOKUP("C-1",A:A,B:B),TRUE,XLOOKUP(E1,A:A,B:B))', 'C-2', 'Alan', 1],
    ['=SWITCH(E1,"","none","C-9",XLOOKUP("C-1",A:A,B:B),XLOOKUP(E1,A:A,B:B))', '', 'none', 0],
    ['=SWITCH(E1,"","none","C-9",XLOOKUP("C-1",A:A,B:B),XLOOKUP(E1,A:A,B:B))', 'C-2', 'Alan', 1],
    ['=SWITCH(E1,XLOOKUP("C-2",A:A,A:A),"found","none")', 'C-2', 'found', 1],
  ])('%s with E1 %s: %s, after %d lookups', (formula, e1, value, calls) => {
    expect(lookups(formula, e1)).toEqual({ value, calls });
  });

  it('stops at the condition that is TRUE: an error or text in a later condition does not show', () => {
    const s = newSheet();
    const formulas = [
      '=IFS(TRUE,1,1/0,2)',
      '=IFS(FALSE,1,TRUE,2,"x",3)',
      '=IFS(1/0,1,TRUE,2)', // the first condition's error
      '=IFS(FALSE,1,"x",2)', // text is not a condition: #VALUE!
      '=IFS(FALSE,1)', // no condition met
      '=SWITCH(1/0,1,"a","b")', // the expression's error
      '=SWITCH(2,1/0,"a",2,"b")', // a case's error is no match
      '=SWITCH(3,1,"a",2,"b")', // no match, no default
    ];
    s.getRange(1, 1, formulas.length, 1).setFormulas(formulas.map((f) => [f]));
    expect(s.getRange(1, 1, formulas.length, 1).getValues()).toEqual([[1], [2], ['#DIV/0!'], ['#VALUE!'], ['#N/A'], ['#DIV/0!'], ['b'], ['#N/A']]);
  });

  it('keeps following every cell any argument reads', () => {
    const s = newSheet();
    s.getRange('A1:C1').setValues([['x', 'yes', 'no']]);
    s.getRange('D1:D2').setFormulas([['=SWITCH(A1,"y",B1,C1)'], ['=IFERROR(A1*1,C1)']]);
    expect(s.getRange('D1:D2').getValues()).toEqual([['no'], ['no']]);
    s.getRange('C1').setValue('still no');
    expect(s.getRange('D1:D2').getValues()).toEqual([['still no'], ['still no']]);
    s.getRange('A1').setValue('y');
    expect(s.getRange('D1').getValue()).toBe('yes');
    s.getRange('B1').setValue('still yes');
    expect(s.getRange('D1').getValue()).toBe('still yes');
    s.getRange('A1').setValue(2);
    expect(s.getRange('D2').getValue()).toBe(2);
  });
});

describe('IFERROR, IFNA, IFS and SWITCH against HyperFormula’s own, formula by formula', () => {
  const data = [
    [1, 'a', true, 'TRUE'],
    [5, '', false, 'x'],
    [3, 'c', null, 0],
  ];
  const values = ['A1', 'B2', 'C3', '1/0', 'NA()', 'A1:A3', 'A1:A3*2', '"x"', ''];
  const conditions = ['A1', 'C2', 'C3', 'D1', 'D2', '1/0', 'A1:A3>2', ''];
  // Each formula, and for an IFS the same IFS stopped at its first condition.
  const formulas: { formula: string; firstOnly?: string }[] = [];
  for (const a of values)
    for (const b of values)
      for (const formula of [`IFERROR(${a},${b})`, `IFNA(${a},${b})`, `SWITCH(${a},1,${b},"x","X")`, `SWITCH(${a},${b},"hit")`]) formulas.push({ formula });
  for (const c1 of conditions)
    for (const c2 of conditions)
      for (const v of ['"x"', 'A1:A3', '1/0']) formulas.push({ formula: `IFS(${c1},${v},${c2},"second")`, firstOnly: `IFS(${c1},${v})` });

  const shown = (hf: HyperFormula, formula: string) => shownOn(hf, data, formula);

  // Where HyperFormula computed an IFS's condition after the first TRUE one, that condition's
  // error or text showed; here the IFS gives what it gives without the later pair.
  it.each(['', 'ARRAYFORMULA'])('%s: the same values in every cell, but an IFS stopped at its first TRUE condition', (wrapper) => {
    const lazy = newEngine();
    for (const name of ['TRUE', 'FALSE']) if (eager.isItPossibleToAddNamedExpression(name, `=${name}()`)) eager.addNamedExpression(name, `=${name}()`);
    const on = (f: string) => `=${wrapper}(${f})`;
    const differ = formulas
      .map(({ formula, firstOnly }) => ({ formula, firstOnly, lazy: shown(lazy, on(formula)), eager: shown(eager, on(formula)) }))
      .filter((r) => JSON.stringify(r.lazy) !== JSON.stringify(r.eager));
    expect(differ.filter((r) => !r.firstOnly).map((r) => r.formula)).toEqual([]);
    for (const r of differ) expect(r.lazy, r.formula).toEqual(shown(eager, on(r.firstOnly!)));
    expect(differ.length).toBeGreaterThan(0);
    lazy.destroy();
  });
});
