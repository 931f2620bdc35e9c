// The structure of an emulated sheet: inserting, deleting and moving rows and columns, and
// freezing. A change is applied to the engine's cells, to the sheet's `meta` grid, and to every
// rectangle the sheet and its spreadsheet hold (merges, rules, protections, selection, charts,
// named ranges, metadata). EmuSheet's public methods (sheet.ts) delegate to these; the values
// and formats of cells stay in sheet.ts.

import type { GridRect } from './a1.ts';
import { shiftChartRanges } from './charts.ts';
import { GasException } from '../runtime.ts';
import type { CellMeta, EmuSheet } from './sheet.ts';

export type Axis = 'row' | 'col';

/** Moves or shrinks a rectangle for an insert (delta > 0) or delete (delta < 0) at `at`. Null if deleted. */
export function shiftRect(r: GridRect, axis: Axis, at: number, delta: number): GridRect | null {
  const start = axis === 'row' ? r.row : r.col;
  const size = axis === 'row' ? r.numRows : r.numCols;
  let s = start;
  let n = size;
  if (delta > 0) {
    if (at <= start) s += delta;
    else if (at < start + size) n += delta;
  } else {
    const delStart = at;
    const delEnd = at - delta - 1;
    const end = start + size - 1;
    const overlap = Math.max(0, Math.min(end, delEnd) - Math.max(start, delStart) + 1);
    if (overlap === size) return null;
    n -= overlap;
    if (delStart < start) s -= Math.min(-delta, start - delStart);
  }
  return axis === 'row' ? { ...r, row: s, numRows: n } : { ...r, col: s, numCols: n };
}

/** Where index `i` goes when `count` lines starting at `from` move before line `to` (Sheets' moveColumns). */
export function movedIndex(i: number, from: number, count: number, to: number): number {
  if (i >= from && i < from + count) return to > from ? to - count + (i - from) : to + (i - from);
  if (to > from && i >= from + count && i < to) return i - count;
  if (to < from && i >= to && i < from) return i + count;
  return i;
}

/** Google's error for a row or column index off the sheet. */
function checkLine(sheet: EmuSheet, axis: Axis, index: number, method: string): void {
  const max = axis === 'row' ? sheet._maxRows : sheet._maxCols;
  if (!Number.isInteger(index) || index < 1 || index > max) {
    throw new GasException(`Those ${axis === 'row' ? 'rows' : 'columns'} are out of bounds. (${method})`);
  }
}

/** insertRowsBefore/After, insertColumnsBefore/After: `howMany` lines before or after line `position`. */
export function insertLines(sheet: EmuSheet, axis: Axis, position: number, side: 'before' | 'after', howMany: number, method: string): void {
  checkLine(sheet, axis, position, method);
  sheet._ss._checkCellLimit((axis === 'row' ? sheet._maxCols : sheet._maxRows) * howMany);
  const at = side === 'after' ? position + 1 : position;
  // Google's inserted lines take the formats of the line before (gogcli#655: "New dimensions always
  // inherit the preceding neighbour's number format"). Assumed: before line 1, those of the line
  // after, as the API's inheritFromBefore false gives.
  shiftLines(sheet, axis, at, howMany, at > 1 ? 'before' : 'after');
}

/** deleteRows, deleteColumns: `howMany` lines from line `position`; a sheet keeps at least one. */
export function deleteLines(sheet: EmuSheet, axis: Axis, position: number, howMany: number, method: string): void {
  const lines = axis === 'row' ? 'rows' : 'columns';
  checkLine(sheet, axis, position, method);
  const max = axis === 'row' ? sheet._maxRows : sheet._maxCols;
  if (position + howMany - 1 > max) throw new GasException(`Those ${lines} are out of bounds.`);
  if (howMany >= max) throw new GasException(`You can't delete all the ${lines} on the sheet.`);
  shiftLines(sheet, axis, position, -howMany);
}

/** moveColumns: the columns of `columns` go before column `destinationIndex`, with their formats. */
export function moveColumnBlock(sheet: EmuSheet, columns: GridRect, destinationIndex: number): void {
  sheet._ss._hfHeld().moveColumns(sheet._hfId, columns.col - 1, columns.numCols, destinationIndex - 1);
  const move = (i: number) => movedIndex(i, columns.col, columns.numCols, destinationIndex);
  for (const row of sheet._meta) {
    if (!row) continue;
    const copy = [...row];
    row.length = 0;
    copy.forEach((m, j) => (row[move(j + 1) - 1] = m));
  }
  sheet._ss._onMove(sheet, 'col', move);
}

