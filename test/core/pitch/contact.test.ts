import { describe, expect, it } from 'vitest';
import { selectedRows } from '../../../src/core/pitch/contact.ts';

describe('selectedRows (the selection from its A1 notation)', () => {
  it('reads a cell, a block, whole rows, and ranges open at the bottom', () => {
    expect(selectedRows('B3')).toEqual({ row: 3, rows: 1 });
    expect(selectedRows('A3:D5')).toEqual({ row: 3, rows: 3 });
    expect(selectedRows('$A$3:$D$5')).toEqual({ row: 3, rows: 3 });
    expect(selectedRows('3:5')).toEqual({ row: 3, rows: 3 });
    expect(selectedRows('AB12')).toEqual({ row: 12, rows: 1 });
    expect(selectedRows('B:B')).toEqual({ row: 1, rows: Number.MAX_SAFE_INTEGER });
    expect(selectedRows('A3:D')).toEqual({ row: 3, rows: Number.MAX_SAFE_INTEGER });
  });

  it('gives null for what it cannot read, so the caller asks for the rows instead', () => {
    for (const a1 of ['', 'A0', 'A5:B3', 'B:B5', 'Sheet1!A1', 'R1C1', 'A1:B2:C3']) expect(selectedRows(a1), a1).toBeNull();
  });
});
