// The Sheets advanced service (`Sheets`, the Sheets API v4 through Apps Script): only
// `Sheets.Spreadsheets.get` (sheets' properties and colour rules, no grid data) and
// `Sheets.Spreadsheets.batchUpdate`, and of its requests only the kinds the add-on sends
// (addSheet, createDeveloperMetadata, addConditionalFormatRule, updateConditionalFormatRule,
// setDataValidation, repeatCell, updateCells (text, numbers, formulas), updateDimensionProperties for column widths,
// updateSheetProperties for frozen rows, insertDimension of rows, copyPaste of data validation).
// Each maps onto the emulator's own models, so SpreadsheetApp reads back what a request wrote.
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
import { EmuSheet } from '../spreadsheet/sheet.ts';
import { rectToA1, type GridRect } from '../spreadsheet/a1.ts';
import { EmuDataValidation, type CfFormat, type CfRuleData } from '../spreadsheet/rules.ts';
import type { LocationType, Visibility } from '../spreadsheet/metadata.ts';
import { engineFormula, shownFormula } from '../formulas/locale.ts';
import { accessOf, checkEdit } from './drive.ts';
import { frozenMergeProblem, shiftLines } from '../spreadsheet/sheet-structure.ts';

type Schema = GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest;
type Request = GoogleAppsScript.Sheets.Schema.Request;
type GridRange = GoogleAppsScript.Sheets.Schema.GridRange;
type ColorLike = GoogleAppsScript.Sheets.Schema.Color | undefined;

export const SHEETS_API_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.file',
];

/** The scopes spreadsheets.get accepts (its reference's Authorization scopes). */
const READ_SCOPES = [...SHEETS_API_SCOPES, 'https://www.googleapis.com/auth/spreadsheets.readonly', 'https://www.googleapis.com/auth/drive.readonly'];

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
type SheetGrids = Map<number, { sheet: EmuSheet; rows: number; cols: number; added?: boolean }>;

export function gridsOf(files: Iterable<EmuSpreadsheet>): Grids {
  return new Map([...files].map((ss) => [ss, new Map(ss._sheets.map((sheet) => [sheet._id, { sheet, rows: sheet._maxRows, cols: sheet._maxCols }]))]));
}

export interface SheetsApiHost {
  file(id: string): EmuSpreadsheet | undefined;
  /** The grids as Sheets has them now (without the writes SpreadsheetApp still queues). */
  grids(): Grids;
  /** The Sheets API is turned off in the script's Cloud project. */
  offInCloudProject?: boolean;
}

// The API's answer when it is off in the caller's Cloud project: 403 accessNotConfigured, quoted
// in googleapis/google-api-nodejs-client#1733 and associatedpress/harvester#10 (the project
// number is the caller's). Turning the service on in the manifest does not turn the API on in a
// standard Cloud project (lmmx/gdocs2md-html#3); a default project does it itself.
const OFF_IN_PROJECT =
  'Google Sheets API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project=123456789012 then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.';

const KINDS = [
  'addSheet',
  'createDeveloperMetadata',
  'addConditionalFormatRule',
  'setDataValidation',
  'repeatCell',
  'updateCells',
  'updateDimensionProperties',
  'updateSheetProperties',
  'insertDimension',
  'copyPaste',
  'updateConditionalFormatRule',
] as const;
type Kind = (typeof KINDS)[number];
const FORMAT_FIELDS = new Set(['userEnteredFormat.numberFormat', 'userEnteredFormat.textFormat.bold']);
const CELL_FIELDS = new Set([...FORMAT_FIELDS, 'userEnteredValue']);
// The API's ConditionType for each SpreadsheetApp BooleanCriteria the emulator's rules hold, and
// how many values each takes (Sheets API reference, ConditionType).
const CONDITION_TYPES: Record<string, CfRuleData['criteria']> = {
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  TEXT_EQ: 'TEXT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_NOT_CONTAINS: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  TEXT_ENDS_WITH: 'TEXT_ENDS_WITH',
  BLANK: 'CELL_EMPTY',
  NOT_BLANK: 'CELL_NOT_EMPTY',
  NUMBER_GREATER: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_EQ: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_EQ: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_EQ: 'NUMBER_EQUAL_TO',
  NUMBER_NOT_EQ: 'NUMBER_NOT_EQUAL_TO',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
};
const CONDITION_VALUES = (type: string) => (type === 'BLANK' || type === 'NOT_BLANK' ? 0 : type.endsWith('BETWEEN') ? 2 : 1);

