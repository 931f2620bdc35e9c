// Loading a workbook from .csv or .xlsx into an emulated spreadsheet, and saving one to .xlsx.
// CSV cells are read as Sheets' import reads numbers and dates, but never become formulas (see
// loadCsvInto); xlsx cells keep their types, formulas and formats. Saving writes everything the
// emulator holds that an .xlsx can carry, and loading reads it back (test/bundle/save-roundtrip).
// exceljs is used for xlsx: it is maintained and reads and writes formulas (array formulas
// too), number formats, validation, colour rules, merges and frozen panes.

import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { RawCellContent } from 'hyperformula';
import { GasException, RT } from './runtime.ts';
import type { EmuSpreadsheet } from './spreadsheet/spreadsheet.ts';
import { MAX_CELL_CHARS, type CellMeta, type EmuSheet } from './spreadsheet/sheet.ts';
import type { EmuRange } from './spreadsheet/range.ts';
import { EmuDataValidationBuilder, type CfRuleData, type DataValidationSpec, type EmuDataValidation } from './spreadsheet/rules.ts';
import { columnToLetters, parseA1, quoteSheetName, unquoteSheetName, type GridRect } from './spreadsheet/a1.ts';
import { parseInput } from './spreadsheet/cellformat.ts';
import { sheetsErrorText } from './formulas/errors.ts';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export class WorkbookFileError extends Error {}

/** Parses CSV text into rows of strings (quoted fields, embedded commas and newlines, a BOM). */
export function csvRows(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const rows = parsed.data;
  while (rows.length && rows[rows.length - 1].every((c) => c === '')) rows.pop();
  return rows;
}

function sized(rows: number, cols: number): { rows: number; cols: number } {
  return { rows: Math.max(1000, rows), cols: Math.max(26, cols) };
}

/**
 * Adds a sheet holding `rows` as if a user imported the CSV text into Sheets, with one difference:
 * a CSV holds values only, so a cell that typed input would make a formula (`=...`, `+1 555 0100`,
 * `-6@example.com`) stays the text it is, as the add-on's Import keeps it; numbers, dates and
 * booleans are still read as Sheets' "convert text to numbers and dates" reads them. A text
 * that starts with an apostrophe keeps it. A cell longer than Sheets holds is refused.
 */
export function loadCsvInto(ss: EmuSpreadsheet, name: string, text: string): EmuSheet {
  if (text.includes('\u0000')) throw new WorkbookFileError(`${name} is not a CSV text file (it contains binary data).`);
  const rows = csvRows(text);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 1);
  rows.forEach((row, i) =>
    row.forEach((cell, j) => {
      if (cell.length > MAX_CELL_CHARS) throw tooLong(name, i + 1, j + 1, cell.length);
    }),
  );
  const size = sized(rows.length, width);
  const sheet = ss._addSheet(name, ss._sheets.length, size.rows, size.cols);
  if (rows.length) {
    const tz = ss._timeZone;
    const values = rows.map((r) =>
      Array.from({ length: width }, (_, j) => {
        const cell = r[j] ?? '';
        const kind = cell === '' ? 'empty' : parseInput(cell, tz).kind;
        return kind === 'formula' || (kind === 'text' && cell.startsWith("'")) ? `'${cell}` : cell;
      }),
    );
    try {
      sheet._writeValues({ row: 1, col: 1, numRows: rows.length, numCols: width }, values);
    } catch (e) {
      // Only the apostrophe that keeps a 50,000-character formula-like text as text can pass the limit.
      if (e instanceof GasException) throw new WorkbookFileError(`${name}: ${e.message}`);
      throw e;
    }
  }
  return sheet;
}

type XlsxValue = ExcelJS.CellValue;

/**
 * A cell of a filled-down formula is stored as a reference to the range's first cell (a shared
 * formula, `{ sharedFormula: 'B2', result }`). exceljs translates the master's formula to this
 * cell (`cell.formula`, its relative references moved as a fill-down moves them); failing that
 * (no master in the file), the cached result is kept as the cell's value.
 */
