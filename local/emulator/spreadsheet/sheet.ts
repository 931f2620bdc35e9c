// One sheet of an emulated spreadsheet. Cell contents (values and formulas) live in the
// spreadsheet's HyperFormula engine; everything else a cell carries (number format, colours,
// notes, validation) lives in this sheet's sparse `meta` grid. This file reads and writes them;
// structural changes (inserting, deleting, moving rows and columns, freezing) are in
// sheet-structure.ts, which applies them to both and to the rectangles that merges, rules,
// protections, named ranges and metadata hold. Every public method stays on EmuSheet, so that
// `instrument` counts it as "Sheet.method".

import type { HyperFormula, RawCellContent, SimpleCellAddress } from 'hyperformula';
import { instrument, RT, GasException, type Runtime } from '../runtime.ts';
import { parseA1, type GridRect } from './a1.ts';
import { defaultDateFormat, displayValue, isDateFormat, parseInput } from './cellformat.ts';
import { dateToSerial, serialToDate } from './tz.ts';
import { EmuRange } from './range.ts';
import type { EmuSpreadsheet } from './spreadsheet.ts';
import type { CfRuleData, EmuConditionalFormatRule, EmuDataValidation } from './rules.ts';
import { EmuConditionalFormatRule as CfRule } from './rules.ts';
import {
  EmuDeveloperMetadata,
  EmuDeveloperMetadataFinder,
  EmuProtection,
  newProtection,
  type MetaEntry,
  type ProtectionData,
  type Visibility,
} from './metadata.ts';
import type { Signatures } from '../signatures.ts';
import { copyChartData, EmuEmbeddedChart, EmuEmbeddedChartBuilder, insertChart, removeChart, updateChart, type ChartData } from './charts.ts';
import { engineFormula, shownFormula } from '../formulas/locale.ts';
import { sheetsErrorText } from '../formulas/errors.ts';
import { deleteLines, insertLines, moveColumnBlock, setFrozen, shiftLines, type Axis } from './sheet-structure.ts';

export interface CellMeta {
  numberFormat?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  horizontalAlignment?: string;
  wrap?: boolean;
  note?: string;
  validation?: EmuDataValidation;
}

/** Sheets' limit on the characters in one cell. */
export const MAX_CELL_CHARS = 50000;

type Sh = GoogleAppsScript.Spreadsheet.Sheet;

export class EmuSheet implements Signatures<
  Sh,
  | 'getName'
  | 'setName'
  | 'getSheetId'
  | 'getIndex'
  | 'getParent'
  | 'getRange'
  | 'getRangeList'
  | 'getDataRange'
  | 'getSheetValues'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'appendRow'
  | 'getFrozenRows'
  | 'setFrozenRows'
  | 'getFrozenColumns'
  | 'setFrozenColumns'
  | 'getConditionalFormatRules'
  | 'setConditionalFormatRules'
  | 'getProtections'
  | 'protect'
  | 'getDeveloperMetadata'
  | 'addDeveloperMetadata'
  | 'createDeveloperMetadataFinder'
  | 'activate'
  | 'getActiveRange'
  | 'getActiveRangeList'
  | 'setActiveRange'
  | 'setActiveSelection'
  | 'clear'
  | 'clearContents'
  | 'hideSheet'
  | 'showSheet'
  | 'isSheetHidden'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'getColumnWidth'
  | 'autoResizeColumns'
  | 'hideColumns'
  | 'showColumns'
  | 'isColumnHiddenByUser'
  | 'setTabColor'
  | 'getTabColor'
  | 'moveColumns'
