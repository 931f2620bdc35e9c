// Moves the relative references of a formula by some rows and columns, as Sheets does when it
// applies a conditional-format formula (written for the first cell of the range) to each cell.
// "$A1" keeps its column, "A$1" its row; text inside string literals and function names such as
// LOG10( are left alone; a reference moved off the sheet becomes #REF!.

import { columnToLetters, lettersToColumn } from '../emulator/spreadsheet/a1.ts';

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)/;
const COLUMNS = /^(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\w(])/;
const ROWS = /^(\$?)(\d+):(\$?)(\d+)(?![\w.(])/;

/** A character that, before a reference, makes it part of a longer name (e.g. "Q1_A1"). */
const NAME_CHAR = /[\w.$]/;

export function shiftFormula(formula: string, dRows: number, dCols: number): string {
  if (dRows === 0 && dCols === 0) return formula;
  let out = '';
  let i = 0;
  const moveCol = (abs: string, col: string): string | null => {
    if (abs) return `$${col}`;
    const c = lettersToColumn(col) + dCols;
    return c < 1 ? null : columnToLetters(c);
  };
  const moveRow = (abs: string, row: string): string | null => {
    if (abs) return `$${row}`;
    const r = Number(row) + dRows;
    return r < 1 ? null : String(r);
  };
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      // A string literal; "" inside it is an escaped quote.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name: copy it; the reference after "!" is handled on the next turn.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) j += formula[j] === "'" ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const before = i > 0 ? formula[i - 1] : '';
    if (!NAME_CHAR.test(before)) {
      const rest = formula.slice(i);
      const cols = COLUMNS.exec(rest);
      if (cols) {
        const a = moveCol(cols[1], cols[2]);
        const b = moveCol(cols[3], cols[4]);
        out += a && b ? `${a}:${b}` : '#REF!';
        i += cols[0].length;
        continue;
      }
      const rows = ROWS.exec(rest);
      if (rows && /^[\s,(:!=<>+\-*/&^;]?$/.test(before)) {
        const a = moveRow(rows[1], rows[2]);
        const b = moveRow(rows[3], rows[4]);
        out += a && b ? `${a}:${b}` : '#REF!';
        i += rows[0].length;
        continue;
      }
      const cell = CELL.exec(rest);
      const after = rest[cell?.[0].length ?? 0] ?? '';
      if (cell && !/[\w(]/.test(after)) {
        const c = moveCol(cell[1], cell[2]);
        const r = moveRow(cell[3], cell[4]);
        out += c && r ? `${c}${r}` : '#REF!';
        i += cell[0].length;
        continue;
      }
    }
    // Copy a whole name (function, named range, sheet name, number) in one step.
    const word = /^[\w.]+/.exec(formula.slice(i));
    const take = word ? word[0].length : 1;
    out += formula.slice(i, i + take);
    i += take;
  }
  return out;
}
