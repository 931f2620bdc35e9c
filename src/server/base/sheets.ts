// Spreadsheet-wide facts the actions need before they add a sheet or grow one.

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The grid of a sheet made by insertSheet(): 1,000 rows by 26 columns, Sheets' default (what a new
 * sheet has in the Sheets UI and in scripts' reports; Google's reference does not state it, so it
 * is assumed). Knowing it saves the calls that would ask.
 */
export const NEW_SHEET_GRID = { maxRows: 1000, maxColumns: 26 } as const;

/** Cells of every sheet's grid: Google Sheets allows 10 million per file. */
export function cellsInSpreadsheet(ss: Ss): number {
  return ss.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
}

/** `base`, else "`base` 2", "`base` 3"…: the first no sheet has (sheet names are unique regardless of case). */
export function uniqueSheetName(ss: Ss, base: string): string {
  return uniqueNameAmong(
    ss.getSheets().map((s) => s.getName()),
    base,
  );
}

/** uniqueSheetName for a caller that has read the sheets' names already. */
export function uniqueNameAmong(names: readonly string[], base: string): string {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  return name;
}

/**
 * The range of the given cells, or, when the grid ends before them, the grid's size (read then):
 * getRange refuses cells beyond the grid, so where they are there (nearly always) the size is
 * not read. Any other failure is thrown as it came.
 */
export function rangeInGrid(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
): { range: GoogleAppsScript.Spreadsheet.Range } | { range: null; maxRows: number; maxColumns: number } {
  try {
    return { range: sheet.getRange(row, column, numRows, numColumns) };
  } catch (e) {
    const maxRows = sheet.getMaxRows();
    const maxColumns = sheet.getMaxColumns();
    if (row + numRows - 1 <= maxRows && column + numColumns - 1 <= maxColumns) throw e;
    return { range: null, maxRows, maxColumns };
  }
}

/**
 * What `sheet.getDataRange().getValues()` reads (every row and column up to the last with
 * content; one empty cell for a sheet with nothing in it), in one call instead of two:
 * Sheet.getSheetValues with -1, "equivalent to getting the very last row or column that has data
 * in the sheet" (Google's reference). Its answer on a sheet with nothing in it is not documented:
 * a refusal is taken for that only when the sheet is empty; any other failure is thrown as it came.
 */
export function allValues(sheet: GoogleAppsScript.Spreadsheet.Sheet): unknown[][] {
  try {
    return sheet.getSheetValues(1, 1, -1, -1);
  } catch (e) {
    if (sheet.getLastRow() === 0) return [['']];
    throw e;
  }
}

/**
 * Row `row` (1-based) of `sheet`, columns A to the last with content, in one call (see
 * allValues): empty cells for a row of the grid below the content, null where the sheet has no
 * such row with content (getSheetValues refuses a row beyond the grid, or a sheet with nothing in it).
 */
export function rowValues(sheet: GoogleAppsScript.Spreadsheet.Sheet, row: number): unknown[] | null {
  try {
    return sheet.getSheetValues(row, 1, 1, -1)[0];
  } catch (e) {
    if (row < 1 || row > sheet.getLastRow()) return null;
    throw e;
  }
}
