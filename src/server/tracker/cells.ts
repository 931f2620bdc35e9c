// Writing what core planned: converting planned cells to what setValues takes, and writing
// scattered cells of a column without touching any other cell.

import {
  type CellFill,
  type CellRange,
  type OutCell,
  type ProtectedArea,
  groupFillBlocks,
  groupFills,
  insertionMergeProblem,
  limitRuns,
  mergedTargetProblem,
  protectedTargetProblem,
} from '../../core/tracker/cells.ts';
import { isDateParts, formatIsoDate } from '../../core/base/dates.ts';

/**
 * A planned cell as setValues takes it. A date is written as an ISO date string, which Sheets
 * reads as that calendar day in the spreadsheet's own time zone (no time-zone arithmetic here).
 */
export function toWritable(value: OutCell): string | number | boolean {
  return isDateParts(value) ? formatIsoDate(value) : value;
}

/** The Plain text number format: Sheets keeps what is written as text, apostrophe included. */
export const PLAIN_TEXT_FORMAT = '@';

/**
 * `value` for a cell with number format `format`. Core makes strings sheet-safe with a leading
 * apostrophe, which Sheets strips in an Automatic-format cell; in a Plain text cell nothing is
 * parsed, so the apostrophe would stay as part of the text and is removed here (one, the one
 * asSheetText added: a string only starts with an apostrophe once that prefix is on it).
 */
export function forCell(value: OutCell, format: string | undefined): string | number | boolean {
  const v = toWritable(value);
  return format === PLAIN_TEXT_FORMAT && typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
}

export interface MergeCheckOptions {
  /** Rows are inserted before this sheet row, before the targets are written. */
  insertAt?: number;
  /**
   * Rows and columns the sheet is known (from a read already made) to have at least, holding
   * every target and `insertAt`: the grid's size is then not read again.
   */
  grid?: { maxRows: number; maxColumns: number };
}

/**
 * Why `targets` (ranges about to be written) may not be written because of merged cells, or
 * null; one read, of the merges around them (and, with `insertAt`, around the rows inserted).
 * The one check of every action that writes into a sheet: setup, import, logging, feedback.
 * Cells beyond the grid, which the action adds, have no merges (getRange may not reach there).
 */
export function mergeProblem(sheet: GoogleAppsScript.Spreadsheet.Sheet, targets: readonly CellRange[], options: MergeCheckOptions = {}): string | null {
  const maxRows = options.grid?.maxRows ?? sheet.getMaxRows();
  const maxColumns = options.grid?.maxColumns ?? sheet.getMaxColumns();
  const { insertAt } = options;
  const inGrid = [...targets, ...(insertAt === undefined ? [] : [{ row: insertAt - 1, column: 1, numRows: 2, numColumns: maxColumns }])].filter(
    (t) => t.row <= maxRows && t.column <= maxColumns,
  );
  // Loops, not Math.min(...): an import may have 100,000 targets, too many arguments for a call.
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const t of inGrid) {
    top = Math.min(top, Math.max(1, t.row));
    left = Math.min(left, t.column);
    bottom = Math.max(bottom, Math.min(maxRows, t.row + t.numRows - 1));
    right = Math.max(right, Math.min(maxColumns, t.column + t.numColumns - 1));
  }
  if (bottom === 0) return null;
  const merged = sheet
    .getRange(top, left, bottom - top + 1, right - left + 1)
    .getMergedRanges()
    .map((r) => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() }));
  return mergedTargetProblem(targets, merged) ?? (insertAt === undefined ? null : insertionMergeProblem(insertAt, merged));
}

/**
 * Why `targets` (ranges about to be written) may not be written because the user running the
 * script may not edit them (Data → Protect sheets and ranges), or null. Two reads, plus a few per
 * protection the user may not edit; asked before an action's first write, so that a protected
 * cell refuses the whole action instead of failing it half-way with Google's raw error.
 */
export function protectionProblem(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  targets: readonly CellRange[],
  place?: (cell: CellRange) => string,
): string | null {
  if (!targets.length) return null;
  const { ProtectionType } = SpreadsheetApp;
  const areas = [
    ...lockedAreas(sheet.getProtections(ProtectionType.SHEET), true).map((a) => a.area),
    ...lockedAreas(sheet.getProtections(ProtectionType.RANGE), false).map((a) => a.area),
  ];
  return areas.length ? protectedTargetProblem(sheet.getName(), targets, areas, place) : null;
}

/** The targets of one sheet for protectionProblems, the sheet known by the ID the add-on remembers. */
export interface ProtectionCheck {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  sheetId: number;
  targets: readonly CellRange[];
  place?: (cell: CellRange) => string;
}