function fromXlsxCell(cell: ExcelJS.Cell): { raw: RawCellContent; date?: boolean } {
  const v = cell.value;
  if (v && typeof v === 'object' && 'sharedFormula' in v) {
    const formula = cell.formula;
    if (formula) return { raw: `=${formula}` };
    return v.result === undefined ? { raw: null } : fromXlsxValue(v.result as XlsxValue);
  }
  return fromXlsxValue(v);
}

function fromXlsxValue(v: XlsxValue): { raw: RawCellContent; date?: boolean } {
  if (v === null || v === undefined) return { raw: null };
  if (v instanceof Date) return { raw: (v.getTime() - EXCEL_EPOCH) / 86400000, date: true };
  if (typeof v === 'number' || typeof v === 'boolean') return { raw: v };
  if (typeof v === 'string') return { raw: v === '' ? null : `'${v}` };
  if (typeof v === 'object') {
    if ('formula' in v && v.formula) return { raw: `=${v.formula}` };
    if ('richText' in v) return { raw: `'${v.richText.map((t) => t.text).join('')}` };
    if ('text' in v && 'hyperlink' in v) return { raw: `'${String(v.text)}` };
    if ('error' in v) return { raw: `'${String(v.error)}` };
  }
  return { raw: `'${String(v)}` };
}

/** The cells an array formula fills besides its own: the file holds their cached values, the formula gives them again. */
function arrayFilledCells(ws: ExcelJS.Worksheet): Set<string> {
  const filled = new Set<string>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value as { shareType?: string; ref?: string } | null;
      if (!v || typeof v !== 'object' || v.shareType !== 'array' || !v.ref) return;
      const p = parseA1(v.ref, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      if (!p) return;
      const { row: top, col: left, numRows, numCols } = p.rect;
      for (let r = top; r < top + numRows; r++)
        for (let c = left; c < left + numCols; c++) if (r !== Number(cell.row) || c !== Number(cell.col)) filled.add(`${r}:${c}`);
    }),
  );
  return filled;
}

/** The last row and column any array formula's range reaches. */
function arrayReach(ws: ExcelJS.Worksheet): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value as { shareType?: string; ref?: string } | null;
      if (!v || typeof v !== 'object' || v.shareType !== 'array' || !v.ref) return;
      const p = parseA1(v.ref, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      if (!p) return;
      rows = Math.max(rows, p.rect.row + p.rect.numRows - 1);
      cols = Math.max(cols, p.rect.col + p.rect.numCols - 1);
    }),
  );
  return { rows, cols };
}