/** `Sheets.Spreadsheets`: counted as "Sheets.Spreadsheets.<method>", one round trip each. */
export class EmuSpreadsheetsResource {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly host: SheetsApiHost,
  ) {
    this[RT] = rt;
  }

  /**
   * `Sheets.Spreadsheets.get(spreadsheetId, optionalArgs)`: the file's properties and its sheets'
   * (id, title, index, grid size, frozen lines) and colour rules, cut to `optionalArgs.fields` (the
   * API's field mask, "a,b.c,d(e,f)": https://developers.google.com/sheets/api/guides/field-masks).
   * The grid sizes are those the API sees (without the writes SpreadsheetApp still queues); grid
   * data (`ranges`, `includeGridData`) is not modelled.
   * As in the API's JSON, a field whose value is its default (0, false, an empty list) is left out.
   * Assumed (not documented): a field the mask names that the resource lacks is a 400
   * "Invalid field selection <name>".
   */
  get(spreadsheetId: string, optionalArgs?: { fields?: string; ranges?: unknown; includeGridData?: boolean }): Record<string, unknown> {
    if (arguments.length < 1) throw new GasException("The parameters () don't match the method signature for Sheets.Spreadsheets.get.");
    const rt = this[RT];
    if (this.host.offInCloudProject) throw new GoogleJsonResponseException({ code: 403, message: OFF_IN_PROJECT }, 'sheets.spreadsheets.get');
    if (rt.scopes && !READ_SCOPES.some((s) => rt.scopes!.includes(s)))
      throw new GoogleJsonResponseException({ code: 403, message: 'Request had insufficient authentication scopes.' }, 'sheets.spreadsheets.get');
    const ss = this.host.file(String(spreadsheetId));
    if (!ss || accessOf(ss, rt.activeUser) === null)
      throw new GoogleJsonResponseException({ code: 404, message: 'Requested entity was not found.' }, 'sheets.spreadsheets.get');
    if (optionalArgs?.ranges !== undefined || optionalArgs?.includeGridData)
      throw new EmulatorError('Sheets.Spreadsheets.get: grid data (ranges, includeGridData) is not modelled');
    const full = spreadsheetResource(ss, this.host.grids().get(ss) ?? new Map());
    return (optionalArgs?.fields ? masked(full, parseFields(optionalArgs.fields)) : full) as Record<string, unknown>;
  }

  batchUpdate(resource: Schema, spreadsheetId: string): GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse {
    if (arguments.length < 2) throw new GasException("The parameters () don't match the method signature for Sheets.Spreadsheets.batchUpdate.");
    const rt = this[RT];
    if (this.host.offInCloudProject) throw new GoogleJsonResponseException({ code: 403, message: OFF_IN_PROJECT });
    if (rt.scopes && !SHEETS_API_SCOPES.some((s) => rt.scopes!.includes(s)))
      throw new GoogleJsonResponseException({ code: 403, message: 'Request had insufficient authentication scopes.' });
    const ss = this.host.file(String(spreadsheetId));
    const access = ss ? accessOf(ss, rt.activeUser) : null;
    if (!ss || access === null) throw new GoogleJsonResponseException({ code: 404, message: 'Requested entity was not found.' });
    if (access !== 'owner' && access !== 'editor') throw new GoogleJsonResponseException({ code: 403, message: 'The caller does not have permission' });
    const requests = resource?.requests ?? [];
    if (!requests.length) throw new GoogleJsonResponseException({ code: 400, message: 'Must specify at least one request.' });
    // A copy: an insertDimension grows it for the requests after it, which see the rows it adds.
    const grids: SheetGrids = new Map(this.host.grids().get(ss) ?? []);
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

function spreadsheetResource(ss: EmuSpreadsheet, grids: SheetGrids): Record<string, unknown> {
  const sheets = [...grids.values()]
    .map(({ sheet, rows, cols }) => ({ sheet, rows, cols, index: ss._sheets.indexOf(sheet) }))
    .filter((g) => g.index >= 0)
    .sort((a, b) => a.index - b.index)
    .map(({ sheet, rows, cols, index }) =>
      dropDefaults({
        properties: {
          sheetId: sheet._id,
          title: sheet._name,
          index,
          sheetType: 'GRID',
          gridProperties: { rowCount: rows, columnCount: cols, frozenRowCount: sheet._frozenRows, frozenColumnCount: sheet._frozenCols },
          hidden: sheet._hidden,
        },
        conditionalFormats: sheet._cfRules.map((rule) => apiRule(ss, sheet, rule)),
      }),
    );
  return dropDefaults({ spreadsheetId: ss._id, properties: { title: ss._name, locale: ss._locale, timeZone: ss._timeZone }, sheets }) as Record<
    string,
    unknown
  >;
}

/** An emulator rule as the API gives it (ranges, condition, format). */
function apiRule(ss: EmuSpreadsheet, sheet: EmuSheet, rule: CfRuleData): GoogleAppsScript.Sheets.Schema.ConditionalFormatRule {
  const type = Object.keys(CONDITION_TYPES).find((t) => CONDITION_TYPES[t] === rule.criteria);
  if (!type) throw new EmulatorError(`Sheets.Spreadsheets.get: a colour rule of criteria ${rule.criteria} is not modelled`);
  const values = rule.criteria === 'CUSTOM_FORMULA' ? [shownFormula(String(rule.values[0]), ss._locale)] : rule.values.map(String);
  const color = (h: string | null | undefined) => {
    if (!h) return undefined;
    const [red, green, blue] = [1, 3, 5].map((at) => parseInt(h.slice(at, at + 2), 16) / 255);
    return dropDefaults({ red, green, blue }) as GoogleAppsScript.Sheets.Schema.Color;
  };
  const f = rule.format;
  const background = color(f.background);
  const font = color(f.fontColor);
  return dropDefaults({
    ranges: rule.rects.map((r) => ({
      sheetId: sheet._id,
      startRowIndex: r.row - 1,
      endRowIndex: r.row - 1 + r.numRows,
      startColumnIndex: r.col - 1,
      endColumnIndex: r.col - 1 + r.numCols,
    })),
    booleanRule: {
      condition: { type, values: values.map((userEnteredValue) => ({ userEnteredValue })) },
      format: {
        backgroundColor: background,
        backgroundColorStyle: background && { rgbColor: background },
        textFormat: { foregroundColor: font, foregroundColorStyle: font && { rgbColor: font }, bold: f.bold, italic: f.italic, strikethrough: f.strikethrough },
      },
    },
  }) as GoogleAppsScript.Sheets.Schema.ConditionalFormatRule;
}

/** A copy without the fields the API's JSON leaves out: undefined, 0, false, empty lists and objects. */
function dropDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropDefaults);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const kept = dropDefaults(v);
    if (kept === undefined || kept === 0 || kept === false || (Array.isArray(kept) && !kept.length)) continue;
    if (typeof kept === 'object' && !Array.isArray(kept) && kept !== null && !Object.keys(kept).length) continue;
    out[k] = kept;
  }
  return out;
}

