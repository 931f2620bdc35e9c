// "Import contacts": parses the text of a CSV export, plans the merge in core, and writes new
// rows, new columns and filled-in cells in a fixed number of calls. Every check runs before
// anything is written or created, so a rejected file changes nothing.

import { type ParsedCsv, parseContactsCsv } from '../../core/import/csv.ts';
import { type ImportPlan, type TrackerTable, planImport } from '../../core/import/import.ts';
import { mapColumns } from '../../core/tracker/headers.ts';
import { fitsCellLimit, gridGrowth, type GridSize } from '../../core/tracker/header-check.ts';
import { RELATIONSHIPS, TRACKER_COLUMNS, canonicalValue } from '../../core/tracker/schema.ts';
import type { ImportOptions, ImportProblem, ImportResult } from '../../shared/types.ts';
import { findTrackerSheet, readRecord, tagContactColumns, writeRecord, type TrackerRecord } from '../tracker/store.ts';
import { layoutAfter, readTrackerSheet } from '../tracker/table.ts';
import { forCell, mergeProblem, writeFills } from '../tracker/cells.ts';
import { coverTrackerRows, formatTrackerRows, oneBasedColumns } from '../tracker/format.ts';
import { setUpSheet } from '../tracker/setup.ts';
import { cellsInSpreadsheet, uniqueSheetName } from '../base/sheets.ts';
import { maxWidth } from '../../core/tracker/cells.ts';
import { UserError } from '../base/actions.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The header a new tracker sheet starts with when the file has no tracker yet. */
const NEW_TRACKER_HEADER = ['Name', 'Email', 'Company', 'Title'];
/** The grid of a sheet made by insertSheet(): 1,000 rows by 26 columns. */
const NEW_SHEET_GRID = { maxRows: 1000, maxColumns: 26 };
/** Most setValues calls an import spends on filling empty cells of contacts already there. */
export const MAX_IMPORT_FILL_WRITES = 100;

const TOO_BIG =
  'This file has more contacts than the spreadsheet has room for (Google Sheets allows 10 million cells per file). Split the file, or remove unused sheets, and try again.';

function checkOptions(options: unknown): ImportOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new UserError('Import options must be an object.');
  const o = options as Record<string, unknown>;
  if (o.relationship !== undefined && typeof o.relationship !== 'string') throw new UserError('Relationship must be text.');
  let relationship: string | undefined;
  if (typeof o.relationship === 'string' && o.relationship.trim() !== '') {
    const canonical = canonicalValue(RELATIONSHIPS, o.relationship);
    if (canonical === null) throw new UserError(`Relationship must be one of: ${RELATIONSHIPS.join(', ')}.`);
    relationship = canonical;
  }
  return { relationship, updateExisting: o.updateExisting !== false, dryRun: o.dryRun === true };
}

/** Cells the plan adds to a grid: one inserted row per new contact, and any new columns. */
function growth(grid: Omit<GridSize, 'cellsInSpreadsheet'>, plan: ImportPlan): number {
  const lastColumn = plan.newColumns.length ? plan.newColumns[plan.newColumns.length - 1].column : 0;
  return gridGrowth({ ...grid, cellsInSpreadsheet: 0 }, grid.maxRows + plan.append.length, lastColumn);
}

/** The table of the sheet newTrackerSheet would make: its header after setup, no rows. */
function newTrackerTable(idCounter: number): TrackerTable {
  const header = [...NEW_TRACKER_HEADER, ...TRACKER_COLUMNS.map((c) => c.header)];
  const map = mapColumns(header);
  return { headerRow: 1, header, rows: [], formulas: [], contact: map.contact, tracker: map.tracker, own: map.own, idCounter };
}

function newTrackerSheet(ss: Spreadsheet): Sheet {
  const sheet = ss.insertSheet(uniqueSheetName(ss, 'Contacts'));
  sheet.getRange(1, 1, 1, NEW_TRACKER_HEADER.length).setValues([NEW_TRACKER_HEADER]).setFontWeight('bold');
  const setup = setUpSheet(sheet, { interactive: false });
  if (!setup.ok) throw new UserError(setup.message);
  return sheet;
}

/** Imports `csvText` into the tracker (making one if the file has none). Caller holds the lock. */
export function importInto(csvText: unknown, rawOptions: unknown): ImportResult {
  if (typeof csvText !== 'string') throw new UserError('Paste the text of a CSV file, or choose a .csv file.');
  const options = checkOptions(rawOptions);
  const parsed = parseContactsCsv(csvText);
  if (!parsed.ok) throw new UserError(parsed.error.message);

  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  let record = readRecord(props);
  let sheet = findTrackerSheet(ss, record);
  if (!sheet) {
    if (options.dryRun) throw new UserError('There is no tracker yet: import the file to create one, or run Set up tracker first.');
    // Planned against the sheet that would be made, so a file that is refused creates nothing.
    const preview = planImport(newTrackerTable(record?.idCounter ?? 0), parsed, options);
    const newSheetCells = NEW_SHEET_GRID.maxRows * NEW_SHEET_GRID.maxColumns;
    if (!fitsCellLimit(cellsInSpreadsheet(ss), newSheetCells + growth(NEW_SHEET_GRID, preview))) throw new UserError(TOO_BIG);
    sheet = newTrackerSheet(ss);
    record = readRecord(props)!;
  }
  return importIntoSheet(ss, props, sheet, record!, parsed, options);
}

