// A user typing into a cell or clearing cells, as Sheets takes it: the text goes through the
// same parsing as typed input (numbers, dates, formulas, a leading apostrophe for text), and a
// validation rule that rejects invalid input ("Reject the input") undoes the edit and explains
// why. Rules that only warn keep the value; the grid marks it (view.ts).
//
// Sheets' rejection message is not documented; the wording here follows what Sheets shows
// (the rule's help text when it has one, else a sentence per kind of rule). See README.md.

import type { RawCellContent } from 'hyperformula';
import type { EmuSheet } from '../emulator/spreadsheet/sheet.ts';
import type { EmuDataValidation } from '../emulator/spreadsheet/rules.ts';
import { validationAccepts } from '../emulator/spreadsheet/rules.ts';
import type { EmuRange } from '../emulator/spreadsheet/range.ts';
import { GasException } from '../emulator/runtime.ts';
import type { EditResult, Rect } from './protocol.ts';
import { rangeValues } from './view.ts';

export const REJECTED_TITLE = 'There was a problem';

const DEFAULT_REASON: Record<string, string> = {
  VALUE_IN_LIST: 'Input must be an item on the specified list.',
  VALUE_IN_RANGE: 'Input must be an item on the specified list.',
  CHECKBOX: 'Input must be a checkbox value.',
  TEXT_IS_VALID_EMAIL: 'Input must be a valid email address.',
  TEXT_IS_VALID_URL: 'Input must be a valid URL.',
  NUMBER_BETWEEN: 'Input must fall within the specified range.',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'Input must fall within the specified range.',
  DATE_IS_VALID_DATE: 'Input must be a valid date.',
};

export function rejectionMessage(dv: EmuDataValidation): string {
  return dv._spec.helpText || `Invalid: ${DEFAULT_REASON[dv._spec.criteria] ?? "This cell's contents violate its validation rule."}`;
}

export function checkCell(sheet: EmuSheet, row: number, col: number): void {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 1 || col < 1 || row > sheet._maxRows || col > sheet._maxCols) {
    throw new RangeError(`Cell (${row}, ${col}) is outside sheet "${sheet._name}".`);
  }
}

/** Writes `text` into one cell as typed by the user. */
export function typeIntoCell(sheet: EmuSheet, row: number, col: number, text: string): EditResult {
  checkCell(sheet, row, col);
  const merge = sheet._mergeAt(row, col);
  if (merge && (merge.row !== row || merge.col !== col)) return typeIntoCell(sheet, merge.row, merge.col, text);
  const hf = sheet._ss._hf;
  const address = { sheet: sheet._hfId, row: row - 1, col: col - 1 };
  const before = hf.getCellSerialized(address) as RawCellContent;
  const formatBefore = sheet._cellMeta(row, col)?.numberFormat;
  try {
    sheet._writeValues({ row, col, numRows: 1, numCols: 1 }, [[text]]);
  } catch (e) {
    if (e instanceof GasException) return { ok: false, title: REJECTED_TITLE, message: e.message };
    throw e;
  }
  const dv = sheet._cellMeta(row, col)?.validation;
  if (dv && !dv._spec.allowInvalid) {
    const value = sheet._readValues({ row, col, numRows: 1, numCols: 1 })[0][0];
    const list = dv._spec.criteria === 'VALUE_IN_RANGE' ? () => rangeValues(dv._spec.values[0] as EmuRange) : undefined;
    if (!validationAccepts(dv, value, list)) {
      hf.setCellContents(address, [[before]]);
      sheet._setMeta(row, col, { numberFormat: formatBefore });
      return { ok: false, title: REJECTED_TITLE, message: rejectionMessage(dv) };
    }
  }
  return { ok: true };
}

/** Delete key: clears the contents (not the formats or rules) of the selected cells. */
export function clearCells(sheet: EmuSheet, ranges: Rect[]): void {
  for (const r of ranges) {
    checkCell(sheet, r.row, r.col);
    checkCell(sheet, r.row + r.numRows - 1, r.col + r.numCols - 1);
    sheet._clearContent(r);
  }
}