/** A drop-down or other validation rule from the file, or undefined for a kind the emulator does not model. */
function fromXlsxValidation(ss: EmuSpreadsheet, dv: ExcelJS.DataValidation): EmuDataValidation | undefined {
  const builder = new EmuDataValidationBuilder(ss[RT]).setAllowInvalid(!dv.showErrorMessage);
  if (dv.error && dv.error === dv.prompt) builder.setHelpText(dv.error);
  const formula = String(dv.formulae?.[0] ?? '');
  if (dv.type === 'list' && /^".*"$/s.test(formula)) {
    const list = formula.slice(1, -1).split(',');
    return (list.join(',') === 'TRUE,FALSE' ? builder.requireCheckbox() : builder.requireValueInList(list, true)).build();
  }
  if (dv.type === 'list' && formula) {
    const p = parseA1(formula.replace(/\$/g, ''), Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const sheet = p && ss._sheets.find((s) => s._name === p.sheetName);
    if (sheet) return builder.requireValueInRange(sheet._range(p.rect), true).build();
    return undefined;
  }
  if (dv.type === 'custom' && formula) return builder.requireFormulaSatisfied(`=${formula}`).build();
  const [low, high] = (dv.formulae ?? []).map(Number);
  if (dv.type === 'decimal' && dv.operator === 'between' && Number.isFinite(low) && Number.isFinite(high))
    return builder.requireNumberBetween(low, high).build();
  if (dv.type === 'decimal' && dv.operator === 'greaterThanOrEqual' && Number.isFinite(low)) return builder.requireNumberGreaterThanOrEqualTo(low).build();
  if (dv.type === 'date') return builder.requireDate().build();
  return undefined;
}

/** A colour rule from the file, the inverse of xlsxColourRule; undefined for kinds it does not write. */
function fromXlsxColourRule(ss: EmuSpreadsheet, sheet: EmuSheet, ref: string, rule: ExcelJS.ConditionalFormattingRule): CfRuleData | undefined {
  const rects = ref.split(/\s+/).flatMap((part) => {
    const p = parseA1(part, sheet._maxRows, sheet._maxCols);
    return p ? [p.rect] : [];
  });
  if (!rects.length) return undefined;
  const style = (rule as { style?: Partial<ExcelJS.Style> }).style ?? {};
  const fill = style.fill as { bgColor?: { argb?: string }; fgColor?: { argb?: string } } | undefined;
  const format = {
    ...(fill?.bgColor?.argb || fill?.fgColor?.argb ? { background: fromArgb(fill.bgColor?.argb ?? fill.fgColor?.argb) } : {}),
    ...(style.font?.color?.argb ? { fontColor: fromArgb(style.font.color.argb) } : {}),
    ...(style.font?.bold ? { bold: true } : {}),
    ...(style.font?.italic ? { italic: true } : {}),
    ...(style.font?.strike ? { strikethrough: true } : {}),
  };
  const r = rule as { type: string; operator?: string; formulae?: unknown[] };
  const formula = String(r.formulae?.[0] ?? '');
  const text = /^"(.*)"$/s.exec(formula)?.[1]?.replace(/""/g, '"');
  const number = (v: unknown) => Number(v);
  let criteria: CfRuleData['criteria'] | undefined;
  let values: unknown[] = [];
  const textRule = r.type === 'expression' ? textRuleOf(formula, `${columnToLetters(rects[0].col)}${rects[0].row}`) : undefined;
  if (textRule) [criteria, values] = [textRule.criteria, [textRule.text]];
  else if (r.type === 'expression' && formula) [criteria, values] = ['CUSTOM_FORMULA', [`=${formula}`]];
  else if (r.type === 'containsText' && r.operator === 'containsBlanks') criteria = 'CELL_EMPTY';
  else if (r.type === 'containsText' && r.operator === 'notContainsBlanks') criteria = 'CELL_NOT_EMPTY';
  else if (r.type === 'cellIs' && r.operator === 'equal' && text !== undefined) [criteria, values] = ['TEXT_EQUAL_TO', [text]];
  else if (r.type === 'cellIs' && r.operator) {
    const name = Object.entries(NUMBER_OPERATORS).find(([key, op]) => op === r.operator && !/AFTER|BEFORE/.test(key))?.[0];
    if (name && r.formulae?.every((v) => Number.isFinite(number(v)))) [criteria, values] = [`NUMBER_${name}` as CfRuleData['criteria'], r.formulae.map(number)];
  }
  return criteria ? { rects, criteria, values, format } : undefined;
}

/** A worksheet's cells and their formats into `sheet`. */
function loadCells(ss: EmuSpreadsheet, ws: ExcelJS.Worksheet, sheet: EmuSheet): void {
  const filled = arrayFilledCells(ws);
  const grid: RawCellContent[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const { raw, date } = filled.has(`${r}:${c}`) ? { raw: null } : fromXlsxCell(cell);
      const chars = typeof raw === 'string' ? raw.length - (raw.startsWith("'") ? 1 : 0) : 0;
      if (chars > MAX_CELL_CHARS) throw tooLong(ws.name, r, c, chars);
      // Only content goes to the engine: styled empty cells (a drop-down's column) cost it dearly.
      if (raw !== null) (grid[r - 1] ??= [])[c - 1] = raw;
      const fmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : date ? 'M/d/yyyy' : undefined;
      const meta: Partial<CellMeta> = {};
      if (fmt) meta.numberFormat = fmt;
      if (cell.font?.bold) meta.fontWeight = 'bold';
      if (cell.font?.italic) meta.fontStyle = 'italic';
      if (cell.font?.color?.argb) meta.fontColor = fromArgb(cell.font.color.argb);
      const fill = cell.fill as { fgColor?: { argb?: string } } | undefined;
      if (fill?.fgColor?.argb) meta.background = fromArgb(fill.fgColor.argb);
      if (cell.alignment?.horizontal) meta.horizontalAlignment = cell.alignment.horizontal;
      if (cell.alignment?.wrapText) meta.wrap = true;
      if (cell.note) meta.note = typeof cell.note === 'string' ? cell.note : (cell.note.texts?.map((t) => t.text).join('') ?? '');
      if (Object.keys(meta).length) sheet._setMeta(r, c, meta);
    });
  });
  const width = grid.reduce((w, r) => Math.max(w, r?.length ?? 0), 0);
  const dense = Array.from({ length: grid.length }, (_, i) => Array.from({ length: width }, (_, j) => grid[i]?.[j] ?? null));
  if (dense.length && width) ss._hfHeld().setCellContents({ sheet: sheet._hfId, row: 0, col: 0 }, dense);
}

