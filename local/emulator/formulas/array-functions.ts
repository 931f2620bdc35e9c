// Array functions as Google Sheets computes them, where HyperFormula's own differ.
//
// FILTER as Google Sheets computes it: the range may be several columns wide (or rows tall), and
// each condition is one column (or one row) as long as the range, choosing whole rows (or
// columns). HyperFormula's own FILTER only takes conditions of the range's exact shape, so
// FILTER(A2:C9, B2:B9>0), which Sheets documents as its first example, fails there.
// Source: https://support.google.com/docs/answer/3093197 ("condition1 - A column or row
// containing true or false values corresponding to the first column or row of range"; "All
// conditions must be of the same type (row or column)"; "condition arguments must have exactly
// the same length as range"; no match gives #N/A).

import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';

type RunArgs = Parameters<FunctionPlugin['runFunction']>;
type Result = ReturnType<FunctionPlugin['runFunction']>;
type Ast = { args: RunArgs[0] };
type Range = InstanceType<typeof SimpleRangeValue>;

/**
 * The sizing state with array mode on, as HyperFormula's own array functions size their
 * arguments (its InterpreterState class is not exported, so the state is copied).
 */
function inArrayMode(state: RunArgs[1]): RunArgs[1] {
  return Object.assign(Object.create(Object.getPrototypeOf(state)) as RunArgs[1], state, { arraysFlag: true });
}

/** Sheets reads a condition cell as true when it is TRUE or a non-zero number. */
function passes(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return false;
}

class SheetsFilterPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    FILTER: {
      method: 'filter',
      sizeOfResultArrayMethod: 'filterArraySize',
      enableArrayArithmeticForArguments: true,
      parameters: [{ argumentType: FunctionArgumentType.RANGE }, { argumentType: FunctionArgumentType.RANGE }],
      repeatLastArgs: 1,
    },
  };

  filter(ast: Ast, state: RunArgs[1]): Result {
    return this.runFunction(ast.args, state, this.metadata('FILTER'), (range: Range, ...conditions: Range[]) => {
      const height = range.height();
      const width = range.width();
      const byRows = conditions.every((c) => c.width() === 1 && c.height() === height);
      const byColumns = !byRows && conditions.every((c) => c.height() === 1 && c.width() === width);
      if (!byRows && !byColumns) return new CellError(ErrorType.VALUE, 'FILTER has mismatched range sizes.');
      const data = range.data;
      const tests = conditions.map((c) => c.data);
      const keep = (i: number) => tests.every((test) => passes(byRows ? test[i][0] : test[0][i]));
      let out: unknown[][];
      // Rows of a reference are copied: a reference over another formula's array result hands out
      // that array's own rows, which the engine changes in place when it later computes with them.
      if (byRows) {
        out = data.filter((_, i) => keep(i));
        if (range.range) out = out.map((row) => row.slice());
      } else {
        const columns = Array.from({ length: width }, (_, j) => j).filter(keep);
        out = columns.length ? data.map((row) => columns.map((j) => row[j])) : [];
      }
      if (out.length === 0) return new CellError(ErrorType.NA, 'No matches are found in FILTER evaluation.');
      return SimpleRangeValue.onlyValues(out as never);
    });
  }

  /** At most the range's own size: the engine reserves room for the largest possible result. */
  filterArraySize(ast: Ast, state: RunArgs[1]): ArraySize {
    if (ast.args.length < 2) return ArraySize.error();
    // As HyperFormula's own FILTER does: size every argument in array mode and take the largest,
    // as a plain array size (a reference-shaped size would make the cell a non-array formula).
    const sizes = ast.args.map((arg) => this.arraySizeForAst(arg, inArrayMode(state)));
    return new ArraySize(Math.max(...sizes.map((s) => s.width)), Math.max(...sizes.map((s) => s.height)));
  }
}