/**
 * Google's refusal to freeze `count` lines where a merge has cells on both sides of the last
 * frozen one, or null. Apps Script's wording for columns, from an execution log: "Sorry, you
 * can't freeze columns which contain only part of a merged cell. Try to break apart merged cells
 * or freeze more columns to include the complete merged cells." Rows assumed alike.
 */
export function frozenMergeProblem(sheet: EmuSheet, axis: Axis, count: number): string | null {
  const cut = sheet._merges.some((m) => (axis === 'row' ? m.row <= count && m.row + m.numRows - 1 > count : m.col <= count && m.col + m.numCols - 1 > count));
  if (!cut) return null;
  const lines = axis === 'row' ? 'rows' : 'columns';
  return `Sorry, you can't freeze ${lines} which contain only part of a merged cell. Try to break apart merged cells or freeze more ${lines} to include the complete merged cells.`;
}

/** setFrozenRows, setFrozenColumns: at least one line of the sheet stays unfrozen, and no merge is cut. */
export function setFrozen(sheet: EmuSheet, axis: Axis, count: number): void {
  const max = axis === 'row' ? sheet._maxRows : sheet._maxCols;
  if (count < 0 || count >= max) throw new GasException(`You can't freeze all visible ${axis === 'row' ? 'rows' : 'columns'} on the sheet.`);
  const cutMerge = frozenMergeProblem(sheet, axis, count);
  if (cutMerge) throw new GasException(cutMerge);
  if (axis === 'row') sheet._frozenRows = count;
  else sheet._frozenCols = count;
}

/**
 * The formats an inserted cell takes from its neighbour, as the Sheets API's InsertDimensionRequest
 * describes: "dimension properties should be extended from the dimensions before or after", its
 * example a background; gogcli#655 saw the number format. Assumed: not the note (content, not a
 * format) nor the drop-down, which Google's references do not mention.
 */
function inheritedFormats(meta: CellMeta | undefined): CellMeta | undefined {
  if (!meta) return undefined;
  const { note: _note, validation: _validation, ...formats } = meta;
  return Object.values(formats).some((v) => v !== undefined) ? formats : undefined;
}

/**
 * Inserts (count > 0) or deletes (count < 0) rows or columns at 1-based index `at`; inserted lines
 * take the formats of the line before them or after them (`inheritFrom`), or none.
 */
export function shiftLines(sheet: EmuSheet, axis: Axis, at: number, count: number, inheritFrom?: 'before' | 'after'): void {
  const hf = sheet._ss._hfHeld();
  const restore = count > 0 ? shrinkArraysAcross(sheet, axis, at) : () => undefined;
  // Arrays cut for the insert get their formula back even if the engine refused the insert.
  try {
    if (axis === 'row') {
      if (count > 0) hf.addRows(sheet._hfId, [at - 1, count]);
      else hf.removeRows(sheet._hfId, [at - 1, -count]);
      // concat, not splice(...spread): a spread of hundreds of thousands of rows overflows the stack.
      if (count > 0) sheet._meta = sheet._meta.slice(0, at - 1).concat(new Array<(CellMeta | undefined)[]>(count), sheet._meta.slice(at - 1));
      else sheet._meta.splice(at - 1, -count);
      sheet._maxRows += count;
    } else {
      if (count > 0) hf.addColumns(sheet._hfId, [at - 1, count]);
      else hf.removeColumns(sheet._hfId, [at - 1, -count]);
      sheet._meta.forEach((row, i) => {
        if (!row || row.length < at) return;
        sheet._meta[i] =
          count > 0
            ? row.slice(0, at - 1).concat(new Array<CellMeta | undefined>(count), row.slice(at - 1))
            : row.slice(0, at - 1).concat(row.slice(at - 1 - count));
      });
      sheet._maxCols += count;
      const widths = new Map<number, number>();
      for (const [c, w] of sheet._colWidths) {
        if (count < 0 && c >= at && c < at - count) continue;
        widths.set(c >= at ? c + count : c, w);
      }
      sheet._colWidths = widths;
      sheet._hiddenCols = new Set([...sheet._hiddenCols].filter((c) => count > 0 || c < at || c >= at - count).map((c) => (c >= at ? c + count : c)));
    }
    const keep = (r: GridRect) => shiftRect(r, axis, at, count);
    sheet._merges = sheet._merges.map(keep).filter((r): r is GridRect => r !== null);
    sheet._cfRules = sheet._cfRules
      .map((rule) => ({ ...rule, rects: rule.rects.map(keep).filter((r): r is GridRect => r !== null) }))
      .filter((rule) => rule.rects.length > 0);
    sheet._protections = sheet._protections.filter((p) => {
      if (!p.rect) return true;
      const moved = keep(p.rect);
      if (moved) p.rect = moved;
      return moved !== null;
    });
    sheet._selection = sheet._selection.map((r) => keep(r) ?? { row: 1, col: 1, numRows: 1, numCols: 1 });
    shiftChartRanges(sheet._charts, sheet, keep);
    if (axis === 'row' && sheet._frozenRows >= at) sheet._frozenRows = Math.max(at - 1, sheet._frozenRows + count);
    if (axis === 'col' && sheet._frozenCols >= at) sheet._frozenCols = Math.max(at - 1, sheet._frozenCols + count);
    if (count > 0 && inheritFrom) copyFormatsInto(sheet, axis, at, count, inheritFrom === 'before' ? at - 1 : at + count);
    sheet._ss._onShift(sheet, axis, at, count);
  } finally {
    restore();
  }
}

