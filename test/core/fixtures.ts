// Loading the CSV fixtures, and turning one into the grid a sheet would hold after opening it.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Cell } from '../../src/core/tracker/cells.ts';

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** Rows as getValues() would return them: rectangular, '' for empty, text as text. */
export function csvToGrid(text: string): Cell[][] {
  const data = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), { newline: '\n', delimiter: ',' }).data;
  while (data.length && data[data.length - 1].every((c) => c === '')) data.pop();
  const width = Math.max(...data.map((r) => r.length));
  return data.map((r) => [...r, ...new Array(width - r.length).fill('')]);
}

type Written = Cell | { year: number; month: number; day: number };

/** What Sheets stores for a string written with setValues: one leading apostrophe is dropped. */
export function stored(value: Written): Cell {
  if (typeof value === 'string') return value.startsWith("'") ? value.slice(1) : value;
  if (typeof value === 'object' && !(value instanceof Date)) return new Date(Date.UTC(value.year, value.month - 1, value.day));
  return value;
}

/** Writes a value into a grid the way setValues would, growing it as needed. */
export function put(grid: Cell[][], row1: number, column1: number, value: Written): void {
  while (grid.length < row1) grid.push([]);
  const row = grid[row1 - 1];
  while (row.length < column1) row.push('');
  row[column1 - 1] = stored(value);
}

/** Pads every row to the widest, as getValues() returns them. */
export function rectangular(grid: Cell[][]): Cell[][] {
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => [...r, ...new Array(width - r.length).fill('')]);
}
