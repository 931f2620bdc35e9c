// Writes many ranges' formats, rules, drop-downs and tags in one service call through the Sheets
// advanced service (Sheets.Spreadsheets.batchUpdate) instead of a SpreadsheetApp call each.
//
// The service needs the manifest's "dependencies" entry and the `spreadsheets` scope (the API
// does not accept `spreadsheets.currentonly`:
// https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate lists
// spreadsheets, drive and drive.file). A user who removes that scope from the manifest keeps a
// working add-on: `sendBatch` then says so and the caller writes the same through SpreadsheetApp.

import type { CellRange } from '../../core/tracker/cells.ts';

export type SheetsRequest = GoogleAppsScript.Sheets.Schema.Request;

/** Whether the advanced service is enabled in the manifest (the global exists only then). */
export function sheetsApiEnabled(): boolean {
  return typeof Sheets !== 'undefined' && Sheets !== null;
}

// The API's answer to a token without a scope it accepts (googleworkspace/java-samples#110),
// Apps Script's own refusals of a call the manifest's scopes do not cover, and the API's 403
// accessNotConfigured where it is off in a standard Cloud project, which the manifest alone does
// not turn on (googleapis/google-api-nodejs-client#1733, lmmx/gdocs2md-html#3). Also the API's
// 429 when the Cloud project's per-minute quota is spent (every user of a published add-on shares
// it): refused before anything is applied, so SpreadsheetApp, which that quota does not limit, does
// the same (n8n-io/n8n#16750, Sage-Bionetworks/data_curator#110; "Insufficient tokens for quota",
// its older wording, nithinmurali/pygsheets#78).
const NOT_AUTHORISED =
  /insufficient authentication scopes|permissions are not sufficient|do not have permission to call|has not been used in project .* or it is disabled|quota exceeded for quota|insufficient tokens for quota/i;

/**
 * Sends `requests` as one batchUpdate of `spreadsheet`: all of them apply or none (the API
 * validates them all first). SpreadsheetApp's queued writes are flushed first, since the API sees
 * only what Sheets has applied (a column a queued insert adds would be past its grid), unless the
 * caller knows none of them touches what the batch does (`flush` false). The file is named by its
 * Spreadsheet or, where the caller has it already, its ID. False, with nothing changed, when the
 * service is not enabled, not authorised, off in the Cloud project or over its quota; any other
 * error is thrown as the API gave it.
 */
export function sendBatch(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string, requests: readonly SheetsRequest[], flush = true): boolean {
  if (!requests.length) return true;
  if (!sheetsApiEnabled()) return false;
  if (flush) SpreadsheetApp.flush();
  try {
    Sheets!.Spreadsheets!.batchUpdate({ requests: [...requests] }, typeof spreadsheet === 'string' ? spreadsheet : spreadsheet.getId());
    return true;
  } catch (e) {
    if (NOT_AUTHORISED.test(String((e as { message?: unknown } | null)?.message ?? e))) return false;
    throw e;
  }
}

export type ApiSpreadsheet = GoogleAppsScript.Sheets.Schema.Spreadsheet;

/**
 * The fields `fields` (a partial-response mask, e.g. "sheets(properties(sheetId))") of the file
 * `spreadsheetId`, in one call (Sheets.Spreadsheets.get), as Sheets has it: SpreadsheetApp's
 * queued writes are flushed first when the caller may have queued some (`flush`). Null when the
 * service is not enabled, not authorised, off or over its quota; any other error is thrown as the API gave it.
 */
export function readSpreadsheet(spreadsheetId: string, fields: string, flush = false): ApiSpreadsheet | null {
  if (!sheetsApiEnabled()) return null;
  if (flush) SpreadsheetApp.flush();
  try {
    return Sheets!.Spreadsheets!.get(spreadsheetId, { fields });
  } catch (e) {
    if (NOT_AUTHORISED.test(String((e as { message?: unknown } | null)?.message ?? e))) return null;
    throw e;
  }
}

/** A range (1-based, as SpreadsheetApp counts) as the API's GridRange: 0-based, the end excluded. */
export function gridRange(sheetId: number, range: CellRange): GoogleAppsScript.Sheets.Schema.GridRange {
  return {
    sheetId,
    startRowIndex: range.row - 1,
    endRowIndex: range.row - 1 + range.numRows,
    startColumnIndex: range.column - 1,
    endColumnIndex: range.column - 1 + range.numColumns,
  };
}

/** "#rrggbb" as the API's Color (each channel 0 to 1). */
export function apiColor(hex: string): GoogleAppsScript.Sheets.Schema.Color {
  const channel = (at: number) => parseInt(hex.slice(at, at + 2), 16) / 255;
  return { red: channel(1), green: channel(3), blue: channel(5) };
}

/** A number format over `range`. */
export function formatRequest(sheetId: number, range: CellRange, pattern: string): SheetsRequest {
  const type = /[hs]/.test(pattern) ? 'DATE_TIME' : /[dmy]/.test(pattern) ? 'DATE' : pattern === '@' ? 'TEXT' : 'NUMBER';
  return {
    repeatCell: {
      range: gridRange(sheetId, range),
      cell: { userEnteredFormat: { numberFormat: { type, pattern } } },
      fields: 'userEnteredFormat.numberFormat',
    },
  };
}

/** Bold text in one row from the top left of `range`, kept as written (a stringValue is never parsed). */
export function boldTextRequest(sheetId: number, range: CellRange, texts: readonly string[]): SheetsRequest {
  return {
    updateCells: {
      start: { sheetId, rowIndex: range.row - 1, columnIndex: range.column - 1 },
      rows: [{ values: texts.map((text) => ({ userEnteredValue: { stringValue: text }, userEnteredFormat: { textFormat: { bold: true } } })) }],
      fields: 'userEnteredValue,userEnteredFormat.textFormat.bold',
    },
  };
}

/** `count` columns from `column` (1-based) `width` pixels wide. */
export function widthRequest(sheetId: number, column: number, count: number, width: number): SheetsRequest {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: column - 1, endIndex: column - 1 + count },
      properties: { pixelSize: width },
      fields: 'pixelSize',
    },
  };
}

/** The first `rows` rows frozen. */
export function frozenRowsRequest(sheetId: number, rows = 1): SheetsRequest {
  return { updateSheetProperties: { properties: { sheetId, gridProperties: { frozenRowCount: rows } }, fields: 'gridProperties.frozenRowCount' } };
}