> {
  readonly [RT]: Runtime;
  _meta: (CellMeta | undefined)[][] = [];
  _merges: GridRect[] = [];
  _cfRules: CfRuleData[] = [];
  _protections: ProtectionData[] = [];
  _frozenRows = 0;
  _frozenCols = 0;
  _hidden = false;
  _hiddenCols = new Set<number>();
  _colWidths = new Map<number, number>();
  _tabColor: string | null = null;
  _charts: ChartData[] = [];
  /** The selected ranges; the first is the active range. */
  _selection: GridRect[] = [{ row: 1, col: 1, numRows: 1, numCols: 1 }];

  constructor(
    readonly _ss: EmuSpreadsheet,
    readonly _id: number,
    public _name: string,
    public _maxRows = 1000,
    public _maxCols = 26,
  ) {
    this[RT] = _ss[RT];
  }

  // ---- internal helpers (not counted) ----

  get _hfId(): number {
    const id = this._ss._engine.getSheetId(this._name);
    if (id === undefined) throw new GasException('This sheet has been deleted.');
    return id;
  }

  _range(r: GridRect): EmuRange {
    return new EmuRange(this, r);
  }

  _wholeColumn(col: number): EmuRange {
    return this._range({ row: 1, col, numRows: this._maxRows, numCols: 1 });
  }

  _wholeRow(row: number): EmuRange {
    return this._range({ row, col: 1, numRows: 1, numCols: this._maxCols });
  }

  _activeRange(): EmuRange {
    return this._range(this._selection[0]);
  }

  _checkRect(r: GridRect): void {
    if (!Number.isInteger(r.row) || !Number.isInteger(r.col) || !Number.isInteger(r.numRows) || !Number.isInteger(r.numCols)) {
      throw new GasException('Cannot convert a non-integer to an integer: the range coordinates must be whole numbers.');
    }
    if (r.row < 1) throw new GasException('The starting row of the range is too small.');
    if (r.col < 1) throw new GasException('The starting column of the range is too small.');
    if (r.numRows < 1) throw new GasException('The number of rows in the range must be at least 1.');
    if (r.numCols < 1) throw new GasException('The number of columns in the range must be at least 1.');
    if (r.row + r.numRows - 1 > this._maxRows || r.col + r.numCols - 1 > this._maxCols) {
      throw new GasException('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  _cellMeta(row: number, col: number): CellMeta | undefined {
    return this._meta[row - 1]?.[col - 1];
  }

  _setMeta(row: number, col: number, patch: Partial<CellMeta>): void {
    const r = (this._meta[row - 1] ??= []);
    const current = r[col - 1];
    // Scripts rewrite whole columns' formats each run: a cell already so is left as it is.
    let same = true;
    for (const k in patch) if (current?.[k as keyof CellMeta] !== patch[k as keyof CellMeta]) same = false;
    if (same) return;
    const m = { ...(current ?? {}), ...patch };
    for (const k of Object.keys(m) as (keyof CellMeta)[]) if (m[k] === undefined) delete m[k];
    r[col - 1] = Object.keys(m).length ? m : undefined;
  }

  _forEachCell(r: GridRect, f: (row: number, col: number, i: number, j: number) => void): void {
    for (let i = 0; i < r.numRows; i++) for (let j = 0; j < r.numCols; j++) f(r.row + i, r.col + j, i, j);
  }

  private _hfRange(r: GridRect) {
    const sheet = this._hfId;
    return { start: { sheet, row: r.row - 1, col: r.col - 1 }, end: { sheet, row: r.row + r.numRows - 2, col: r.col + r.numCols - 2 } };
  }

  /** Converts one value written by script into what the engine stores, updating the format. */
  private _toRaw(value: unknown, row: number, col: number): RawCellContent {
    const tz = this._ss._timeZone;
    const format = this._cellMeta(row, col)?.numberFormat;
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new GasException('Invalid argument: number is not finite.');
      return value;
    }
    if (typeof value === 'boolean') return value;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new GasException('Invalid argument: date');
      const serial = dateToSerial(value, tz);
      if (!isDateFormat(format)) this._setMeta(row, col, { numberFormat: defaultDateFormat(serial) });
      return serial;
    }
    const text = String(value);
    if (text.length > MAX_CELL_CHARS) {
      throw new GasException(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
    }
    const p = parseInput(text, format);
    switch (p.kind) {
      case 'empty':
        return null;
      case 'text':
        return `'${p.text}`;
      case 'formula':
        return engineFormula(p.formula, this._ss._locale);
      case 'boolean':
        return p.value;
      case 'number':
        if (p.format && !format) this._setMeta(row, col, { numberFormat: p.format });
        return p.value;
      case 'date':
        if (!isDateFormat(format)) this._setMeta(row, col, { numberFormat: p.format });
        return p.value;
    }
  }

  _writeValues(r: GridRect, values: unknown[][]): void {
    // Array.from, not .map: arrays made by script code belong to its realm, and the engine checks instanceof Array.
    const raw: RawCellContent[][] = Array.from(values, (rowVals, i) => Array.from(rowVals, (v, j) => this._toRaw(v, r.row + i, r.col + j)));
    // HyperFormula, given formulas over cells that held other formulas (a rebuilt Dashboard whose
    // lists changed size), can keep links to the ranges of the old ones and leave an array result
    // unspilled; emptying the cells it changes first, as writing over them means anyway, avoids it.
    const engine = this._ss._hfHeld();
    const sheet = this._hfId;
    const blocks = changedBlocks(engine, sheet, r, raw);
    if (raw.some((row) => row.some((v) => typeof v === 'string' && v.startsWith('=')))) {
      for (const b of blocks)
        engine.setCellContents(
          { sheet, row: b.row, col: b.col },
          b.cells.map((cells) => cells.map(() => null)),
        );
    }
    for (const b of blocks) engine.setCellContents({ sheet, row: b.row, col: b.col }, b.cells);
    if (raw.some((row) => row.some((v) => v === null))) this._ss._cellsEmptied = true;
  }

  _writeFormulas(r: GridRect, formulas: string[][]): void {
    const raw = Array.from(formulas, (row) =>
      Array.from(row, (f) => {
        const text = String(f ?? '');
        if (text === '') return null;
        return engineFormula(text.startsWith('=') ? text : `=${text}`, this._ss._locale);
      }),
    );
    this._ss._hfHeld().setCellContents(this._hfRange(r).start, raw);
  }

  /** Values as getValues returns them: numbers, booleans, Dates, strings, '' for empty. */
  _readValues(r: GridRect): unknown[][] {
    const hf = this._ss._hf;
    const id = this._hfId;
    const raw = hf.getRangeValues(this._hfRange(r));
    const tz = this._ss._timeZone;
    return raw.map((rowVals, i) =>
      rowVals.map((v, j) => {
        if (v === null || v === undefined) return '';
        if (typeof v === 'object') return sheetsErrorText(v as { value: string }); // a formula error: "#DIV/0!", ...
        const n = typeof v === 'number' ? this._exactNumber(v, r.row + i, r.col + j, id) : v;
        if (typeof n === 'number' && this._isDateCell(r.row + i, r.col + j, id)) return serialToDate(n, tz);
        return n;
      }),
    );
  }

  /** `id`: the engine's id of this sheet, when the caller has it (finding it by name, per cell, costs). */
  _isDateCell(row: number, col: number, id = this._hfId): boolean {
    const format = this._cellMeta(row, col)?.numberFormat;
    if (format) return isDateFormat(format);
    const t = this._ss._hf.getCellValueDetailedType({ sheet: id, row: row - 1, col: col - 1 });
    return t === 'NUMBER_DATE' || t === 'NUMBER_DATETIME' || t === 'NUMBER_TIME';
  }

  _displayFormat(row: number, col: number, id = this._hfId): string | undefined {
    const format = this._cellMeta(row, col)?.numberFormat;
    if (format) return format;
    const t = this._ss._hf.getCellValueDetailedType({ sheet: id, row: row - 1, col: col - 1 });
    if (t === 'NUMBER_DATE') return 'M/d/yyyy';
    if (t === 'NUMBER_DATETIME') return 'M/d/yyyy H:mm:ss';
    if (t === 'NUMBER_PERCENT') return '0%';
    return undefined;
  }

  /**
   * A number as it was written. The engine rounds the fractions it reports to 10 significant
   * digits (a time of day in a date-time serial would lose up to a second); Sheets keeps doubles.
   */
  _exactNumber(computed: number, row: number, col: number, id = this._hfId): number {
    if (Number.isInteger(computed)) return computed;
    const written = this._ss._hf.getCellSerialized({ sheet: id, row: row - 1, col: col - 1 });
    return typeof written === 'number' ? written : computed;
  }

  _readDisplay(r: GridRect): string[][] {
    const raw = this._ss._hf.getRangeValues(this._hfRange(r));
    const id = this._hfId;
    return raw.map((rowVals, i) =>
      rowVals.map((v, j) => {
        if (v !== null && typeof v === 'object') return sheetsErrorText(v as { value: string });
        if (typeof v === 'number') return displayValue(this._exactNumber(v, r.row + i, r.col + j, id), this._displayFormat(r.row + i, r.col + j, id));
        return displayValue(v as string | boolean | null, this._cellMeta(r.row + i, r.col + j)?.numberFormat);
      }),
    );
  }

  _readFormulas(r: GridRect): string[][] {
    const hf = this._ss._hf;
    const sheet = this._hfId;
    const out: string[][] = [];
    for (let i = 0; i < r.numRows; i++) {
      const row: string[] = [];
      for (let j = 0; j < r.numCols; j++) {
        const formula = hf.getCellFormula({ sheet, row: r.row - 1 + i, col: r.col - 1 + j });
        row.push(formula ? shownFormula(formula, this._ss._locale) : '');
      }
      out.push(row);
    }
    return out;
  }

  _clearContent(r: GridRect): void {
    const hf = this._ss._hfHeld();
    // Only the part inside what the engine holds: cells past it are empty already.
    const { width, height } = hf.getSheetDimensions(this._hfId);
    const numRows = Math.min(r.numRows, height - r.row + 1);
    const numCols = Math.min(r.numCols, width - r.col + 1);
    if (numRows <= 0 || numCols <= 0) return;
    const empty = Array.from({ length: numRows }, () => Array<RawCellContent>(numCols).fill(null));
    this._ss._cellsEmptied = true;
    hf.setCellContents(this._hfRange(r).start, empty);
  }

  private _lineHasContent(axis: Axis, index: number, width: number): boolean {
    const hf = this._ss._hf;
    const sheet = this._hfId;
    for (let k = 0; k < width; k++) {
      const addr = axis === 'row' ? { sheet, row: index - 1, col: k } : { sheet, row: k, col: index - 1 };
      const v = hf.getCellSerialized(addr);
      if (v !== null && v !== undefined && v !== '') return true;
    }
    return false;
  }

  _lastRow(): number {
    const { width, height } = this._ss._hf.getSheetDimensions(this._hfId);
    for (let row = height; row > 0; row--) if (this._lineHasContent('row', row, width)) return row;
    return 0;
  }

  _lastCol(): number {
    const { width, height } = this._ss._hf.getSheetDimensions(this._hfId);
    for (let col = width; col > 0; col--) if (this._lineHasContent('col', col, height)) return col;
    return 0;
  }

  _mergeAt(row: number, col: number): GridRect | undefined {
    return this._merges.find((m) => row >= m.row && row < m.row + m.numRows && col >= m.col && col < m.col + m.numCols);
  }

  // ---- Sheet API ----

  getName(): string {
    return this._name;
  }
  setName(name: string): this {
    const clash = this._ss._sheets.find((s) => s !== this && s._name.toLowerCase() === name.toLowerCase());
    if (clash) throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this._ss._hf.renameSheet(this._hfId, name);
    this._name = name;
    return this;
  }
  getSheetId(): number {
    return this._id;
  }
  getIndex(): number {
    return this._ss._sheets.indexOf(this) + 1;
  }
  getParent(): EmuSpreadsheet {
    return this._ss;
  }
  getType(): 'GRID' {
    return 'GRID';
  }
  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): EmuRange {
    if (typeof a === 'string') {
      const p = parseA1(a, this._maxRows, this._maxCols);
      if (!p || (p.sheetName !== undefined && p.sheetName !== this._name)) throw new GasException('Range not found');
      this._checkRect(p.rect);
      return this._range(p.rect);
    }
    if (column === undefined) throw new GasException("The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    const rect = { row: a, col: column, numRows: numRows ?? 1, numCols: numColumns ?? 1 };
    this._checkRect(rect);
    return this._range(rect);
  }
  /**
   * Assumed of Google where its reference is silent: each notation is read as getRange(a1) reads
   * it (same errors), and an empty list is refused.
   */
  getRangeList(a1Notations: string[]): EmuRangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) throw new GasException('Invalid argument: a1Notations');
    return new EmuRangeList(
      this[RT],
      a1Notations.map((a1) => {
        const p = parseA1(String(a1), this._maxRows, this._maxCols);
        if (!p || (p.sheetName !== undefined && p.sheetName !== this._name)) throw new GasException('Range not found');
        this._checkRect(p.rect);
        return this._range(p.rect);
      }),
    );
  }
  /**
   * Google's reference: "A -1 value given as the row or column position is equivalent to getting
   * the very last row or column that has data in the sheet", read as numRows / numColumns of -1
   * reaching the last row / column with content. Assumed where it is silent: the range is then
   * checked as getRange checks it, so on a sheet with nothing in it -1 is refused as zero rows.
   */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const rect = {
      row: startRow,
      col: startColumn,
      numRows: numRows === -1 ? this._lastRow() - startRow + 1 : numRows,
      numCols: numColumns === -1 ? this._lastCol() - startColumn + 1 : numColumns,
    };
    this._checkRect(rect);
    return this._range(rect).getValues();
  }
  getDataRange(): EmuRange {
    return this._range({ row: 1, col: 1, numRows: Math.max(1, this._lastRow()), numCols: Math.max(1, this._lastCol()) });
  }
  getLastRow(): number {
    return this._lastRow();
  }
  getLastColumn(): number {
    return this._lastCol();
  }
  getMaxRows(): number {
    return this._maxRows;
  }
  getMaxColumns(): number {
    return this._maxCols;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    insertLines(this, 'col', afterPosition, 'after', howMany, 'insertColumnsAfter');
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    insertLines(this, 'col', beforePosition, 'before', howMany, 'insertColumnsBefore');
    return this;
  }
  insertColumnAfter(afterPosition: number): this {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnBefore(beforePosition: number): this {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    insertLines(this, 'row', afterPosition, 'after', howMany, 'insertRowsAfter');
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    insertLines(this, 'row', beforePosition, 'before', howMany, 'insertRowsBefore');
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRowsBefore(beforePosition, 1);
  }
  deleteColumn(columnPosition: number): this {
    this.deleteColumns(columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany = 1): void {
    deleteLines(this, 'col', columnPosition, howMany, 'deleteColumns');
  }
  deleteRow(rowPosition: number): this {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany = 1): void {
    deleteLines(this, 'row', rowPosition, howMany, 'deleteRows');
  }
  moveColumns(columnSpec: EmuRange, destinationIndex: number): void {
    moveColumnBlock(this, columnSpec._rect, destinationIndex);
  }
  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents)) throw new GasException("The parameters don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    const row = this._lastRow() + 1;
    if (row > this._maxRows) shiftLines(this, 'row', this._maxRows + 1, 1);
    if (rowContents.length > this._maxCols) shiftLines(this, 'col', this._maxCols + 1, rowContents.length - this._maxCols);
    if (rowContents.length) this._writeValues({ row, col: 1, numRows: 1, numCols: rowContents.length }, [rowContents]);
    return this;
  }
  getFrozenRows(): number {
    return this._frozenRows;
  }
  setFrozenRows(rows: number): void {
    setFrozen(this, 'row', rows);
  }
  getFrozenColumns(): number {
    return this._frozenCols;
  }
  setFrozenColumns(columns: number): void {
    setFrozen(this, 'col', columns);
  }
  getConditionalFormatRules(): EmuConditionalFormatRule[] {
    return this._cfRules.map(
      (d) =>
        new CfRule(
          this[RT],
          {
            criteria: d.criteria,
            values: d.criteria === 'CUSTOM_FORMULA' ? d.values.map((v) => shownFormula(String(v), this._ss._locale)) : [...d.values],
            format: { ...d.format },
          },
          d.rects.map((r) => this._range(r)),
        ),
    );
  }
  setConditionalFormatRules(rules: EmuConditionalFormatRule[]): void {
    this._cfRules = rules.map((rule) => {
      for (const range of rule._ranges) {
        if (range._sheet !== this) throw new GasException('The conditional format rule cannot reference a different sheet.');
      }
      // A custom formula is read with the locale's punctuation, as a cell's is, and kept in the engine's form.
      const values = rule._data.criteria === 'CUSTOM_FORMULA' ? rule._data.values.map((v) => engineFormula(String(v), this._ss._locale)) : rule._data.values;
      return { ...rule._data, values, format: { ...rule._data.format }, rects: rule._ranges.map((range) => ({ ...range._rect })) };
    });
  }
  getProtections(type: 'RANGE' | 'SHEET' | GoogleAppsScript.Spreadsheet.ProtectionType): EmuProtection[] {
    return this._protectionsOf(type);
  }
  _protectionsOf(type: 'RANGE' | 'SHEET' | GoogleAppsScript.Spreadsheet.ProtectionType): EmuProtection[] {
    return this._protections.filter((p) => (String(type) === 'SHEET' ? p.rect === null : p.rect !== null)).map((p) => new EmuProtection(this, p));
  }
  protect(): EmuProtection {
    const existing = this._protections.find((p) => p.rect === null);
    if (existing) return new EmuProtection(this, existing);
    const data: ProtectionData = newProtection(this, null);
    this._protections.push(data);
    return new EmuProtection(this, data);
  }
  getDeveloperMetadata(): EmuDeveloperMetadata[] {
    return this._ss._metadata.filter((m) => m.location.type === 'SHEET' && m.location.sheetId === this._id).map((m) => new EmuDeveloperMetadata(this._ss, m));
  }
  addDeveloperMetadata(key: string, value?: string | Visibility, visibility?: Visibility | GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): this {
    this._ss._addMetadata(key, value, visibility, { type: 'SHEET', sheetId: this._id });
    return this;
  }
  createDeveloperMetadataFinder(): EmuDeveloperMetadataFinder {
    return new EmuDeveloperMetadataFinder(this._ss, (m: MetaEntry) => 'sheetId' in m.location && m.location.sheetId === this._id);
  }
  activate(): this {
    this._ss._activeSheet = this;
    return this;
  }
  getActiveRange(): EmuRange | null {
    return this._ss._activeSheet === this ? this._activeRange() : null;
  }
  /**
   * "The list of active ranges in the active sheet"
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getactiverangelist), with
   * the currentonly scope, like Spreadsheet.getActiveRangeList. Assumed: called on another sheet
   * than the active one, it still gives the active sheet's (the reference names no other).
   */
  getActiveRangeList(): EmuRangeList {
    const active = this._ss._activeSheet;
    return new EmuRangeList(
      this[RT],
      active._selection.map((r) => active._range(r)),
    );
  }
  setActiveRange(range: EmuRange): EmuRange {
    if (range._sheet !== this) throw new GasException('The range must be on this sheet.');
    this._selection = [{ ...range._rect }];
    this._ss._activeSheet = this;
    return range;
  }
  setActiveSelection(range: EmuRange | string): EmuRange {
    return this.setActiveRange(typeof range === 'string' ? this.getRange(range) : range);
  }
  clear(): this {
    this._clearContent({ row: 1, col: 1, numRows: this._maxRows, numCols: this._maxCols });
    this._meta = [];
    return this;
  }
  clearContents(): this {
    this._clearContent({ row: 1, col: 1, numRows: this._maxRows, numCols: this._maxCols });
    return this;
  }
  hideSheet(): this {
    if (this._ss._sheets.filter((s) => !s._hidden).length <= 1) throw new GasException("You can't hide all the sheets in a document.");
    this._hidden = true;
    return this;
  }
  showSheet(): this {
    this._hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._hidden;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this._colWidths.set(columnPosition, width);
    return this;
  }
  /** Google's Sheet.setColumnWidths: one width for `numColumns` columns from `startColumn`. */
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++) this._colWidths.set(c, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return this._colWidths.get(columnPosition) ?? 100;
  }
  autoResizeColumns(startColumn: number, numColumns: number): this {
    const values = this._readDisplay({ row: 1, col: startColumn, numRows: Math.max(1, this._lastRow()), numCols: numColumns });
    for (let j = 0; j < numColumns; j++) {
      const longest = Math.max(0, ...values.map((row) => row[j].length));
      this._colWidths.set(startColumn + j, Math.min(400, Math.max(60, longest * 7 + 16)));
    }
    return this;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this._hiddenCols.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this._hiddenCols.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this._hiddenCols.has(columnPosition);
  }
  setTabColor(color: string | null): this {
    this._tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    return this._tabColor;
  }
  // Charts (see charts.ts): recorded, not drawn.
  newChart(): EmuEmbeddedChartBuilder {
    return new EmuEmbeddedChartBuilder(this);
  }
  insertChart(chart: EmuEmbeddedChart): void {
    insertChart(this._charts, chart);
  }
  getCharts(): EmuEmbeddedChart[] {
    return this._charts.map((c) => new EmuEmbeddedChart(this, copyChartData(c)));
  }
  updateChart(chart: EmuEmbeddedChart): void {
    updateChart(this._charts, chart);
  }
  removeChart(chart: EmuEmbeddedChart): void {
    this._charts = removeChart(this._charts, chart);
  }
}