/**
 * Adds every worksheet of an .xlsx file as a sheet: cells with their types and formulas (an array
 * formula fills its range again), and what saveXlsx writes of formats, validation, merges, frozen
 * rows, widths, hidden columns and sheets, tab colours and colour rules. Text longer than a cell
 * holds is refused, as Sheets refuses it.
 */
export async function loadXlsxInto(ss: EmuSpreadsheet, data: Buffer): Promise<void> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new WorkbookFileError(`not a readable .xlsx file (${(e as Error).message})`);
  }
  // Every sheet first: a formula that reads a later sheet must find it when it is set.
  const loaded = wb.worksheets.map((ws): [ExcelJS.Worksheet, EmuSheet] => {
    // An array formula's range may reach past the last cell the file holds (an empty tail): the
    // grid holds it whole, as it did when saved.
    const reach = arrayReach(ws);
    const size = sized(Math.max(ws.rowCount, reach.rows), Math.max(ws.columnCount, reach.cols));
    return [ws, ss._addSheet(ws.name, ss._sheets.length, size.rows, size.cols)];
  });
  // One batch: the engine computes once every sheet holds its cells (a formula set before the
  // cells it reads, on a sheet filled later, fails in HyperFormula 3.x).
  ss._hfHeld();
  try {
    for (const [ws, sheet] of loaded) loadCells(ss, ws, sheet);
  } finally {
    ss._recalculate();
  }
  for (const [ws, sheet] of loaded) {
    const view = ws.views?.find(Boolean) as { state?: string; ySplit?: number; xSplit?: number } | undefined;
    if (view?.state === 'frozen') {
      sheet._frozenRows = view.ySplit ?? 0;
      sheet._frozenCols = view.xSplit ?? 0;
    }
    for (const range of ws.model.merges ?? []) {
      const p = parseA1(range, sheet._maxRows, sheet._maxCols);
      if (p) sheet._merges.push(p.rect);
    }
    for (let c = 1; c <= ws.columnCount; c++) {
      const col = ws.getColumn(c);
      if (col.width) sheet._colWidths.set(c, Math.round(col.width * 7));
      if (col.hidden) sheet._hiddenCols.add(c);
    }
    if (ws.state !== 'visible' && ws.state !== undefined) sheet._hidden = true;
    const tab = (ws.properties.tabColor as { argb?: string } | undefined)?.argb;
    if (tab) sheet._tabColor = fromArgb(tab) ?? null;
  }
  // Validation and colour rules last: a drop-down may list another sheet's cells.
  for (const [ws, sheet] of loaded) {
    // The file keeps validation by address, apart from the cells; one rule object per rule in the file.
    const rules = new Map<ExcelJS.DataValidation, EmuDataValidation | undefined>();
    const byAddress = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    for (const [address, dv] of Object.entries(byAddress)) {
      if (!rules.has(dv)) rules.set(dv, fromXlsxValidation(ss, dv));
      const rule = rules.get(dv);
      const at = parseA1(address, sheet._maxRows, sheet._maxCols);
      if (rule && at) sheet._setMeta(at.rect.row, at.rect.col, { validation: rule });
    }
    const formattings =
      (ws as unknown as { conditionalFormattings?: { ref: string; rules: ExcelJS.ConditionalFormattingRule[] }[] }).conditionalFormattings ?? [];
    const colourRules = formattings.flatMap((f) =>
      f.rules.map((rule) => ({ priority: (rule as { priority?: number }).priority ?? 0, data: fromXlsxColourRule(ss, sheet, f.ref, rule) })),
    );
    sheet._cfRules = colourRules.sort((a, b) => a.priority - b.priority).flatMap((r) => (r.data ? [r.data] : []));
  }
}

