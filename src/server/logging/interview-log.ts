// The Interview log sheet: created on first use, found again by its sheet ID (document
// property) and its columns by developer metadata, so renaming or moving them changes nothing.
// Rows are only ever appended after the last row with content, in one setValues.

import { columnLetters } from '../../core/base/a1.ts';
import type { OutCell } from '../../core/tracker/cells.ts';
import { normaliseHeader } from '../../core/tracker/headers.ts';
import { LOG_COLUMNS, LOG_KEYS, LOG_SHEET_NAME, type LogKey } from '../../core/logging/interview-log.ts';
import { forCell } from '../tracker/cells.ts';
import { uniqueSheetName } from '../base/sheets.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const LOG_RECORD_KEY = 'iit.log';
export const LOG_COLUMN_KEY = 'iit.logColumn';

export interface LogSheet {
  sheet: Sheet;
  /** 1-based column of each log field. */
  columns: Record<LogKey, number>;
  /** Last row with content (1 when only the header is there). */
  lastRow: number;
}

const LOG_NAME = new RegExp(`^${LOG_SHEET_NAME}( \\d+)?$`, 'i');

/**
 * An empty sheet named like the log: what an attempt that failed right after insertSheet left.
 * A retry finishes that sheet rather than adding "Interview log 2" beside it.
 */
function orphanedLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Sheet | null {
  for (const sheet of ss.getSheets()) {
    if (LOG_NAME.test(sheet.getName()) && sheet.getLastRow() === 0 && sheet.getLastColumn() === 0) return sheet;
  }
  return null;
}

/** A new, empty log sheet, remembered at once; its header is written by logColumns. */
function createLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: GoogleAppsScript.Properties.Properties): Sheet {
  let sheet = orphanedLog(ss);
  if (!sheet) {
    const previous = ss.getActiveSheet();
    sheet = ss.insertSheet(uniqueSheetName(ss, LOG_SHEET_NAME), ss.getNumSheets());
    // insertSheet shows the new sheet; the user stays where they were.
    previous.activate();
  }
  props.setProperty(LOG_RECORD_KEY, JSON.stringify({ sheetId: sheet.getSheetId() }));
  return sheet;
}

function tag(sheet: Sheet, columns: readonly (readonly [LogKey, number])[]): void {
  for (const [key, column] of columns) {
    const letters = columnLetters(column);
    sheet.getRange(`${letters}:${letters}`).addDeveloperMetadata(LOG_COLUMN_KEY, key);
  }
}

function remembered(sheet: Sheet): Partial<Record<LogKey, number>> {
  const found: Partial<Record<LogKey, number>> = {};
  for (const m of sheet.createDeveloperMetadataFinder().withKey(LOG_COLUMN_KEY).find()) {
    const key = m.getValue() as LogKey;
    const column = m.getLocation().getColumn();
    if (column && LOG_KEYS.includes(key) && found[key] === undefined) found[key] = column.getColumn();
  }
  return found;
}

/**
 * The log's columns. A column whose tag is gone (the sheet was copied, or the column deleted)
 * is found by its header, else added after the last column: never written into another column.
 * A blank sheet (a new log, or one whose set-up was cut short) gets the whole header.
 */
