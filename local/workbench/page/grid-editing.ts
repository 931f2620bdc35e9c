// The grid's editing: the in-cell editor (typing, Enter, F2, a double click), checkboxes, and
// drop-down lists of a cell's validation rule. Edits reach the server through the grid's actions.

import { cellName } from './a1.ts';
import { DEFAULT_WIDTH, el, ROW_HEIGHT, type Pos } from './grid-model.ts';
import { GridRender } from './grid-render.ts';

export abstract class GridEditing extends GridRender {
  protected editor: { input: HTMLInputElement; row: number; col: number; original: string; done: boolean } | null = null;
  private dropdown: HTMLElement | null = null;

  /** Moves the active cell, as the arrow keys do (see grid.ts): where a committed edit goes next. */
  protected abstract move(dRow: number, dCol: number, extend: boolean): void;

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

  protected placeEditor(): void {
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

  protected toggleCheckbox(p: Pos): void {
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