/** The parts of HyperFormula read here (not in its public typings). */
interface EngineParts {
  dependencyGraph: { getRawValue(address: SimpleCellAddress): RawCellContent };
  _cellContentParser: { parse(content: RawCellContent): { formula?: string } };
  _parser: { parse(formula: string, address: SimpleCellAddress): { ast: unknown; errors: unknown[] } };
  _unparser: { unparse(ast: unknown, address: SimpleCellAddress): string };
}

/**
 * Whether the cell holds `content` already, as written (read while the engine holds its
 * recalculation: its public getCellSerialized refuses then). A formula is compared as the engine
 * writes it back ('Contacts'!A:A is Contacts!A:A); a cell an array's result fills holds nothing.
 */
function holds(engine: HyperFormula, address: SimpleCellAddress, content: RawCellContent): boolean {
  const parts = engine as unknown as EngineParts;
  const type = engine.getCellType(address);
  if (type === 'VALUE') return Object.is(parts.dependencyGraph.getRawValue(address), content);
  if (type !== 'FORMULA' && type !== 'ARRAYFORMULA') return content === null;
  if (typeof content !== 'string') return false;
  const formula = engine.getCellFormula(address);
  if (formula === content) return true;
  const parsed = parts._cellContentParser.parse(content).formula;
  if (parsed === undefined) return false;
  const { ast, errors } = parts._parser.parse(parsed, address);
  return errors.length === 0 && parts._unparser.unparse(ast, address) === formula;
}

