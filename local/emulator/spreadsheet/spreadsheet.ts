// An emulated spreadsheet (file) and the SpreadsheetApp service. Each spreadsheet owns one
// HyperFormula engine, so formulas across its sheets compute as Sheets would show them.

import { HyperFormula } from 'hyperformula';
import { instrument, RT, GasException, type Runtime } from '../runtime.ts';
import { parseA1, type GridRect } from './a1.ts';
import { EmuRangeList, EmuSheet } from './sheet.ts';
import { movedIndex, shiftRect, type Axis } from './sheet-structure.ts';
import type { EmuRange } from './range.ts';
import { BooleanCriteria, DataValidationCriteria, EmuConditionalFormatRuleBuilder, EmuDataValidation, EmuDataValidationBuilder } from './rules.ts';
import {
  DeveloperMetadataLocationType,
  DeveloperMetadataVisibility,
  EmuDeveloperMetadata,
  EmuDeveloperMetadataFinder,
  EmuNamedRange,
  type EmuProtection,
  EmuSelection,
  ProtectionType,
  type MetaEntry,
  type MetaLocation,
  type Visibility,
} from './metadata.ts';
import { isValidTimeZone } from './tz.ts';
import { indexColumnsOnFirstLookup } from './column-index.ts';
import { registerSheetClock, type SheetClockContext } from '../formulas/today.ts';
import { registerSheetsArrayFunctions } from '../formulas/array-functions.ts';
import { fixColumnIndexAfterRowChanges, registerSheetsXlookup } from '../formulas/lookups.ts';
import { retryBlockedArrays } from '../formulas/spill.ts';
import { bindNamesInInterpreter, registerSheetsLambda } from '../formulas/lambda.ts';
import { registerSheetsConditionals } from '../formulas/conditionals.ts';
import { rememberTextReadings } from '../formulas/text-reading.ts';
import { rememberRangeReadsPerFormula, rememberRangeReadsPerRecalculation } from '../formulas/range-reading.ts';
import { vectorizeOncePerCall } from '../formulas/vectorizing.ts';
import { testCriteriaOverArrays } from '../formulas/criteria.ts';
import { registerSheetsCount } from '../formulas/count.ts';
import type { Signatures } from '../signatures.ts';

/** Google's limit on cells in one spreadsheet. https://support.google.com/drive/answer/37603 */
export const MAX_CELLS = 10_000_000;

/** What a spreadsheet needs from the rest of the emulator. */
export interface SpreadsheetHost {
  recordToast(message: string, title: string, timeoutSeconds: number): void;
}

/** `clock` makes TODAY() and NOW() read the spreadsheet's time zone and the emulator's clock. */
export function newEngine(clock?: SheetClockContext): HyperFormula {
  registerSheetClock();
  registerSheetsArrayFunctions();
  registerSheetsXlookup();
  registerSheetsLambda();
  registerSheetsConditionals();
  registerSheetsCount();
  const hf = HyperFormula.buildEmpty({
    context: clock,
    licenseKey: 'gpl-v3',
    maxRows: MAX_CELLS,
    maxColumns: 18278,
    // As in Sheets, a function applied to a range outside an array formula takes one value of it
    // (=ROW(A1:A3) is 1, Google's ROW page; =T(A1:A3) one text): only ARRAYFORMULA and the
    // functions that take arrays by nature (FILTER, SORT, SUMPRODUCT...) work element-wise.
    // Which value a non-array function takes is HyperFormula's rule (the cell in the formula's
    // row, else #VALUE!); Google documents the first row for ROW only.
    useArrayArithmetic: false,
    useColumnIndex: true,
    // A text a formula reads as a number (a COUNTIF criterion such as ">=2025-01-05", a comparison,
    // DATEVALUE) is read as en_US reads a typed date, as cellformat.ts reads what setValues writes:
    // month first, and ISO (HyperFormula's separators include "-"). HyperFormula's default is
    // day first, and no ISO, so ">=2025-01-05" was no number (#VALUE!). Month names ("Jan 5, 2025")
    // are not read here.
    dateFormats: ['MM/DD/YYYY', 'MM/DD/YY', 'YYYY/MM/DD'],
    // The emulator never undoes: HyperFormula's default keeps the last 20 changes' old contents
    // (a 10,000-row write is 10,000s of them), memory every garbage collection walks again.
    undoLimit: 0,
  });
  fixColumnIndexAfterRowChanges(hf);
  indexColumnsOnFirstLookup(hf);
  stopAtUnchangedDates(hf);
  bindNamesInInterpreter(hf);
  rememberTextReadings(hf);
  rememberRangeReadsPerFormula(hf);
  rememberRangeReadsPerRecalculation(hf);
  vectorizeOncePerCall(hf);
  testCriteriaOverArrays(hf);
  // Sheets accepts bare TRUE and FALSE in formulas; HyperFormula only knows TRUE() and FALSE().
  hf.addNamedExpression('TRUE', '=TRUE()');
  hf.addNamedExpression('FALSE', '=FALSE()');
  return hf;
}

