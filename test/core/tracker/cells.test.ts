import { describe, expect, it } from 'vitest';
import {
  boundingBox,
  type CellRange,
  type ProtectedArea,
  cellText,
  groupFillBlocks,
  groupFills,
  isBlank,
  insertionMergeProblem,
  isEmptyCell,
  limitRuns,
  mergedTargetProblem,
  protectedTargetProblem,
  rangeA1,
} from '../../../src/core/tracker/cells.ts';

describe('cells', () => {
  it('treats empty strings and whitespace as blank, but not 0 or false', () => {
    expect(isBlank('')).toBe(true);
    expect(isBlank('  ')).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
    expect(isBlank(new Date(0))).toBe(false);
  });

  it('an empty cell has no value and no formula (a formula showing "" is not empty)', () => {
    expect(isEmptyCell('', '')).toBe(true);
    expect(isEmptyCell('  ', undefined)).toBe(true);
    expect(isEmptyCell(undefined, undefined)).toBe(true);
    expect(isEmptyCell('', '=IF(A1,"x","")')).toBe(false);
    expect(isEmptyCell(0, '')).toBe(false);
  });

  it('reads cells as trimmed text', () => {
    expect(cellText('  Ana ')).toBe('Ana');
    expect(cellText(12)).toBe('12');
    expect(cellText(new Date(Date.UTC(2025, 11, 7)))).toBe('2025-12-07');
    expect(cellText(undefined)).toBe('');
  });

  it('groups fills into runs of consecutive rows per column', () => {
    const fills = [
      { row: 5, column: 2, value: 'b' },
      { row: 3, column: 2, value: 'a' },
      { row: 4, column: 2, value: 'x' },
      { row: 9, column: 2, value: 'c' },
      { row: 3, column: 1, value: 'z' },
    ];
    const runs = groupFills(fills);
    expect(runs.map(({ row, column, values }) => ({ row, column, values }))).toEqual([
      { row: 3, column: 1, values: [['z']] },
      { row: 3, column: 2, values: [['a'], ['x'], ['b']] },
      { row: 9, column: 2, values: [['c']] },
    ]);
    expect(runs[2].fills).toEqual([fills[3]]);
  });

  it('spans empty cells between fills, never a cell that holds something', () => {
    const full = new Set(['7:2']);
    const isEmpty = (row: number, column: number) => !full.has(`${row}:${column}`);
    const runs = groupFills(
      [
        { row: 3, column: 2, value: 'a' },
        { row: 6, column: 2, value: 'b' },
        { row: 8, column: 2, value: 'c' },
      ],
      isEmpty,
    );
    expect(runs.map(({ row, values }) => ({ row, values }))).toEqual([
      { row: 3, values: [['a'], [''], [''], ['b']] },
      { row: 8, values: [['c']] },
    ]);
  });

  it('keeps the first of two fills for the same cell', () => {
    const runs = groupFills([
      { row: 3, column: 1, value: 'first' },
      { row: 3, column: 1, value: 'second' },
    ]);
    expect(runs.map((r) => r.values)).toEqual([[['first']]]);
  });

  it('limits the runs and returns the fills of the others, lines kept', () => {
    const fills = Array.from({ length: 5 }, (_, i) => ({ row: 2 + 2 * i, column: 1, value: `v${i}`, line: 10 + i }));
    const { runs, deferred } = limitRuns(groupFills(fills), 3);
    expect(runs).toHaveLength(3);
    expect(deferred).toEqual(fills.slice(3));
  });

  it('handles 100,000 fills without spreading them into a call', () => {
    const fills = Array.from({ length: 100_000 }, (_, i) => ({ row: 2 + i, column: 1, value: i }));
    expect(groupFills(fills)).toHaveLength(1);
  });

  it('a target meeting any cell of a merge, its top-left one included, is refused, naming the first such cell and the merge', () => {
    const merge = { row: 6, column: 10, numRows: 2, numColumns: 1 };
    const cell = (row: number, column: number) => ({ row, column, numRows: 1, numColumns: 1 });
    expect(rangeA1(merge)).toBe('J6:J7');
    expect(mergedTargetProblem([cell(7, 10)], [merge])).toMatch(/^Cell J7 is part of the merged cells J6:J7,.*Unmerge/);
    expect(mergedTargetProblem([cell(6, 10)], [merge])).toMatch(/^Cell J6 /);
    expect(mergedTargetProblem([{ row: 5, column: 1, numRows: 3, numColumns: 12 }], [merge])).toMatch(/^Cell J6 /);
    expect(mergedTargetProblem([cell(5, 10), cell(8, 10), cell(7, 11)], [merge])).toBeNull();
  });

  it('rows may not be inserted inside a merge: one holding the row above and the row where they go', () => {
    const merge = { row: 8, column: 6, numRows: 2, numColumns: 1 };
    expect(insertionMergeProblem(9, [merge])).toMatch(/^The merged cells F8:F9 span rows 8 and 9, .*Unmerge/);
    // Rows inserted above or below the merge only move it.
    expect(insertionMergeProblem(8, [merge])).toBeNull();
    expect(insertionMergeProblem(10, [merge])).toBeNull();
    expect(insertionMergeProblem(9, [])).toBeNull();
  });
});

