import { describe, expect, it } from 'vitest';
import { a1Bounds, columnLetters } from '../../../src/core/base/a1.ts';

describe('a1Bounds', () => {
  it('reads a range, a cell, absolute references and a sheet name', () => {
    expect(a1Bounds('H2:H1000')).toEqual({ row: 2, column: 8, lastRow: 1000, lastColumn: 8 });
    expect(a1Bounds('B7')).toEqual({ row: 7, column: 2, lastRow: 7, lastColumn: 2 });
    expect(a1Bounds('$AA$3:$AB$4')).toEqual({ row: 3, column: 27, lastRow: 4, lastColumn: 28 });
    expect(a1Bounds("'My sheet'!C2:D9")).toEqual({ row: 2, column: 3, lastRow: 9, lastColumn: 4 });
  });

  it('is the inverse of columnLetters', () => {
    for (const column of [1, 26, 27, 52, 703, 18278]) expect(a1Bounds(`${columnLetters(column)}1`)!.column).toBe(column);
  });

  it('null for what is not a bounded range', () => {
    for (const a1 of ['', 'H:H', '2:2', 'R1C1', 'H2:H']) expect(a1Bounds(a1)).toBeNull();
  });
});
