// Writing what core planned: converting planned cells to what setValues takes, and writing
// scattered cells of a column in one call while keeping every other cell as it was.

import type { CellFill, OutCell } from '../core/cells.ts';
import { isDateParts, formatIsoDate } from '../core/dates.ts';
import { asSheetText } from '../core/text.ts';

/**
 * A planned cell as setValues takes it. A date is written as an ISO date string, which Sheets
 * reads as that calendar day in the spreadsheet's own time zone (no time-zone arithmetic here).
 */
export function toWritable(value: OutCell): string | number | boolean {
  return isDateParts(value) ? formatIsoDate(value) : value;
}

/** What to write back so a cell keeps exactly what it holds: its formula, or its value as typed. */
export function keep(value: unknown, formula: string): unknown {
  if (formula) return formula;
  return typeof value === 'string' ? asSheetText(value) : value;
}

/** The table as read once: values and formulas from sheet row `top`, column 1. */
export interface Snapshot {
  top: number;
  values: readonly (readonly unknown[])[];
  formulas: readonly (readonly string[])[];
}

/**
 * Writes `fills` with one setValues per column: the span from the column's first to last fill,
 * with the cells in between written back as they were (formulas as formulas, text as text).
 * The number of calls depends on the columns touched, never on the number of rows.
 */
export function writeFills(sheet: GoogleAppsScript.Spreadsheet.Sheet, fills: readonly CellFill[], snap: Snapshot): void {
  const byColumn = new Map<number, CellFill[]>();
  for (const f of fills) byColumn.set(f.column, [...(byColumn.get(f.column) ?? []), f]);
  for (const [column, list] of byColumn) {
    const first = Math.min(...list.map((f) => f.row));
    const last = Math.max(...list.map((f) => f.row));
    const planned = new Map(list.map((f) => [f.row, f.value]));
    const out: unknown[][] = [];
    for (let row = first; row <= last; row++) {
      const value = planned.get(row);
      const i = row - snap.top;
      out.push([value !== undefined ? toWritable(value) : keep(snap.values[i]?.[column - 1] ?? '', snap.formulas[i]?.[column - 1] ?? '')]);
    }
    sheet.getRange(first, column, out.length, 1).setValues(out);
  }
}