/** The part of HyperFormula's evaluator patched here (not in its public typings). */
interface EvaluatorParts {
  recomputeVertex(vertex: { cachedCellValue?: unknown }, changes: unknown): boolean;
}

/**
 * HyperFormula recomputes a formula's dependents when its new value is not the same object as
 * the old, and a date (TODAY(), a date minus a number) is a new object at each computation. So
 * every edit, which recomputes the volatile TODAY(), recomputed everything downstream of it (a
 * Dashboard's "this week" filters over the whole log) though its value had not changed. A date
 * equal to the one before now stops there, as a number does already; arrays are still compared
 * by identity (always recomputed).
 */
function stopAtUnchangedDates(hf: HyperFormula): void {
  const evaluator = (hf as unknown as { _evaluator: EvaluatorParts })._evaluator;
  const recompute = evaluator.recomputeVertex.bind(evaluator);
  evaluator.recomputeVertex = (vertex, changes) => {
    const before = vertex.cachedCellValue;
    return recompute(vertex, changes) && !sameRichNumber(before, vertex.cachedCellValue);
  };
}

/** A date, time, percent or currency: HyperFormula's RichNumber, which it does not export. */
interface RichNumberParts {
  val: number;
  format?: string;
}

const isRichNumber = (v: unknown): v is RichNumberParts => v instanceof Object && typeof (v as { val?: unknown }).val === 'number';

/** Two dates (times, percents, currencies) of the same kind, value and format. */
function sameRichNumber(a: unknown, b: unknown): boolean {
  return isRichNumber(a) && isRichNumber(b) && a.constructor === b.constructor && a.val === b.val && a.format === b.format;
}

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class EmuSpreadsheet implements Signatures<
  Ss,
  | 'getId'
  | 'getName'
  | 'rename'
  | 'getUrl'
  | 'getSheets'
  | 'getNumSheets'
  | 'getSheetByName'
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'getActiveRange'
  | 'setActiveRange'
  | 'getSelection'
  | 'toast'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
  | 'getSpreadsheetLocale'
  | 'setSpreadsheetLocale'
  | 'getRange'
  | 'getRangeByName'
  | 'setNamedRange'
  | 'getNamedRanges'
  | 'removeNamedRange'
  | 'getDeveloperMetadata'
  | 'addDeveloperMetadata'
  | 'createDeveloperMetadataFinder'
  | 'getProtections'
  | 'addEditor'
  | 'addViewer'
  | 'removeEditor'
  | 'removeViewer'
