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
  const taken = new Set(ss.getSheets().map((s) => s.getName().toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  return name;
}