describe('boundingBox', () => {
  it('is the smallest range holding every range: a cell above and a block below it, to the right', () => {
    const cell = { row: 3, column: 14, numRows: 1, numColumns: 1 };
    const block = { row: 10002, column: 1, numRows: 2, numColumns: 12 };
    expect(boundingBox([cell, block])).toEqual({ row: 3, column: 1, numRows: 10001, numColumns: 14 });
    expect(boundingBox([block])).toEqual(block);
  });
});

describe('groupFillBlocks', () => {
  const fill = (row: number, column: number, value: string) => ({ row, column, value });
  it('writes the cells of contacts on neighbouring rows over the same columns as one block', () => {
    const fills = [3, 4, 5].flatMap((row) => [fill(row, 7, `s${row}`), fill(row, 8, `l${row}`), fill(row, 9, `n${row}`)]);
    const blocks = groupFillBlocks(fills.reverse());
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      row: 3,
      column: 7,
      values: [
        ['s3', 'l3', 'n3'],
        ['s4', 'l4', 'n4'],
        ['s5', 'l5', 'n5'],
      ],
    });
  });

  it('bridges only empty cells between fills of a row, and never joins rows over different columns', () => {
    const fills = [fill(2, 1, 'a'), fill(2, 3, 'c'), fill(3, 1, 'x'), fill(3, 3, 'z')];
    const emptyAt = (row: number, column: number) => row === 2 && column === 2;
    const blocks = groupFillBlocks(fills, emptyAt);
    expect(blocks.map((b) => [b.row, b.column, b.values])).toEqual([
      [3, 1, [['x']]],
      [2, 1, [['a', '', 'c']]],
      [3, 3, [['z']]],
    ]);
    expect(blocks.flatMap((b) => b.fills)).toHaveLength(4);
  });
});

describe('protectedTargetProblem', () => {
  const column = (c: number) => ({ row: 2, column: c, numRows: 99, numColumns: 1 });
  const nextFollowUp: ProtectedArea = { range: { row: 1, column: 11, numRows: 1000, numColumns: 1 }, unprotected: [], description: '' };

  it('names the first protected cell a target touches, by the place the caller gives', () => {
    const place = (cell: CellRange) => `Next follow-up (${rangeA1(cell)})`;
    expect(protectedTargetProblem('Contacts', [column(3), column(11)], [nextFollowUp], place)).toBe(
      'Next follow-up (K2) on "Contacts" is protected, and you may not edit it. Ask the spreadsheet\'s owner to let you edit it (Data → Protect sheets and ranges), then try again.',
    );
  });

  it('lets through targets beside a protected range', () => {
    expect(protectedTargetProblem('Contacts', [column(10), column(12)], [nextFollowUp])).toBeNull();
  });

  it('a protected sheet refuses every target not wholly inside its exceptions, and says its description', () => {
    const sheet: ProtectedArea = { range: null, unprotected: [{ row: 1, column: 1, numRows: 1000, numColumns: 5 }], description: 'Owner only' };
    expect(protectedTargetProblem('Log', [column(2), { row: 2, column: 5, numRows: 1, numColumns: 1 }], [sheet])).toBeNull();
    expect(protectedTargetProblem('Log', [{ row: 2, column: 5, numRows: 1, numColumns: 2 }], [sheet])).toBe(
      'The sheet "Log" is protected ("Owner only"), and you may not edit it. Ask the spreadsheet\'s owner to let you edit it (Data → Protect sheets and ranges), then try again.',
    );
  });
});