/** Every field name of the resource spreadsheetResource builds (a mask naming another is refused). */
const KNOWN_FIELDS = new Set(
  'spreadsheetId properties title locale timeZone sheets sheetId index sheetType gridProperties rowCount columnCount frozenRowCount frozenColumnCount hidden conditionalFormats ranges startRowIndex endRowIndex startColumnIndex endColumnIndex booleanRule condition type values userEnteredValue format backgroundColor backgroundColorStyle rgbColor red green blue textFormat foregroundColor foregroundColorStyle bold italic strikethrough spreadsheetUrl'.split(
    ' ',
  ),
);

type FieldTree = Map<string, FieldTree | null>;

/** A partial-response mask ("sheets(properties(sheetId,title),conditionalFormats)", "a/b") as a tree; null: the whole field. */
export function parseFields(fields: string): FieldTree {
  let at = 0;
  const list = (): FieldTree => {
    const tree: FieldTree = new Map();
    for (;;) {
      // A path's parts are joined by "." (as the Sheets guides write "sheets.properties.title") or "/".
      const name = /^[A-Za-z0-9_*]+(?:[./][A-Za-z0-9_*]+)*/.exec(fields.slice(at))?.[0];
      if (!name)
        throw new GoogleJsonResponseException({ code: 400, message: `Invalid field selection ${fields.slice(at) || fields}` }, 'sheets.spreadsheets.get');
      at += name.length;
      let sub: FieldTree | null = null;
      if (fields[at] === '(') {
        at++;
        sub = list();
        if (fields[at] !== ')') throw new GoogleJsonResponseException({ code: 400, message: `Invalid field selection ${fields}` }, 'sheets.spreadsheets.get');
        at++;
      }
      // "Field names can be specified in camelCase or separated_by_underscores" (the same guide).
      const path = name.split(/[./]/).map((part) => part.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
      let node = tree;
      path.forEach((p, i) => {
        if (i === path.length - 1) node.set(p, mergeTrees(node.get(p), sub));
        else {
          const next = node.get(p) ?? new Map();
          node.set(p, next);
          node = next;
        }
      });
      if (fields[at] !== ',') return tree;
      at++;
      while (fields[at] === ' ') at++;
    }
  };
  const tree = list();
  if (at !== fields.length) throw new GoogleJsonResponseException({ code: 400, message: `Invalid field selection ${fields}` }, 'sheets.spreadsheets.get');
  return tree;
}

function mergeTrees(a: FieldTree | null | undefined, b: FieldTree | null): FieldTree | null {
  if (a === undefined) return b;
  if (a === null || b === null) return null;
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, mergeTrees(out.get(k), v));
  return out;
}

