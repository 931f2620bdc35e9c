// Array formulas as Sheets computes them, where HyperFormula on its own does not: FILTER over a
// range several columns wide, XLOOKUP of several keys, ROW of a range, and inserting rows or
// columns inside an array's result.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimpleRangeValue } from 'hyperformula';
import { newSheet } from './sheet.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('FILTER', () => {
  // https://support.google.com/docs/answer/3093197: "FILTER(A2:B26, A2:A26 > 5, D2:D26 < 10)";
  // conditions are a column (or row) as long as the range; no match gives #N/A.
  it('keeps whole rows of a wider range by column conditions, without ARRAYFORMULA', () => {
    const s = newSheet();
    s.getRange('A1:C4').setValues([
      ['Ada', 3, 'x'],
      ['Alan', 0, 'y'],
      ['Grace', 5, 'z'],
      ['Mei', '', 'w'],
    ]);
    s.getRange('E1').setFormula('=FILTER(A1:C4,B1:B4>0,ISNUMBER(B1:B4))');
    expect(s.getRange('E1:G3').getValues()).toEqual([
      ['Ada', 3, 'x'],
      ['Grace', 5, 'z'],
      ['', '', ''],
    ]);
  });

  it('keeps columns by a row condition, and gives #N/A when nothing matches', () => {
    const s = newSheet();
    s.getRange('A1:C2').setValues([
      [1, 2, 3],
      ['a', 'b', 'c'],
    ]);
    s.getRange('A4').setFormula('=FILTER(A1:C2,A1:C1<>2)');
    expect(s.getRange('A4:B5').getValues()).toEqual([
      [1, 3],
      ['a', 'c'],
    ]);
    s.getRange('A7').setFormula('=FILTER(A1:C2,A1:C1>10)');
    expect(s.getRange('A7').getValue()).toBe('#N/A');
  });

  // Found by the dashboard: a FILTER over another array formula's result handed out that
  // result's own rows, and computing with the FILTER changed the other formula's values.
  it('leaves the array formula it filters as it was', () => {
    const s = newSheet();
    s.getRange('A1:A3').setValues([['C-1'], [''], ['x']]);
    s.getRange('B1:C1').setFormulas([['=ARRAYFORMULA(IF(FILTER($C$1:$C$3,$A$1:$A$3<>"")="","-","+"))', '=ARRAYFORMULA(A1:A3&"")']]);
    expect(s.getRange('C1:C3').getValues()).toEqual([['C-1'], [''], ['x']]);
    expect(s.getRange('B1:B3').getValues()).toEqual([['+'], ['+'], ['']]);
  });

  // The Dashboard's lists filter the tracker's 10,000 rows by six conditions each.
  it("takes each condition's cells once, not once per row", () => {
    const s = newSheet();
    s.getRange('A1:B300').setValues(Array.from({ length: 300 }, (_, i) => [`C-${i}`, i % 5]));
    const taken = vi.spyOn(SimpleRangeValue.prototype, 'data', 'get');
    s.getRange('D1').setFormula('=ROWS(FILTER(A1:B300,INT(B1:B300)>0,INT(B1:B300)<>3,LEFT(A1:A300,2)="C-"))');
    expect(s.getRange('D1').getValue()).toBe(180);
    expect(taken.mock.calls.length).toBeLessThan(100);
  });

  it('refuses conditions of the wrong length', () => {
    const s = newSheet();
    s.getRange('A1:A3').setValues([[1], [2], [3]]);
    s.getRange('C1').setFormula('=FILTER(A1:A3,A1:A2>0)');
    expect(s.getRange('C1').getValue()).toBe('#VALUE!');
  });
});

describe('HSTACK', () => {
  // HyperFormula 3.x throws a TypeError from inside the engine when every input is empty.
  it('stacks whole columns of an empty sheet as blanks instead of crashing', () => {
    const s = newSheet();
    s.getParent().insertSheet('Empty');
    s.getRange('A1').setFormula("=IFERROR(ARRAYFORMULA(ARRAY_CONSTRAIN(HSTACK('Empty'!$A:$A,'Empty'!$B:$B),3,2)),\"none\")");
    expect(s.getRange('A1:B1').getValues()).toEqual([['', '']]);
    s.getRange('D1:D2').setValues([[1], [2]]);
    s.getRange('E1:E3').setValues([['a'], ['b'], ['c']]);
    s.getRange('G1').setFormula('=HSTACK(D1:D3,E1:E3)');
    expect(s.getRange('G1:H3').getValues()).toEqual([
      [1, 'a'],
      [2, 'b'],
      ['', 'c'],
    ]);
  });
});

