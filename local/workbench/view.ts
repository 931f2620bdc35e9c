// What the page draws, read from the emulator through its internal (uncounted) accessors, so
// that drawing the sheet in the middle of a script's execution adds nothing to its call count.

import type { CellValue } from 'hyperformula';
import type { EmuSheet } from '../emulator/spreadsheet/sheet.ts';
import type { EmuDataValidation } from '../emulator/spreadsheet/rules.ts';
import { EmuDataValidation as DataValidation, validationAccepts } from '../emulator/spreadsheet/rules.ts';
import type { EmuRange } from '../emulator/spreadsheet/range.ts';
import { RT } from '../emulator/runtime.ts';
import { parseInput } from '../emulator/spreadsheet/cellformat.ts';
import { serialToDate } from '../emulator/spreadsheet/tz.ts';
import type { CellKind, CellStyle, CellView, GridWindow, Rect, SheetInfo, ValidationView } from './protocol.ts';
import { conditionalFormats } from './conditional.ts';

/** The page draws at most this many columns (contacts sheets have a few dozen). */
export const MAX_SHOWN_COLUMNS = 200;
/** A window never holds more rows than this, whatever the page asks. */
export const MAX_WINDOW_ROWS = 500;

export function sheetInfo(sheet: EmuSheet): SheetInfo {
  return {
    name: sheet._name,
    id: sheet._id,
    maxRows: sheet._maxRows,
    maxCols: sheet._maxCols,
    shownCols: Math.min(sheet._maxCols, MAX_SHOWN_COLUMNS),
    frozenRows: sheet._frozenRows,
    frozenCols: sheet._frozenCols,
    lastRow: sheet._lastRow(),
    lastCol: sheet._lastCol(),
    colWidths: Object.fromEntries(sheet._colWidths),
    hiddenCols: [...sheet._hiddenCols],
    hidden: sheet._hidden,
    tabColor: sheet._tabColor,
  };
}

/** The values of a VALUE_IN_RANGE rule's range, as the drop-down lists them. */
export function rangeValues(range: EmuRange): unknown[] {
  return range._sheet
    ._readDisplay(range._rect)
    .flat()
    .filter((v) => v !== '');
}

function validationView(dv: EmuDataValidation): ValidationView {
  const { criteria, values, allowInvalid, helpText } = dv._spec;
  const common = { strict: !allowInvalid, help: helpText ?? '' };
  if (criteria === 'VALUE_IN_LIST') return { kind: 'list', values: (values[0] as string[]).map(String), dropdown: values[1] !== false, ...common };
  if (criteria === 'VALUE_IN_RANGE') return { kind: 'list', values: rangeValues(values[0] as EmuRange).map(String), dropdown: values[1] !== false, ...common };
  if (criteria === 'CHECKBOX') {
    return { kind: 'checkbox', checked: values.length ? String(values[0]) : 'TRUE', unchecked: values.length ? String(values[1]) : 'FALSE', ...common };
  }
  return { kind: 'other', criteria, ...common };
}

/** Whether Sheets would flag the value as breaking the rule (it does so even when invalid input is allowed). */
export function breaksRule(dv: EmuDataValidation, value: unknown): boolean {
  const strict = dv._spec.allowInvalid ? new DataValidation(dv[RT], { ...dv._spec, allowInvalid: false }) : dv;
  const list = dv._spec.criteria === 'VALUE_IN_RANGE' ? () => rangeValues(dv._spec.values[0] as EmuRange) : undefined;
  return !validationAccepts(strict, value, list);
}

/** The text the formula bar shows for a value: what the user would type to get it back. */
function inputText(raw: CellValue, kind: CellKind, shown: string): string {
  if (raw === null) return '';
  if (kind === 'date' || kind === 'error') return shown;
  if (typeof raw === 'number') return shown.endsWith('%') ? shown : String(Number(raw.toPrecision(15)));
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  const text = String(raw);
  // Text that would be read back as a number, date or formula is shown with the apostrophe that keeps it text.
  return parseInput(text).kind === 'text' && !text.startsWith("'") ? text : `'${text}`;
}

