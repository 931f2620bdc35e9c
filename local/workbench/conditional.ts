// Conditional formatting as Sheets paints it: for each cell, the first rule (in the sheet's
// order) whose condition holds gives the cell its colours. Custom formulas are written for the
// top-left cell of the rule's first range; for any other cell their relative references move by
// the same offset, and HyperFormula computes the result in the sheet's context.
//
// Supported conditions: custom formula, cell empty / not empty, text is exactly / contains /
// does not contain / starts with / ends with (case-insensitive, on the shown text), and the number
// comparisons. Date conditions are not evaluated (they never match here).

import type { CellValue } from 'hyperformula';
import type { EmuSheet } from '../emulator/spreadsheet/sheet.ts';
import type { CfFormat, CfRuleData } from '../emulator/spreadsheet/rules.ts';
import type { Rect } from './protocol.ts';
import { parses } from '../emulator/formulas/locale.ts';

function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const endRow = Math.min(a.row + a.numRows, b.row + b.numRows);
  const endCol = Math.min(a.col + a.numCols, b.col + b.numCols);
  return endRow > row && endCol > col ? { row, col, numRows: endRow - row, numCols: endCol - col } : null;
}

function truthy(value: CellValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return false; // text, empty, errors and arrays do not satisfy a custom formula
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

/** Whether a rule's non-formula condition holds for one cell (`raw`: the engine's value; `text`: what the cell shows). */
function holds(rule: CfRuleData, raw: CellValue, text: string): boolean {
  const [a, b] = rule.values;
  const lower = text.toLowerCase();
  const arg = String(a ?? '').toLowerCase();
  const n = num(raw);
  switch (rule.criteria) {
    case 'CELL_EMPTY':
      return text === '';
    case 'CELL_NOT_EMPTY':
      return text !== '';
    case 'TEXT_EQUAL_TO':
      return lower === arg;
    case 'TEXT_CONTAINS':
      return lower.includes(arg);
    case 'TEXT_DOES_NOT_CONTAIN':
      return !lower.includes(arg);
    case 'TEXT_STARTS_WITH':
      return lower.startsWith(arg);
    case 'TEXT_ENDS_WITH':
      return lower.endsWith(arg);
    case 'NUMBER_EQUAL_TO':
      return n !== null && n === Number(a);
    case 'NUMBER_NOT_EQUAL_TO':
      return n !== null && n !== Number(a);
    case 'NUMBER_GREATER_THAN':
      return n !== null && n > Number(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n !== null && n >= Number(a);
    case 'NUMBER_LESS_THAN':
      return n !== null && n < Number(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n !== null && n <= Number(a);
    case 'NUMBER_BETWEEN':
      return n !== null && n >= Math.min(Number(a), Number(b)) && n <= Math.max(Number(a), Number(b));
    case 'NUMBER_NOT_BETWEEN':
      return n !== null && (n < Math.min(Number(a), Number(b)) || n > Math.max(Number(a), Number(b)));
    default:
      return false;
  }
}

/** The parts of HyperFormula used to compute one formula at several cells (not in its public typings). */
interface EngineParts {
  _parser: { parse(formula: string, address: CellAddress): { ast: unknown; errors: unknown[]; dependencies: unknown[] } };
  _evaluator: { runAndForget(ast: unknown, address: CellAddress, dependencies: unknown[]): unknown };
  _exporter: { exportScalarOrRange(value: unknown): CellValue | CellValue[][] };
}

interface CellAddress {
  sheet: number;
  row: number;
  col: number;
}

/**
 * Custom-formula results for many cells at once. The formula is parsed once, at the top-left
 * cell of the rule's first range, and computed at each cell: the engine reads its relative
 * references from the cell it computes at, as Sheets moves them for every other cell of the
 * rule. (Shifting the text for each cell and parsing them all again cost a Contacts snapshot of
 * 100 rows a few hundred ms.)
 */
function customFormulaResults(sheet: EmuSheet, rule: CfRuleData, cells: { row: number; col: number }[]): boolean[] {
  const anchor = rule.rects[0];
  // The sheet keeps the formula in the engine's form (read with the locale's punctuation when set).
  const written = String(rule.values[0]);
  if (!parses(written)) return cells.map(() => false);
  const engine = sheet._ss._hf as unknown as EngineParts;
  const id = sheet._hfId;
  let parsed: ReturnType<EngineParts['_parser']['parse']>;
  try {
    parsed = engine._parser.parse(written.startsWith('=') ? written : `=${written}`, { sheet: id, row: anchor.row - 1, col: anchor.col - 1 });
  } catch {
    return cells.map(() => false); // a formula the engine cannot parse: Sheets would not colour the cell either
  }
  if (parsed.errors.length) return cells.map(() => false);
  return cells.map(({ row, col }) => {
    const v = engine._exporter.exportScalarOrRange(engine._evaluator.runAndForget(parsed.ast, { sheet: id, row: row - 1, col: col - 1 }, parsed.dependencies));
    return truthy(Array.isArray(v) ? (v[0]?.[0] ?? null) : v);
  });
}

/**
 * The conditional format of each cell of `area` (null where no rule applies).
 * `raw` and `text` hold the engine's values and the shown text of `area`, row by row.
 */
export function conditionalFormats(sheet: EmuSheet, area: Rect, raw: CellValue[][], text: string[][]): (CfFormat | null)[][] {
  const out: (CfFormat | null)[][] = Array.from({ length: area.numRows }, () => Array<CfFormat | null>(area.numCols).fill(null));
  for (const rule of sheet._cfRules) {
    const open: { row: number; col: number }[] = [];
    for (const rect of rule.rects) {
      const part = intersect(rect, area);
      if (!part) continue;
      for (let row = part.row; row < part.row + part.numRows; row++) {
        for (let col = part.col; col < part.col + part.numCols; col++) {
          if (!out[row - area.row][col - area.col]) open.push({ row, col }); // an earlier rule already coloured the others
        }
      }
    }
    if (!open.length) continue;
    const results =
      rule.criteria === 'CUSTOM_FORMULA'
        ? customFormulaResults(sheet, rule, open)
        : open.map(({ row, col }) => holds(rule, raw[row - area.row]?.[col - area.col] ?? null, text[row - area.row]?.[col - area.col] ?? ''));
    open.forEach(({ row, col }, k) => {
      if (results[k]) out[row - area.row][col - area.col] = rule.format;
    });
  }
  return out;
}
