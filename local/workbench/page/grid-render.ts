// The grid's drawing: a table whose column header and frozen rows stay put (position: sticky)
// while only the body rows in view (plus a margin) are in the DOM, so a sheet of 10,000 rows
// scrolls as lightly as one of 10. Cell text is only ever set with textContent.

import { cellName, columnLetters } from './a1.ts';
import { el, FETCH_ROWS, GridModel, HEADER_HEIGHT, OVERSCAN, ROW_HEADER_WIDTH, ROW_HEIGHT, type Pos } from './grid-model.ts';

interface MergeLayout {
  anchors: Map<string, { rowSpan: number; colSpan: number; source: Pos }>;
  covered: Set<string>;
}

export abstract class GridRender extends GridModel {
  protected rendered: { first: number; last: number } | null = null;

  protected renderIfNeeded(): void {
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
}
