// The Sheets advanced service (`Sheets`, the Sheets API v4 through Apps Script): only
// `Sheets.Spreadsheets.batchUpdate`, and of its requests only the kinds the add-on sends
// (createDeveloperMetadata, addConditionalFormatRule, setDataValidation, repeatCell, updateCells,
// updateDimensionProperties for column widths, updateSheetProperties for frozen rows). Each maps
// onto the emulator's own models, so SpreadsheetApp reads back what a request wrote.
//
// Pinned behaviours (sources):
// - The global exists only when the manifest enables the service: "dependencies":
//   {"enabledAdvancedServices": [{"userSymbol": "Sheets", "serviceId": "sheets", "version": "v4"}]}
//   (https://developers.google.com/apps-script/manifest/dependencies); without it a script sees
//   `ReferenceError: Sheets is not defined` (googleworkspace/apps-script-samples#153).
// - batchUpdate needs one of the scopes spreadsheets, drive or drive.file
//   (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate, its
//   Authorization scopes); `spreadsheets.currentonly` is an Apps Script scope the API does not
//   accept. Without one, the API answers 403 "Request had insufficient authentication scopes."
//   (googleworkspace/java-samples#110).
// - "Each request is validated before being applied. If any request is not valid then the entire
//   request will fail and nothing will be applied." (same reference). Its 400s read
//   "Invalid requests[0].updateCells: ..." (Thource/dude-wheres-my-stuff#428); a range past the
//   grid "... exceeds grid limits. Max rows: 2280, max columns: 178" (nithinmurali/pygsheets#124);
//   no request at all "Must specify at least one request." (googleapis/google-api-nodejs-client#1001).
// - A ConditionValue's userEnteredValue "is parsed as if the user typed into a cell. Formulas are
//   supported (and must begin with an = or a '+')" (Sheets API reference, ConditionValue): a
//   custom formula is read in the spreadsheet's locale, as SpreadsheetApp's rules are.
// - A location's dimensionRange "must represent a single row or column" (Sheets API reference,
//   DeveloperMetadataLocation).
// - SpreadsheetApp queues its writes until a flush (Runtime.pending); the API sees the spreadsheet
//   as Sheets has it, without them: here it sees the grids (sheets and their sizes) as they were
//   before the first write still queued (Runtime.gridsBeforeQueue), so a range in columns a queued
//   insertColumnsAfter adds is refused as beyond the grid, as on Google until the script flushes.
// Assumed (not documented): Apps Script raises an API error as a GoogleJsonResponseException whose
// message is "API call to sheets.spreadsheets.batchUpdate failed with error: <the API's message>";
// an unknown sheetId is "No grid with id: <id>"; a range's sheet is quoted in "Range ('Sheet1'!A1:B2)";
// a protected cell gives SpreadsheetApp's message. Not modelled: the order in which Sheets applies a
// queued SpreadsheetApp write and a batch that touch the same cell (here the queued write, applied
// at once, comes first; on Google it comes at the flush, after the batch): flush before a batch.

import { GasException, EmulatorError, RT, instrument, type Runtime } from '../runtime.ts';
import type { EmuSpreadsheet } from '../spreadsheet/spreadsheet.ts';
import type { EmuSheet } from '../spreadsheet/sheet.ts';
import { rectToA1, type GridRect } from '../spreadsheet/a1.ts';
import { EmuDataValidation, type CfFormat, type CfRuleData } from '../spreadsheet/rules.ts';
import type { LocationType, Visibility } from '../spreadsheet/metadata.ts';
import { engineFormula } from '../formulas/locale.ts';
import { accessOf, checkEdit } from './drive.ts';

type Schema = GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest;
type Request = GoogleAppsScript.Sheets.Schema.Request;
type GridRange = GoogleAppsScript.Sheets.Schema.GridRange;
type ColorLike = GoogleAppsScript.Sheets.Schema.Color | undefined;

export const SHEETS_API_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.file',
];

