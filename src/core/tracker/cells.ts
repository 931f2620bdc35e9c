// Cell values as the server reads them and as core asks the server to write them.

import { columnLetters } from '../base/a1.ts';
import type { DateParts } from '../base/dates.ts';

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
  /** The line of the imported file the value comes from, for reporting. */
  line?: number;
}

/** A merged range as Apps Script reports it: 1-based sheet row and column. */
export interface CellRange {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** `range` in A1 notation: "J7", "J6:J7". */
export function rangeA1(range: CellRange): string {
  const start = `${columnLetters(range.column)}${range.row}`;
  if (range.numRows === 1 && range.numColumns === 1) return start;
  return `${start}:${columnLetters(range.column + range.numColumns - 1)}${range.row + range.numRows - 1}`;
}

/** The smallest range holding every one of `ranges` (at least one). */
export function boundingBox(ranges: readonly CellRange[]): CellRange {
  let [top, left, bottom, right] = [Infinity, Infinity, 0, 0];
  for (const r of ranges) {
    top = Math.min(top, r.row);
    left = Math.min(left, r.column);
    bottom = Math.max(bottom, r.row + r.numRows - 1);
    right = Math.max(right, r.column + r.numColumns - 1);
  }
  return { row: top, column: left, numRows: bottom - top + 1, numColumns: right - left + 1 };
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.column < b.column + b.numColumns && b.column < a.column + a.numColumns;
}

/**
 * Why the ranges `targets` may not be written on a sheet whose merged ranges are `merged`, or
 * null. Every cell of a merge is refused, its top-left one too: Sheets shows the top-left value
 * over the whole merge (so on another contact's row too) and hides what is written into the
 * merge's other cells.
 */
export function mergedTargetProblem(targets: readonly CellRange[], merged: readonly CellRange[]): string | null {
  for (const target of targets) {
    for (const merge of merged) {
      if (!overlaps(target, merge)) continue;
      const cell = { row: Math.max(target.row, merge.row), column: Math.max(target.column, merge.column), numRows: 1, numColumns: 1 };
      return `Cell ${rangeA1(cell)} is part of the merged cells ${rangeA1(merge)}, where what the add-on writes would be hidden, or shown across the merge (on other rows or columns). Unmerge them (Format → Merge cells → Unmerge), then try again.`;
    }
  }
  return null;
}

/**
 * Why rows may not be inserted before sheet row `insertAt`, or null: a merge holding both the row
 * above and that row grows over the inserted rows (as Sheets does), hiding what is written there.
 */
export function insertionMergeProblem(insertAt: number, merged: readonly CellRange[]): string | null {
  const across = merged.find((m) => m.row < insertAt && insertAt < m.row + m.numRows);
  if (!across) return null;
  return `The merged cells ${rangeA1(across)} span rows ${insertAt - 1} and ${insertAt}, where new rows go: the merge would grow over them and hide what the add-on writes. Unmerge them (Format → Merge cells → Unmerge), then try again.`;
}

/** A protection the user running the script may not edit: a range's, or a whole sheet's with its exceptions. */
export interface ProtectedArea {
  /** Null: the whole sheet is protected, except `unprotected`. */
  range: CellRange | null;
  unprotected: readonly CellRange[];
  description: string;
}

/**
 * Why the ranges `targets` of the sheet `sheetName` may not be written because a protection keeps
 * the user from editing them, or null. `place` names a target for the user (e.g. its column's
 * header); Sheets would refuse the write with "You are trying to edit a protected cell or object",
 * after the action's earlier writes had landed, so this is asked before the first write.
 */
export function protectedTargetProblem(
  sheetName: string,
  targets: readonly CellRange[],
  areas: readonly ProtectedArea[],
  place: (cell: CellRange) => string = rangeA1,
): string | null {
  for (const area of areas) {
    for (const target of targets) {
      if (area.range === null) {
        if (area.unprotected.some((u) => inside(target, u))) continue;
      } else if (!overlaps(target, area.range)) continue;
      const cell =
        area.range === null
          ? target
          : { row: Math.max(target.row, area.range.row), column: Math.max(target.column, area.range.column), numRows: 1, numColumns: 1 };
      const what = area.range === null ? `The sheet "${sheetName}" is protected` : `${place(cell)} on "${sheetName}" is protected`;
      const why = area.description ? ` ("${area.description}")` : '';
      return `${what}${why}, and you may not edit it. Ask the spreadsheet's owner to let you edit it (Data → Protect sheets and ranges), then try again.`;
    }
  }
  return null;
}

function inside(inner: CellRange, outer: CellRange): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.column + inner.numColumns <= outer.column + outer.numColumns
  );
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

