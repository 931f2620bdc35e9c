// The spreadsheet grid, as the page uses it: a snapshot loaded, and the mouse and keyboard moving
// the selection as in Sheets. What it is built on, one concern per module: the model (rows
// loaded, selection, geometry) in grid-model.ts, the drawing in grid-render.ts, the in-cell
// editor and drop-down lists in grid-editing.ts.

import type { GridWindow, Rect, SheetInfo } from '../protocol.ts';
import { type GridActions, HEADER_HEIGHT, type Pos, ROW_HEIGHT } from './grid-model.ts';
import { GridEditing } from './grid-editing.ts';

export { FETCH_ROWS, type GridActions } from './grid-model.ts';

export class Grid extends GridEditing {
  private dragging: 'cells' | 'rows' | 'cols' | null = null;

  constructor(scroller: HTMLElement, table: HTMLTableElement, actions: GridActions) {
    super(scroller, table, actions);
    scroller.addEventListener('scroll', () => {
      this.closeDropdown();
      this.placeEditor();
      this.renderIfNeeded();
    });
    scroller.addEventListener('mousedown', (e) => this.onMouseDown(e));
    scroller.addEventListener('mouseover', (e) => this.onMouseOver(e));
    window.addEventListener('mouseup', () => this.onMouseUp());
    scroller.addEventListener('dblclick', (e) => {
      const pos = this.cellOf(e.target);
      if (pos) this.startEdit(pos, null);
    });
    scroller.addEventListener('keydown', (e) => this.onKey(e));
    window.addEventListener('resize', () => this.renderIfNeeded());
  }

  // ---- data ----

  /**
   * A new snapshot: the sheet and the rows it carried. `selection` is the server's, taken after a
   * script ran (it may have moved it) or on another sheet; null keeps the page's own.
   */
  load(sheet: SheetInfo, window: GridWindow, selection: Rect[] | null): void {
    const sheetChanged = this.sheet?.name !== sheet.name;
    this.sheet = sheet;
    this.version = window.version;
    this.rows.clear();
    this.pendingFetch.clear();
    this.merges = [];
    this.addWindow(window);
    if (sheetChanged) this.scroller.scrollTop = 0;
    if (selection && !this.editor) {
      this.selection = selection.length ? selection : [{ row: 1, col: 1, numRows: 1, numCols: 1 }];
      this.active = { row: this.selection[0].row, col: this.selection[0].col };
      this.anchor = { ...this.active };
    }
    this.rendered = null;
    this.render();
    this.actions.activeChanged();
  }

  // ---- input ----

  private cellOf(target: EventTarget | null): Pos | null {
    const td = (target as HTMLElement | null)?.closest?.('td.cell') as HTMLElement | null;
    return td ? { row: Number(td.dataset.r), col: Number(td.dataset.c) } : null;
  }

  private onMouseDown(e: MouseEvent): void {
    if (e.button !== 0 || !this.sheet) return;
    const target = e.target as HTMLElement;
    if (this.editor && target === this.editor.input) return;
    this.commitEdit('none');
    this.scroller.focus({ preventScroll: true });
    const th = target.closest('th') as HTMLElement | null;
    if (th?.classList.contains('rh')) {
      const row = Number(th.dataset.row);
      this.selectRows(e.shiftKey ? this.active.row : row, row);
      if (!e.shiftKey) this.anchor = { row, col: 1 };
      this.dragging = 'rows';
      e.preventDefault();
      return;
    }
    if (th?.classList.contains('ch')) {
      const col = Number(th.dataset.col);
      this.selectCols(e.shiftKey ? this.active.col : col, col);
      if (!e.shiftKey) this.anchor = { row: 1, col };
      this.dragging = 'cols';
      e.preventDefault();
      return;
    }
    if (th?.classList.contains('corner')) {
      this.selection = [{ row: 1, col: 1, numRows: this.sheet.maxRows, numCols: this.sheet.maxCols }];
      this.paintSelection();
      this.actions.activeChanged();
      this.actions.selected(this.selection);
      return;
    }
    const pos = this.cellOf(target);
    if (!pos) return;
    e.preventDefault();
    if (target.classList.contains('dd')) {
      this.selectCells(pos);
      this.actions.selected(this.selection);
      this.openDropdown(pos);
      return;
    }
    if (target.classList.contains('cb')) {
      this.selectCells(pos);
      this.actions.selected(this.selection);
      this.toggleCheckbox(pos);
      return;
    }
    this.selectCells(pos, e.shiftKey);
    this.dragging = 'cells';
  }

  private onMouseOver(e: MouseEvent): void {
    if (!this.dragging || !this.sheet) return;
    const target = e.target as HTMLElement;
    if (this.dragging === 'rows') {
      const th = target.closest('th.rh') as HTMLElement | null;
      const pos = th ? Number(th.dataset.row) : this.cellOf(target)?.row;
      if (pos) this.selectRows(this.anchor.row, pos);
      return;
    }
    if (this.dragging === 'cols') {
      const th = target.closest('th.ch') as HTMLElement | null;
      const pos = th ? Number(th.dataset.col) : this.cellOf(target)?.col;
      if (pos) this.selectCols(this.anchor.col, pos);
      return;
    }
    const pos = this.cellOf(target);
    if (pos) {
      this.selection = [this.span(this.anchor, pos)];
      this.paintSelection();
      this.actions.activeChanged();
    }
  }

  private onMouseUp(): void {
    if (!this.dragging) return;
    this.dragging = null;
    this.actions.selected(this.selection);
  }

