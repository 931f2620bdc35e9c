// A1 names for the page's name box and cell attributes.
import type { Rect } from '../protocol.ts';

import { columnLetters } from '../../../src/core/base/a1.ts';

export { columnLetters } from '../../../src/core/base/a1.ts';

export function cellName(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** "B2", "B2:D9", "3:5" (whole rows), "A:C" (whole columns), as Sheets' name box writes them. */
export function rectName(r: Rect, maxRows: number, maxCols: number): string {
  const lastRow = r.row + r.numRows - 1;
  const lastCol = r.col + r.numCols - 1;
  if (r.numRows === 1 && r.numCols === 1) return cellName(r.row, r.col);
  if (r.col === 1 && lastCol === maxCols && !(r.row === 1 && lastRow === maxRows)) return `${r.row}:${lastRow}`;
  if (r.row === 1 && lastRow === maxRows && !(r.col === 1 && lastCol === maxCols)) return `${columnLetters(r.col)}:${columnLetters(lastCol)}`;
  return `${cellName(r.row, r.col)}:${cellName(lastRow, lastCol)}`;
}