/** The fields of `value` the mask names (a list: of each of its items). */
function masked(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((item) => masked(item, tree));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of tree) {
    if (name === '*') return value;
    if (!KNOWN_FIELDS.has(name)) throw new GoogleJsonResponseException({ code: 400, message: `Invalid field selection ${name}` }, 'sheets.spreadsheets.get');
    const v = (value as Record<string, unknown>)[name];
    if (v !== undefined) out[name] = sub ? masked(v, sub) : v;
  }
  return out;
}

function planRequest(ss: EmuSpreadsheet, grids: SheetGrids, request: Request, i: number, rt: Runtime, rulesAfter: Map<EmuSheet, number>): () => Reply {
  const kinds = Object.keys(request ?? {}).filter((k) => (request as Record<string, unknown>)[k] !== undefined);
  if (kinds.length !== 1) throw invalid(`requests[${i}]`, 'A request must set exactly one kind of update.');
  const kind = kinds[0];
  if (!(KINDS as readonly string[]).includes(kind)) throw new EmulatorError(`Sheets.Spreadsheets.batchUpdate: request kind ${kind} is not modelled`);
  const where = `requests[${i}].${kind}`;
  const gridRect = (range: GridRange | undefined, edit = true): { sheet: EmuSheet; rect: GridRect } => {
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
    if (edit) editable(grid.sheet, rect, rt, where);
    return { sheet: grid.sheet, rect };
  };
  switch (kind as Kind) {
    case 'addSheet':
      return planAddSheet(ss, request.addSheet!, where, grids);
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
    case 'insertDimension':
      return planInsert(request.insertDimension!, where, grids, rt);
    case 'copyPaste':
      return planCopyPaste(request.copyPaste!, where, gridRect);
    case 'updateConditionalFormatRule':
      return planRuleUpdate(ss, request.updateConditionalFormatRule!, where, gridRect, rulesAfter);
  }
}

