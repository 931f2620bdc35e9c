// The spreadsheet grid: a table whose column header and frozen rows stay put (position: sticky)
// while only the body rows in view (plus a margin) are in the DOM, so a sheet of 10,000 rows
// scrolls as lightly as one of 10. Rows arrive from the server in windows and are kept until
// the workbook changes. Cell text is only ever set with textContent.

import type { CellView, GridWindow, Rect, SheetInfo, ValidationView } from '../protocol.ts';
import { cellName, columnLetters } from './a1.ts';

export const ROW_HEIGHT = 21;
const HEADER_HEIGHT = 24;
const ROW_HEADER_WIDTH = 46;
const DEFAULT_WIDTH = 100;
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 15;
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

type Pos = { row: number; col: number };

interface MergeLayout {
  anchors: Map<string, { rowSpan: number; colSpan: number; source: Pos }>;
  covered: Set<string>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class Grid {
  sheet: SheetInfo | null = null;
  version = 0;
  selection: Rect[] = [{ row: 1, col: 1, numRows: 1, numCols: 1 }];
  active: Pos = { row: 1, col: 1 };
  private anchor: Pos = { row: 1, col: 1 };
  private rows = new Map<number, CachedRow>();
  private merges: Rect[] = [];
  private rendered: { first: number; last: number } | null = null;
  private dragging: 'cells' | 'rows' | 'cols' | null = null;
  private editor: { input: HTMLInputElement; row: number; col: number; original: string; done: boolean } | null = null;
  private dropdown: HTMLElement | null = null;
  private pendingFetch = new Set<number>();

  constructor(
    readonly scroller: HTMLElement,
    readonly table: HTMLTableElement,
    private readonly actions: GridActions,
  ) {
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

  private columns(): number[] {
    const s = this.sheet;
    if (!s) return [];
    const hidden = new Set(s.hiddenCols);
    const cols: number[] = [];
    for (let c = 1; c <= s.shownCols; c++) if (!hidden.has(c)) cols.push(c);
    return cols;
  }

  private width(col: number): number {
    return this.sheet?.colWidths[col] ?? DEFAULT_WIDTH;
  }

  private visibleRows(): { first: number; last: number } {
    const s = this.sheet;
    if (!s) return { first: 1, last: 0 };
    const frozen = s.frozenRows;
    const bodyTop = Math.max(0, this.scroller.scrollTop);
    const height = Math.max(0, this.scroller.clientHeight - HEADER_HEIGHT - frozen * ROW_HEIGHT);
    const first = Math.min(s.maxRows, frozen + 1 + Math.floor(bodyTop / ROW_HEIGHT));
    const last = Math.min(s.maxRows, first + Math.ceil(height / ROW_HEIGHT) + 1);
    return { first, last };
  }

  private renderIfNeeded(): void {
    const s = this.sheet;
    const r = this.rendered;
    if (!s) return;
    const { first, last } = this.visibleRows();
    if (r && first >= r.first && last <= r.last) {
      const roomAbove = first - r.first >= 5 || r.first <= s.frozenRows + 1;
      const roomBelow = r.last - last >= 5 || r.last >= s.maxRows;
      if (roomAbove && roomBelow) return;
    }
    this.render();
  }

  // ---- drawing ----

  render(): void {
    const s = this.sheet;
    if (!s) {
      this.table.replaceChildren();
      return;
    }
    // Read the scroll position before touching the table, and swap its content in one call: a
    // table emptied even for a moment is 0 px high, and the browser then clamps scrollTop to 0
    // (the grid snapped back to row 1 after every redraw).
    const { first, last } = this.visibleRows();
    const cols = this.columns();
    const frozenCols = new Set(cols.slice(0, s.frozenCols).filter((c) => c <= s.frozenCols));
    const lefts = new Map<number, number>();
    let x = ROW_HEADER_WIDTH;
    for (const c of cols) {
      if (frozenCols.has(c)) lefts.set(c, x);
      x += this.width(c);
    }
    const group = el('colgroup');
    const rowHeadCol = el('col');
    rowHeadCol.style.width = `${ROW_HEADER_WIDTH}px`;
    group.append(rowHeadCol);
    for (const c of cols) {
      const col = el('col');
      col.style.width = `${this.width(c)}px`;
      group.append(col);
    }
    this.table.style.width = `${x}px`;

    const head = el('thead');
    const letters = el('tr', 'col-header');
    const corner = el('th', 'corner');
    corner.title = 'Select all';
    letters.append(corner);
    for (const c of cols) {
      const th = el('th', 'ch', columnLetters(c));
      th.dataset.col = String(c);
      if (lefts.has(c)) {
        th.classList.add('fcol');
        th.style.left = `${lefts.get(c)}px`;
      }
      letters.append(th);
    }
    head.append(letters);
    const frozenLayout = this.mergeLayout(1, s.frozenRows, cols);
    for (let r = 1; r <= s.frozenRows; r++) {
      const tr = this.renderRow(r, cols, lefts, frozenLayout);
      tr.classList.add('frozen');
      for (const cell of Array.from(tr.children) as HTMLElement[]) cell.style.top = `${HEADER_HEIGHT + (r - 1) * ROW_HEIGHT}px`;
      head.append(tr);
    }

    const from = Math.max(s.frozenRows + 1, first - OVERSCAN);
    const to = Math.min(s.maxRows, last + OVERSCAN);
    const body = el('tbody');
    const spacer = (rows: number) => {
      const tr = el('tr', 'spacer');
      tr.style.height = `${rows * ROW_HEIGHT}px`;
      const td = el('td');
      td.colSpan = cols.length + 1;
      tr.append(td);
      return tr;
    };
    if (from > s.frozenRows + 1) body.append(spacer(from - s.frozenRows - 1));
    const bodyLayout = this.mergeLayout(from, to, cols);
    for (let r = from; r <= to; r++) body.append(this.renderRow(r, cols, lefts, bodyLayout));
    if (to < s.maxRows) body.append(spacer(s.maxRows - to));
    this.table.replaceChildren(group, head, body);
    this.rendered = { first: from, last: to };
    this.paintSelection();
    this.requestMissing(from, to);
  }

  private requestMissing(from: number, to: number): void {
    let missing = -1;
    for (let r = from; r <= to; r++) {
      if (!this.rows.has(r) && !this.pendingFetch.has(r)) {
        missing = r;
        break;
      }
    }
    if (missing < 0) return;
    const top = missing;
    const rows = Math.min(FETCH_ROWS, (this.sheet?.maxRows ?? top) - top + 1);
    for (let r = top; r < top + rows; r++) this.pendingFetch.add(r);
    this.actions.need(top, rows);
  }

  /** Merges drawn in the section [sectionFirst, sectionLast]: anchors (with their spans) and covered cells. */
  private mergeLayout(sectionFirst: number, sectionLast: number, cols: number[]): MergeLayout {
    const anchors = new Map<string, { rowSpan: number; colSpan: number; source: Pos }>();
    const covered = new Set<string>();
    for (const m of this.merges) {
      const top = Math.max(m.row, sectionFirst);
      const bottom = Math.min(m.row + m.numRows - 1, sectionLast);
      if (top > bottom) continue;
      const shown = cols.filter((c) => c >= m.col && c < m.col + m.numCols);
      if (!shown.length) continue;
      anchors.set(`${top},${shown[0]}`, { rowSpan: bottom - top + 1, colSpan: shown.length, source: { row: m.row, col: m.col } });
      for (let r = top; r <= bottom; r++) for (const c of shown) if (r !== top || c !== shown[0]) covered.add(`${r},${c}`);
    }
    return { anchors, covered };
  }

  private renderRow(r: number, cols: number[], lefts: Map<number, number>, { anchors, covered }: MergeLayout): HTMLTableRowElement {
    const tr = el('tr');
    tr.style.height = `${ROW_HEIGHT}px`;
    const rh = el('th', 'rh', String(r));
    rh.dataset.row = String(r);
    tr.append(rh);
    const loaded = this.rows.has(r);
    for (const c of cols) {
      if (covered.has(`${r},${c}`)) continue;
      const anchor = anchors.get(`${r},${c}`);
      const source = anchor?.source ?? { row: r, col: c };
      const td = el('td', 'cell');
      td.dataset.r = String(source.row);
      td.dataset.c = String(source.col);
      td.dataset.a1 = cellName(source.row, source.col);
      if (anchor) {
        td.rowSpan = anchor.rowSpan;
        td.colSpan = anchor.colSpan;
      }
      if (lefts.has(c)) {
        td.classList.add('fcol');
        td.style.left = `${lefts.get(c)}px`;
      }
      if (!loaded) td.classList.add('loading');
      this.fillCell(td, source.row, source.col);
      tr.append(td);
    }
    return tr;
  }

  private fillCell(td: HTMLElement, row: number, col: number): void {
    const { view, rule } = this.cell(row, col);
    const text = el('span', 'c');
    td.append(text);
    if (!view) return;
    td.classList.add(`k-${view.kind}`);
    const st = view.style;
    if (st?.background) td.style.backgroundColor = st.background;
    if (st?.color) td.style.color = st.color;
    if (st?.bold) td.style.fontWeight = 'bold';
    if (st?.italic) td.style.fontStyle = 'italic';
    if (st?.strike) td.style.textDecoration = 'line-through';
    if (st?.align) td.style.textAlign = st.align.toLowerCase() === 'normal' ? '' : st.align.toLowerCase();
    if (rule?.kind === 'checkbox') {
      const checked = view.text === rule.checked || (rule.checked === 'TRUE' && view.text === 'TRUE');
      const box = el('span', 'cb', checked ? '☑' : '☐');
      box.setAttribute('role', 'checkbox');
      box.setAttribute('aria-checked', String(checked));
      td.classList.add('has-cb');
      td.replaceChildren(box);
    } else {
      text.textContent = view.text;
    }
    if (rule?.kind === 'list' && rule.dropdown) {
      td.classList.add('has-dd');
      const arrow = el('span', 'dd', '▾');
      arrow.title = 'Choose from the list';
      td.append(arrow);
    }
    if (view.note) {
      td.classList.add('has-note');
      td.title = view.note;
    }
    if (view.invalid) {
      td.classList.add('invalid');
      td.title = rule?.help ? `Invalid: ${rule.help}` : 'Invalid: this value breaks the cell’s validation rule.';
    }
  }

  /** Marks the selected cells and headers on the rows in the DOM. */
  paintSelection(): void {
    const s = this.sheet;
    if (!s) return;
    const inSel = (r: number, c: number) => this.selection.some((x) => r >= x.row && r < x.row + x.numRows && c >= x.col && c < x.col + x.numCols);
    for (const td of Array.from(this.table.querySelectorAll<HTMLElement>('td.cell'))) {
      const r = Number(td.dataset.r);
      const c = Number(td.dataset.c);
      td.classList.toggle('sel', inSel(r, c));
      td.classList.toggle('active', r === this.active.row && c === this.active.col);
    }
    const rowsSel = (r: number) => this.selection.some((x) => r >= x.row && r < x.row + x.numRows);
    const colsSel = (c: number) => this.selection.some((x) => c >= x.col && c < x.col + x.numCols);
    for (const th of Array.from(this.table.querySelectorAll<HTMLElement>('th.rh'))) th.classList.toggle('sel-h', rowsSel(Number(th.dataset.row)));
    for (const th of Array.from(this.table.querySelectorAll<HTMLElement>('th.ch'))) th.classList.toggle('sel-h', colsSel(Number(th.dataset.col)));
  }

  // ---- selection ----

  private cellOf(target: EventTarget | null): Pos | null {
    const td = (target as HTMLElement | null)?.closest?.('td.cell') as HTMLElement | null;
    return td ? { row: Number(td.dataset.r), col: Number(td.dataset.c) } : null;
  }

  private mergeAt(p: Pos): Rect | undefined {
    return this.merges.find((m) => p.row >= m.row && p.row < m.row + m.numRows && p.col >= m.col && p.col < m.col + m.numCols);
  }

  private span(a: Pos, b: Pos): Rect {
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

  /** Selects from the anchor to `to` (or just `to`), keeping the anchor when extending. */
  selectCells(to: Pos, extend = false): void {
    if (!extend) this.anchor = { ...to };
    this.active = extend ? { ...this.anchor } : { ...to };
    this.selection = [this.span(this.anchor, to)];
    this.paintSelection();
    this.actions.activeChanged();
  }

  selectRows(from: number, to: number): void {
    const s = this.sheet!;
    const first = Math.min(from, to);
    this.selection = [{ row: first, col: 1, numRows: Math.abs(to - from) + 1, numCols: s.maxCols }];
    this.active = { row: from, col: 1 };
    this.paintSelection();
    this.actions.activeChanged();
  }

  selectCols(from: number, to: number): void {
    const s = this.sheet!;
    const first = Math.min(from, to);
    this.selection = [{ row: 1, col: first, numRows: s.maxRows, numCols: Math.abs(to - from) + 1 }];
    this.active = { row: 1, col: from };
    this.paintSelection();
    this.actions.activeChanged();
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

  private move(dRow: number, dCol: number, extend: boolean): void {
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

  scrollIntoView(p: Pos): void {
    const s = this.sheet!;
    if (p.row > s.frozenRows) {
      const y = (p.row - s.frozenRows - 1) * ROW_HEIGHT;
      const visible = this.scroller.clientHeight - HEADER_HEIGHT - s.frozenRows * ROW_HEIGHT - ROW_HEIGHT;
      if (y < this.scroller.scrollTop) this.scroller.scrollTop = y;
      // Scrolled down by whole rows, so that the top row is not cut under the frozen ones.
      else if (y > this.scroller.scrollTop + visible) this.scroller.scrollTop = Math.ceil((y - visible) / ROW_HEIGHT) * ROW_HEIGHT;
    }
    let x = ROW_HEADER_WIDTH;
    for (const c of this.columns()) {
      if (c === p.col) break;
      x += this.width(c);
    }
    const w = this.width(p.col);
    if (x - ROW_HEADER_WIDTH < this.scroller.scrollLeft) this.scroller.scrollLeft = x - ROW_HEADER_WIDTH;
    else if (x + w > this.scroller.scrollLeft + this.scroller.clientWidth) this.scroller.scrollLeft = x + w - this.scroller.clientWidth;
    this.renderIfNeeded();
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

  // ---- editing ----

  private tdAt(p: Pos): HTMLElement | null {
    return this.table.querySelector<HTMLElement>(`td.cell[data-r="${p.row}"][data-c="${p.col}"]`);
  }

  /** Opens the in-cell editor: with the cell's content, or (typing) replacing it with `initial`. */
  startEdit(p: Pos, initial: string | null): void {
    this.closeDropdown();
    this.commitEdit('none');
    if (!this.sheet) return;
    this.selectCells(p);
    this.scrollIntoView(p);
    const original = this.cell(p.row, p.col).view?.input ?? '';
    const input = el('input', 'cell-editor');
    input.type = 'text';
    input.spellcheck = false;
    input.setAttribute('aria-label', `Edit ${cellName(p.row, p.col)}`);
    input.value = initial ?? original;
    document.body.append(input);
    this.editor = { input, row: p.row, col: p.col, original, done: false };
    this.placeEditor();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.commitEdit('down');
      } else if (e.key === 'Tab') {
        e.preventDefault();
        this.commitEdit(e.shiftKey ? 'left' : 'right');
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.cancelEdit();
      }
    });
    input.addEventListener('blur', () => this.commitEdit('none'));
  }

  /** Whether the in-cell editor is open. */
  get editing(): boolean {
    return this.editor !== null;
  }

  private placeEditor(): void {
    const ed = this.editor;
    if (!ed) return;
    const td = this.tdAt(ed)!;
    const scrollBox = this.scroller.getBoundingClientRect();
    const box = td?.getBoundingClientRect() ?? { left: scrollBox.left, top: scrollBox.top, width: DEFAULT_WIDTH, height: ROW_HEIGHT };
    Object.assign(ed.input.style, { left: `${box.left}px`, top: `${box.top}px`, minWidth: `${box.width}px`, height: `${box.height}px` });
  }

  commitEdit(then: 'down' | 'right' | 'left' | 'none'): void {
    const ed = this.editor;
    if (!ed || ed.done) return;
    ed.done = true;
    this.editor = null;
    const text = ed.input.value;
    ed.input.remove();
    if (text !== ed.original) this.actions.edit(ed.row, ed.col, text);
    this.scroller.focus({ preventScroll: true });
    if (then === 'down') this.move(1, 0, false);
    if (then === 'right') this.move(0, 1, false);
    if (then === 'left') this.move(0, -1, false);
  }

  cancelEdit(): void {
    const ed = this.editor;
    if (!ed) return;
    ed.done = true;
    this.editor = null;
    ed.input.remove();
    this.scroller.focus({ preventScroll: true });
  }

  private toggleCheckbox(p: Pos): void {
    const { view, rule } = this.cell(p.row, p.col);
    if (rule?.kind !== 'checkbox') return;
    this.actions.edit(p.row, p.col, view?.text === rule.checked ? rule.unchecked : rule.checked);
  }

  // ---- drop-down lists ----

  /** Opens a cell's drop-down list; from the keyboard (Alt+Down) the list takes it, on the cell's value. */
  openDropdown(p: Pos, withKeyboard = false): void {
    this.closeDropdown();
    const { view, rule } = this.cell(p.row, p.col);
    const td = this.tdAt(p);
    if (rule?.kind !== 'list' || !td) return;
    const box = td.getBoundingClientRect();
    const list = el('div', 'dropdown');
    list.setAttribute('role', 'listbox');
    list.style.left = `${box.left}px`;
    list.style.top = `${box.bottom}px`;
    list.style.minWidth = `${box.width}px`;
    for (const value of rule.values) {
      const option = el('button', 'option', value);
      option.type = 'button';
      option.tabIndex = -1;
      option.setAttribute('role', 'option');
      if (view?.text === value) option.setAttribute('aria-selected', 'true');
      option.addEventListener('mousedown', (e) => e.preventDefault());
      option.addEventListener('click', () => {
        this.closeDropdown();
        this.actions.edit(p.row, p.col, value);
        this.scroller.focus({ preventScroll: true });
      });
      list.append(option);
    }
    list.addEventListener('keydown', (e) => {
      const options = Array.from(list.querySelectorAll<HTMLElement>('.option'));
      const at = options.indexOf(document.activeElement as HTMLElement);
      const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: options.length - 1 }[e.key];
      if (to !== undefined) {
        e.preventDefault();
        options[Math.min(Math.max(0, to), options.length - 1)]?.focus();
      } else if (e.key === 'Escape' || e.key === 'Tab') {
        e.preventDefault();
        this.closeDropdown();
      }
    });
    document.body.append(list);
    this.dropdown = list;
    if (withKeyboard) (list.querySelector<HTMLElement>('.option[aria-selected="true"]') ?? list.querySelector<HTMLElement>('.option'))?.focus();
    const close = (e: MouseEvent) => {
      if (!list.contains(e.target as Node)) {
        this.closeDropdown();
        window.removeEventListener('mousedown', close, true);
      }
    };
    window.addEventListener('mousedown', close, true);
  }

  closeDropdown(): void {
    const hadKeyboard = !!this.dropdown?.contains(document.activeElement);
    this.dropdown?.remove();
    this.dropdown = null;
    if (hadKeyboard) this.scroller.focus({ preventScroll: true });
  }
}
