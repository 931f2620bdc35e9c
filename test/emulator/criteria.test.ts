// COUNTIFS, SUMIFS, MINIFS... test their criteria over arrays, not through generators, with the
// answers HyperFormula gives (worked out here by hand).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimpleRangeValue } from 'hyperformula';
import { newSheet } from './sheet.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('counts with criteria', () => {
  it('reads each range as an array, without iterating it through a generator', () => {
    const s = newSheet();
    s.getRange('A1:B100').setValues(Array.from({ length: 100 }, (_, i) => [`C-${i % 10}`, i]));
    const generators = vi.spyOn(SimpleRangeValue.prototype, 'iterateValuesFromTopLeftCorner');
    s.getRange('D1').setFormula('=COUNTIFS(A1:A100,"C-3",B1:B100,">=50")');
    expect(s.getRange('D1').getValue()).toBe(5);
    expect(generators).not.toHaveBeenCalled();
  });

  // The Dashboard's counts test the same whole tracker columns (the Contact ID column in about fifteen).
  it('lists the cells of a range the counts of one recalculation test once, not once per count', () => {
    const s = newSheet();
    s.getRange('A1:B300').setValues(Array.from({ length: 300 }, (_, i) => [i % 4 ? `C-${i}` : `X-${i}`, ['Pitched', 'Declined', 'Thanked'][i % 3]]));
    const listed = vi.spyOn(SimpleRangeValue.prototype, 'valuesFromTopLeftCorner');
    s.getRange('D1:D4').setFormulas([
      ['=COUNTIFS(A:A,"C-*")'],
      ['=COUNTIFS(B:B,"Declined",A:A,"C-*")'],
      ['=COUNTIFS(B:B,"<>Thanked",A:A,"C-*")'],
      ['=COUNTIFS(A:A,"X-*",B:B,"Pitched")'],
    ]);
    expect(s.getRange('D1:D4').getValues()).toEqual([[225], [75], [150], [25]]);
    expect(listed.mock.calls.length).toBe(2);
  });

  it('gives the same answers: text, wildcards, numbers, dates, blanks, errors, several criteria', () => {
    const s = newSheet();
    s.getRange('A1:C8').setValues([
      ['Pitched', 1, '2025-01-02'],
      ['pitched', 2, '2025-02-01'],
      ['Replied', 'x', ''],
      ['', 4, '2025-03-01'],
      ['P*', 5, 7],
      ['Pitched', -1, '2025-01-15'],
      ['Declined', 0.5, 'text'],
      ['Pitched', 3, '2024-12-31'],
    ]);
    s.getRange('C3').setFormula('=1/0');
    s.getRange('E1:E14').setFormulas([
      ['=COUNTIFS(A1:A8,"pitched")'],
      ['=COUNTIFS(A1:A8,"P*")'],
      ['=COUNTIFS(A1:A8,"P~*")'],
      ['=COUNTIFS(A1:A8,"<>")'],
      ['=COUNTIFS(A1:A8,"")'],
      ['=COUNTIFS(A1:A8,"Pitched",B1:B8,">1")'],
      ['=SUMIFS(B1:B8,A1:A8,"Pitched")'],
      ['=SUMIFS(B1:B8,A1:A8,"Replied")'],
      ['=MINIFS(B1:B8,A1:A8,"Pitched")'],
      ['=MAXIFS(B1:B8,A1:A8,"nobody")'],
      ['=COUNTIFS(C1:C8,">="&DATE(2025,1,10))'],
      ['=COUNTIF(B1:B8,">=1")'],
      ['=AVERAGEIF(A1:A8,"Pitched",B1:B8)'],
      ['=SUMIFS(C1:C8,A1:A8,"Replied")'],
    ]);
    expect(s.getRange('E1:E14').getValues()).toEqual([[4], [5], [1], [7], [1], [2], [5], [0], [-1], [0], [3], [5], [1.25], ['#DIV/0!']]);
  });
});