function tooLong(sheet: string, row: number, col: number, length: number): WorkbookFileError {
  return new WorkbookFileError(
    `${sheet}!${columnToLetters(col)}${row} holds ${length.toLocaleString('en-US')} characters; a cell in Google Sheets holds at most ${MAX_CELL_CHARS.toLocaleString('en-US')} ("Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell"). Shorten it and open the file again.`,
  );
}

/** Why a file could not be read, in words (the system's own message for the rarer reasons). */
function readFailure(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder, not a file (EISDIR)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${e.code})`;
    default:
      return e.message;
  }
}

/** Opens a .csv or .xlsx file into `ss` (adds its sheets). Throws WorkbookFileError with a clear message. */
export async function loadWorkbookFile(ss: EmuSpreadsheet, path: string): Promise<void> {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    throw new WorkbookFileError(`cannot read ${path}: ${readFailure(e as NodeJS.ErrnoException)}`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') loadCsvInto(ss, basename(path, extname(path)), data.toString('utf8'));
  else if (ext === '.xlsx') await loadXlsxInto(ss, data);
  else throw new WorkbookFileError(`${path}: only .csv and .xlsx files can be opened`);
}

const argb = (colour: string) => `FF${colour.replace('#', '').toUpperCase()}`;
const fromArgb = (value: string | undefined) => (value ? `#${value.slice(-6).toLowerCase()}` : undefined);

/** Formula errors Excel knows (as Sheets shows them); others (HyperFormula's #CYCLE!...) are saved as their text. */
const EXCEL_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A']);

/** One cell's computed value as exceljs writes it; dates stay serial numbers (exact), their format says they are dates. */
function xlsxResult(raw: unknown): ExcelJS.CellValue {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'object') {
    const code = sheetsErrorText(raw as { value: string });
    return EXCEL_ERRORS.has(code) ? { error: code as ExcelJS.CellErrorValue['error'] } : code;
  }
  return raw as ExcelJS.CellValue;
}

/**
 * The size of the result an array formula at (row, col) fills. HyperFormula has no public call
 * for it; its dependency graph holds it on the formula's vertex.
 */
function arraySize(sheet: EmuSheet, row: number, col: number): { numRows: number; numCols: number } {
  const graph = (sheet._ss._hf as unknown as { dependencyGraph: { addressMapping: { getCell(at: object): { width?: number; height?: number } | undefined } } })
    .dependencyGraph;
  const vertex = graph.addressMapping.getCell({ sheet: sheet._hfId, row: row - 1, col: col - 1 });
  return { numRows: vertex?.height ?? 1, numCols: vertex?.width ?? 1 };
}

/** How far a sheet's cells and their formats reach. `_meta` is sparse: its holes are skipped. */
function extent(sheet: EmuSheet): { rows: number; cols: number } {
  let rows = sheet._lastRow();
  let cols = sheet._lastCol();
  sheet._meta.forEach((row, i) => {
    if (!row) return;
    let last = 0;
    row.forEach((m, j) => {
      if (m) last = j + 1;
    });
    if (last) {
      rows = Math.max(rows, i + 1);
      cols = Math.max(cols, last);
    }
  });
  return { rows, cols };
}

/** Excel's form of "is a valid date": a date on or after its first day. */
const ANY_DATE = new Date(Date.UTC(1900, 0, 1));