describe('XLOOKUP', () => {
  const people = () => {
    const s = newSheet();
    s.getRange('A1:B4').setValues([
      ['C-0001', 'Ada'],
      ['C-0002', ''],
      ['C-0003', 'Grace'],
      ['C-0004', 'Mei'],
    ]);
    return s;
  };

  // ARRAYFORMULA(XLOOKUP(range, …)) looks up each key, as spreadsheets in public Apps Script
  // projects use it; HyperFormula's own XLOOKUP threw from inside the engine.
  it('looks up a range of search keys, one result per key, with the not-found value', () => {
    const s = people();
    s.getRange('D1:D4').setValues([['c-0003'], ['C-0009'], ['C-0001'], ['C-0002']]);
    s.getRange('E1').setFormula('=ARRAYFORMULA(XLOOKUP(D1:D4,A1:A4,B1:B4,"none"))');
    // A matched empty cell gives 0, as HyperFormula's own XLOOKUP does (Sheets gives an empty value).
    expect(s.getRange('E1:E4').getValues()).toEqual([['Grace'], ['none'], ['Ada'], [0]]);
    s.getRange('F1').setFormula('=ARRAYFORMULA(IFERROR(XLOOKUP(D1:D2,A:A,B:B),"?"))');
    expect(s.getRange('F1:F2').getValues()).toEqual([['Grace'], ['?']]);
  });

  it('keeps the original answers for one key: found, not found, bad mode', () => {
    const s = people();
    s.getRange('D1:D3').setFormulas([
      ['=XLOOKUP("C-0004",A:A,B:B)'],
      ['=IFERROR(XLOOKUP("C-0009",A:A,B:B),"missing")'],
      ['=IFERROR(XLOOKUP("C-0004",A:A,B:B,"",7),"bad mode")'],
    ]);
    expect(s.getRange('D1:D3').getValues()).toEqual([['Mei'], ['missing'], ['bad mode']]);
  });

  // Found by the dashboard: HyperFormula's lookup index kept the rows text keys had before rows
  // were inserted above them (MATCH said 1 for C-0001 on row 3), for XLOOKUP, MATCH and VLOOKUP alike.
  it('finds the row a key is on after rows were inserted or deleted above it', () => {
    const s = people();
    s.getRange('D1:D3').setFormulas([['=MATCH("C-0001",A:A,0)'], ['=XLOOKUP("C-0003",A:A,B:B)'], ['=VLOOKUP("c-0004",A:B,2,FALSE)']]);
    expect(s.getRange('D1:D3').getValues()).toEqual([[1], ['Grace'], ['Mei']]);
    s.insertRowsBefore(1, 2);
    s.getRange('A1').setValue('My contacts');
    expect(s.getRange('D3:D5').getValues()).toEqual([[3], ['Grace'], ['Mei']]);
    s.deleteRows(1, 1);
    expect(s.getRange('D2:D4').getValues()).toEqual([[2], ['Grace'], ['Mei']]);
  });

  it('follows a change in the cell it found', () => {
    const s = people();
    s.getRange('D1').setFormula('=ARRAYFORMULA(XLOOKUP(A3:A4,A:A,B:B))');
    s.getRange('B4').setValue('Mei Chen');
    expect(s.getRange('D1:D2').getValues()).toEqual([['Grace'], ['Mei Chen']]);
  });
});

describe('ROW', () => {
  // https://support.google.com/docs/answer/3093316: of a range, only the first row's number
  // "if ... the formula is not used as an array formula".
  it('gives the row number of each row of a range inside ARRAYFORMULA, and one number for a cell', () => {
    const s = newSheet();
    s.getRange('A1:A4').setValues([['a'], ['b'], ['c'], ['d']]);
    s.getRange('C1:C3').setFormulas([['=ARRAYFORMULA(SUM(ROW(A2:A4)))'], ['=ROW(A4)'], ['=ROW()']]);
    expect(s.getRange('C1:C3').getValues()).toEqual([[9], [4], [3]]);
    s.getRange('D1').setFormula('=ARRAYFORMULA(FILTER(ROW(A:A)*10,A:A<>"c"))');
    expect(s.getRange('D1:D3').getValues()).toEqual([[10], [20], [40]]);
  });
});

