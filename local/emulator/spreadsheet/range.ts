// A rectangle of cells on a sheet. Like Google's Range, it is only coordinates: it reads and
// writes through its sheet each time and does not follow later row or column inserts.

import { instrument, RT, GasException, type Runtime } from '../runtime.ts';
import { rectToA1, type GridRect } from './a1.ts';
import type { CellMeta, EmuSheet } from './sheet.ts';
import type { EmuDataValidation } from './rules.ts';
import { EmuDeveloperMetadata, EmuDeveloperMetadataFinder, EmuProtection, newProtection, type MetaLocation, type Visibility } from './metadata.ts';
import type { Signatures } from '../signatures.ts';

type R = GoogleAppsScript.Spreadsheet.Range;

function typeName(v: unknown): string {
  if (Array.isArray(v)) return `${typeName(v[0])}[]`;
  if (v === null) return 'null';
  if (v instanceof Date) return 'Date';
  return typeof v === 'object' ? 'Object' : typeof v;
}

export class EmuRange implements Signatures<
  R,
  | 'getA1Notation'
  | 'getRow'
  | 'getColumn'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getSheet'
  | 'getGridId'
  | 'getCell'
  | 'offset'
  | 'getValue'
  | 'getValues'
  | 'setValue'
  | 'setValues'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFormula'
  | 'getFormulas'
  | 'setFormula'
  | 'setFormulas'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'getBackground'
  | 'getBackgrounds'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFontColor'
  | 'getFontColor'
  | 'setFontStyle'
  | 'setHorizontalAlignment'
  | 'setWrap'
  | 'getNote'
  | 'getNotes'
  | 'setNote'
  | 'setNotes'
  | 'clear'
  | 'clearContent'
  | 'clearFormat'
  | 'clearDataValidations'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'merge'
  | 'breakApart'
  | 'isPartOfMerge'
  | 'getMergedRanges'
  | 'protect'
  | 'addDeveloperMetadata'
  | 'getDeveloperMetadata'
  | 'createDeveloperMetadataFinder'
  | 'activate'
  | 'isBlank'
  | 'insertCheckboxes'