/**
 * A validation rule as Excel writes it, or undefined for kinds Excel has no form for (Sheets'
 * "text is a valid email" and "valid URL"; the add-on sets neither).
 */
function xlsxValidation(dv: DataValidationSpec): ExcelJS.DataValidation | undefined {
  const strict = {
    allowBlank: true,
    showErrorMessage: !dv.allowInvalid,
    ...(dv.helpText ? { error: dv.helpText, prompt: dv.helpText, showInputMessage: true } : {}),
  };
  switch (dv.criteria) {
    case 'VALUE_IN_LIST':
      return { type: 'list', formulae: [`"${(dv.values[0] as string[]).join(',')}"`], ...strict };
    case 'VALUE_IN_RANGE': {
      const range = dv.values[0] as EmuRange;
      return { type: 'list', formulae: [`${quoteSheetName(range._sheet._name)}!${absolute(range._rect)}`], ...strict };
    }
    // Excel has no checkbox: a TRUE/FALSE drop-down keeps the two values.
    case 'CHECKBOX':
      return { type: 'list', formulae: ['"TRUE,FALSE"'], ...strict };
    case 'CUSTOM_FORMULA':
      return { type: 'custom', formulae: [String(dv.values[0]).replace(/^=/, '')], ...strict };
    case 'DATE_IS_VALID_DATE':
      return { type: 'date', operator: 'greaterThanOrEqual', formulae: [ANY_DATE], ...strict };
  }
  const operator = NUMBER_OPERATORS[dv.criteria.replace(/^(NUMBER|DATE)_/, '')];
  if (!operator) return undefined;
  const type = dv.criteria.startsWith('DATE_') ? 'date' : 'decimal';
  return { type, operator, formulae: dv.values.map((v) => (v instanceof Date ? v : Number(v))) as never, ...strict };
}

const NUMBER_OPERATORS: Record<string, ExcelJS.DataValidationOperator | undefined> = {
  BETWEEN: 'between',
  NOT_BETWEEN: 'notBetween',
  EQUAL_TO: 'equal',
  NOT_EQUAL_TO: 'notEqual',
  GREATER_THAN: 'greaterThan',
  AFTER: 'greaterThan',
  GREATER_THAN_OR_EQUAL_TO: 'greaterThanOrEqual',
  ON_OR_AFTER: 'greaterThanOrEqual',
  LESS_THAN: 'lessThan',
  BEFORE: 'lessThan',
  LESS_THAN_OR_EQUAL_TO: 'lessThanOrEqual',
  ON_OR_BEFORE: 'lessThanOrEqual',
};

function absolute(r: GridRect): string {
  return `$${columnToLetters(r.col)}$${r.row}:$${columnToLetters(r.col + r.numCols - 1)}$${r.row + r.numRows - 1}`;
}

const rangeA1 = (r: GridRect) => `${columnToLetters(r.col)}${r.row}:${columnToLetters(r.col + r.numCols - 1)}${r.row + r.numRows - 1}`;

/** A text condition's value as a formula string literal. */
const textLiteral = (v: unknown) => `"${String(v).replace(/"/g, '""')}"`;

/**
 * Text conditions as the formulas Excel itself writes for them (exceljs cannot write the text
 * attribute Excel's own text rules carry), and how loading recognises them again.
 */
const TEXT_RULES = {
  TEXT_CONTAINS: (text: string, at: string) => `NOT(ISERROR(SEARCH(${text},${at})))`,
  TEXT_DOES_NOT_CONTAIN: (text: string, at: string) => `ISERROR(SEARCH(${text},${at}))`,
  TEXT_STARTS_WITH: (text: string, at: string) => `LEFT(${at},LEN(${text}))=${text}`,
  TEXT_ENDS_WITH: (text: string, at: string) => `RIGHT(${at},LEN(${text}))=${text}`,
} as const;

