import { describe, expect, it } from 'vitest';
import { cellText, groupFills, isBlank } from '../../src/core/cells.ts';

describe('cells', () => {
  it('treats empty strings and whitespace as blank, but not 0 or false', () => {
    expect(isBlank('')).toBe(true);
    expect(isBlank('  ')).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
    expect(isBlank(new Date(0))).toBe(false);
  });

  it('reads cells as trimmed text', () => {
    expect(cellText('  Ana ')).toBe('Ana');
    expect(cellText(12)).toBe('12');
    expect(cellText(new Date(Date.UTC(2025, 11, 7)))).toBe('2025-12-07');
    expect(cellText(undefined)).toBe('');
  });

  it('groups fills into runs of consecutive rows per column', () => {
    const runs = groupFills([
      { row: 5, column: 2, value: 'b' },
      { row: 3, column: 2, value: 'a' },
      { row: 4, column: 2, value: 'x' },
      { row: 9, column: 2, value: 'c' },
      { row: 3, column: 1, value: 'z' },
    ]);
    expect(runs).toEqual([
      { row: 3, column: 1, values: [['z']] },
      { row: 3, column: 2, values: [['a'], ['x'], ['b']] },
      { row: 9, column: 2, values: [['c']] },
    ]);
  });
});