function importIntoSheet(
  ss: Spreadsheet,
  props: GoogleAppsScript.Properties.Properties,
  sheet: Sheet,
  record: TrackerRecord,
  parsed: ParsedCsv,
  options: ImportOptions,
): ImportResult {
  // A preview changes nothing, not even where the header row is remembered.
  const read = readTrackerSheet(sheet, record, props, { formats: true, locked: !options.dryRun, addsColumns: true });
  const table: TrackerTable = read;
  const plan = planImport(table, parsed, options);
  const result: ImportResult = { ok: true, sheetName: sheet.getName(), format: parsed.format, summary: plan.summary, dryRun: Boolean(options.dryRun) };
  if (options.dryRun) return result;

  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  if (!fitsCellLimit(cellsInSpreadsheet(ss), growth({ maxRows, maxColumns }, plan))) throw new UserError(TOO_BIG);
  // The cells of existing rows to fill, and the new columns' headers. New contacts go into
  // inserted rows, which hold no merges unless one holds the rows either side of them.
  const targets = [...plan.fills, ...plan.newColumns.map((c) => ({ row: table.headerRow, column: c.column }))].map((c) => ({
    row: c.row,
    column: c.column,
    numRows: 1,
    numColumns: 1,
  }));
  const merged = mergeProblem(sheet, targets, plan.append.length ? { insertAt: plan.appendAt } : {});
  if (merged) throw new UserError(`${merged} Nothing was imported.`);

  const lastColumn = plan.newColumns.length ? plan.newColumns[plan.newColumns.length - 1].column : 0;
  if (lastColumn > maxColumns) sheet.insertColumnsAfter(maxColumns, lastColumn - maxColumns);
  if (plan.newColumns.length) {
    const first = plan.newColumns[0].column;
    sheet
      .getRange(table.headerRow, first, 1, plan.newColumns.length)
      .setValues([plan.newColumns.map((c) => c.header)])
      .setFontWeight('bold');
    // Remembered like setup's columns, so a later import finds them after a rename or move.
    tagContactColumns(sheet, Object.fromEntries(plan.newColumns.map((c) => [c.field, c.column - 1])), table.contact);
  }
  if (plan.append.length) appendRows(sheet, table, plan);
  const deferred = writeFills(sheet, plan.fills, read.grid, { maxWrites: MAX_IMPORT_FILL_WRITES });
  plan.summary.problems.push(...deferredProblems(deferred));
  const added = Object.fromEntries(plan.newColumns.map((c) => [c.field, c.column - 1]));
  const header = [...read.header];
  for (const c of plan.newColumns) header[c.column - 1] = c.header;
  writeRecord(props, {
    ...read.record,
    idCounter: plan.idCounter,
    layout: layoutAfter(
      read,
      added,
      Array.from(header, (h) => h ?? ''),
    ),
  });
  return result;
}

/**
 * New contacts go into rows inserted right after the last row of the table, every time (not
 * only when the grid is full): the number of calls stays the same whatever the number of rows,
 * and the inserted rows are inside the ranges of the tracker's formats and rules.
 */
function appendRows(sheet: Sheet, table: TrackerTable, plan: ImportPlan): void {
  const count = plan.append.length;
  sheet.insertRowsAfter(plan.appendAt - 1, count);
  const width = maxWidth(plan.append);
  const range = sheet.getRange(plan.appendAt, 1, count, width);
  // Inserted rows may take the formats of the row above (a Plain text column stays one).
  const formats = range.getNumberFormats();
  range.setValues(plan.append.map((r, i) => Array.from({ length: width }, (_, j) => forCell(r[j] ?? '', formats[i]?.[j]))));
  // New rows get the tracker columns' formats and drop-downs, and the colour rules reach them.
  const oneBased = oneBasedColumns(table.tracker);
  formatTrackerRows(sheet, oneBased, plan.appendAt, count);
  coverTrackerRows(sheet, oneBased, table.headerRow);
}

function deferredProblems(deferred: readonly { line?: number }[]): ImportProblem[] {
  const lines = [...new Set(deferred.map((f) => f.line ?? 0))].sort((a, b) => a - b);
  return lines.map((line) => ({
    line,
    reason:
      'Some empty cells of the matching contact were not filled in this run (too many separate places to fill at once). Import the file again to fill them.',
  }));
}