function kindOf(sheet: EmuSheet, raw: CellValue, row: number, col: number): CellKind {
  if (raw !== null && typeof raw === 'object') return 'error';
  if (typeof raw === 'boolean') return 'boolean';
  if (typeof raw === 'number') return sheet._isDateCell(row, col) ? 'date' : 'number';
  return 'text';
}

/** The cells of `rect`: null for a cell with nothing to draw. */
export function cellViews(sheet: EmuSheet, rect: Rect, validations: Map<EmuDataValidation, number>): (CellView | null)[][] {
  const hf = sheet._ss._hf;
  const id = sheet._hfId;
  const tz = sheet._ss._timeZone;
  const raw = hf.getRangeValues({
    start: { sheet: id, row: rect.row - 1, col: rect.col - 1 },
    end: { sheet: id, row: rect.row + rect.numRows - 2, col: rect.col + rect.numCols - 2 },
  });
  const shown = sheet._readDisplay(rect);
  const formulas = sheet._readFormulas(rect);
  const cf = sheet._cfRules.length ? conditionalFormats(sheet, rect, raw, shown) : null;
  return raw.map((rowValues, i) =>
    rowValues.map((value, j) => {
      const row = rect.row + i;
      const col = rect.col + j;
      const meta = sheet._cellMeta(row, col);
      const format = cf?.[i][j] ?? null;
      const formula = formulas[i][j];
      if (value === null && !formula && !meta && !format) return null;
      const kind = kindOf(sheet, value, row, col);
      const view: CellView = { text: shown[i][j], input: formula || inputText(value, kind, shown[i][j]), kind };
      const style: CellStyle = {};
      if (meta?.background) style.background = meta.background;
      if (meta?.fontColor) style.color = meta.fontColor;
      if (meta?.fontWeight === 'bold') style.bold = true;
      if (meta?.fontStyle === 'italic') style.italic = true;
      if (meta?.horizontalAlignment) style.align = meta.horizontalAlignment;
      if (format?.background) style.background = format.background;
      if (format?.fontColor) style.color = format.fontColor;
      if (format?.bold != null) style.bold = format.bold;
      if (format?.italic != null) style.italic = format.italic;
      if (format?.strikethrough) style.strike = true;
      if (Object.keys(style).length) view.style = style;
      if (meta?.note) view.note = meta.note;
      const dv = meta?.validation;
      if (dv) {
        let index = validations.get(dv);
        if (index === undefined) validations.set(dv, (index = validations.size));
        view.rule = index;
        const typed = kind === 'date' && typeof value === 'number' ? serialToDate(value, tz) : value;
        if (value !== null && breaksRule(dv, typed)) view.invalid = true;
      }
      return view;
    }),
  );
}

function touches(m: Rect, firstRow: number, lastRow: number): boolean {
  return m.row <= lastRow && m.row + m.numRows - 1 >= firstRow;
}

/** Rows [top, top + rows) of the sheet (below its frozen rows), the frozen rows, and what they need. */
export function gridWindow(sheet: EmuSheet, top: number, rows: number, version: number): GridWindow {
  const cols = Math.min(sheet._maxCols, MAX_SHOWN_COLUMNS);
  const frozen = Math.min(sheet._frozenRows, sheet._maxRows);
  const first = Math.max(frozen + 1, Math.floor(top) || 1);
  const count = Math.max(0, Math.min(rows, MAX_WINDOW_ROWS, sheet._maxRows - first + 1));
  const validations = new Map<EmuDataValidation, number>();
  const body = count ? cellViews(sheet, { row: first, col: 1, numRows: count, numCols: cols }, validations) : [];
  const head = frozen ? cellViews(sheet, { row: 1, col: 1, numRows: frozen, numCols: cols }, validations) : [];
  const merges = sheet._merges.filter((m) => (frozen && touches(m, 1, frozen)) || (count && touches(m, first, first + count - 1))).map((m) => ({ ...m }));
  return { sheet: sheet._name, version, top: first, rows: body, frozen: head, merges, validations: [...validations.keys()].map(validationView) };
}