/** Cells of `raw` (written at `r`) to give the engine, as rectangles (0-based): those whose content changes. */
interface Block {
  row: number;
  col: number;
  cells: RawCellContent[][];
}

/**
 * The parts of a write that change a cell, as few rectangles as rows allow: a cell given what it
 * holds already is left out (rewriting it changes nothing the engine computes, and a script
 * rewrites whole tables of which a few cells differ: the engine's cost is per cell written).
 */
function changedBlocks(engine: HyperFormula, sheet: number, r: GridRect, raw: RawCellContent[][]): Block[] {
  const blocks: Block[] = [];
  // Rows changed in every cell, gathered into one rectangle until a row that is not.
  let whole: Block | null = null;
  for (let i = 0; i < raw.length; i++) {
    const row = r.row - 1 + i;
    const cells = raw[i];
    const changed = cells.map((v, j) => !holds(engine, { sheet, row, col: r.col - 1 + j }, v));
    if (changed.every(Boolean)) {
      if (whole) whole.cells.push(cells);
      else blocks.push((whole = { row, col: r.col - 1, cells: [cells] }));
      continue;
    }
    whole = null;
    for (let j = 0; j < cells.length; j++) {
      if (!changed[j]) continue;
      let end = j;
      while (end + 1 < cells.length && changed[end + 1]) end++;
      blocks.push({ row, col: r.col - 1 + j, cells: [cells.slice(j, end + 1)] });
      j = end;
    }
  }
  return blocks;
}

/** Google's RangeList, with only what the add-on uses: its ranges, each as getRange would give it. */
export class EmuRangeList implements Signatures<GoogleAppsScript.Spreadsheet.RangeList, 'getRanges' | 'clearContent'> {
  readonly [RT]: Runtime;
  private readonly ranges: EmuRange[];
  constructor(rt: Runtime, ranges: EmuRange[]) {
    this[RT] = rt;
    this.ranges = ranges;
  }
  getRanges(): EmuRange[] {
    return [...this.ranges];
  }
  /** "Clears the content of each of the Ranges in the RangeList, leaving the formatting intact" (Google's reference): one call. */
  clearContent(): this {
    for (const r of this.ranges) r._sheet._clearContent(r._rect);
    return this;
  }
}

instrument(EmuSheet, 'Sheet');
instrument(EmuRangeList, 'RangeList');