/** The manifest's entry that enables this service (the only advanced service the emulator has). */
export const SHEETS_SERVICE = { serviceId: 'sheets', version: 'v4' } as const;

/** An error the API answered, as Apps Script throws it. */
export class GoogleJsonResponseException extends Error {
  override name = 'GoogleJsonResponseException';
  constructor(
    readonly details: { code: number; message: string },
    method = 'sheets.spreadsheets.batchUpdate',
  ) {
    super(`API call to ${method} failed with error: ${details.message}`);
  }
}

/** Each file's sheets by id, with the grid's size: what the API checks ranges against. */
export type Grids = Map<EmuSpreadsheet, SheetGrids>;
type SheetGrids = Map<number, { sheet: EmuSheet; rows: number; cols: number }>;

export function gridsOf(files: Iterable<EmuSpreadsheet>): Grids {
  return new Map([...files].map((ss) => [ss, new Map(ss._sheets.map((sheet) => [sheet._id, { sheet, rows: sheet._maxRows, cols: sheet._maxCols }]))]));
}

export interface SheetsApiHost {
  file(id: string): EmuSpreadsheet | undefined;
  /** The grids as Sheets has them now (without the writes SpreadsheetApp still queues). */
  grids(): Grids;
}

const KINDS = [
  'createDeveloperMetadata',
  'addConditionalFormatRule',
  'setDataValidation',
  'repeatCell',
  'updateCells',
  'updateDimensionProperties',
  'updateSheetProperties',
] as const;
type Kind = (typeof KINDS)[number];
const FORMAT_FIELDS = new Set(['userEnteredFormat.numberFormat', 'userEnteredFormat.textFormat.bold']);
const CELL_FIELDS = new Set([...FORMAT_FIELDS, 'userEnteredValue']);
const CONDITION_TYPES: Record<string, CfRuleData['criteria']> = { CUSTOM_FORMULA: 'CUSTOM_FORMULA', TEXT_EQ: 'TEXT_EQUAL_TO' };

/** `Sheets.Spreadsheets`: counted as "Sheets.Spreadsheets.<method>", one round trip each. */
export class EmuSpreadsheetsResource {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly host: SheetsApiHost,
  ) {
    this[RT] = rt;
  }

  batchUpdate(resource: Schema, spreadsheetId: string): GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse {
    if (arguments.length < 2) throw new GasException("The parameters () don't match the method signature for Sheets.Spreadsheets.batchUpdate.");
    const rt = this[RT];
    if (rt.scopes && !SHEETS_API_SCOPES.some((s) => rt.scopes!.includes(s)))
      throw new GoogleJsonResponseException({ code: 403, message: 'Request had insufficient authentication scopes.' });
    const ss = this.host.file(String(spreadsheetId));
    const access = ss ? accessOf(ss, rt.activeUser) : null;
    if (!ss || access === null) throw new GoogleJsonResponseException({ code: 404, message: 'Requested entity was not found.' });
    if (access !== 'owner' && access !== 'editor') throw new GoogleJsonResponseException({ code: 403, message: 'The caller does not have permission' });
    const requests = resource?.requests ?? [];
    if (!requests.length) throw new GoogleJsonResponseException({ code: 400, message: 'Must specify at least one request.' });
    const grids = this.host.grids().get(ss) ?? new Map();
    // Every request is checked before any is applied: one that fails leaves the file as it was.
    const rulesAfter = new Map<EmuSheet, number>();
    const apply = requests.map((request, i) => planRequest(ss, grids, request, i, rt, rulesAfter));
    return { spreadsheetId: ss._id, replies: apply.map((f) => f()) };
  }
}

instrument(EmuSpreadsheetsResource, 'Sheets.Spreadsheets');

/** The `Sheets` global. */
export class EmuSheetsService {
  readonly Spreadsheets: EmuSpreadsheetsResource;
  constructor(rt: Runtime, host: SheetsApiHost) {
    this.Spreadsheets = new EmuSpreadsheetsResource(rt, host);
  }
}

