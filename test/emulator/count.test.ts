// COUNT as Sheets computes it: numbers only. https://support.google.com/docs/answer/3093620 ("COUNT
// counts only numeric values; text values are ignored"). HyperFormula turned a value that is not a
// range or a cell (a FILTER that finds one row, an IF) into a number first, so a lone "" counted.
import { describe, expect, it } from 'vitest';
import { newSheet } from './sheet.ts';

describe('COUNT', () => {
  it('does not count a FILTER that finds one empty text or one text, and counts its numbers', () => {
    const s = newSheet();
    s.getRange('A1:B4').setValues([
      ['x', ''],
      ['y', 3],
      ['z', '12'],
      ['x', 5],
    ]);
    s.getRange('B3').setNumberFormat('@').setValue('12');
    s.getRange('C1:C4').setFormulas([['=IF(A1="x","",A1)'], ['=IF(A2="x","",A2)'], ['=IF(A3="x","",A3)'], ['=IF(A4="x","",A4)']]);
    s.getRange('D1:D6').setFormulas([
      // the "" that C1's formula gives, found alone
      ['=COUNT(FILTER(C1:C4,A1:A4="x",B1:B4=""))'],
      // the text "12", found alone
      ['=COUNT(FILTER(B1:B4,A1:A4="z"))'],
      ['=COUNT(FILTER(B1:B4,A1:A4="y"))'],
      ['=COUNT(FILTER(B1:B4,A1:A4="x"))'],
      ['=COUNT(IF(A1="x","",1))'],
      ['=COUNT(C1:C4,B1:B4,7)'],
    ]);
    expect(s.getRange('D1:D6').getValues()).toEqual([[0], [0], [1], [1], [0], [3]]);
  });
});

// A criterion that reads as a date compares dates, as a number criterion compares numbers: Google's
// COUNTIF page (https://support.google.com/docs/answer/3093480) takes "a number prefixed with any of
// the following operators: =, >, >=, <, or <=", and a date in Sheets is its serial number; the text
// is read as the spreadsheet's locale reads a typed date (en_US: month first, and ISO). Microsoft
// documents the same for Excel (=COUNTIF(B14:B17,">3/1/2010"), "Count numbers or dates based on a
// condition").
describe('COUNTIF, COUNTIFS and SUMIF with a date criterion', () => {
  it('compare the dates of the range with the date the criterion reads as', () => {
    const s = newSheet();
    s.getRange('A1:A4').setValues([[new Date(Date.UTC(2025, 0, 4))], [new Date(Date.UTC(2025, 0, 5))], [new Date(Date.UTC(2025, 0, 6))], ['text']]);
    s.getRange('B1:B4').setValues([[1], [2], [4], [8]]);
    s.getRange('C1:C8').setFormulas([
      ['=COUNTIF(A1:A4,">=2025-01-05")'],
      ['=COUNTIF(A1:A4,"<1/5/2025")'],
      ['=COUNTIF(A1:A4,"2025-01-05")'],
      ['=COUNTIF(A1:A4,"1/6/2025")'],
      ['=COUNTIFS(A1:A4,">2025-01-04",A1:A4,"<=2025-01-06")'],
      ['=SUMIF(A1:A4,">=2025-01-05",B1:B4)'],
      ['=COUNTIF(A1:A4,">="&DATE(2025,1,5))'],
      ['=DATEVALUE("1/5/2025")=DATE(2025,1,5)'],
    ]);
    expect(s.getRange('C1:C8').getValues()).toEqual([[2], [1], [1], [1], [2], [6], [2], [true]]);
  });
});