/**
 * A cell core may fill: no value (spaces alone count as none) and no formula. (Writing runs of
 * fills, the server is stricter about the cells between them: see writeFills in src/server/tracker/cells.ts.)
 */
export function isEmptyCell(value: unknown, formula: unknown): boolean {
  return isBlank(value) && !formula;
}

/** A cell as trimmed text; dates as ISO dates (for matching only, never for writing back). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** Writes of fills in one column: `values` from sheet row `row` down, one setValues each. */
export interface FillRun {
  row: number;
  column: number;
  values: OutCell[][];
  /** The fills the run writes (the other cells of `values` are empty ones it spans). */
  fills: CellFill[];
}

/**
 * Fills grouped into runs, one setValues each, sorted by column then row. Two fills of a
 * column share a run when every cell between them is empty (`isEmpty`, 1-based), since
 * writing '' into an empty cell changes nothing; a cell that holds anything (a value the user
 * typed, a formula, a spilled array value) is never inside a run, so it is never written.
 * The number of runs therefore depends on how the fills are scattered among the user's cells,
 * not on the number of rows: `limitRuns` bounds it.
 */
export function groupFills(fills: readonly CellFill[], isEmpty: (row: number, column: number) => boolean = () => false): FillRun[] {
  const sorted = [...fills].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: FillRun[] = [];
  for (const fill of sorted) {
    const run = runs[runs.length - 1];
    const next = run ? run.row + run.values.length : 0;
    if (run && run.column === fill.column && next <= fill.row && bridgeable(run.column, next, fill.row, isEmpty)) {
      for (let row = next; row < fill.row; row++) run.values.push(['']);
      run.values.push([fill.value]);
      run.fills.push(fill);
    } else if (run && run.column === fill.column && next > fill.row) {
      // A second fill for a cell already in the run: the first one wins.
      continue;
    } else runs.push({ row: fill.row, column: fill.column, values: [[fill.value]], fills: [fill] });
  }
  return runs;
}

function bridgeable(column: number, from: number, to: number, isEmpty: (row: number, column: number) => boolean): boolean {
  for (let row = from; row < to; row++) if (!isEmpty(row, column)) return false;
  return true;
}

/**
 * At most `max` runs, so an action's service calls stay bounded however scattered its fills
 * are; the fills of the runs left over are returned as `deferred` (the caller reports them,
 * and running the action again fills them, since it only ever fills cells that are empty).
 */
export function limitRuns(runs: readonly FillRun[], max: number): { runs: FillRun[]; deferred: CellFill[] } {
  return { runs: runs.slice(0, max), deferred: runs.slice(max).flatMap((run) => run.fills) };
}

/** A rectangle of fills, one setValues: `values` from sheet row `row`, column `column`. */
export type FillBlock = FillRun;

/**
 * Fills grouped into rectangles, one setValues each: a row's fills in neighbouring columns
 * form a span (bridging only cells that are empty, as groupFills does down a column), and the
 * spans of consecutive rows over the same columns form one block. An event that sets Stage,
 * Last contact and Next follow-up for contacts on neighbouring rows is one block.
 */
export function groupFillBlocks(fills: readonly CellFill[], isEmpty: (row: number, column: number) => boolean = () => false): FillBlock[] {
  const sorted = [...fills].sort((a, b) => a.row - b.row || a.column - b.column);
  const spans: FillBlock[] = [];
  for (const fill of sorted) {
    const span = spans[spans.length - 1];
    const next = span ? span.column + span.values[0].length : 0;
    if (span && span.row === fill.row && next > fill.column) continue; // a second fill for a cell: the first wins
    let bridged = !!span && span.row === fill.row;
    for (let column = next; bridged && column < fill.column; column++) bridged = isEmpty(fill.row, column);
    if (bridged) {
      for (let column = next; column < fill.column; column++) span.values[0].push('');
      span.values[0].push(fill.value);
      span.fills.push(fill);
    } else spans.push({ row: fill.row, column: fill.column, values: [[fill.value]], fills: [fill] });
  }
  spans.sort((a, b) => a.column - b.column || a.values[0].length - b.values[0].length || a.row - b.row);
  const blocks: FillBlock[] = [];
  for (const span of spans) {
    const block = blocks[blocks.length - 1];
    if (block && block.column === span.column && block.values[0].length === span.values[0].length && block.row + block.values.length === span.row) {
      block.values.push(span.values[0]);
      block.fills.push(...span.fills);
    } else blocks.push({ ...span, values: [...span.values], fills: [...span.fills] });
  }
  return blocks;
}