function textRuleOf(formula: string, at: string): { criteria: keyof typeof TEXT_RULES; text: string } | undefined {
  for (const criteria of Object.keys(TEXT_RULES) as (keyof typeof TEXT_RULES)[]) {
    const before = TEXT_RULES[criteria]('\u0000', at).split('\u0000')[0];
    const literal = formula.startsWith(before) ? /^"((?:[^"]|"")*)"/.exec(formula.slice(before.length)) : null;
    const text = literal?.[1].replace(/""/g, '"');
    if (text !== undefined && TEXT_RULES[criteria](textLiteral(text), at) === formula) return { criteria, text };
  }
  return undefined;
}

/**
 * A colour rule as Excel writes it. Sheets' rules whose Excel form exists keep their kind (text
 * equal to → cellIs equal, number comparisons → cellIs, empty / not empty → blanks); text that
 * contains, does not contain, starts or ends with becomes the formula Excel itself uses. Null
 * for kinds with no Excel form (Sheets' date conditions relative to today).
 */
function xlsxColourRule(rule: CfRuleData, priority: number): ExcelJS.ConditionalFormattingRule | null {
  const f = rule.format;
  const style: Partial<ExcelJS.Style> = {};
  if (f.background) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(f.background) } };
  const font: Partial<ExcelJS.Font> = {};
  if (f.fontColor) font.color = { argb: argb(f.fontColor) };
  if (f.bold) font.bold = true;
  if (f.italic) font.italic = true;
  if (f.strikethrough) font.strike = true;
  if (Object.keys(font).length) style.font = font;
  const first = rule.rects[0];
  const at = `${columnToLetters(first.col)}${first.row}`;
  const base = { priority, style };
  const [a, b] = rule.values;
  const expression = (formula: string) => ({ ...base, type: 'expression' as const, formulae: [formula] });
  switch (rule.criteria) {
    case 'CUSTOM_FORMULA':
      return expression(String(a).replace(/^=/, ''));
    case 'TEXT_EQUAL_TO':
      return { ...base, type: 'cellIs', operator: 'equal', formulae: [textLiteral(a)] };
    case 'TEXT_CONTAINS':
    case 'TEXT_DOES_NOT_CONTAIN':
    case 'TEXT_STARTS_WITH':
    case 'TEXT_ENDS_WITH':
      return expression(TEXT_RULES[rule.criteria](textLiteral(a), at));
    case 'CELL_EMPTY':
      return { ...base, type: 'containsText', operator: 'containsBlanks' };
    case 'CELL_NOT_EMPTY':
      return { ...base, type: 'containsText', operator: 'notContainsBlanks' };
  }
  const operator = NUMBER_OPERATORS[rule.criteria.replace(/^NUMBER_/, '')];
  if (!operator || !rule.criteria.startsWith('NUMBER_')) return null;
  return { ...base, type: 'cellIs', operator: operator as never, formulae: [a, b].filter((v) => v !== undefined).map(String) };
}

function writeCellMeta(cell: ExcelJS.Cell, meta: CellMeta): void {
  if (meta.numberFormat) cell.numFmt = meta.numberFormat;
  const font: Partial<ExcelJS.Font> = {};
  if (meta.fontWeight === 'bold') font.bold = true;
  if (meta.fontStyle === 'italic') font.italic = true;
  if (meta.fontColor) font.color = { argb: argb(meta.fontColor) };
  if (Object.keys(font).length) cell.font = font;
  if (meta.background) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(meta.background) } };
  const alignment: Partial<ExcelJS.Alignment> = {};
  const horizontal = meta.horizontalAlignment?.toLowerCase();
  if (horizontal && horizontal !== 'normal' && horizontal !== 'general') alignment.horizontal = horizontal as ExcelJS.Alignment['horizontal'];
  if (meta.wrap) alignment.wrapText = true;
  if (Object.keys(alignment).length) cell.alignment = alignment;
  if (meta.note) cell.note = meta.note;
  const dv = meta.validation && xlsxValidation(meta.validation._spec);
  if (dv) cell.dataValidation = dv;
}