type Resolve = (range: GridRange | undefined, edit?: boolean) => { sheet: EmuSheet; rect: GridRect };

const ADD_SHEET_FIELDS = new Set(['sheetId', 'title', 'index', 'gridProperties']);
const ADD_GRID_FIELDS = new Set(['rowCount', 'columnCount', 'frozenRowCount']);
/** Sheet IDs are int32 (SheetProperties.sheetId: integer). */
const MAX_SHEET_ID = 2 ** 31 - 1;

/**
 * A new sheet (AddSheetRequest): "The sheetId field is optional; if one is not set, an id will be
 * randomly generated. (It is an error to specify the ID of a sheet that already exists.)" (Sheets
 * API reference, AddSheetRequest); "When a sheet is added at a given index, all subsequent sheets'
 * indexes are incremented" (same). The requests after it see it. Assumed (not documented): a
 * missing grid size is a new sheet's 1,000 by 26, as insertSheet's; a name a sheet has (regardless
 * of case) is refused with SpreadsheetApp's insertSheet wording; an ID a sheet has reads "A sheet
 * with id <id> already exists."; a generated ID comes from the file's own sequence, as
 * insertSheet's; the sheet is not made active (the API has no user's selection to move).
 */
function planAddSheet(ss: EmuSpreadsheet, req: GoogleAppsScript.Sheets.Schema.AddSheetRequest, where: string, grids: SheetGrids): () => Reply {
  const props = req.properties ?? {};
  for (const field of Object.keys(props)) if (!ADD_SHEET_FIELDS.has(field)) throw new EmulatorError(`${where}: properties.${field} is not modelled`);
  for (const field of Object.keys(props.gridProperties ?? {}))
    if (!ADD_GRID_FIELDS.has(field)) throw new EmulatorError(`${where}: gridProperties.${field} is not modelled`);
  const names = [...grids.values()].map((g) => g.sheet._name.toLowerCase());
  let title = props.title;
  if (title === undefined || title === null) {
    let n = grids.size + 1;
    while (names.includes(`sheet${n}`)) n++;
    title = `Sheet${n}`;
  }
  if (names.includes(title.toLowerCase())) throw invalid(where, `A sheet with the name "${title}" already exists. Please enter another name.`);
  const id = props.sheetId ?? ss._newSheetId([...grids.keys()]);
  if (!Number.isInteger(id) || id < 0 || id > MAX_SHEET_ID) throw invalid(where, `Invalid sheetId: ${id}`);
  if (grids.has(id)) throw invalid(where, `A sheet with id ${id} already exists.`);
  const rows = props.gridProperties?.rowCount ?? 1000;
  const cols = props.gridProperties?.columnCount ?? 26;
  const frozen = props.gridProperties?.frozenRowCount ?? 0;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) throw invalid(where, 'A grid must have at least one row and one column.');
  if (frozen < 0 || frozen >= rows) throw invalid(where, "You can't freeze all visible rows on the sheet.");
  const count = [...grids.values()].filter((g) => ss._sheets.includes(g.sheet) || g.added).length;
  const index = props.index ?? count;
  if (!Number.isInteger(index) || index < 0 || index > count) throw invalid(where, `Invalid index: ${index}`);
  const sheet = new EmuSheet(ss, id, title, rows, cols);
  sheet._frozenRows = frozen;
  grids.set(id, { sheet, rows, cols, added: true });
  return () => {
    ss._attachSheet(sheet, index);
    return {
      addSheet: {
        properties: dropDefaults({
          sheetId: id,
          title,
          index,
          sheetType: 'GRID',
          gridProperties: { rowCount: rows, columnCount: cols, frozenRowCount: frozen },
        }) as GoogleAppsScript.Sheets.Schema.SheetProperties,
      },
    };
  };
}

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

