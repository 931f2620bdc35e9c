// The grid's model: the sheet shown, the rows loaded from the server (in windows, kept until the
// workbook changes), the selection, and the geometry the drawing and the keyboard share. The grid
// is built as a chain of classes, one concern each: this model, its drawing (grid-render.ts), the
// in-cell editor and drop-down lists (grid-editing.ts), and the mouse and keyboard (grid.ts).

import type { CellView, GridWindow, Rect, SheetInfo, ValidationView } from '../protocol.ts';

export const ROW_HEIGHT = 21;
export const HEADER_HEIGHT = 24;
export const ROW_HEADER_WIDTH = 46;
export const DEFAULT_WIDTH = 100;
/** Rows drawn above and below the visible ones. */
export const OVERSCAN = 15;
/** Rows asked from the server at a time. */
export const FETCH_ROWS = 80;

interface CachedRow {
  cells: (CellView | null)[];
  validations: ValidationView[];
}

export interface GridActions {
  /** The selection changed (mouse up, keyboard): tell the server. */
  selected(ranges: Rect[]): void;
  edit(row: number, col: number, text: string): void;
  clear(ranges: Rect[]): void;
  /** Rows [top, top + rows) are needed and not loaded. */
  need(top: number, rows: number): void;
  /** The active cell changed: the formula bar and name box follow. */
  activeChanged(): void;
}

export type Pos = { row: number; col: number };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export abstract class GridModel {
  sheet: SheetInfo | null = null;
  version = 0;
  selection: Rect[] = [{ row: 1, col: 1, numRows: 1, numCols: 1 }];
  active: Pos = { row: 1, col: 1 };
  protected anchor: Pos = { row: 1, col: 1 };
  protected rows = new Map<number, CachedRow>();
  protected merges: Rect[] = [];
  protected pendingFetch = new Set<number>();

  constructor(
    readonly scroller: HTMLElement,
    readonly table: HTMLTableElement,
    protected readonly actions: GridActions,
  ) {}

  // ---- data ----

  addWindow(window: GridWindow): void {
    if (window.version !== this.version || window.sheet !== this.sheet?.name) return;
    window.frozen.forEach((cells, i) => this.rows.set(i + 1, { cells, validations: window.validations }));
    window.rows.forEach((cells, i) => {
      this.rows.set(window.top + i, { cells, validations: window.validations });
      this.pendingFetch.delete(window.top + i);
    });
    const known = new Set(this.merges.map((m) => `${m.row},${m.col}`));
    for (const m of window.merges) if (!known.has(`${m.row},${m.col}`)) this.merges.push(m);
  }

  /** Body rows now on screen, as a request for the server. */
  view(): { top: number; rows: number } {
    const { first } = this.visibleRows();
    const top = Math.max((this.sheet?.frozenRows ?? 0) + 1, first - OVERSCAN);
    return { top, rows: FETCH_ROWS };
  }

  cell(row: number, col: number): { view: CellView | null; rule: ValidationView | null } {
    const cached = this.rows.get(row);
    const view = cached?.cells[col - 1] ?? null;
    return { view, rule: view?.rule !== undefined && cached ? (cached.validations[view.rule] ?? null) : null };
  }

  // ---- geometry ----

  protected columns(): number[] {
    const s = this.sheet;
    if (!s) return [];
    const hidden = new Set(s.hiddenCols);
    const cols: number[] = [];
    for (let c = 1; c <= s.shownCols; c++) if (!hidden.has(c)) cols.push(c);
    return cols;
  }

  protected width(col: number): number {
    return this.sheet?.colWidths[col] ?? DEFAULT_WIDTH;
  }

  /** The top-left corner of a cell, in pixels from the top-left of the grid (headers included). */
  cellOrigin(p: Pos): { x: number; y: number } {
    let x = ROW_HEADER_WIDTH;
    for (const c of this.columns()) if (c < p.col) x += this.width(c);
    return { x, y: HEADER_HEIGHT + (p.row - 1) * ROW_HEIGHT };
  }

  protected visibleRows(): { first: number; last: number } {
    const s = this.sheet;
    if (!s) return { first: 1, last: 0 };
    const frozen = s.frozenRows;
    const bodyTop = Math.max(0, this.scroller.scrollTop);
    const height = Math.max(0, this.scroller.clientHeight - HEADER_HEIGHT - frozen * ROW_HEIGHT);
    const first = Math.min(s.maxRows, frozen + 1 + Math.floor(bodyTop / ROW_HEIGHT));
    const last = Math.min(s.maxRows, first + Math.ceil(height / ROW_HEIGHT) + 1);
    return { first, last };
  }

  protected mergeAt(p: Pos): Rect | undefined {
    return this.merges.find((m) => p.row >= m.row && p.row < m.row + m.numRows && p.col >= m.col && p.col < m.col + m.numCols);
  }

  protected span(a: Pos, b: Pos): Rect {
    const row = Math.min(a.row, b.row);
    const col = Math.min(a.col, b.col);
    let rect = { row, col, numRows: Math.abs(a.row - b.row) + 1, numCols: Math.abs(a.col - b.col) + 1 };
    // A selection that touches a merged cell takes the whole merge, as in Sheets.
    for (const m of this.merges) {
      const overlaps = m.row < rect.row + rect.numRows && m.row + m.numRows > rect.row && m.col < rect.col + rect.numCols && m.col + m.numCols > rect.col;
      if (!overlaps) continue;
      const r1 = Math.min(rect.row, m.row);
      const c1 = Math.min(rect.col, m.col);
      const r2 = Math.max(rect.row + rect.numRows, m.row + m.numRows);
      const c2 = Math.max(rect.col + rect.numCols, m.col + m.numCols);
      rect = { row: r1, col: c1, numRows: r2 - r1, numCols: c2 - c1 };
    }
    return rect;
  }
}
