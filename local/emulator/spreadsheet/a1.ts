// A1 notation: column letters, cell and range references, as Sheets writes them.

export interface GridRect {
  row: number; // 1-based
  col: number; // 1-based
  numRows: number;
  numCols: number;
}

// Shared with the add-on's own A1 helper: one definition of column letters.
import { columnLetters as columnToLetters } from '../../../src/core/base/a1.ts';

export { columnToLetters };

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function rectToA1(r: GridRect): string {
  const start = `${columnToLetters(r.col)}${r.row}`;
  if (r.numRows === 1 && r.numCols === 1) return start;
  return `${start}:${columnToLetters(r.col + r.numCols - 1)}${r.row + r.numRows - 1}`;
}

/** Quotes a sheet name for use in a reference when Sheets would ('My sheet'!A1). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A sheet name as a reference writes it, unquoted ('O''Brien''s' is O'Brien's). */
export function unquoteSheetName(name: string): string {
  return name.length > 1 && name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

export interface ParsedA1 {
  sheetName?: string;
  rect: GridRect;
}

const PART = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

/**
 * Parses "A1", "B2:D9", "A:C", "2:5", "A2:C" (open-ended), with an optional sheet prefix
 * ("Sheet1!A1" or "'My sheet'!A1:B2"). Open ends run to the sheet's last row or column.
 * Returns null for text that is not a reference (the caller throws Google's error).
 */
export function parseA1(text: string, maxRows: number, maxCols: number): ParsedA1 | null {
  let sheetName: string | undefined;
  let ref = text.trim();
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = unquoteSheetName(ref.slice(0, bang));
    ref = ref.slice(bang + 1);
  }
  const [a, b = a] = ref.split(':');
  const pa = PART.exec(a);
  const pb = PART.exec(b);
  if (!pa || !pb || ref.split(':').length > 2) return null;
  if (!pa[1] && !pa[2]) return null;
  if (!pb[1] && !pb[2]) return null;
  const c1 = pa[1] ? lettersToColumn(pa[1]) : 1;
  const r1 = pa[2] ? Number(pa[2]) : 1;
  const c2 = pb[1] ? lettersToColumn(pb[1]) : maxCols;
  const r2 = pb[2] ? Number(pb[2]) : maxRows;
  if (r1 < 1 || c1 < 1 || r2 < 1 || c2 < 1) return null;
  // A single part without a row ("A") or column ("3") is not a valid reference on its own.
  if (!ref.includes(':') && (!pa[1] || !pa[2])) return null;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { sheetName, rect: { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 } };
}