type Reply = GoogleAppsScript.Sheets.Schema.Response;

function planRequest(ss: EmuSpreadsheet, grids: SheetGrids, request: Request, i: number, rt: Runtime, rulesAfter: Map<EmuSheet, number>): () => Reply {
  const kinds = Object.keys(request ?? {}).filter((k) => (request as Record<string, unknown>)[k] !== undefined);
  if (kinds.length !== 1) throw invalid(`requests[${i}]`, 'A request must set exactly one kind of update.');
  const kind = kinds[0];
  if (!(KINDS as readonly string[]).includes(kind)) throw new EmulatorError(`Sheets.Spreadsheets.batchUpdate: request kind ${kind} is not modelled`);
  const where = `requests[${i}].${kind}`;
  const gridRect = (range: GridRange | undefined): { sheet: EmuSheet; rect: GridRect } => {
    const id = range?.sheetId ?? 0;
    const grid = grids.get(id);
    if (!grid) throw invalid(where, `No grid with id: ${id}`);
    const r0 = range?.startRowIndex ?? 0;
    const c0 = range?.startColumnIndex ?? 0;
    const r1 = range?.endRowIndex ?? grid.rows;
    const c1 = range?.endColumnIndex ?? grid.cols;
    if (r0 < 0 || c0 < 0 || r1 < r0 || c1 < c0) throw invalid(where, 'A range must start at or after 0 and end at or after its start.');
    const rect = { row: r0 + 1, col: c0 + 1, numRows: r1 - r0, numCols: c1 - c0 };
    if (r1 > grid.rows || c1 > grid.cols)
      throw invalid(where, `Range ('${grid.sheet._name}'!${rectToA1(rect)}) exceeds grid limits. Max rows: ${grid.rows}, max columns: ${grid.cols}`);
    editable(grid.sheet, rect, rt, where);
    return { sheet: grid.sheet, rect };
  };
  switch (kind as Kind) {
    case 'createDeveloperMetadata':
      return planMetadata(ss, request.createDeveloperMetadata!, where, gridRect);
    case 'addConditionalFormatRule':
      return planRule(ss, request.addConditionalFormatRule!, where, gridRect, rulesAfter);
    case 'setDataValidation':
      return planValidation(request.setDataValidation!, where, gridRect, rt);
    case 'repeatCell':
      return planRepeat(request.repeatCell!, where, gridRect);
    case 'updateCells':
      return planCells(request.updateCells!, where, gridRect);
    case 'updateDimensionProperties':
      return planWidths(request.updateDimensionProperties!, where, gridRect);
    case 'updateSheetProperties':
      return planFrozen(request.updateSheetProperties!, where, grids);
  }
}

type Resolve = (range: GridRange | undefined) => { sheet: EmuSheet; rect: GridRect };

function planMetadata(ss: EmuSpreadsheet, req: GoogleAppsScript.Sheets.Schema.CreateDeveloperMetadataRequest, where: string, resolve: Resolve): () => Reply {
  const meta = req.developerMetadata;
  const key = meta?.metadataKey;
  if (!key) throw invalid(where, 'metadataKey is required.');
  const visibility = meta.visibility as Visibility | undefined;
  if (visibility !== 'DOCUMENT' && visibility !== 'PROJECT') throw invalid(where, 'Developer metadata must specify a visibility of DOCUMENT or PROJECT.');
  const dimension = meta.location?.dimensionRange;
  if (!dimension) throw new EmulatorError(`${where}: only metadata on a row or column (location.dimensionRange) is modelled`);
  const start = dimension.startIndex ?? 0;
  if (dimension.endIndex !== start + 1) throw invalid(where, 'The specified DimensionRange must represent a single row or column.');
  const columns = dimension.dimension === 'COLUMNS';
  if (!columns && dimension.dimension !== 'ROWS') throw invalid(where, 'dimension must be ROWS or COLUMNS.');
  const { sheet } = resolve(
    columns
      ? { sheetId: dimension.sheetId, startColumnIndex: start, endColumnIndex: start + 1 }
      : { sheetId: dimension.sheetId, startRowIndex: start, endRowIndex: start + 1 },
  );
  const type: LocationType = columns ? 'COLUMN' : 'ROW';
  return () => {
    ss._addMetadata(key, meta.metadataValue ?? undefined, visibility, { type: type as 'ROW' | 'COLUMN', sheetId: sheet._id, index: start + 1 });
    const entry = ss._metadata[ss._metadata.length - 1];
    return { createDeveloperMetadata: { developerMetadata: { ...meta, metadataId: entry.id } } };
  };
}