/** The formats of line `from` (1-based) given to the `count` lines from `at`. */
function copyFormatsInto(sheet: EmuSheet, axis: Axis, at: number, count: number, from: number): void {
  const max = axis === 'row' ? sheet._maxRows : sheet._maxCols;
  if (from < 1 || from > max) return;
  if (axis === 'row') {
    const source = sheet._meta[from - 1];
    if (!source) return;
    const formats = source.map(inheritedFormats);
    if (!formats.some(Boolean)) return;
    for (let i = 0; i < count; i++) sheet._meta[at - 1 + i] = formats.map((f) => f && { ...f });
    return;
  }
  sheet._meta.forEach((row) => {
    const formats = row && inheritedFormats(row[from - 1]);
    if (!formats) return;
    for (let i = 0; i < count; i++) row[at - 1 + i] = { ...formats };
  });
}

/**
 * HyperFormula 3.x fails to insert rows (or columns) inside an array formula's result when a
 * formula elsewhere reads those cells ("Cannot move cell. Destination already occupied."),
 * which Sheets does without fuss (e.g. COUNTIF over a FILTER's column, then a row inserted in
 * it). So an array formula spanning the insertion point is cut to one cell for the insert,
 * with ARRAY_CONSTRAIN(..., 1, 1), and given back its formula, as the engine adjusted it,
 * after. Returns the function that gives them back.
 */
function shrinkArraysAcross(emuSheet: EmuSheet, axis: Axis, at: number): () => void {
  // Which cells are arrays is known without computing them (their size is fixed when written).
  const hf = emuSheet._ss._hfHeld();
  const sheet = emuSheet._hfId;
  const { width, height } = hf.getSheetDimensions(sheet);
  // Arrays that cover the line just before the insertion point, found by their root cell.
  const line = at - 2;
  if (line < 0) return () => undefined;
  const roots = new Map<string, { row: number; col: number }>();
  const span = axis === 'row' ? width : height;
  for (let k = 0; k < span; k++) {
    let row = axis === 'row' ? line : k;
    let col = axis === 'row' ? k : line;
    if (!hf.isCellPartOfArray({ sheet, row, col })) continue;
    while (row > 0 && hf.getCellType({ sheet, row, col }) !== 'ARRAYFORMULA' && hf.isCellPartOfArray({ sheet, row: row - 1, col })) row--;
    while (col > 0 && hf.getCellType({ sheet, row, col }) !== 'ARRAYFORMULA' && hf.isCellPartOfArray({ sheet, row, col: col - 1 })) col--;
    if (hf.getCellType({ sheet, row, col }) === 'ARRAYFORMULA') roots.set(`${row}:${col}`, { row, col });
  }
  const shrunk: { row: number; col: number }[] = [];
  for (const root of roots.values()) {
    const formula = hf.getCellFormula({ sheet, ...root });
    if (!formula) continue;
    hf.setCellContents({ sheet, ...root }, [[`=ARRAY_CONSTRAIN(${formula.slice(1)},1,1)`]]);
    shrunk.push(root);
  }
  return () => {
    for (const root of shrunk) {
      const formula = hf.getCellFormula({ sheet, ...root }) ?? '';
      const inner = /^=ARRAY_CONSTRAIN\((.*),1,1\)$/s.exec(formula);
      if (inner) hf.setCellContents({ sheet, ...root }, [[`=${inner[1]}`]]);
    }
  };
}