/** A booleanRule as the emulator's rule: its sheet, criteria, values (a formula in the engine's form) and format. */
function ruleOf(
  ss: EmuSpreadsheet,
  rule: GoogleAppsScript.Sheets.Schema.ConditionalFormatRule | undefined,
  where: string,
  resolve: Resolve,
): { sheet: EmuSheet; data: CfRuleData } {
  if (!rule?.booleanRule) throw new EmulatorError(`${where}: only a booleanRule is modelled`);
  const ranges = (rule.ranges ?? []).map((r) => resolve(r));
  if (!ranges.length) throw invalid(where, 'A conditional format rule must have at least one range.');
  const sheet = ranges[0].sheet;
  if (ranges.some((r) => r.sheet !== sheet)) throw invalid(where, 'All ranges of a conditional format rule must be on the same sheet.');
  const condition = rule.booleanRule.condition;
  const criteria = CONDITION_TYPES[condition?.type ?? ''];
  if (!criteria) throw new EmulatorError(`${where}: condition type ${condition?.type} is not modelled`);
  const values = (condition!.values ?? []).map((v) => v.userEnteredValue ?? '');
  const wanted = CONDITION_VALUES(condition!.type!);
  if (values.length !== wanted) throw invalid(where, `${condition!.type} needs ${wanted === 1 ? 'exactly one value' : `${wanted} values`}.`);
  if (criteria === 'CUSTOM_FORMULA' && !/^[=+]/.test(values[0])) throw invalid(where, 'A custom formula must begin with = or +.');
  // A value is "parsed as if the user typed into a cell" (ConditionValue): a number comparison's
  // as the number SpreadsheetApp's builder keeps (a decimal comma is not modelled).
  const typed = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  const stored = criteria === 'CUSTOM_FORMULA' ? [engineFormula(values[0], ss._locale)] : criteria.startsWith('NUMBER_') ? values.map(typed) : values;
  return { sheet, data: { criteria, values: stored, format: formatOf(rule.booleanRule.format), rects: ranges.map((r) => r.rect) } };
}

/** `rulesAfter`: each sheet's rule count once the requests before this one are applied (an index counts them). */
function planRule(
  ss: EmuSpreadsheet,
  req: GoogleAppsScript.Sheets.Schema.AddConditionalFormatRuleRequest,
  where: string,
  resolve: Resolve,
  rulesAfter: Map<EmuSheet, number>,
): () => Reply {
  const { sheet, data } = ruleOf(ss, req.rule, where, resolve);
  const index = req.index ?? 0; // omitted, the proto's default: the rule goes first
  const count = rulesAfter.get(sheet) ?? sheet._cfRules.length;
  if (index < 0 || index > count) throw invalid(where, `index ${index} is out of range (the sheet has ${count} rules).`);
  rulesAfter.set(sheet, count + 1);
  return () => {
    sheet._cfRules.splice(index, 0, data);
    return {};
  };
}

/**
 * The rule at `index` (0-based) of the sheet the new rule's ranges are on replaced by it: "sheetId
 * ... Required if newIndex is set, unused otherwise" (Sheets API reference,
 * UpdateConditionalFormatRuleRequest). Moving a rule (newIndex) is not modelled.
 */