> {
  readonly [RT]: Runtime;
  constructor(
    readonly _sheet: EmuSheet,
    readonly _rect: Readonly<GridRect>,
  ) {
    this[RT] = _sheet[RT];
  }

  private _checkShape(method: string, data: unknown): void {
    if (!Array.isArray(data) || data.some((row) => !Array.isArray(row))) {
      throw new GasException(`The parameters (${typeName(data)}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
    }
    const rows = data as unknown[][];
    if (rows.length !== this._rect.numRows) {
      throw new GasException(
        `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${this._rect.numRows}.`,
      );
    }
    for (const row of rows) {
      if (row.length !== this._rect.numCols) {
        throw new GasException(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._rect.numCols}.`,
        );
      }
    }
  }

  private _fill<T>(v: T): T[][] {
    return Array.from({ length: this._rect.numRows }, () => Array<T>(this._rect.numCols).fill(v));
  }

  private _metaGrid<K extends keyof CellMeta>(key: K, fallback: NonNullable<CellMeta[K]> | null): (CellMeta[K] | null)[][] {
    const out: (CellMeta[K] | null)[][] = this._fill(fallback);
    this._sheet._forEachCell(this._rect, (row, col, i, j) => {
      const v = this._sheet._cellMeta(row, col)?.[key];
      if (v !== undefined) out[i][j] = v;
    });
    return out;
  }

  private _setMetaAll(patch: Partial<CellMeta>): this {
    this._sheet._forEachCell(this._rect, (row, col) => this._sheet._setMeta(row, col, patch));
    return this;
  }

  private _setMetaGrid<K extends keyof CellMeta>(method: string, key: K, grid: (CellMeta[K] | null)[][]): this {
    this._checkShape(method, grid);
    this._sheet._forEachCell(this._rect, (row, col, i, j) => this._sheet._setMeta(row, col, { [key]: grid[i][j] ?? undefined }));
    return this;
  }

  _metadataLocation(): MetaLocation {
    const r = this._rect;
    const s = this._sheet;
    if (r.row === 1 && r.numRows === s._maxRows && r.numCols === 1) return { type: 'COLUMN', sheetId: s._id, index: r.col };
    if (r.col === 1 && r.numCols === s._maxCols && r.numRows === 1) return { type: 'ROW', sheetId: s._id, index: r.row };
    // Source: https://developers.google.com/apps-script/reference/spreadsheet/range#adddevelopermetadatakey
    // (metadata can be added to a spreadsheet, a sheet, or a whole row or column only).
    throw new GasException(
      'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
    );
  }

  getA1Notation(): string {
    return rectToA1(this._rect);
  }
  getRow(): number {
    return this._rect.row;
  }
  getColumn(): number {
    return this._rect.col;
  }
  getLastRow(): number {
    return this._rect.row + this._rect.numRows - 1;
  }
  getLastColumn(): number {
    return this._rect.col + this._rect.numCols - 1;
  }
  getNumRows(): number {
    return this._rect.numRows;
  }
  getNumColumns(): number {
    return this._rect.numCols;
  }
  getSheet(): EmuSheet {
    return this._sheet;
  }
  getGridId(): number {
    return this._sheet._id;
  }
  getCell(row: number, column: number): EmuRange {
    if (row < 1 || column < 1 || row > this._rect.numRows || column > this._rect.numCols) {
      throw new GasException('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new EmuRange(this._sheet, { row: this._rect.row + row - 1, col: this._rect.col + column - 1, numRows: 1, numCols: 1 });
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): EmuRange {
    const rect = {
      row: this._rect.row + rowOffset,
      col: this._rect.col + columnOffset,
      numRows: numRows ?? this._rect.numRows,
      numCols: numColumns ?? this._rect.numCols,
    };
    this._sheet._checkRect(rect);
    return new EmuRange(this._sheet, rect);
  }
  getValue(): unknown {
    return this._sheet._readValues({ ...this._rect, numRows: 1, numCols: 1 })[0][0];
  }
  getValues(): unknown[][] {
    return this._sheet._readValues(this._rect);
  }
  setValue(value: unknown): this {
    this._sheet._writeValues(this._rect, this._fill(value));
    return this;
  }
  setValues(values: unknown[][]): this {
    this._checkShape('setValues', values);
    this._sheet._writeValues(this._rect, values);
    return this;
  }
  getDisplayValue(): string {
    return this._sheet._readDisplay({ ...this._rect, numRows: 1, numCols: 1 })[0][0];
  }
  getDisplayValues(): string[][] {
    return this._sheet._readDisplay(this._rect);
  }
  getFormula(): string {
    return this._sheet._readFormulas({ ...this._rect, numRows: 1, numCols: 1 })[0][0];
  }
  getFormulas(): string[][] {
    return this._sheet._readFormulas(this._rect);
  }
  setFormula(formula: string): this {
    // Like Sheets, a single formula over a range is written with its references shifted per cell
    // (relative references); the engine does that when the formula is copied.
    const first = { ...this._rect, numRows: 1, numCols: 1 };
    this._sheet._writeFormulas(first, [[formula]]);
    if (this._rect.numRows > 1 || this._rect.numCols > 1) this._sheet._ss._copyFormula(this._sheet, first, this._rect);
    return this;
  }
  setFormulas(formulas: string[][]): this {
    this._checkShape('setFormulas', formulas);
    this._sheet._writeFormulas(this._rect, formulas);
    return this;
  }
  getNumberFormat(): string {
    return this._sheet._cellMeta(this._rect.row, this._rect.col)?.numberFormat ?? '0.###############';
  }
  getNumberFormats(): string[][] {
    return this._metaGrid('numberFormat', '0.###############') as string[][];
  }
  setNumberFormat(numberFormat: string): this {
    return this._setMetaAll({ numberFormat });
  }
  setNumberFormats(numberFormats: string[][]): this {
    return this._setMetaGrid('setNumberFormats', 'numberFormat', numberFormats);
  }
  getBackground(): string {
    return this._sheet._cellMeta(this._rect.row, this._rect.col)?.background ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    return this._metaGrid('background', '#ffffff') as string[][];
  }
  setBackground(color: string | null): this {
    return this._setMetaAll({ background: color ?? undefined });
  }
  /** One colour per cell, the range's shape (null resets a cell), as setNumberFormats. */
  setBackgrounds(colors: (string | null)[][]): this {
    return this._setMetaGrid('setBackgrounds', 'background', colors);
  }
  // @types declares getFontWeight(s) as returning an enum; Apps Script returns 'bold' or 'normal'.
  getFontWeight(): string {
    return this._sheet._cellMeta(this._rect.row, this._rect.col)?.fontWeight ?? 'normal';
  }
  getFontWeights(): string[][] {
    return this._metaGrid('fontWeight', 'normal') as string[][];
  }
  setFontWeight(fontWeight: string | null): this {
    return this._setMetaAll({ fontWeight: fontWeight ?? undefined });
  }
  setFontWeights(fontWeights: ('normal' | 'bold' | null)[][]): this {
    return this._setMetaGrid('setFontWeights', 'fontWeight', fontWeights);
  }
  getFontColor(): string {
    return this._sheet._cellMeta(this._rect.row, this._rect.col)?.fontColor ?? '#000000';
  }
  setFontColor(color: string | null): this {
    return this._setMetaAll({ fontColor: color ?? undefined });
  }
  setFontStyle(fontStyle: string | null): this {
    return this._setMetaAll({ fontStyle: fontStyle ?? undefined });
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this._setMetaAll({ horizontalAlignment: alignment ?? undefined });
  }
  setWrap(isWrapEnabled: boolean): this {
    return this._setMetaAll({ wrap: isWrapEnabled });
  }
  getNote(): string {
    return this._sheet._cellMeta(this._rect.row, this._rect.col)?.note ?? '';
  }
  getNotes(): string[][] {
    return this._metaGrid('note', '') as string[][];
  }
  setNote(note: string | null): this {
    return this._setMetaAll({ note: note || undefined });
  }
  /** Range.setNotes(notes): one note per cell; '' or null removes it, as setNote does. */
  setNotes(notes: (string | null)[][]): this {
    return this._setMetaGrid(
      'setNotes',
      'note',
      notes.map((row) => row.map((note) => note || null)),
    );
  }
  clear(): this {
    this._sheet._clearContent(this._rect);
    this._sheet._forEachCell(this._rect, (row, col) => {
      const r = this._sheet._meta[row - 1];
      if (r) r[col - 1] = undefined;
    });
    return this;
  }
  clearContent(): this {
    this._sheet._clearContent(this._rect);
    return this;
  }
  clearFormat(): this {
    this._sheet._forEachCell(this._rect, (row, col) => {
      const m = this._sheet._cellMeta(row, col);
      const r = this._sheet._meta[row - 1];
      if (r) r[col - 1] = m?.validation || m?.note ? { validation: m.validation, note: m.note } : undefined;
    });
    return this;
  }
  clearDataValidations(): this {
    return this._setMetaAll({ validation: undefined });
  }
  getDataValidation(): EmuDataValidation | null {
    return this._sheet._cellMeta(this._rect.row, this._rect.col)?.validation ?? null;
  }
  getDataValidations(): (EmuDataValidation | null)[][] {
    return this._metaGrid('validation', null) as (EmuDataValidation | null)[][];
  }
  setDataValidation(rule: EmuDataValidation | null): this {
    return this._setMetaAll({ validation: rule ?? undefined });
  }
  setDataValidations(rules: (EmuDataValidation | null)[][]): this {
    return this._setMetaGrid('setDataValidations', 'validation', rules);
  }
  merge(): this {
    const r = this._rect;
    const s = this._sheet;
    const overlaps = s._merges.some((m) => m.row < r.row + r.numRows && r.row < m.row + m.numRows && m.col < r.col + r.numCols && r.col < m.col + m.numCols);
    if (overlaps) throw new GasException('You must select all cells in a merged range to merge or unmerge them.');
    // Google's words, as scripts report them measured live ("You can't merge frozen and non-frozen
    // columns"; rows alike); the trailing full stop is assumed.
    const cuts = (first: number, count: number, frozen: number) => frozen > 0 && first <= frozen && first + count - 1 > frozen;
    if (cuts(r.row, r.numRows, s._frozenRows)) throw new GasException("You can't merge frozen and non-frozen rows.");
    if (cuts(r.col, r.numCols, s._frozenCols)) throw new GasException("You can't merge frozen and non-frozen columns.");
    // Sheets keeps only the top-left value of a merge. Writing later into one of its other cells
    // is not refused (assumed, as the Sheets API accepts writes to any cell): the value is stored,
    // hidden under the merge, and shows once the merge is broken apart.
    const keep = s._readValues({ ...r, numRows: 1, numCols: 1 })[0][0];
    const formula = s._readFormulas({ ...r, numRows: 1, numCols: 1 })[0][0];
    s._clearContent(r);
    if (formula) s._writeFormulas({ ...r, numRows: 1, numCols: 1 }, [[formula]]);
    else s._writeValues({ ...r, numRows: 1, numCols: 1 }, [[typeof keep === 'string' && keep ? `'${keep}` : keep]]);
    s._merges.push({ ...r });
    return this;
  }
  breakApart(): this {
    const r = this._rect;
    this._sheet._merges = this._sheet._merges.filter((m) => !(m.row >= r.row && m.row < r.row + r.numRows && m.col >= r.col && m.col < r.col + r.numCols));
    return this;
  }
  isPartOfMerge(): boolean {
    return this.getMergedRanges().length > 0;
  }
  getMergedRanges(): EmuRange[] {
    const r = this._rect;
    return this._sheet._merges
      .filter((m) => m.row < r.row + r.numRows && r.row < m.row + m.numRows && m.col < r.col + r.numCols && r.col < m.col + m.numCols)
      .map((m) => new EmuRange(this._sheet, m));
  }
  protect(): EmuProtection {
    const data = newProtection(this._sheet, { ...this._rect });
    this._sheet._protections.push(data);
    return new EmuProtection(this._sheet, data);
  }
  addDeveloperMetadata(key: string, value?: string | Visibility, visibility?: Visibility | GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): this {
    this._sheet._ss._addMetadata(key, value, visibility, this._metadataLocation());
    return this;
  }
  getDeveloperMetadata(): EmuDeveloperMetadata[] {
    const loc = this._metadataLocation();
    return this._sheet._ss._metadata
      .filter(
        (m) => m.location.type === loc.type && 'index' in m.location && 'index' in loc && m.location.sheetId === loc.sheetId && m.location.index === loc.index,
      )
      .map((m) => new EmuDeveloperMetadata(this._sheet._ss, m));
  }
  createDeveloperMetadataFinder(): EmuDeveloperMetadataFinder {
    const r = this._rect;
    const sheetId = this._sheet._id;
    return new EmuDeveloperMetadataFinder(this._sheet._ss, (m) => {
      const loc = m.location;
      if (loc.type === 'COLUMN') return loc.sheetId === sheetId && loc.index >= r.col && loc.index < r.col + r.numCols;
      if (loc.type === 'ROW') return loc.sheetId === sheetId && loc.index >= r.row && loc.index < r.row + r.numRows;
      return false;
    });
  }
  activate(): this {
    this._sheet.setActiveRange(this);
    return this;
  }
  isBlank(): boolean {
    return this._sheet._readFormulas(this._rect).every((row) => row.every((f) => f === '')) && this.getValues().every((row) => row.every((v) => v === ''));
  }
  insertCheckboxes(): this {
    this._setMetaAll({ validation: this._sheet._ss._checkboxRule() });
    const values = this.getValues().map((row) => row.map((v) => (v === '' ? false : v)));
    this._sheet._writeValues(this._rect, values);
    return this;
  }
}

instrument(EmuRange, 'Range');