> {
  readonly [RT]: Runtime;
  /** The formula engine as it is: read it through `_hf` (computed) or `_hfHeld` (for writes). */
  readonly _engine = newEngine({ now: () => this[RT].now(), timeZone: () => this._timeZone });
  _sheets: EmuSheet[] = [];
  _activeSheet!: EmuSheet;
  _metadata: MetaEntry[] = [];
  _namedRanges = new Map<string, { sheet: EmuSheet; rect: GridRect }>();
  /** Sharing lists, by lower-case address. */
  _editors = new Set<string>();
  _viewers = new Set<string>();
  _commenters = new Set<string>();
  /** In its owner's trash (see Emulator.trashFile). */
  _trashed = false;
  _locale = 'en_US';
  /** Shared with everyone in its owner's Workspace domain as editors (Drive link sharing; set by tests). */
  _domainCanEdit = false;
  private _nextSheetId = 0;
  private _nextMetaId = 1;
  private _checkbox?: EmuDataValidation;

  constructor(
    rt: Runtime,
    readonly _host: SpreadsheetHost,
    readonly _id: string,
    public _name: string,
    public _timeZone = 'Etc/UTC',
    /** null for a file in a shared drive (`_moveToSharedDrive`): such files have no owner. */
    public _owner: string | null = rt.activeUser,
    firstSheet: string | null = 'Sheet1',
  ) {
    this[RT] = rt;
    if (firstSheet) this._activeSheet = this._addSheet(firstSheet);
  }

  // ---- internal ----

  /**
   * The engine with every formula computed, what a read needs. As in Sheets, a script's writes
   * do not recompute formulas one by one: the engine computes what they changed at the first
   * read after them, or at the end of the execution (Emulator.endExecution).
   */
  get _hf(): HyperFormula {
    this._recalculate();
    return this._engine;
  }

  /** The engine for writing cells: formulas are recomputed at the next read, not after each write. */
  _hfHeld(): HyperFormula {
    if (!this._engine.isEvaluationSuspended()) this._engine.suspendEvaluation();
    return this._engine;
  }

  /** Computes what writes since the last read changed. */
  _recalculate(): void {
    if (this._cellsEmptied) {
      this._cellsEmptied = false;
      retryBlockedArrays(this._hfHeld());
    }
    if (this._engine.isEvaluationSuspended()) this._engine.resumeEvaluation();
  }

  /** Cells were emptied since the last read: a blocked array result may have room now (retryBlockedArrays). */
  _cellsEmptied = false;

  _addSheet(name: string, index = this._sheets.length, rows = 1000, cols = 26): EmuSheet {
    this._checkCellLimit(rows * cols);
    this._engine.addSheet(name);
    // (A Sheets API addSheet may have taken an ID of the sequence: newSheetId passes it.)
    const id = this._nextSheetId === 0 ? 0 : this._newSheetId([]);
    const sheet = new EmuSheet(this, id, name, rows, cols);
    this._nextSheetId = id === 0 ? 1_000_001 : id + 7919;
    this._sheets.splice(index, 0, sheet);
    this._activeSheet ??= sheet;
    return sheet;
  }

  /**
   * Puts `sheet` (made for this file, not yet in it: a Sheets API addSheet planned it) at `index`,
   * the file's next IDs skipping the one it has.
   */
  _attachSheet(sheet: EmuSheet, index: number): void {
    this._checkCellLimit(sheet._maxRows * sheet._maxCols);
    this._engine.addSheet(sheet._name);
    this._sheets.splice(index, 0, sheet);
    if (this._nextSheetId === sheet._id) this._nextSheetId += 7919;
  }

  /** The ID a new sheet gets: the file's next, past any of `taken`. */
  _newSheetId(taken: readonly number[]): number {
    while (taken.includes(this._nextSheetId) || this._sheets.some((s) => s._id === this._nextSheetId)) this._nextSheetId += 7919;
    return this._nextSheetId;
  }

  _setLocale(locale: string): void {
    if (!isLocaleCode(locale)) throw new GasException(`Invalid argument: ${locale}`);
    this._locale = locale;
  }

  _sheetById(id: number): EmuSheet | null {
    return this._sheets.find((s) => s._id === id) ?? null;
  }

  _cellCount(): number {
    return this._sheets.reduce((n, s) => n + s._maxRows * s._maxCols, 0);
  }

  _checkCellLimit(extra: number): void {
    if (this._cellCount() + extra > MAX_CELLS) {
      throw new GasException(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }

  _addMetadata(key: string, value: string | undefined, visibility: unknown, location: MetaLocation): void {
    // addDeveloperMetadata(key, visibility) and (key, value[, visibility]) share a position.
    let v: string | null = value ?? null;
    let vis = (visibility === undefined ? 'DOCUMENT' : String(visibility)) as Visibility;
    if (visibility === undefined && (value === 'DOCUMENT' || value === 'PROJECT')) {
      vis = value;
      v = null;
    }
    if (key.length > 256) throw new GasException('Developer metadata keys may be at most 256 characters.');
    this._metadata.push({ id: this._nextMetaId++, key, value: v, visibility: vis, location });
  }

  /** Keeps row/column metadata and named ranges attached to their lines after inserts and deletes. */
  _onShift(sheet: EmuSheet, axis: Axis, at: number, count: number): void {
    const type = axis === 'row' ? 'ROW' : 'COLUMN';
    this._metadata = this._metadata.filter((m) => {
      const loc = m.location;
      if (loc.type !== type || loc.sheetId !== sheet._id) return true;
      if (count < 0 && loc.index >= at && loc.index < at - count) return false;
      if (loc.index >= at) loc.index += count;
      return true;
    });
    for (const [name, nr] of this._namedRanges) {
      if (nr.sheet !== sheet) continue;
      const moved = shiftRect(nr.rect, axis, at, count);
      if (moved) nr.rect = moved;
      else this._namedRanges.delete(name);
    }
  }

  _onMove(sheet: EmuSheet, axis: Axis, move: (i: number) => number): void {
    const type = axis === 'row' ? 'ROW' : 'COLUMN';
    for (const m of this._metadata) {
      const loc = m.location;
      if (loc.type === type && loc.sheetId === sheet._id) loc.index = move(loc.index);
    }
  }

  /** Fills `target` with the formula in its top-left cell, references shifted per cell. */
  _copyFormula(sheet: EmuSheet, source: GridRect, target: GridRect): void {
    const hf = this._hf;
    const id = sheet._hfId;
    // Copy-paste shifts relative references; doubling the block keeps it to O(log n) pastes.
    const fill = (done: GridRect, axis: 'row' | 'col', total: number) => {
      let have = axis === 'row' ? done.numRows : done.numCols;
      while (have < total) {
        const take = Math.min(have, total - have);
        const block = axis === 'row' ? { ...done, numRows: take } : { ...done, numCols: take };
        hf.copy({
          start: { sheet: id, row: block.row - 1, col: block.col - 1 },
          end: { sheet: id, row: block.row + block.numRows - 2, col: block.col + block.numCols - 2 },
        });
        hf.paste(axis === 'row' ? { sheet: id, row: done.row - 1 + have, col: done.col - 1 } : { sheet: id, row: done.row - 1, col: done.col - 1 + have });
        have += take;
      }
    };
    fill({ ...source }, 'col', target.numCols);
    fill({ ...source, numCols: target.numCols }, 'row', target.numRows);
    hf.clearClipboard();
  }

  _checkboxRule(): EmuDataValidation {
    return (this._checkbox ??= new EmuDataValidationBuilder(this[RT]).requireCheckbox().build());
  }

  _resolveA1(a1: string): EmuRange {
    const bang = a1.lastIndexOf('!');
    const sheet = bang >= 0 ? this._sheetByRef(a1.slice(0, bang)) : this._activeSheet;
    if (!sheet) throw new GasException('Range not found');
    const p = parseA1(a1, sheet._maxRows, sheet._maxCols);
    if (!p) throw new GasException('Range not found');
    sheet._checkRect(p.rect);
    return sheet._range(p.rect);
  }

  private _sheetByRef(ref: string): EmuSheet | undefined {
    const name = ref.startsWith("'") && ref.endsWith("'") ? ref.slice(1, -1).replace(/''/g, "'") : ref;
    return this._sheets.find((s) => s._name === name);
  }

  // ---- Spreadsheet API ----

  getId(): string {
    return this._id;
  }
  getName(): string {
    return this._name;
  }
  rename(newName: string): void {
    this._name = newName;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  getSheets(): EmuSheet[] {
    return [...this._sheets];
  }
  getNumSheets(): number {
    return this._sheets.length;
  }
  getSheetByName(name: string): EmuSheet | null {
    return this._sheets.find((s) => s._name === name) ?? null;
  }
  getSheetById(id: number): EmuSheet | null {
    return this._sheetById(id);
  }
  /** Every sheet's protections of `type`, sheet by sheet in tab order (Google does not document the order). */
  getProtections(type: 'RANGE' | 'SHEET' | GoogleAppsScript.Spreadsheet.ProtectionType): EmuProtection[] {
    return this._sheets.flatMap((sheet) => sheet._protectionsOf(type));
  }
  insertSheet(nameOrIndex?: string | number, index?: number): EmuSheet {
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : index;
    if (name !== undefined && this._sheets.some((s) => s._name.toLowerCase() === name!.toLowerCase())) {
      throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (name === undefined) {
      let n = this._sheets.length + 1;
      while (this._sheets.some((s) => s._name === `Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    const sheet = this._addSheet(name, at ?? this._activeSheet.getIndex());
    this._activeSheet = sheet;
    return sheet;
  }
  deleteSheet(sheet: EmuSheet): void {
    if (this._sheets.length <= 1) throw new GasException("You can't remove all the sheets in a document.");
    this._hf.removeSheet(sheet._hfId);
    this._sheets = this._sheets.filter((s) => s !== sheet);
    this._metadata = this._metadata.filter((m) => !('sheetId' in m.location) || m.location.sheetId !== sheet._id);
    for (const [name, nr] of this._namedRanges) if (nr.sheet === sheet) this._namedRanges.delete(name);
    if (this._activeSheet === sheet) this._activeSheet = this._sheets[0];
  }
  getActiveSheet(): EmuSheet {
    return this._activeSheet;
  }
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    this._activeSheet = sheet;
    return sheet;
  }
  getActiveRange(): EmuRange {
    return this._activeSheet._activeRange();
  }
  setActiveRange(range: EmuRange): EmuRange {
    return range._sheet.setActiveRange(range);
  }
  getSelection(): EmuSelection {
    return new EmuSelection(this);
  }
  /** As Selection.getActiveRangeList: the active sheet's selected ranges, a RangeList. */
  getActiveRangeList(): EmuRangeList {
    return new EmuSelection(this).getActiveRangeList();
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this._host.recordToast(String(msg), title ?? '', timeoutSeconds ?? 5);
  }
  getSpreadsheetTimeZone(): string {
    return this._timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    if (!isValidTimeZone(timezone)) throw new GasException(`Invalid argument: ${timezone}`);
    this._timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return this._locale;
  }
  /**
   * Google: "The locale code to use (for example, 'en', 'fr', or 'en_US')"
   * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setSpreadsheetLocale(String)).
   * Assumed: a code that is no language at all is refused with "Invalid argument", as for time zones;
   * what Google gives back for 'fr' is not documented, so it is kept as written.
   */
  setSpreadsheetLocale(locale: string): void {
    this._setLocale(locale);
  }
  getRange(a1Notation: string): EmuRange {
    return this._resolveA1(a1Notation);
  }
  getRangeByName(name: string): EmuRange | null {
    const nr = this._namedRanges.get(name);
    return nr ? nr.sheet._range(nr.rect) : null;
  }
  setNamedRange(name: string, range: EmuRange): void {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^(true|false)$/i.test(name)) {
      throw new GasException('Invalid name: named ranges must start with a letter or underscore and contain only letters, numbers and underscores.');
    }
    this._namedRanges.set(name, { sheet: range._sheet, rect: { ...range._rect } });
  }
  getNamedRanges(): EmuNamedRange[] {
    return [...this._namedRanges.keys()].map((n) => new EmuNamedRange(this, n));
  }
  removeNamedRange(name: string): void {
    if (!this._namedRanges.delete(name)) throw new GasException(`Named range ${name} not found.`);
  }
  getDeveloperMetadata(): EmuDeveloperMetadata[] {
    return this._metadata.filter((m) => m.location.type === 'SPREADSHEET').map((m) => new EmuDeveloperMetadata(this, m));
  }
  addDeveloperMetadata(key: string, value?: string | Visibility, visibility?: Visibility | GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): this {
    this._addMetadata(key, value, visibility, { type: 'SPREADSHEET' });
    return this;
  }
  createDeveloperMetadataFinder(): EmuDeveloperMetadataFinder {
    return new EmuDeveloperMetadataFinder(this, () => true);
  }
  /**
   * Spreadsheet's sharing methods list two scopes, "spreadsheets.currentonly" or "spreadsheets"
   * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addEditor(String)
   * and the other methods here); currentonly reaches only the spreadsheet the script is bound to.
   * A call without them fails as Apps Script reports it: "You do not have permission to call X.
   * Required permissions: (a || b)" (the form scripts log for SpreadsheetApp.getActiveSpreadsheet).
   */
  _needsSheetsScope(method: string): void {
    const scopes = this[RT].scopes;
    if (!scopes || scopes.includes(SHEETS_SCOPE)) return;
    if (scopes.includes(CURRENT_ONLY_SCOPE) && this[RT].currentFile() === this) return;
    throw new GasException(`You do not have permission to call Spreadsheet.${method}. Required permissions: (${CURRENT_ONLY_SCOPE} || ${SHEETS_SCOPE})`);
  }
  _isOwner(email: string): boolean {
    return this._owner !== null && userEmail(this._owner) === email;
  }
  /**
   * Moves the file into a shared drive, where files belong to the drive, not to a user: it has no
   * owner any more. Its owner stays as a member who can edit it (assumed: whoever moves a file
   * into a shared drive is a member at least allowed to edit there).
   */
  _moveToSharedDrive(): void {
    if (this._owner !== null) this._editors.add(userEmail(this._owner));
    this._owner = null;
  }
  /**
   * null for a file in a shared drive: Google's reference, "Returns the owner of the document, or
   * null for a document in a shared drive"
   * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getOwner(); typed
   * `Base.User | null` in @types/google-apps-script), as the Drive API's File.owners "isn't
   * populated for items in shared drives" (https://developers.google.com/drive/api/reference/rest/v3/files).
   */
  getOwner(): { getEmail(): string } | null {
    this._needsSheetsScope('getOwner');
    const email = this._owner;
    return email === null ? null : { getEmail: () => email };
  }
  /** The owner first, then the editors (the owner can edit; Google lists them here too). */
  getEditors(): { getEmail(): string }[] {
    this._needsSheetsScope('getEditors');
    return [...(this._owner === null ? [] : [this._owner]), ...this._editors].map((email) => ({ getEmail: () => email }));
  }
  /** "The list of viewers and commenters" (see drive.ts): not the editors, not the owner. */
  getViewers(): { getEmail(): string }[] {
    this._needsSheetsScope('getViewers');
    return [...this._viewers, ...this._commenters].map((email) => ({ getEmail: () => email }));
  }
  addEditor(user: string | { getEmail(): string }): this {
    this._needsSheetsScope('addEditor');
    const email = userEmail(user);
    this._viewers.delete(email);
    this._commenters.delete(email);
    if (!this._isOwner(email)) this._editors.add(email);
    return this;
  }
  addViewer(user: string | { getEmail(): string }): this {
    this._needsSheetsScope('addViewer');
    const email = userEmail(user);
    if (this._editors.has(email) || this._isOwner(email)) return this;
    // Unconfirmed (see drive.ts): a commenter becomes a viewer.
    this._commenters.delete(email);
    this._viewers.add(email);
    return this;
  }
  removeEditor(user: string | { getEmail(): string }): this {
    this._needsSheetsScope('removeEditor');
    this._editors.delete(userEmail(user));
    return this;
  }
  removeViewer(user: string | { getEmail(): string }): this {
    this._needsSheetsScope('removeViewer');
    const email = userEmail(user);
    // Google: removing a viewer who is an editor has no effect; commenters are removed too.
    this._viewers.delete(email);
    this._commenters.delete(email);
    return this;
  }
}

/** Addresses as the sharing lists hold them: Google accounts ignore case. */
function userEmail(user: string | { getEmail(): string }): string {
  return (typeof user === 'string' ? user : user.getEmail()).trim().toLowerCase();
}

const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
const CURRENT_ONLY_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.currentonly';

/** The SpreadsheetApp global. `host` supplies the active spreadsheet and the other files. */
export class EmuSpreadsheetApp {
  readonly [RT]: Runtime;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;
  readonly ProtectionType = ProtectionType;
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly DeveloperMetadataLocationType = DeveloperMetadataLocationType;

  constructor(
    rt: Runtime,
    private readonly host: {
      active(): EmuSpreadsheet;
      ui(): unknown;
      open(id: string): EmuSpreadsheet | null;
      create(name: string, rows?: number, cols?: number): EmuSpreadsheet;
      scopes(): readonly string[] | null;
    },
  ) {
    this[RT] = rt;
  }

  private _needsScope(method: string, scope: string): void {
    const scopes = this.host.scopes();
    if (scopes && !scopes.includes(scope)) {
      // Source: https://developers.google.com/apps-script/concepts/scopes (a call outside the manifest's
      // oauthScopes fails with "You do not have permission to call ... Required permissions: ...").
      throw new GasException(`You do not have permission to call SpreadsheetApp.${method}. Required permissions: ${scope}`);
    }
  }

  getUi(): unknown {
    return this.host.ui();
  }
  getActiveSpreadsheet(): EmuSpreadsheet {
    return this.host.active();
  }
  getActive(): EmuSpreadsheet {
    return this.host.active();
  }
  getActiveSheet(): EmuSheet {
    return this.host.active()._activeSheet;
  }
  getActiveRange(): EmuRange {
    return this.host.active().getActiveRange();
  }
  getCurrentCell(): EmuRange {
    return this.host.active().getActiveRange().getCell(1, 1);
  }
  /**
   * The reference lists the currentonly scope, but a script holding only that one is refused
   * here while Spreadsheet.getActiveRangeList works
   * (https://qiita.com/ttsukagoshi/items/b5fd5746bc6ecc003b80): the full scope is needed.
   */
  getActiveRangeList(): EmuRangeList {
    this._needsScope('getActiveRangeList', SHEETS_SCOPE);
    return this.host.active().getActiveRangeList();
  }
  getSelection(): EmuSelection {
    return new EmuSelection(this.host.active());
  }
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    return sheet._ss.setActiveSheet(sheet);
  }
  setActiveRange(range: EmuRange): EmuRange {
    return range._sheet.setActiveRange(range);
  }
  flush(): void {}
  newDataValidation(): EmuDataValidationBuilder {
    return new EmuDataValidationBuilder(this[RT]);
  }
  newConditionalFormatRule(): EmuConditionalFormatRuleBuilder {
    return new EmuConditionalFormatRuleBuilder(this[RT]);
  }
  openById(id: string): EmuSpreadsheet {
    this._needsScope('openById', SHEETS_SCOPE);
    const ss = this.host.open(id);
    if (!ss) throw new GasException('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return ss;
  }
  create(name: string, rows?: number, columns?: number): EmuSpreadsheet {
    this._needsScope('create', SHEETS_SCOPE);
    return this.host.create(name, rows, columns);
  }
}

instrument(EmuSpreadsheet, 'Spreadsheet');
instrument(EmuSpreadsheetApp, 'SpreadsheetApp', ['getUi']);
// Sheet ids and moved indexes are pure helpers used by the workbench and tests.
export { movedIndex };

/** A language code, optionally with a country: 'fr', 'fil', 'en_US' (Sheets' underscore form). */
export function isLocaleCode(locale: string): boolean {
  if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(locale)) return false;
  try {
    return Intl.getCanonicalLocales(locale.replace('_', '-')).length === 1;
  } catch {
    return false;
  }
}
