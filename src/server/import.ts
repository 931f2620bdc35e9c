// "Import contacts": parses the text of a CSV export, plans the merge in core, and writes new
// rows, new columns and filled-in cells in a fixed number of calls. Nothing is written when
// the file is rejected.

import { parseContactsCsv } from '../core/csv.ts';
import { planImport } from '../core/import.ts';
import { mapColumns } from '../core/headers.ts';
import { fitsCellLimit, gridGrowth } from '../core/header-check.ts';
import type { TrackerKey } from '../core/schema.ts';
import type { ImportOptions, ImportResult } from '../shared/types.ts';
import { findTrackerSheet, readRecord, rememberedColumns, writeRecord, type TrackerRecord } from './tracker-store.ts';
import { toWritable, writeFills } from './cells.ts';
import { formatTrackerRows, setUpSheet } from './setup.ts';
import { UserError } from './actions.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The header a new tracker sheet starts with when the file has no tracker yet. */
const NEW_TRACKER_HEADER = ['Name', 'Email', 'Company', 'Title'];

function newTrackerSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Sheet {
  const names = new Set(ss.getSheets().map((s) => s.getName()));
  let name = 'Contacts';
  for (let n = 2; names.has(name); n++) name = `Contacts ${n}`;
  const sheet = ss.insertSheet(name);
  sheet.getRange(1, 1, 1, NEW_TRACKER_HEADER.length).setValues([NEW_TRACKER_HEADER]).setFontWeight('bold');
  const setup = setUpSheet(sheet, { interactive: false });
  if (!setup.ok) throw new UserError(setup.message);
  return sheet;
}

function checkOptions(options: unknown): ImportOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new UserError('Import options must be an object.');
  const o = options as Record<string, unknown>;
  if (o.relationship !== undefined && typeof o.relationship !== 'string') throw new UserError('Relationship must be text.');
  return { relationship: o.relationship as string | undefined, updateExisting: o.updateExisting !== false, dryRun: o.dryRun === true };
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
    sheet = newTrackerSheet(ss);
    record = readRecord(props)!;
  }
  const tracker = record as TrackerRecord;
  const data = sheet.getDataRange();
  const values = data.getValues() as (string | number | boolean | Date)[][];
  const formulas = data.getFormulas();
  const header = values[tracker.headerRow - 1] ?? [];
  const map = mapColumns(header);
  const trackerColumns: Partial<Record<TrackerKey, number>> = { ...map.tracker, ...rememberedColumns(sheet) };
  const plan = planImport(
    {
      headerRow: tracker.headerRow,
      header,
      rows: values.slice(tracker.headerRow),
      formulas: formulas.slice(tracker.headerRow),
      columns: { contact: map.contact, tracker: trackerColumns, own: map.own },
      idCounter: tracker.idCounter,
    },
    parsed,
    options,
  );
  const result: ImportResult = { ok: true, sheetName: sheet.getName(), format: parsed.format, summary: plan.summary, dryRun: Boolean(options.dryRun) };
  if (options.dryRun) return result;

  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  const lastColumn = plan.newColumns.length ? plan.newColumns[plan.newColumns.length - 1].column : 0;
  const lastRow = plan.appendAt + plan.append.length - 1;
  const grid = { maxRows, maxColumns, cellsInSpreadsheet: ss.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0) };
  if (!fitsCellLimit(grid.cellsInSpreadsheet, gridGrowth(grid, lastRow, lastColumn))) {
    throw new UserError('This file has more contacts than the spreadsheet has room for (Google Sheets allows 10 million cells per file). Split the file, or remove unused sheets, and try again.');
  }
  if (lastColumn > maxColumns) sheet.insertColumnsAfter(maxColumns, lastColumn - maxColumns);
  if (plan.newColumns.length) {
    const first = plan.newColumns[0].column;
    sheet.getRange(tracker.headerRow, first, 1, plan.newColumns.length).setValues([plan.newColumns.map((c) => c.header)]).setFontWeight('bold');
  }
  if (plan.append.length) {
    // Growing the grid is the one call that depends on size: only when the rows do not fit.
    if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
    const width = Math.max(...plan.append.map((r) => r.length));
    const rows = plan.append.map((r) => Array.from({ length: width }, (_, i) => toWritable(r[i] ?? '')));
    sheet.getRange(plan.appendAt, 1, rows.length, width).setValues(rows);
    // New rows get the tracker columns' formats and drop-downs (inserted rows have none).
    const oneBased = Object.fromEntries(Object.entries(trackerColumns).map(([k, v]) => [k, v + 1]));
    formatTrackerRows(sheet, oneBased, plan.appendAt, plan.append.length);
  }
  writeFills(sheet, plan.fills, { top: tracker.headerRow + 1, values: values.slice(tracker.headerRow), formulas: formulas.slice(tracker.headerRow) });
  writeRecord(props, { ...tracker, idCounter: plan.idCounter });
  return result;
}
