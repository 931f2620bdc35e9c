// The Interview log sheet: created on first use (where the Sheets advanced service is enabled, in
// one batch with its layout, header and tags), found again by its sheet ID (document
// property) and its columns by developer metadata, so renaming or moving them changes nothing.
// Where the columns were last found is remembered beside the sheet ID and checked against the
// header row of the one read of the log; the metadata is walked only when that check fails.
// Rows are only ever appended after the last row with content, in one setValues.

import { type CellRange, type OutCell, rangeA1 } from '../../core/tracker/cells.ts';
import {
  checkRemembered,
  eventIdsIn,
  headersAt,
  LOG_COLUMNS,
  LOG_KEYS,
  LOG_SHEET_NAME,
  type LogColumnsPlan,
  type LogKey,
  planLogColumns,
  type RememberedLogColumns,
} from '../../core/logging/interview-log.ts';
import { quoteSheet } from '../../core/dashboard/refs.ts';
import { forCell } from '../tracker/cells.ts';
import { allValues, NEW_SHEET_GRID, rangeInGrid, uniqueNameAmong } from '../base/sheets.ts';
import { columnTag, type LineTag, tagRequests, writeTags } from '../tracker/store.ts';
import {
  boldTextRequest,
  formatRequest,
  frozenRowsRequest,
  readSpreadsheet,
  sendBatch,
  sheetsApiEnabled,
  type SheetsRequest,
  widthRequest,
} from '../base/sheets-api.ts';
import { awaitingLogRequests } from '../dashboard/record.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Props = GoogleAppsScript.Properties.Properties;

const LOG_RECORD_KEY = 'iit.log';
export const LOG_COLUMN_KEY = 'iit.logColumn';

interface LogRecord extends Partial<RememberedLogColumns> {
  sheetId: number;
}

export interface LogSheet {
  /** (Got from the spreadsheet when first asked for, where the Sheets API created it.) */
  sheet: Sheet;
  /** Its name, where this execution named it. */
  name?: string;
  /** A range of it in one call, without getting the sheet first (where the Sheets API created it). */
  rangeAt?: (row: number, column: number, numRows: number, numColumns: number) => GoogleAppsScript.Spreadsheet.Range;
  /** 1-based column of each log field. */
  columns: Record<LogKey, number>;
  /** Last row with content (1 when only the header is there). */
  lastRow: number;
  /** The grid's rows, when this execution has read them (it created the log). */
  maxRows?: number;
  /** The rows below the header have no number formats but the log's own: this execution inserted the sheet. */
  onlyLogFormats?: boolean;
}

/** The log as one read found it; nothing written yet. */
export interface LogRead {
  sheet: Sheet;
  record: LogRecord;
  /** The columns, and what (if anything) must be written to make them whole. */
  plan: LogColumnsPlan;
  /** Every Event ID in the log. */
  keys: Set<string>;
  /** Last row with content (1 when only the header is there). */
  lastRow: number;
  /** The header row as read (empty for a sheet with nothing in it). */
  header: unknown[];
  /** The rows below the header, as read. */
  rows: unknown[][];
}

const LOG_NAME = new RegExp(`^${LOG_SHEET_NAME}( \\d+)?$`, 'i');

function readLogRecord(props: Props): LogRecord | null {
  const raw = props.getProperty(LOG_RECORD_KEY);
  if (!raw) return null;
  try {
    const record = JSON.parse(raw) as LogRecord;
    return typeof record.sheetId === 'number' ? record : null;
  } catch {
    return null;
  }
}

/**
 * An empty sheet named like the log: what an attempt that failed right after insertSheet left.
 * A retry finishes that sheet rather than adding "Interview log 2" beside it.
 */
function orphanedLog(sheets: readonly Sheet[], names: readonly string[]): Sheet | null {
  return sheets.find((sheet, i) => LOG_NAME.test(names[i]) && sheet.getLastRow() === 0 && sheet.getLastColumn() === 0) ?? null;
}