function planRuleUpdate(
  ss: EmuSpreadsheet,
  req: GoogleAppsScript.Sheets.Schema.UpdateConditionalFormatRuleRequest,
  where: string,
  resolve: Resolve,
  rulesAfter: Map<EmuSheet, number>,
): () => Reply {
  if (req.newIndex !== undefined) throw new EmulatorError(`${where}: moving a rule (newIndex) is not modelled`);
  const { sheet, data } = ruleOf(ss, req.rule, where, resolve);
  const index = req.index ?? 0;
  const count = rulesAfter.get(sheet) ?? sheet._cfRules.length;
  if (index < 0 || index >= count) throw invalid(where, `index ${index} is out of range (the sheet has ${count} rules).`);
  // The reply (UpdateConditionalFormatRuleResponse): newIndex and newRule, and oldRule when
  // replacing ("oldIndex ... Not set if a rule was replaced (because it is the same as new_index)").
  return () => {
    const oldRule = apiRule(ss, sheet, sheet._cfRules[index]);
    sheet._cfRules[index] = data;
    return dropDefaults({ updateConditionalFormatRule: { newIndex: index, newRule: apiRule(ss, sheet, data), oldRule } }) as Reply;
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
    if (format?.numberFormat) checkFormatType(format.numberFormat, where);
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
      if (value?.errorValue !== undefined) throw new EmulatorError(`${where}: an error value is not modelled`);
      if (value?.formulaValue !== undefined && !String(value.formulaValue).startsWith('='))
        throw new EmulatorError(`${where}: a formulaValue not starting with "=" is not modelled`);
      if (cell.userEnteredFormat?.numberFormat) checkFormatType(cell.userEnteredFormat.numberFormat, where);
      if (cell.userEnteredFormat?.numberFormat && !cell.userEnteredFormat.numberFormat.pattern)
        throw new EmulatorError(`${where}: a number format without a pattern is not modelled`);
    }
  return () => {
    // A range smaller than the rows: the rest is not written.
    const written = rows.slice(0, rect.numRows).map((row) => (row.values ?? []).slice(0, rect.numCols));
    written.forEach((cells, i) =>
      cells.forEach((cell, j) => {
        const format = cell.userEnteredFormat;
        if (fields.includes('userEnteredFormat.numberFormat')) sheet._setMeta(rect.row + i, rect.col + j, { numberFormat: format?.numberFormat?.pattern });
        if (fields.includes('userEnteredFormat.textFormat.bold'))
          sheet._setMeta(rect.row + i, rect.col + j, { fontWeight: format?.textFormat?.bold ? 'bold' : undefined });
      }),
    );
    if (!fields.includes('userEnteredValue')) return {};
    // Each cell's value as its format (set above) reads it; rows of one width are written as one
    // block, as a write of 10,000 cells one by one cost the engine a call each.
    for (let first = 0; first < written.length;) {
      const width = written[first].length;
      let end = first + 1;
      while (end < written.length && written[end].length === width) end++;
      if (width > 0) {
        const values = written
          .slice(first, end)
          .map((cells, i) => cells.map((cell, j) => literal(cell.userEnteredValue, sheet._cellMeta(rect.row + first + i, rect.col + j)?.numberFormat)));
        sheet._writeValues({ row: rect.row + first, col: rect.col, numRows: end - first, numCols: width }, values);
      }
      first = end;
    }
    // A formula is read as if typed in the spreadsheet's locale, as setFormula's is: a comma
    // between arguments fails in a decimal-comma locale (googleapis/google-api-nodejs-client#1994).
    // Its cell was written '' in its block above.
    written.forEach((cells, i) =>
      cells.forEach((cell, j) => {
        const formula = cell.userEnteredValue?.formulaValue;
        if (formula !== undefined) sheet._writeFormulas({ row: rect.row + i, col: rect.col + j, numRows: 1, numCols: 1 }, [[formula]]);
      }),
    );
    return {};
  };
}

/**
 * NumberFormat.type: "When writing, this field must be set." (Sheets API reference, NumberFormat).
 * Assumed (not documented): the 400's wording.
 */
function checkFormatType(format: GoogleAppsScript.Sheets.Schema.NumberFormat, where: string): void {
  if (!format.type || format.type === 'NUMBER_FORMAT_TYPE_UNSPECIFIED') throw invalid(where, 'numberFormat.type must be set when writing a number format.');
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
  const cutMerge = frozenMergeProblem(grid.sheet, 'row', count);
  if (cutMerge) throw invalid(where, cutMerge);
  return () => {
    grid.sheet._frozenRows = count;
    return {};
  };
}

/**
 * Rows inserted at a 0-based index; the requests after it see the grown grid. The reference
 * (InsertDimensionRequest): both indexes "must be bounded"; inheritFromBefore true needs a start
 * "greater than 0"; false, a start inside the grid ("range.startIndex must be less than the grid
 * size (1) if inheritFromBefore is false.", nithinmurali/pygsheets#46). Colour rules, merges and
 * protections over the insertion point grow with it, as with insertRowsAfter. The new cells take
 * the formats of the row before (inheritFromBefore true) or after: "dimension properties should be
 * extended from the dimensions before or after the newly inserted dimensions", its example a
 * background; the number format too (gogcli#655). Columns are not modelled.
 */
