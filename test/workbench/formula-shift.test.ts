// Moving a conditional-format formula from the first cell of its range to another cell.
import { describe, expect, it } from 'vitest';
import { shiftFormula } from '../../local/workbench/formula-shift.ts';

describe('shiftFormula', () => {
  it('moves relative references and keeps absolute parts', () => {
    expect(shiftFormula('=A1+B2', 2, 1)).toBe('=B3+C4');
    expect(shiftFormula('=$A1+A$1+$A$1', 3, 2)).toBe('=$A4+C$1+$A$1');
    expect(shiftFormula('=AND(ISNUMBER($K2),$K2<TODAY(),$H2<>"Declined")', 5, 0)).toBe('=AND(ISNUMBER($K7),$K7<TODAY(),$H7<>"Declined")');
  });

  it('leaves strings, function names and longer names alone', () => {
    expect(shiftFormula('=IF(A1="B2","C3 ""D4""",LOG10(A1))', 1, 1)).toBe('=IF(B2="B2","C3 ""D4""",LOG10(B2))');
    expect(shiftFormula('=Q1_total+A1', 1, 0)).toBe('=Q1_total+A2');
    expect(shiftFormula('=SUM(A1:B2)*1.5', 1, 0)).toBe('=SUM(A2:B3)*1.5');
  });

  it('moves references on other sheets, whole columns and whole rows', () => {
    expect(shiftFormula("='My sheet'!A1+Sheet2!$B2", 1, 1)).toBe("='My sheet'!B2+Sheet2!$B3");
    expect(shiftFormula('=COUNTIF(A:A,A2)>1', 3, 1)).toBe('=COUNTIF(B:B,B5)>1');
    expect(shiftFormula('=SUM(2:3)', 2, 0)).toBe('=SUM(4:5)');
  });

  it('gives #REF! for a reference moved off the sheet', () => {
    expect(shiftFormula('=A2', -2, 0)).toBe('=#REF!');
    expect(shiftFormula('=B1', 0, -2)).toBe('=#REF!');
  });
});