/** A new, empty log sheet, remembered at once; its header is written by completeLog. */
function createLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props): { sheet: Sheet; sheetId: number; inserted: boolean } {
  // The sheets and their names read once, for the orphan and for a name no sheet has.
  const sheets = ss.getSheets();
  const names = sheets.map((s) => s.getName());
  let sheet = orphanedLog(sheets, names);
  const inserted = !sheet;
  if (!sheet) {
    const previous = ss.getActiveSheet();
    sheet = ss.insertSheet(uniqueNameAmong(names, LOG_SHEET_NAME), sheets.length);
    // insertSheet shows the new sheet; the user stays where they were.
    previous.activate();
  }
  const sheetId = sheet.getSheetId();
  props.setProperty(LOG_RECORD_KEY, JSON.stringify({ sheetId }));
  return { sheet, sheetId, inserted };
}

function tagged(sheet: Sheet): Partial<Record<LogKey, number>> {
  const found: Partial<Record<LogKey, number>> = {};
  for (const m of sheet.createDeveloperMetadataFinder().withKey(LOG_COLUMN_KEY).find()) {
    const key = m.getValue() as LogKey;
    const column = m.getLocation().getColumn();
    if (column && LOG_KEYS.includes(key) && found[key] === undefined) found[key] = column.getColumn();
  }
  return found;
}

/** Reads the log `sheet` once (its content; its tags only when the remembered columns do not hold). */
function readLogSheet(sheet: Sheet, record: LogRecord): LogRead {
  const values = allValues(sheet);
  // A sheet with nothing in it reads as one empty cell.
  const empty = values.length === 1 && values[0].every((v) => v === '');
  const header = empty ? [] : values[0];
  const known = checkRemembered(header, record);
  const plan = known ? { columns: known, retag: [], add: [], first: 0, blank: false } : planLogColumns(header, tagged(sheet), header.length);
  const keys = plan.add.includes('eventId') ? new Set<string>() : eventIdsIn(values, plan.columns.eventId);
  return { sheet, record, plan, keys, lastRow: empty ? 1 : values.length, header, rows: values.slice(1) };
}

/** The log as found (see LogRead), or null when there is none yet (or it was deleted). Writes nothing. */
export function readLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props): LogRead | null {
  const record = readLogRecord(props);
  const sheet = record ? ss.getSheetById(record.sheetId) : null;
  return sheet ? readLogSheet(sheet, record!) : null;
}

/** The cells completing `read` writes (the header cells of the columns it adds). */
export function headerTargets(read: LogRead): CellRange[] {
  const { plan } = read;
  return plan.add.length ? [{ row: 1, column: plan.first, numRows: 1, numColumns: plan.add.length }] : [];
}

/**
 * The log, whole: created when `read` is null (none yet), its missing header cells and tags
 * written, and where its columns are remembered. Writes nothing when the read found it whole.
 */
