// Loading a workbook from .csv or .xlsx into an emulated spreadsheet, and saving one to .xlsx
// with formulas and their computed values. CSV rows go through the same parsing as typed
// input (Google's "convert text to numbers, dates and formulas" import option, on by default);
// xlsx cells keep their types, formulas and number formats. exceljs is used for xlsx: it is
// maintained and reads and writes formulas, number formats, validation and frozen panes.

import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { RawCellContent } from 'hyperformula';
import { GasException, RT } from './runtime.ts';
import type { EmuSpreadsheet } from './spreadsheet.ts';
import type { EmuSheet } from './sheet.ts';
import { EmuDataValidationBuilder } from './rules.ts';
import { columnToLetters, parseA1 } from './a1.ts';

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

/** Adds a sheet holding `rows` as if a user imported the CSV text into Sheets. */
export function loadCsvInto(ss: EmuSpreadsheet, name: string, text: string): EmuSheet {
  if (text.includes('\u0000')) throw new WorkbookFileError(`${name} is not a CSV text file (it contains binary data).`);
  const rows = csvRows(text);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const size = sized(rows.length, width);
  const sheet = ss._addSheet(name, ss._sheets.length, size.rows, size.cols);
  if (rows.length) {
    const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
    sheet._writeValues({ row: 1, col: 1, numRows: rows.length, numCols: width }, padded);
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

/** Adds every worksheet of an .xlsx file as a sheet. */
export async function loadXlsxInto(ss: EmuSpreadsheet, data: Buffer): Promise<void> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new WorkbookFileError(`not a readable .xlsx file (${(e as Error).message})`);
  }
  for (const ws of wb.worksheets) {
    const size = sized(ws.rowCount, ws.columnCount);
    const sheet = ss._addSheet(ws.name, ss._sheets.length, size.rows, size.cols);
    const grid: RawCellContent[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const { raw, date } = fromXlsxCell(cell);
        (grid[r - 1] ??= [])[c - 1] = raw;
        const fmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : date ? 'M/d/yyyy' : undefined;
        if (fmt) sheet._setMeta(r, c, { numberFormat: fmt });
        if (cell.font?.bold) sheet._setMeta(r, c, { fontWeight: 'bold' });
        const fill = cell.fill as { fgColor?: { argb?: string } } | undefined;
        if (fill?.fgColor?.argb) sheet._setMeta(r, c, { background: `#${fill.fgColor.argb.slice(-6).toLowerCase()}` });
        if (cell.note) sheet._setMeta(r, c, { note: typeof cell.note === 'string' ? cell.note : '' });
        const dv = cell.dataValidation;
        if (dv?.type === 'list' && dv.formulae?.[0]) {
          const list = String(dv.formulae[0]).replace(/^"|"$/g, '').split(',');
          const rule = new EmuDataValidationBuilder(ss[RT])
            .requireValueInList(list, true)
            .setAllowInvalid(!dv.showErrorMessage)
            .build();
          sheet._setMeta(r, c, { validation: rule });
        }
      });
    });
    const width = Math.max(0, ...grid.map((r) => r?.length ?? 0));
    const dense = Array.from({ length: grid.length }, (_, i) => Array.from({ length: width }, (_, j) => grid[i]?.[j] ?? null));
    if (dense.length && width) ss._hf.setCellContents({ sheet: sheet._hfId, row: 0, col: 0 }, dense);
    const view = ws.views?.[0] as { state?: string; ySplit?: number; xSplit?: number } | undefined;
    if (view?.state === 'frozen') {
      sheet._frozenRows = view.ySplit ?? 0;
      sheet._frozenCols = view.xSplit ?? 0;
    }
    for (const range of Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges ?? {})) {
      const model = (ws as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges[range].model;
      sheet._merges.push({ row: model.top, col: model.left, numRows: model.bottom - model.top + 1, numCols: model.right - model.left + 1 });
    }
    ws.columns?.forEach((col, i) => {
      if (col.width) sheet._colWidths.set(i + 1, Math.round(col.width * 7));
    });
  }
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