/** `rulesAfter`: each sheet's rule count once the requests before this one are applied (an index counts them). */
function planRule(
  ss: EmuSpreadsheet,
  req: GoogleAppsScript.Sheets.Schema.AddConditionalFormatRuleRequest,
  where: string,
  resolve: Resolve,
  rulesAfter: Map<EmuSheet, number>,
): () => Reply {
  const rule = req.rule;
  if (!rule?.booleanRule) throw new EmulatorError(`${where}: only a booleanRule is modelled`);
  const ranges = (rule.ranges ?? []).map(resolve);
  if (!ranges.length) throw invalid(where, 'A conditional format rule must have at least one range.');
  const sheet = ranges[0].sheet;
  if (ranges.some((r) => r.sheet !== sheet)) throw invalid(where, 'All ranges of a conditional format rule must be on the same sheet.');
  const condition = rule.booleanRule.condition;
  const criteria = CONDITION_TYPES[condition?.type ?? ''];
  if (!criteria) throw new EmulatorError(`${where}: condition type ${condition?.type} is not modelled`);
  const values = (condition!.values ?? []).map((v) => v.userEnteredValue ?? '');
  if (values.length !== 1) throw invalid(where, `${condition!.type} needs exactly one value.`);
  if (criteria === 'CUSTOM_FORMULA' && !/^[=+]/.test(values[0])) throw invalid(where, 'A custom formula must begin with = or +.');
  const format = formatOf(rule.booleanRule.format);
  const index = req.index ?? 0; // omitted, the proto's default: the rule goes first
  const count = rulesAfter.get(sheet) ?? sheet._cfRules.length;
  if (index < 0 || index > count) throw invalid(where, `index ${index} is out of range (the sheet has ${count} rules).`);
  rulesAfter.set(sheet, count + 1);
  const stored = criteria === 'CUSTOM_FORMULA' ? [engineFormula(values[0], ss._locale)] : values;
  return () => {
    sheet._cfRules.splice(index, 0, { criteria, values: stored, format, rects: ranges.map((r) => r.rect) });
    return {};
  };
}

function formatOf(format: GoogleAppsScript.Sheets.Schema.CellFormat | undefined): CfFormat {
  const out: CfFormat = {};
  const background = hex(format?.backgroundColorStyle?.rgbColor ?? format?.backgroundColor);
  if (background) out.background = background;
  const text = format?.textFormat;
  const font = hex(text?.foregroundColorStyle?.rgbColor ?? text?.foregroundColor);
  if (font) out.fontColor = font;
  if (text?.bold !== undefined) out.bold = text.bold;
  if (text?.italic !== undefined) out.italic = text.italic;
  if (text?.strikethrough !== undefined) out.strikethrough = text.strikethrough;
  return out;
}