export function completeLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props, found: LogRead | null): LogSheet {
  let read = found;
  let inserted = false;
  const throughApi = read ? null : createLogThroughApi(ss, props);
  if (throughApi && throughApi !== 'refused') return throughApi;
  if (!read) {
    const created = createLog(ss, props);
    const { sheet, sheetId } = created;
    inserted = created.inserted;
    read = { sheet, record: { sheetId }, plan: planLogColumns([], {}, 0), keys: new Set(), lastRow: 1, header: [], rows: [] };
  }
  const { sheet, plan } = read;
  const sheetId = read.record.sheetId;
  const layout = plan.blank && plan.add.length === LOG_KEYS.length;
  // The date columns formatted down the grid once, so that appending rows finds their formats already there.
  const maxRows = layout ? sheet.getMaxRows() : undefined;
  const formatRuns = maxRows !== undefined && maxRows > 1 ? FORMAT_RUNS : [];
  const widthRuns = layout ? WIDTH_RUNS : [];
  const header = [...read.header];
  let headerRange: GoogleAppsScript.Spreadsheet.Range | null = null;
  let widened = false;
  const texts = plan.add.map((k) => LOG_COLUMNS.find((c) => c.key === k)!.header);
  if (plan.add.length) {
    const inGrid = rangeInGrid(sheet, 1, plan.first, 1, plan.add.length);
    if (inGrid.range) headerRange = inGrid.range;
    else {
      sheet.insertColumnsAfter(inGrid.maxColumns, plan.first + plan.add.length - 1 - inGrid.maxColumns);
      widened = true;
    }
    texts.forEach((text, i) => (header[plan.first - 1 + i] = text));
  }
  const tags = [...plan.retag, ...plan.add.map((k): [LogKey, number] => [k, plan.columns[k]])].map(([key, column]) => columnTag(column, key, LOG_COLUMN_KEY));
  // The layout, header and tags in one Sheets API call: all of them or none. Flushed first when
  // this run queued what the batch writes on: inserted columns, or the sheet itself. Whether
  // insertSheet is applied by the time it returns is not documented (nothing found either way), so
  // the sheet is flushed; it costs a call only here, where a sheet named like the log was there
  // already (a log the API creates is added in its own batch: createLogThroughApi).
  const requests = layoutRequests(sheetId, plan, texts, tags, layout ? maxRows : undefined);
  if (!(requests.length === 0 || (sheetsApiEnabled() && throughApi !== 'refused' && sendBatch(ss, requests, widened || inserted)))) {
    if (layout) {
      sheet.setFrozenRows(1);
      for (const [first, last] of widthRuns) sheet.setColumnWidths(first + 1, last - first + 1, LOG_COLUMNS[first].width!);
      // Before the header: once it is there, a retry takes the layout as done.
      for (const [first, last] of formatRuns) {
        const formats = LOG_COLUMNS.slice(first, last + 1).map((c) => c.numberFormat!);
        sheet.getRange(2, first + 1, maxRows! - 1, formats.length).setNumberFormats(Array.from({ length: maxRows! - 1 }, () => formats));
      }
    }
    if (plan.add.length) {
      const range = headerRange ?? sheet.getRange(1, plan.first, 1, plan.add.length);
      // Bold before the text: once the header text is there, a retry takes the header as done.
      range.setFontWeight('bold');
      range.setValues([texts]);
    }
    writeTags(sheet, tags);
  }
  const columns = Object.fromEntries(LOG_KEYS.map((k) => [k, plan.columns[k]])) as Record<LogKey, number>;
  const record: LogRecord = { sheetId: read.record.sheetId, columns, headers: headersAt(header, columns) };
  const before: LogRecord = { sheetId: read.record.sheetId, columns: read.record.columns, headers: read.record.headers };
  if (JSON.stringify(record) !== JSON.stringify(before)) props.setProperty(LOG_RECORD_KEY, JSON.stringify(record));
  return { sheet, columns, lastRow: read.lastRow, maxRows, onlyLogFormats: inserted };
}

/**
 * The requests writing what `plan` adds to the log on sheet `sheetId`: with `layoutRows` (the grid's
 * rows, for a sheet with nothing in it), the frozen header, the column widths and the date
 * columns' formats down the grid; the header cells `texts` in bold; the column tags.
 */
function layoutRequests(sheetId: number, plan: LogColumnsPlan, texts: readonly string[], tags: readonly LineTag[], layoutRows?: number): SheetsRequest[] {
  const layout = layoutRows !== undefined;
  return [
    ...(layout ? [frozenRowsRequest(sheetId)] : []),
    ...(layout ? WIDTH_RUNS : []).map(([first, last]) => widthRequest(sheetId, first + 1, last - first + 1, LOG_COLUMNS[first].width!)),
    ...(layout && layoutRows > 1 ? FORMAT_RUNS : []).flatMap(([first, last]) =>
      LOG_COLUMNS.slice(first, last + 1).map((c, i) =>
        formatRequest(sheetId, { row: 2, column: first + 1 + i, numRows: layoutRows! - 1, numColumns: 1 }, c.numberFormat!),
      ),
    ),
    ...(plan.add.length ? [boldTextRequest(sheetId, { row: 1, column: plan.first, numRows: 1, numColumns: texts.length }, texts)] : []),
    ...tagRequests(sheetId, tags),
  ];
}

/** A sheet ID no sheet in `ids` has (sheet IDs are int32: SheetProperties.sheetId). */
function freeSheetId(ids: readonly number[]): number {
  const next = Math.max(0, ...ids) + 1;
  if (next <= 2 ** 31 - 1) return next;
  let id = 1;
  while (ids.includes(id)) id++;
  return id;
}