function planInsert(req: GoogleAppsScript.Sheets.Schema.InsertDimensionRequest, where: string, grids: SheetGrids, rt: Runtime): () => Reply {
  const range = req.range;
  if (range?.dimension !== 'ROWS') throw new EmulatorError(`${where}: only inserting rows is modelled`);
  const id = range.sheetId ?? 0;
  const grid = grids.get(id);
  if (!grid) throw invalid(where, `No grid with id: ${id}`);
  const start = range.startIndex;
  const end = range.endIndex;
  if (start === undefined || start === null || end === undefined || end === null) throw invalid(where, 'range must be bounded.');
  if (start < 0 || end <= start) throw invalid(where, 'range.endIndex must be greater than range.startIndex.');
  if (req.inheritFromBefore === true && start === 0) throw invalid(where, 'range.startIndex must be greater than 0 if inheritFromBefore is true.');
  if (req.inheritFromBefore !== true && start >= grid.rows)
    throw invalid(where, `range.startIndex must be less than the grid size (${grid.rows}) if inheritFromBefore is false.`);
  if (start > grid.rows) throw invalid(where, `range.startIndex must be at most the grid size (${grid.rows}).`);
  const count = end - start;
  try {
    grid.sheet._ss._checkCellLimit(grid.cols * count);
  } catch (e) {
    if (e instanceof GasException) throw invalid(where, e.message);
    throw e;
  }
  // As insertRowsAfter is refused: by any protection that does not list the user (the whole grid).
  editable(grid.sheet, { row: 1, col: 1, numRows: grid.rows, numCols: grid.cols }, rt, where);
  grids.set(id, { ...grid, rows: grid.rows + count });
  return () => {
    shiftLines(grid.sheet, 'row', start + 1, count, req.inheritFromBefore === true ? 'before' : 'after');
    return {};
  };
}

/**
 * The source's drop-downs pasted over the destination (PASTE_DATA_VALIDATION, the only type
 * modelled): "If the range covers a span that's a multiple of the source's height or width, then
 * the data will be repeated to fill in the destination range. If the range is smaller than the
 * source range, the entire source data will still be copied (beyond the end of the destination
 * range)." (Sheets API reference, CopyPasteRequest.destination). A cell of the source without a
 * drop-down leaves its destination without one.
 */
function planCopyPaste(req: GoogleAppsScript.Sheets.Schema.CopyPasteRequest, where: string, resolve: Resolve): () => Reply {
  if (req.pasteType !== 'PASTE_DATA_VALIDATION') throw new EmulatorError(`${where}: paste type ${req.pasteType} is not modelled`);
  if ((req.pasteOrientation ?? 'NORMAL') !== 'NORMAL') throw new EmulatorError(`${where}: paste orientation ${req.pasteOrientation} is not modelled`);
  const source = resolve(req.source, false);
  const to = resolve(req.destination, false);
  const span = (dest: number, src: number) => (dest >= src && dest % src === 0 ? dest : src);
  const rect = { row: to.rect.row, col: to.rect.col, numRows: span(to.rect.numRows, source.rect.numRows), numCols: span(to.rect.numCols, source.rect.numCols) };
  const { sheet } = resolve(
    {
      sheetId: to.sheet._id,
      startRowIndex: rect.row - 1,
      endRowIndex: rect.row - 1 + rect.numRows,
      startColumnIndex: rect.col - 1,
      endColumnIndex: rect.col - 1 + rect.numCols,
    },
    true,
  );
  return () => {
    const from = source.rect;
    const rules = Array.from({ length: from.numRows }, (_, i) =>
      Array.from({ length: from.numCols }, (_, j) => source.sheet._cellMeta(from.row + i, from.col + j)?.validation),
    );
    sheet._forEachCell(rect, (row, col) => sheet._setMeta(row, col, { validation: rules[(row - rect.row) % from.numRows][(col - rect.col) % from.numCols] }));
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