function toXlsxValue(sheet: EmuSheet, row: number, col: number, value: unknown, formula: string): ExcelJS.CellValue {
  const result = value instanceof Date ? new Date(EXCEL_EPOCH + sheetSerial(sheet, row, col) * 86400000) : value;
  if (formula) return { formula: formula.slice(1), result: result as never };
  if (value === '') return null;
  return result as ExcelJS.CellValue;
}

function sheetSerial(sheet: EmuSheet, row: number, col: number): number {
  const v = sheet._ss._hf.getCellValue({ sheet: sheet._hfId, row: row - 1, col: col - 1 });
  return typeof v === 'number' ? v : 0;
}

/** Saves every sheet as an .xlsx workbook: values, formulas with computed results, formats, validation, frozen rows. */
export async function saveXlsx(ss: EmuSpreadsheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Informational Interview Tracker (local workbench)';
  for (const sheet of ss._sheets) {
    const ws = wb.addWorksheet(sheet._name, { state: sheet._hidden ? 'hidden' : 'visible' });
    const lastRow = sheet._lastRow();
    const lastCol = sheet._lastCol();
    const metaRows = sheet._meta.length;
    const rows = Math.max(lastRow, metaRows);
    const cols = Math.max(lastCol, ...sheet._meta.map((r) => r?.length ?? 0));
    if (rows && cols) {
      const rect = { row: 1, col: 1, numRows: rows, numCols: cols };
      const values = sheet._readValues(rect);
      const formulas = sheet._readFormulas(rect);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const meta = sheet._cellMeta(i + 1, j + 1);
          const value = toXlsxValue(sheet, i + 1, j + 1, values[i][j], formulas[i][j]);
          if (value === null && !meta) continue;
          const cell = ws.getCell(i + 1, j + 1);
          cell.value = value;
          if (meta?.numberFormat) cell.numFmt = meta.numberFormat;
          else if (values[i][j] instanceof Date) cell.numFmt = 'yyyy-mm-dd';
          if (meta?.fontWeight === 'bold') cell.font = { bold: true };
          if (meta?.background) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${meta.background.replace('#', '').toUpperCase()}` } };
          if (meta?.note) cell.note = meta.note;
          const dv = meta?.validation?._spec;
          if (dv?.criteria === 'VALUE_IN_LIST') {
            cell.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${(dv.values[0] as string[]).join(',')}"`], showErrorMessage: !dv.allowInvalid };
          } else if (dv?.criteria === 'CHECKBOX') {
            cell.dataValidation = { type: 'list', allowBlank: true, formulae: ['"TRUE,FALSE"'] };
          }
        }
      }
    }
    if (sheet._frozenRows || sheet._frozenCols) ws.views = [{ state: 'frozen', ySplit: sheet._frozenRows, xSplit: sheet._frozenCols }];
    for (const m of sheet._merges) ws.mergeCells(m.row, m.col, m.row + m.numRows - 1, m.col + m.numCols - 1);
    for (const [col, width] of sheet._colWidths) ws.getColumn(col).width = Math.round(width / 7);
    for (const rule of sheet._cfRules) {
      if (rule.criteria !== 'CUSTOM_FORMULA') continue;
      ws.addConditionalFormatting({
        ref: rule.rects.map((r) => `${columnToLetters(r.col)}${r.row}:${columnToLetters(r.col + r.numCols - 1)}${r.row + r.numRows - 1}`).join(' '),
        rules: [
          {
            type: 'expression',
            priority: 1,
            formulae: [String(rule.values[0]).replace(/^=/, '')],
            style: rule.format.background ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${rule.format.background.replace('#', '').toUpperCase()}` } } } : {},
          },
        ],
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Resolves "Sheet!A1:B2" against a spreadsheet (used by the CLI's `select`). A comma-separated
 * list ("Sheet!A2:C3,A7:C7") is a ctrl-click selection of several ranges on that sheet.
 */
export function selectRange(ss: EmuSpreadsheet, ref: string): void {
  const bang = ref.lastIndexOf('!');
  const sheetName = bang >= 0 ? ref.slice(0, bang).replace(/^'(.*)'$/, '$1') : ss._activeSheet._name;
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

