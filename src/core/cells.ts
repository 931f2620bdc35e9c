// Cell values as the server reads them and as core asks the server to write them.

import type { DateParts } from './dates.ts';

/** What getValues() returns: '' for an empty cell. */
export type Cell = string | number | boolean | Date;

/**
 * What core asks the server to write. Strings are already sheet-safe (toSheetText applied):
 * write them as they are. DateParts become a Date in the spreadsheet's time zone.
 */
export type OutCell = string | number | boolean | DateParts;

/** A cell the server should set: 1-based sheet row and column. */
export interface CellFill {
  row: number;
  column: number;
  value: OutCell;
}

/** A merged range as Apps Script reports it: 1-based sheet row and column. */
export interface CellRange {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** The widest row's length (a loop: spreading 100,000+ rows into Math.max overflows the stack). */
export function maxWidth(rows: readonly (readonly unknown[])[]): number {
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  return width;
}

export function isBlank(value: unknown): boolean {
  return value === '' || value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A cell as trimmed text; dates as ISO dates (for matching only, never for writing back). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

/**
 * Runs of consecutive rows in the same column, so the server can write fills with one
 * setValues per run instead of one call per cell. Sorted by column, then row.
 */
export function groupFills(fills: readonly CellFill[]): { row: number; column: number; values: OutCell[][] }[] {
  const sorted = [...fills].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: { row: number; column: number; values: OutCell[][] }[] = [];
  for (const fill of sorted) {
    const run = runs[runs.length - 1];
    if (run && run.column === fill.column && run.row + run.values.length === fill.row) run.values.push([fill.value]);
    else runs.push({ row: fill.row, column: fill.column, values: [[fill.value]] });
  }
  return runs;
}