// HSTACK: HyperFormula 3.x throws a TypeError (it crashes the engine, not the cell) when every
// input is empty, e.g. whole columns of a sheet with no rows yet. In Sheets a whole column is
// as tall as its sheet, blank cells and all, so an empty input stacks as blanks; an error input
// gives that error. https://support.google.com/docs/answer/13191461 (HSTACK: "appends ranges
// horizontally"; shorter ranges are padded with #N/A).
class SheetsHstackPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    HSTACK: {
      method: 'hstack',
      sizeOfResultArrayMethod: 'hstackArraySize',
      enableArrayArithmeticForArguments: true,
      parameters: [{ argumentType: FunctionArgumentType.RANGE }],
      repeatLastArgs: 1,
    },
  };

  hstack(ast: Ast, state: RunArgs[1]): Result {
    return this.runFunction(ast.args, state, this.metadata('HSTACK'), (...ranges: Range[]) => {
      const height = Math.max(1, ...ranges.map((r) => r.height()));
      const rows: unknown[][] = Array.from({ length: height }, () => []);
      for (const range of ranges) {
        const data = range.data;
        const width = Math.max(1, range.width());
        const empty = range.height() === 0 || range.width() === 0;
        for (let row = 0; row < height; row++) {
          for (let col = 0; col < width; col++) {
            if (empty) rows[row].push(EmptyValue);
            else rows[row].push(row < data.length ? data[row][col] : new CellError(ErrorType.NA, 'Value not found.'));
          }
        }
      }
      return SimpleRangeValue.onlyValues(rows as never);
    });
  }

  hstackArraySize(ast: Ast, state: RunArgs[1]): ArraySize {
    if (ast.args.length < 1) return ArraySize.error();
    const sizes = ast.args.map((arg) => this.arraySizeForAst(arg, inArrayMode(state)));
    return new ArraySize(
      sizes.reduce((n, s) => n + Math.max(1, s.width), 0),
      Math.max(1, ...sizes.map((s) => s.height)),
    );
  }
}

// ROW of a range several rows tall, inside ARRAYFORMULA: Sheets gives the row number of each
// row, a column as tall as the range; HyperFormula's own gives the first row's number only.
// https://support.google.com/docs/answer/3093316 (ROW: "If cell_reference is a range more than
// one cell wide and the formula is not used as an array formula, only the numeric value of the
// first row in cell_reference is returned"), so outside an array formula (ARRAYFORMULA, or an
// argument of FILTER and the like) =ROW(A1:A3) is 1.
// Like HyperFormula's own ROW it reads no cell, so the engine does not recompute it when rows
// are added below: a formula that also names the column (as the dashboard's do) is recomputed.
class SheetsRowPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    ROW: {
      method: 'row',
      sizeOfResultArrayMethod: 'rowArraySize',
      parameters: [{ argumentType: FunctionArgumentType.NOERROR, optionalArg: true }],
      isDependentOnSheetStructureChange: true,
      doesNotNeedArgumentsToBeComputed: true,
      vectorizationForbidden: true,
    },
  };

  row(ast: Ast, state: RunArgs[1]): Result {
    const range = this.tallRange(ast, state);
    if (!range) {
      return this.runFunctionWithReferenceArgument(
        ast.args,
        state,
        this.metadata('ROW'),
        () => state.formulaAddress.row + 1,
        (reference: { row: number }) => reference.row + 1,
      ) as Result;
    }
    // The range as the engine sizes it (a whole column is as tall as its sheet's rows with data),
    // so that it lines up with the same column read alongside it; no cell value is read.
    const value = this.evaluateAst(range, state);
    // A reference to a sheet that is gone evaluates to its error.
    if (!(value instanceof SimpleRangeValue)) return value as Result;
    const first = value.range ? value.range.start.row : 0;
    // A whole column of a sheet with no rows yet is no rows tall: one blank, as HSTACK does.
    if (value.height() === 0) return SimpleRangeValue.onlyValues([[EmptyValue]] as never);
    return SimpleRangeValue.onlyValues(Array.from({ length: value.height() }, (_, i) => [first + i + 1]) as never);
  }

  rowArraySize(ast: Ast, state: RunArgs[1]): ArraySize {
    const range = this.tallRange(ast, state);
    if (!range) return ArraySize.scalar();
    const size = this.arraySizeForAst(range, inArrayMode(state));
    return new ArraySize(1, size.height);
  }

  /** The argument when it is a range of several rows (a cell range or whole columns). */
  private tallRange(ast: Ast, state: RunArgs[1]): RunArgs[0][number] | null {
    if (ast.args.length !== 1 || !state.arraysFlag) return null;
    let arg = ast.args[0] as { type: string; expression?: unknown };
    while (arg.type === 'PARENTHESIS') arg = arg.expression as typeof arg;
    if (arg.type !== 'CELL_RANGE' && arg.type !== 'COLUMN_RANGE') return null;
    const size = this.arraySizeForAst(arg as never, inArrayMode(state));
    return size.height > 1 ? (arg as never) : null;
  }
}

let registered = false;

/** Replaces FILTER, HSTACK and ROW for every engine built afterwards (HyperFormula's registry is global). */
export function registerSheetsArrayFunctions(): void {
  if (registered) return;
  HyperFormula.registerFunction('FILTER', SheetsFilterPlugin);
  HyperFormula.registerFunction('HSTACK', SheetsHstackPlugin);
  HyperFormula.registerFunction('ROW', SheetsRowPlugin);
  registered = true;
}