function writeSheet(sheet: EmuSheet, ws: ExcelJS.Worksheet): void {
  const hf = sheet._ss._hf;
  const id = sheet._hfId;
  const { rows, cols } = extent(sheet);
  for (let row = 1; row <= rows; row++) {
    const metaRow = sheet._meta[row - 1];
    for (let col = 1; col <= cols; col++) {
      const at = { sheet: id, row: row - 1, col: col - 1 };
      const meta = metaRow?.[col - 1];
      const computed = hf.getCellValue(at);
      const raw = typeof computed === 'number' ? sheet._exactNumber(computed, row, col) : computed;
      const formula = hf.getCellFormula(at);
      if ((raw === null || raw === '') && !formula && !meta) continue;
      const isDate = typeof raw === 'number' && sheet._isDateCell(row, col);
      const result = xlsxResult(raw);
      const cell = ws.getCell(row, col);
      if (formula) {
        // A formula whose result fills several cells is saved as an array formula over them (its
        // other cells hold only their cached values, as in any .xlsx); as a plain formula beside
        // literal values, Sheets would find its result blocked and show #REF!.
        const value: ExcelJS.CellFormulaValue & { shareType?: string; ref?: string } = { formula: formula.slice(1), result: result as never, date1904: false };
        if (hf.getCellType(at) === 'ARRAYFORMULA') {
          const size = arraySize(sheet, row, col);
          value.shareType = 'array';
          value.ref = rangeA1({ row, col, ...size });
        }
        cell.value = value as ExcelJS.CellValue;
      } else {
        cell.value = result;
      }
      if (meta) writeCellMeta(cell, meta);
      if (isDate && !meta?.numberFormat) cell.numFmt = sheet._displayFormat(row, col) ?? 'M/d/yyyy';
    }
  }
  if (sheet._frozenRows || sheet._frozenCols) ws.views = [{ state: 'frozen', ySplit: sheet._frozenRows, xSplit: sheet._frozenCols }];
  for (const m of sheet._merges) ws.mergeCells(m.row, m.col, m.row + m.numRows - 1, m.col + m.numCols - 1);
  for (const [col, width] of sheet._colWidths) ws.getColumn(col).width = width / 7;
  for (const col of sheet._hiddenCols) ws.getColumn(col).hidden = true;
  if (sheet._tabColor) ws.properties.tabColor = { argb: argb(sheet._tabColor) };
  sheet._cfRules.forEach((rule, i) => {
    // Sheets applies the first matching rule: the earlier rule gets the higher priority (1 is highest).
    const xlsx = xlsxColourRule(rule, i + 1);
    if (xlsx) ws.addConditionalFormatting({ ref: rule.rects.map(rangeA1).join(' '), rules: [xlsx] });
  });
}

/**
 * Saves every sheet as an .xlsx workbook: values, formulas with their computed results (array
 * formulas as array formulas), number formats, fonts, colours, alignment, notes, validation,
 * merges, frozen rows and columns, column widths, hidden columns and sheets, tab colours and
 * colour rules. Charts, protections, named ranges and developer metadata are not saved.
 */
export async function saveXlsx(ss: EmuSpreadsheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Informational Interview Tracker (local workbench)';
  for (const sheet of ss._sheets) writeSheet(sheet, wb.addWorksheet(sheet._name, { state: sheet._hidden ? 'hidden' : 'visible' }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Resolves "Sheet!A1:B2" against a spreadsheet (used by the CLI's `select`). A comma-separated
 * list ("Sheet!A2:C3,A7:C7") is a ctrl-click selection of several ranges on that sheet.
 */
export function selectRange(ss: EmuSpreadsheet, ref: string): void {
  const bang = ref.lastIndexOf('!');
  const sheetName = bang >= 0 ? unquoteSheetName(ref.slice(0, bang)) : ss._activeSheet._name;
  const sheet = ss._sheets.find((s) => s._name === sheetName);
  if (!sheet) throw new GasException(`No sheet named "${sheetName}" to select ${ref}`);
  const rects = (bang >= 0 ? ref.slice(bang + 1) : ref).split(',').map((part) => {
    const p = parseA1(part.trim(), sheet._maxRows, sheet._maxCols);
    if (!p) throw new GasException(`"${ref}" is not a range`);
    return p.rect;
  });
  ss._activeSheet = sheet;
  sheet._selection = rects;
}