  protected move(dRow: number, dCol: number, extend: boolean): void {
    const from = extend ? this.extendEnd() : this.active;
    const merge = this.mergeAt(from);
    let row = from.row + dRow;
    let col = this.columnAfter(from.col, dCol);
    if (merge && dRow > 0) row = merge.row + merge.numRows;
    if (merge && dCol > 0) col = this.columnAfter(merge.col + merge.numCols - 1, 1);
    this.goTo({ row, col }, extend);
  }

  /** The shown column `steps` columns away from `col` (hidden columns skipped), kept on the sheet. */
  private columnAfter(col: number, steps: number): number {
    const cols = this.columns();
    if (!steps || !cols.length) return col;
    const at = cols.findIndex((c) => c >= col);
    const index = (at < 0 ? cols.length - 1 : at) + steps;
    return cols[Math.min(Math.max(0, index), cols.length - 1)];
  }

  /** `col`, or if it is hidden the nearest shown column before it (else after it). */
  private shownColumn(col: number): number {
    const cols = this.columns();
    if (!cols.length || cols.includes(col)) return col;
    return cols.filter((c) => c < col).pop() ?? cols.find((c) => c > col) ?? col;
  }

  /** Selects `to` (or extends the selection to it), shows it, and tells the server. */
  private goTo(p: Pos, extend: boolean): void {
    const s = this.sheet!;
    const to = { row: Math.min(Math.max(1, p.row), s.maxRows), col: this.shownColumn(Math.min(Math.max(1, p.col), s.shownCols)) };
    const target = this.mergeAt(to);
    this.selectCells(target && !extend ? { row: target.row, col: target.col } : to, extend);
    if (extend) this.lastExtend = to;
    this.scrollIntoView(to);
    this.actions.selected(this.selection);
  }

  private lastExtend: Pos | null = null;

  /** The moving corner of a shift-extended selection. */
  private extendEnd(): Pos {
    const r = this.selection[0];
    if (this.lastExtend && r && this.lastExtend.row >= r.row && this.lastExtend.row < r.row + r.numRows) return this.lastExtend;
    return { row: r.row === this.anchor.row ? r.row + r.numRows - 1 : r.row, col: r.col === this.anchor.col ? r.col + r.numCols - 1 : r.col };
  }

  /** Body rows that fit in the grid's window below the frozen ones. */
  private pageRows(): number {
    const frozen = this.sheet?.frozenRows ?? 0;
    return Math.max(1, Math.floor((this.scroller.clientHeight - HEADER_HEIGHT - frozen * ROW_HEIGHT) / ROW_HEIGHT));
  }

  /** PageDown/PageUp as in Sheets: the sheet scrolls a screen and the active cell moves with it. */
  private page(direction: 1 | -1, extend: boolean): void {
    const rows = this.pageRows() * direction;
    this.scroller.scrollTop += rows * ROW_HEIGHT;
    this.move(rows, 0, extend);
  }

  /**
   * Ctrl+arrow. Sheets stops at each edge of a block of data; here the page knows only the rows it
   * has loaded, so it goes to the sheet's last row (or column) with data, then to the sheet's edge.
   */
  private jump(key: string, extend: boolean): void {
    const s = this.sheet!;
    const from = extend ? this.extendEnd() : this.active;
    const cols = this.columns();
    const lastCol = this.shownColumn(Math.min(s.lastCol, s.shownCols));
    if (key === 'ArrowUp') this.scroller.scrollTop = 0; // row 1 may be frozen: show the top anyway
    const to =
      key === 'ArrowUp'
        ? { row: 1, col: from.col }
        : key === 'ArrowDown'
          ? { row: from.row < s.lastRow ? s.lastRow : s.maxRows, col: from.col }
          : key === 'ArrowLeft'
            ? { row: from.row, col: cols[0] ?? 1 }
            : { row: from.row, col: from.col < lastCol ? lastCol : (cols[cols.length - 1] ?? 1) };
    this.goTo(to, extend);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.sheet || this.editor || e.target !== this.scroller) return;
    const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (e.key === 'ArrowDown' && e.altKey) {
      e.preventDefault();
      this.openDropdown(this.active, true);
      return;
    }
    if (arrows[e.key] && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.jump(e.key, e.shiftKey);
      return;
    }
    if (arrows[e.key]) {
      e.preventDefault();
      const [dr, dc] = arrows[e.key];
      this.move(dr, dc, e.shiftKey);
      return;
    }
    if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      this.page(e.key === 'PageDown' ? 1 : -1, e.shiftKey);
      return;
    }
    if (e.key === 'Home' || e.key === 'End') {
      // Home: column A, End: the last column with data; with Ctrl, A1 and the last cell with data.
      e.preventDefault();
      const s = this.sheet;
      const wholeSheet = e.ctrlKey || e.metaKey;
      if (wholeSheet && e.key === 'Home') this.scroller.scrollTop = 0;
      const row = !wholeSheet ? this.active.row : e.key === 'Home' ? 1 : s.lastRow || 1;
      const col = e.key === 'Home' ? (this.columns()[0] ?? 1) : Math.min(s.lastCol || 1, s.shownCols);
      this.goTo({ row, col }, e.shiftKey);
      return;
    }
    if (e.key === 'Tab') {
      // Tab moves right and Shift+Tab left, as in Sheets; from the last column (Shift+Tab: the
      // first) the browser's own Tab takes the keyboard out of the grid to the next control.
      const cols = this.columns();
      const edge = e.shiftKey ? cols[0] : cols[cols.length - 1];
      if (this.active.col === edge || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      this.move(0, e.shiftKey ? -1 : 1, false);
      return;
    }
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      this.startEdit(this.active, null);
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      this.actions.clear(this.selection);
      return;
    }
    if (e.key === ' ' && this.cell(this.active.row, this.active.col).rule?.kind === 'checkbox') {
      e.preventDefault();
      this.toggleCheckbox(this.active);
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      this.startEdit(this.active, e.key);
    }
  }
}