describe('inserting inside an array formula that other formulas read', () => {
  // HyperFormula 3.x throws "Cannot move cell. Destination already occupied." here; Sheets
  // inserts the rows and the array fills them.
  it('inserts rows inside a FILTER result counted by COUNTIF, and the counts follow', () => {
    const s = newSheet();
    s.getRange('A1:A6').setValues([[1], [2], [3], [4], [5], [6]]);
    s.getRange('C1').setFormula('=FILTER(A1:A6,A1:A6>0)');
    s.getRange('E1').setFormula('=COUNTIF(C:C,">2")');
    expect(s.getRange('E1').getValue()).toBe(4);
    s.insertRowsBefore(4, 2);
    expect(s.getRange('C1').getFormula()).toBe('=FILTER(A1:A8,A1:A8>0)');
    expect(s.getRange('C1:C6').getValues().flat()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.getRange('E1').getValue()).toBe(4);
    s.getRange('A4').setValue(9);
    expect(s.getRange('E1').getValue()).toBe(5);
  });

  it('inserts columns inside a FILTER result read by a formula', () => {
    const s = newSheet();
    s.getRange('A1:F1').setValues([[1, 2, 3, 4, 5, 6]]);
    s.getRange('A3').setFormula('=FILTER(A1:F1,A1:F1>0)');
    s.getRange('A5').setFormula('=COUNTIF(3:3,">2")');
    s.insertColumnsBefore(3, 2);
    expect(s.getRange('A3').getFormula()).toBe('=FILTER(A1:H1,A1:H1>0)');
    expect(s.getRange('A5').getValue()).toBe(4);
  });
});

describe('a blocked array result', () => {
  // In Sheets an array result that would cover a cell holding a value is not expanded and its
  // formula's cell shows #REF! (note: "Array result was not expanded because it would overwrite
  // data in A3", as users quote it, e.g. microCOVID/microCOVID#871); HyperFormula says #SPILL!.
  // Apps Script reads an error cell as its text, through getValue and getDisplayValue alike.
  it('shows #REF! in the formula cell, as a value and as displayed, and expands once the cell is emptied', () => {
    const s = newSheet();
    s.getRange('A1:A3').setValues([[1], [2], [3]]);
    s.getRange('C3').setValue('mine');
    s.getRange('C1').setFormula('=FILTER(A1:A3,A1:A3>0)');
    expect(s.getRange('C1').getValue()).toBe('#REF!');
    expect(s.getRange('C1:C3').getValues()).toEqual([['#REF!'], [''], ['mine']]);
    expect(s.getRange('C1').getDisplayValue()).toBe('#REF!');
    expect(s.getRange('C1:C2').getDisplayValues()).toEqual([['#REF!'], ['']]);
    s.getRange('C3').clearContent();
    expect(s.getRange('C1:C3').getValues()).toEqual([[1], [2], [3]]);
  });

  it('is #REF! inside another formula too, where IFERROR catches it', () => {
    const s = newSheet();
    s.getRange('A1:A2').setValues([[1], [2]]);
    s.getRange('B2').setValue('x');
    s.getRange('B1').setFormula('=ARRAYFORMULA(A1:A2*2)');
    s.getRange('D1:D2').setFormulas([['=ISERROR(B1)'], ['=IFERROR(B1,"caught")']]);
    expect(s.getRange('D1:D2').getValues()).toEqual([[true], ['caught']]);
  });
});