/**
 * The log created whole through the Sheets API; else the caller makes it through SpreadsheetApp:
 * 'refused' where the API refused (not authorised, off, over its quota: the caller does not ask it
 * again); null where the advanced service is not there, or where a sheet is named like the log
 * already (it may be what an attempt through SpreadsheetApp left, which that path finds and
 * finishes).
 *
 * The sheets' names and IDs in one Sheets.Spreadsheets.get. The log's record, with the ID the new
 * sheet will have, is written first: an addSheet may name the ID ("The sheetId field is optional;
 * if one is not set, an id will be randomly generated. (It is an error to specify the ID of a sheet
 * that already exists.)": AddSheetRequest, Sheets API reference), so a re-run after a stop finds
 * the sheet by it, or, when the batch did not apply, adds it again under it. Then one batchUpdate,
 * all of it or nothing (the API "validates them all first"): addSheet, the layout, header and tags
 * on the new sheet ID (the reply is not needed), and the formulas a dashboard built before the log
 * awaits. Assumed, as nothing says otherwise: a sheet the API adds is not shown to the user (the
 * API has no active sheet, unlike insertSheet), and SpreadsheetApp finds it in the same execution
 * once the batch has returned. No flush before the batch: nothing SpreadsheetApp queues touches a
 * sheet that does not exist yet, nor the Dashboard's cells (an event writes the tracker). A
 * dashboard the user may not edit refuses the whole batch ("You are trying to edit a protected
 * cell or object": theoephraim/node-google-spreadsheet#20): it is sent again without the
 * dashboard's formulas, which then wait as they do through SpreadsheetApp.
 */
function createLogThroughApi(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props): LogSheet | 'refused' | null {
  if (!sheetsApiEnabled()) return null;
  const fileId = ss.getId();
  const file = readSpreadsheet(fileId, 'sheets.properties(sheetId,title)');
  if (!file) return 'refused';
  const sheets = (file.sheets ?? []).map((s) => ({ id: s.properties?.sheetId ?? 0, name: s.properties?.title ?? '' }));
  if (sheets.some((s) => LOG_NAME.test(s.name))) return null;
  const ids = sheets.map((s) => s.id);
  const previous = readLogRecord(props);
  const sheetId = previous && !ids.includes(previous.sheetId) ? previous.sheetId : freeSheetId(ids);
  const name = LOG_SHEET_NAME;
  const plan = planLogColumns([], {}, 0);
  const texts = plan.add.map((k) => LOG_COLUMNS.find((c) => c.key === k)!.header);
  const columns = Object.fromEntries(LOG_KEYS.map((k) => [k, plan.columns[k]])) as Record<LogKey, number>;
  const record: LogRecord = { sheetId, columns, headers: headersAt(texts, columns) };
  if (JSON.stringify(previous) !== JSON.stringify(record)) props.setProperty(LOG_RECORD_KEY, JSON.stringify(record));
  const { maxRows, maxColumns } = NEW_SHEET_GRID;
  const requests: SheetsRequest[] = [
    { addSheet: { properties: { sheetId, title: name, index: sheets.length, gridProperties: { rowCount: maxRows, columnCount: maxColumns } } } },
    ...layoutRequests(
      sheetId,
      plan,
      texts,
      plan.add.map((k) => columnTag(plan.columns[k], k, LOG_COLUMN_KEY)),
      maxRows,
    ),
  ];
  const { eventDate, eventType, contactId, details, eventId } = columns;
  const dashboard = awaitingLogRequests(props, ids, { sheetName: name, columns: { eventDate, eventType, contactId, details, eventId } });
  let linked = dashboard !== null;
  let sent: boolean;
  try {
    sent = sendBatch(fileId, linked ? [...requests, ...dashboard!.requests] : requests, false);
  } catch (e) {
    if (!linked || !PROTECTED.test(String((e as { message?: unknown } | null)?.message ?? e))) throw e;
    linked = false;
    sent = sendBatch(fileId, requests, false);
  }
  if (!sent) return 'refused';
  if (linked) dashboard!.linked();
  let sheet: Sheet | null = null;
  return {
    get sheet() {
      return (sheet ??= ss.getSheetById(sheetId)!);
    },
    name,
    rangeAt: (row, column, numRows, numColumns) => ss.getRange(`${quoteSheet(name)}!${rangeA1({ row, column, numRows, numColumns })}`),
    columns,
    lastRow: 1,
    maxRows,
    onlyLogFormats: true,
  };
}