/**
 * protectionProblem for several sheets at once: the spreadsheet's protections of each type are
 * read in one call for every sheet (Spreadsheet.getProtections), a protection the user may not
 * edit is matched to its sheet by its range's grid ID. The first sheet with a problem is named.
 */
export function protectionProblems(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, checks: readonly ProtectionCheck[]): string | null {
  const wanted = checks.filter((c) => c.targets.length);
  if (!wanted.length) return null;
  const { ProtectionType } = SpreadsheetApp;
  const locked = [...lockedAreas(ss.getProtections(ProtectionType.SHEET), true), ...lockedAreas(ss.getProtections(ProtectionType.RANGE), false)];
  for (const check of wanted) {
    const areas = locked.filter((l) => l.sheetId() === check.sheetId).map((l) => l.area);
    const problem = areas.length ? protectedTargetProblem(check.sheet.getName(), check.targets, areas, check.place) : null;
    if (problem) return problem;
  }
  return null;
}

/**
 * The areas of `protections` (all of one type) the user may not edit, each with its sheet's ID,
 * read only when asked: protectionProblems asks, protectionProblem knows the sheet.
 */
function lockedAreas(protections: GoogleAppsScript.Spreadsheet.Protection[], isSheet: boolean): { area: ProtectedArea; sheetId: () => number }[] {
  return protections
    .filter((protection) => !protection.canEdit())
    .map((protection) => {
      let range: GoogleAppsScript.Spreadsheet.Range | undefined;
      let sheetId: number | undefined;
      return {
        area: {
          range: isSheet ? null : rangeOf((range ??= protection.getRange())),
          unprotected: isSheet ? protection.getUnprotectedRanges().map(rangeOf) : [],
          description: protection.getDescription(),
        },
        sheetId: () => (sheetId ??= (range ??= protection.getRange()).getGridId()),
      };
    });
}

function rangeOf(range: GoogleAppsScript.Spreadsheet.Range): CellRange {
  return { row: range.getRow(), column: range.getColumn(), numRows: range.getNumRows(), numColumns: range.getNumColumns() };
}

/** The table as read once: values and formulas (and number formats, if read) from sheet row `top`, column 1. */
export interface Snapshot {
  top: number;
  values: readonly (readonly unknown[])[];
  formulas: readonly (readonly string[])[];
  formats?: readonly (readonly string[])[];
}

export interface WriteFillsOptions {
  /** At most this many setValues calls; the fills left over are returned. */
  maxWrites?: number;
}

/**
 * Writes `fills` (cells that are empty now) with one setValues per run of fills in a column;
 * runs only ever span empty cells (see groupFills), so no other cell is written. Returns the
 * fills not written because of `maxWrites`.
 */
export function writeFills(sheet: GoogleAppsScript.Spreadsheet.Sheet, fills: readonly CellFill[], snap: Snapshot, options: WriteFillsOptions = {}): CellFill[] {
  const at = (grid: readonly (readonly unknown[])[] | undefined, row: number, column: number) => grid?.[row - snap.top]?.[column - 1];
  // Strictly empty, unlike isEmptyCell: the cells between two fills get '', which must change
  // nothing, so a cell holding only spaces (which core would fill) is not bridged over.
  const isEmpty = (row: number, column: number) => (at(snap.values, row, column) ?? '') === '' && !at(snap.formulas, row, column);
  const all = groupFills(fills, isEmpty);
  const { runs, deferred } = options.maxWrites === undefined ? { runs: all, deferred: [] } : limitRuns(all, options.maxWrites);
  for (const run of runs) {
    const values = run.values.map(([v], i) => [forCell(v, at(snap.formats, run.row + i, run.column) as string | undefined)]);
    sheet.getRange(run.row, run.column, values.length, 1).setValues(values);
  }
  return deferred;
}

/** A rectangle of cells to write with one setValues, as it takes them. */
export interface BlockWrite {
  row: number;
  column: number;
  values: (string | number | boolean)[][];
}

/**
 * `fills` as rectangles to write (see groupFillBlocks): only cells that are empty now are
 * bridged, so no other cell is written; a Plain text cell gets its text without the apostrophe.
 */
export function fillBlockWrites(fills: readonly CellFill[], snap: Snapshot): BlockWrite[] {
  const at = (grid: readonly (readonly unknown[])[] | undefined, row: number, column: number) => grid?.[row - snap.top]?.[column - 1];
  const isEmpty = (row: number, column: number) => (at(snap.values, row, column) ?? '') === '' && !at(snap.formulas, row, column);
  return groupFillBlocks(fills, isEmpty).map((block) => ({
    row: block.row,
    column: block.column,
    values: block.values.map((cells, i) => cells.map((v, j) => forCell(v, at(snap.formats, block.row + i, block.column + j) as string | undefined))),
  }));
}