/** An API colour (0 to 1 a channel, a channel left out is 0) as SpreadsheetApp gives it back: "#rrggbb". */
function hex(color: ColorLike): string | null {
  if (!color) return null;
  const channel = (x: number | undefined) =>
    Math.round(Math.min(1, Math.max(0, x ?? 0)) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(color.red)}${channel(color.green)}${channel(color.blue)}`;
}

function planValidation(req: GoogleAppsScript.Sheets.Schema.SetDataValidationRequest, where: string, resolve: Resolve, rt: Runtime): () => Reply {
  const { sheet, rect } = resolve(req.range);
  let rule: EmuDataValidation | undefined;
  if (req.rule) {
    const condition = req.rule.condition;
    if (condition?.type !== 'ONE_OF_LIST') throw new EmulatorError(`${where}: condition type ${condition?.type} is not modelled`);
    const values = (condition.values ?? []).map((v) => v.userEnteredValue ?? '');
    if (!values.length) throw invalid(where, 'ONE_OF_LIST needs at least one value.');
    // SpreadsheetApp's requireValueInList(values, showDropdown) is this rule with showCustomUi.
    rule = new EmuDataValidation(rt, {
      criteria: 'VALUE_IN_LIST',
      values: [values, req.rule.showCustomUi === true],
      allowInvalid: req.rule.strict !== true,
      helpText: req.rule.inputMessage ?? null,
    });
  }
  return () => {
    sheet._forEachCell(rect, (row, col) => sheet._setMeta(row, col, { validation: rule }));
    return {};
  };
}

function planRepeat(req: GoogleAppsScript.Sheets.Schema.RepeatCellRequest, where: string, resolve: Resolve): () => Reply {
  const { sheet, rect } = resolve(req.range);
  const fields = (req.fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (!fields.length) throw invalid(where, 'fields is required.');
  for (const f of fields) if (!FORMAT_FIELDS.has(f)) throw new EmulatorError(`${where}: field ${f} is not modelled`);
  const format = req.cell?.userEnteredFormat;
  const patch: { numberFormat?: string; fontWeight?: string } = {};
  if (fields.includes('userEnteredFormat.numberFormat')) {
    const pattern = format?.numberFormat?.pattern;
    if (!pattern) throw new EmulatorError(`${where}: a number format without a pattern is not modelled`);
    patch.numberFormat = pattern;
  }
  if (fields.includes('userEnteredFormat.textFormat.bold')) patch.fontWeight = format?.textFormat?.bold ? 'bold' : undefined;
  return () => {
    sheet._forEachCell(rect, (row, col) => sheet._setMeta(row, col, patch));
    return {};
  };
}

/**
 * Each cell of `rows` from `start` (or the top left of `range`) gets the fields of its CellData
 * named in `fields`; one a cell leaves out is cleared, as the API's field mask means. A
 * stringValue is kept as text, never parsed (no formula, number or date is made of it).
 */
function planCells(req: GoogleAppsScript.Sheets.Schema.UpdateCellsRequest, where: string, resolve: Resolve): () => Reply {
  const rows = req.rows ?? [];
  const width = Math.max(0, ...rows.map((r) => r.values?.length ?? 0));
  const start = req.start;
  if (!start && !req.range) throw invalid(where, 'Either start or range must be set.');
  const { sheet, rect } = start
    ? resolve({
        sheetId: start.sheetId,
        startRowIndex: start.rowIndex ?? 0,
        endRowIndex: (start.rowIndex ?? 0) + rows.length,
        startColumnIndex: start.columnIndex ?? 0,
        endColumnIndex: (start.columnIndex ?? 0) + width,
      })
    : resolve(req.range);
  const fields = (req.fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (!fields.length) throw invalid(where, 'At least one field must be specified.');
  for (const f of fields) if (!CELL_FIELDS.has(f)) throw new EmulatorError(`${where}: field ${f} is not modelled`);
  for (const row of rows)
    for (const cell of row.values ?? []) {
      const value = cell.userEnteredValue;
      if (value?.formulaValue !== undefined || value?.errorValue !== undefined) throw new EmulatorError(`${where}: a formula or error value is not modelled`);
      if (cell.userEnteredFormat?.numberFormat && !cell.userEnteredFormat.numberFormat.pattern)
        throw new EmulatorError(`${where}: a number format without a pattern is not modelled`);
    }
  return () => {
    rows.forEach((row, i) =>
      (row.values ?? []).forEach((cell, j) => {
        if (i >= rect.numRows || j >= rect.numCols) return; // a range smaller than the rows: the rest is not written
        const at = { row: rect.row + i, col: rect.col + j, numRows: 1, numCols: 1 };
        const format = cell.userEnteredFormat;
        if (fields.includes('userEnteredFormat.numberFormat')) sheet._setMeta(at.row, at.col, { numberFormat: format?.numberFormat?.pattern });
        if (fields.includes('userEnteredFormat.textFormat.bold')) sheet._setMeta(at.row, at.col, { fontWeight: format?.textFormat?.bold ? 'bold' : undefined });
        if (fields.includes('userEnteredValue')) sheet._writeValues(at, [[literal(cell.userEnteredValue, sheet._cellMeta(at.row, at.col)?.numberFormat)]]);
      }),
    );
    return {};
  };
}

/** An ExtendedValue as SpreadsheetApp would write it to keep it as it is: text behind an apostrophe, unless the cell is Plain text. */
function literal(value: GoogleAppsScript.Sheets.Schema.ExtendedValue | undefined, format: string | undefined): unknown {
  if (value?.stringValue !== undefined) return value.stringValue === '' ? '' : format === '@' ? value.stringValue : `'${value.stringValue}`;
  if (value?.numberValue !== undefined) return value.numberValue;
  if (value?.boolValue !== undefined) return value.boolValue;
  return '';
}