/** The API's refusal of a batch that edits cells protected against the user. */
const PROTECTED = /protected cell or object/i;

/**
 * Runs of adjacent LOG_COLUMNS (0-based, [first, last]) whose `property` is set and the same, or
 * with `anyValue`, merely set: one call writes each run.
 */
function runsOf(property: (i: number) => string | number | undefined, anyValue = false): [number, number][] {
  const runs: [number, number][] = [];
  LOG_COLUMNS.forEach((_, i) => {
    if (property(i) === undefined) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1 && (anyValue || property(last[0]) === property(i))) last[1] = i;
    else runs.push([i, i]);
  });
  return runs;
}

const FORMAT_RUNS = runsOf((i) => LOG_COLUMNS[i].numberFormat, true);
const WIDTH_RUNS = runsOf((i) => LOG_COLUMNS[i].width);

/** The add-on's Interview log sheet, by the ID it remembers (whatever its name now), or null. Writes nothing. */
export function findLogSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props): Sheet | null {
  const record = readLogRecord(props);
  return record ? ss.getSheetById(record.sheetId) : null;
}

/** The Interview log, made whole; created when `create` and it does not exist (or was deleted). */
export function openLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props, create: boolean): LogSheet | null {
  const read = readLog(ss, props);
  if (!read && !create) return null;
  return completeLog(ss, props, read);
}

/** Columns from A to the log's right-most one (a log has a few columns: spreading them is safe). */
export function logWidth(columns: Record<LogKey, number>): number {
  return Math.max(...Object.values(columns));
}

/** The cells appending `count` rows to `log` writes. */
export function appendTarget(log: { lastRow: number }, columns: Record<LogKey, number>, count: number): CellRange {
  return { row: log.lastRow + 1, column: 1, numRows: count, numColumns: logWidth(columns) };
}

/**
 * Rows a full log grows by beyond those an event needs, as many as a new sheet has: the events
 * that follow find their rows there and append without reading or growing the grid. The new rows
 * are not formatted ahead: a run stopped between inserting them and formatting them would leave
 * them unformatted for good (its retry finds room and grows nothing), unlike a clean run; each
 * event formats its own block instead (appendToLog), one call.
 */
export const LOG_SPARE_ROWS = 1000;

/**
 * Appends `rows` (laid out in the log's columns) after the last row with content: the grid grown
 * if need be (with LOG_SPARE_ROWS more), then the block's number formats (only if they are not the log's already) and its
 * values, one call each. `known`: the grid's
 * rows, or the block's range itself, if the caller has just read them.
 */
export function appendToLog(log: LogSheet, rows: readonly OutCell[][], known: { maxRows?: number; range?: GoogleAppsScript.Spreadsheet.Range } = {}): void {
  if (rows.length === 0) return;
  const first = log.lastRow + 1;
  const last = first + rows.length - 1;
  const width = Math.max(...rows.map((r) => r.length));
  let range = known.range;
  if (!range) {
    const maxRows = known.maxRows ?? log.sheet.getMaxRows();
    if (last > maxRows) log.sheet.insertRowsAfter(maxRows, last - maxRows + LOG_SPARE_ROWS);
    range = log.rangeAt ? log.rangeAt(first, 1, rows.length, width) : log.sheet.getRange(first, 1, rows.length, width);
  }
  const formats = log.onlyLogFormats
    ? rows.map(() => Array.from({ length: width }, (_, i) => LOG_COLUMNS.find((c) => log.columns[c.key] === i + 1)?.numberFormat ?? ''))
    : range.getNumberFormats();
  let formatsToSet = false;
  for (const c of LOG_COLUMNS) {
    if (!c.numberFormat) continue;
    for (const row of formats) {
      const at = log.columns[c.key] - 1;
      if (row[at] !== c.numberFormat) [row[at], formatsToSet] = [c.numberFormat, true];
    }
  }
  // Formats first: once the values are there the event counts as logged, and a retry writes nothing.
  if (formatsToSet) range.setNumberFormats(formats);
  // A column the user made Plain text gets the text as typed, without the apostrophe that keeps it from being a formula.
  range.setValues(rows.map((r, j) => Array.from({ length: width }, (_, i) => forCell(r[i] ?? '', formats[j]?.[i]))));
  log.lastRow = last;
}