describe('a function over a range, outside an array formula', () => {
  // Sheets applies a function element-wise only inside ARRAYFORMULA (or in a function that takes
  // arrays by nature): https://support.google.com/docs/answer/3093316 (ROW: "if cell_reference is
  // a range ... and the formula is not used as an array formula, only the numeric value of the
  // first row ... is returned"); https://support.google.com/docs/answer/3093275 (ARRAYFORMULA
  // enables "the use of non-array functions with arrays"). The emulator gave a column for each.
  const names = () => {
    const s = newSheet();
    s.getRange('A1:A3').setValues([['  Ada   Lovelace '], [7], ['Grace']]);
    s.getRange('B1:B3').setValues([['Ada'], ['Alan'], ['Grace']]);
    return s;
  };

  // Each formula is on the range's first row: which value a formula on another row takes is not
  // documented but for ROW (the first), see newEngine.
  it('gives one value for ROW, T, TRIM, XLOOKUP of several keys and & on a range', () => {
    const s = names();
    s.getRange('D1:H1').setFormulas([['=ROW(A1:A3)', '=T(A1:A3)', '=TRIM(A1:A3)', '=XLOOKUP(B1:B3,B1:B3,A1:A3)', '=B1:B3&"!"']]);
    expect(s.getRange('D1:H3').getValues()).toEqual([
      [1, '  Ada   Lovelace ', 'Ada Lovelace', '  Ada   Lovelace ', 'Ada!'],
      ['', '', '', '', ''],
      ['', '', '', '', ''],
    ]);
  });

  it('still fills a column inside ARRAYFORMULA, and in FILTER without it', () => {
    const s = names();
    s.getRange('D1:I1').setFormulas([
      [
        '=ARRAYFORMULA(ROW(A1:A3))',
        '=ARRAYFORMULA(T(A1:A3))',
        '=ARRAYFORMULA(TRIM(A1:A3))',
        '=ARRAYFORMULA(XLOOKUP(B2:B3,B1:B3,A1:A3))',
        '=ARRAYFORMULA(B1:B3&"!")',
        '=FILTER(B1:B3,B1:B3<>"Alan")',
      ],
    ]);
    expect(s.getRange('D1:I3').getValues()).toEqual([
      [1, '  Ada   Lovelace ', 'Ada Lovelace', 7, 'Ada!', 'Ada'],
      [2, '', '7', 'Grace', 'Alan!', 'Grace'],
      [3, 'Grace', 'Grace', '', 'Grace!', ''],
    ]);
  });
});

describe('MAP and LAMBDA', () => {
  // https://support.google.com/docs/answer/12568985: MAP(array1, [array2, ...], LAMBDA) gives one
  // value per cell, the LAMBDA's names standing for that cell's values. HyperFormula has neither.
  it('computes the LAMBDA once per cell of same-sized arrays, each name one value', () => {
    const s = newSheet();
    s.getRange('A1:C3').setValues([
      ['C-1', '  Ada  ', 'Lovelace'],
      ['C-2', 7, ''],
      ['', 'Grace', 'Hopper'],
    ]);
    s.getRange('E1').setFormula('=MAP(A1:A3,B1:B3,C1:C3,LAMBDA(id,first,last,IF(id="","",TRIM(T(first)&" "&T(last)))))');
    expect(s.getRange('E1:E3').getValues()).toEqual([['Ada Lovelace'], [''], ['']]);
    // A lookup of one value per cell, into whole columns (T: a lookup of an empty cell is 0 here).
    s.getRange('F1').setFormula('=MAP(A1:A2,LAMBDA(k,T(XLOOKUP(k,A:A,C:C))&"!"))');
    expect(s.getRange('F1:F2').getValues()).toEqual([['Lovelace!'], ['!']]);
  });

  // Found by the dashboard: a MAP over another array formula's cells was computed before them
  // ("Array should be already computed") when the engine was not told what it reads.
  it('reads the cells another array formula fills, and follows the cells its LAMBDA looks up', () => {
    const s = newSheet();
    s.getRange('A1:B3').setValues([
      ['C-1', 'Ada'],
      ['C-2', 'Alan'],
      ['x', 'Grace'],
    ]);
    s.getRange('D1:E1').setFormulas([['=MAP(E1:E2,LAMBDA(k,XLOOKUP(k,A:A,B:B)))', '=FILTER(A1:A3,LEFT(A1:A3,2)="C-")']]);
    expect(s.getRange('D1:D2').getValues()).toEqual([['Ada'], ['Alan']]);
    s.getRange('B2').setValue('Alan Turing');
    expect(s.getRange('D1:D2').getValues()).toEqual([['Ada'], ['Alan Turing']]);
  });

  it('refuses arrays of different sizes and a LAMBDA with the wrong number of names', () => {
    const s = newSheet();
    s.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    s.getRange('D1:D2').setFormulas([['=IFERROR(MAP(A1:A2,B1,LAMBDA(a,b,a+b)),"size")'], ['=IFERROR(MAP(A1:A2,LAMBDA(a,b,a)),"names")']]);
    expect(s.getRange('D1:D2').getValues()).toEqual([['size'], ['names']]);
    s.getRange('E1').setFormula('=MAP(A1:B2,LAMBDA(x,x*10))');
    expect(s.getRange('E1:F2').getValues()).toEqual([
      [10, 20],
      [30, 40],
    ]);
  });
});