/** Column widths (pixelSize), as Sheet.setColumnWidths sets them. */
function planWidths(req: GoogleAppsScript.Sheets.Schema.UpdateDimensionPropertiesRequest, where: string, resolve: Resolve): () => Reply {
  const range = req.range;
  if (!range || range.dimension !== 'COLUMNS') throw new EmulatorError(`${where}: only column widths are modelled`);
  if (req.fields !== 'pixelSize') throw new EmulatorError(`${where}: only the field pixelSize is modelled`);
  const width = req.properties?.pixelSize;
  if (width === undefined || width < 0) throw invalid(where, 'pixelSize must be 0 or more.');
  const { sheet, rect } = resolve({
    sheetId: range.sheetId,
    startColumnIndex: range.startIndex,
    endColumnIndex: range.endIndex,
    startRowIndex: 0,
    endRowIndex: 1,
  });
  return () => {
    for (let c = rect.col; c < rect.col + rect.numCols; c++) sheet._colWidths.set(c, width);
    return {};
  };
}

/** The frozen rows (gridProperties.frozenRowCount), as Sheet.setFrozenRows sets them. */
function planFrozen(req: GoogleAppsScript.Sheets.Schema.UpdateSheetPropertiesRequest, where: string, grids: SheetGrids): () => Reply {
  if (req.fields !== 'gridProperties.frozenRowCount') throw new EmulatorError(`${where}: only the field gridProperties.frozenRowCount is modelled`);
  const id = req.properties?.sheetId ?? 0;
  const grid = grids.get(id);
  if (!grid) throw invalid(where, `No grid with id: ${id}`);
  const count = req.properties?.gridProperties?.frozenRowCount ?? 0;
  // The same refusal as setFrozenRows's (assumed: the API's wording is not documented).
  if (count < 0 || count >= grid.rows) throw invalid(where, "You can't freeze all visible rows on the sheet.");
  return () => {
    grid.sheet._frozenRows = count;
    return {};
  };
}

function editable(sheet: EmuSheet, rect: GridRect, rt: Runtime, where: string): void {
  try {
    checkEdit(sheet, rect, rt.activeUser);
  } catch (e) {
    if (e instanceof GasException) throw new GoogleJsonResponseException({ code: 400, message: `Invalid ${where}: ${e.message}` });
    throw e;
  }
}

function invalid(where: string, detail: string): GoogleJsonResponseException {
  return new GoogleJsonResponseException({ code: 400, message: `Invalid ${where}: ${detail}` });
}