function logColumns(sheet: Sheet): Record<LogKey, number> {
  const found = remembered(sheet);
  const missing = LOG_KEYS.filter((k) => found[k] === undefined);
  if (missing.length === 0) return found as Record<LogKey, number>;
  const lastColumn = Math.max(sheet.getLastColumn(), 1);
  const header = sheet.getRange(1, 1, 1, lastColumn).getValues()[0];
  const taken = new Set(Object.values(found));
  const retag: [LogKey, number][] = [];
  const add: LogKey[] = [];
  for (const key of missing) {
    const wanted = normaliseHeader(LOG_COLUMNS.find((c) => c.key === key)!.header);
    const at = header.findIndex((h, i) => !taken.has(i + 1) && normaliseHeader(h) === wanted);
    if (at >= 0) {
      taken.add(at + 1);
      retag.push([key, at + 1]);
    } else add.push(key);
  }
  const blank = header.every((h) => h === '');
  const first = blank ? 1 : lastColumn + 1;
  if (blank && add.length === LOG_KEYS.length) {
    sheet.setFrozenRows(1);
    LOG_COLUMNS.forEach((c, i) => {
      if (c.width) sheet.setColumnWidth(i + 1, c.width);
    });
  }
  if (add.length) {
    const need = first + add.length - 1 - sheet.getMaxColumns();
    if (need > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), need);
    // Bold before the text: once the header text is there, a retry takes the header as done.
    const range = sheet.getRange(1, first, 1, add.length);
    range.setFontWeight('bold');
    range.setValues([add.map((k) => LOG_COLUMNS.find((c) => c.key === k)!.header)]);
  }
  const added = add.map((key, i) => [key, first + i] as [LogKey, number]);
  tag(sheet, [...retag, ...added]);
  for (const [key, column] of [...retag, ...added]) found[key] = column;
  return found as Record<LogKey, number>;
}

/** The add-on's Interview log sheet, by the ID it remembers (whatever its name now), or null. Writes nothing. */
export function findLogSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: GoogleAppsScript.Properties.Properties): Sheet | null {
  const raw = props.getProperty(LOG_RECORD_KEY);
  if (!raw) return null;
  try {
    const id = (JSON.parse(raw) as { sheetId?: unknown }).sheetId;
    return typeof id === 'number' ? ss.getSheetById(id) : null;
  } catch {
    return null;
  }
}

/** The Interview log, creating it when `create` and it does not exist (or was deleted). */
export function openLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: GoogleAppsScript.Properties.Properties, create: boolean): LogSheet | null {
  let sheet = findLogSheet(ss, props);
  if (!sheet) {
    if (!create) return null;
    sheet = createLog(ss, props);
  }
  const columns = logColumns(sheet);
  return { sheet, columns, lastRow: Math.max(sheet.getLastRow(), 1) };
}

/** Every Event ID in the log, read in one call. */
export function loggedKeys(log: LogSheet): Set<string> {
  if (log.lastRow < 2) return new Set();
  const values = log.sheet.getRange(2, log.columns.eventId, log.lastRow - 1, 1).getValues();
  const keys = new Set<string>();
  for (const [v] of values) if (typeof v === 'string' && v !== '') keys.add(v.trim());
  return keys;
}

/** Columns from A to the log's right-most one (a log has a few columns: spreading them is safe). */
export function logWidth(log: LogSheet): number {
  return Math.max(...Object.values(log.columns));
}

/** Appends `rows` (laid out in the log's columns) after the last row with content. */
export function appendToLog(log: LogSheet, rows: readonly OutCell[][]): void {
  if (rows.length === 0) return;
  const { sheet } = log;
  const first = log.lastRow + 1;
  const last = first + rows.length - 1;
  const maxRows = sheet.getMaxRows();
  if (last > maxRows) sheet.insertRowsAfter(maxRows, last - maxRows);
  const width = Math.max(...rows.map((r) => r.length));
  // Formats first: once the values are there the event counts as logged, and a retry writes nothing.
  for (const c of LOG_COLUMNS) {
    if (c.numberFormat) sheet.getRange(first, log.columns[c.key], rows.length, 1).setNumberFormat(c.numberFormat);
  }
  const range = sheet.getRange(first, 1, rows.length, width);
  // A column the user made Plain text gets the text as typed, without the apostrophe that keeps it from being a formula.
  const formats = range.getNumberFormats();
  range.setValues(rows.map((r, j) => Array.from({ length: width }, (_, i) => forCell(r[i] ?? '', formats[j]?.[i]))));
  log.lastRow = last;
}
