// IF as Google Sheets computes it: only the branch its condition takes. HyperFormula's own IF
// computes both branches before choosing (BooleanPlugin.conditionalIf through runFunction), so a
// list row the Dashboard leaves blank still ran the XLOOKUPs of its other branch, each a scan of
// a whole tracker column (a key of "" is not in the engine's column index).
// Google's IF page (https://support.google.com/docs/answer/3093364) does not say which branches
// it computes; HyperFormula's maintainers found Sheets, Excel and LibreOffice computing only the
// branch taken, where HyperFormula does not (handsontable/hyperformula#336, "#CYCLE! shouldn't
// occur when the IF condition is not met", labelled Verified). That issue's circular reference in
// a branch not taken still shows as a cycle here: the engine finds cycles from every reference in
// a formula before computing anything.
//
// The values are HyperFormula's own wherever both branches were computed (checked formula by
// formula in test/emulator/conditionals.test.ts): the branch taken goes through the same argument
// handling (coercion, errors, element-wise arrays), the branch not taken left out of it. That
// branch is still computed where it could change the result: when the condition is neither TRUE
// nor FALSE (an array of conditions inside an array formula, each element choosing its own
// branch; an error; text), and when the branch not taken may be an array (inside an array formula
// its size makes the result as large; outside one, a range HyperFormula cannot take one value of
// makes the IF #VALUE!, whichever branch is taken).
// IF is not marked doesNotNeedArgumentsToBeComputed: that flag also stops the engine linking the
// formula to the cells its arguments name, so it would not be computed again when they change.
//
// IFERROR, IFNA, IFS and SWITCH are lazy the same way. Google's IFERROR page
// (https://support.google.com/docs/answer/3093304) calls IFERROR(exp1,exp2) "logically
// equivalent to IF(NOT(ISERROR(exp1)),exp1,exp2)", so its fallback is IF's branch not taken; its
// IFS page (https://support.google.com/docs/answer/7014145) has condition2 evaluated "if the first
// one is evaluated to be false"; for IFNA and SWITCH the pages are silent, assumed alike (Excel
// stops IFS and SWITCH at a condition's or the expression's error, PSU3D0/formualizer#372).
// IFERROR and IFNA compute the fallback only for an error (#N/A for
// IFNA); IFS its conditions in order up to the first TRUE one, or an error or text (which is the
// result), and that one's value; SWITCH its cases in order up to the first match, and that one's
// value or the default. Their arguments go through HyperFormula's own handling, the others left
// out of it; where an argument may be an array (a range, or inside an array formula), every one is
// computed, by HyperFormula's own function. A circular reference in an argument not computed is
// still a cycle here, as for IF.

import { ArraySize, CellError, ErrorType, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';

type RunArgs = Parameters<FunctionPlugin['runFunction']>;
type Result = ReturnType<FunctionPlugin['runFunction']>;
type State = RunArgs[1];
type Metadata = RunArgs[2];
type AstNode = RunArgs[0][number] & { type: string };
type Ast = { args: AstNode[] };
type Implementation = Parameters<FunctionPlugin['runFunction']>[3];

/** The parts of HyperFormula's FunctionPlugin that runFunction is made of (not in its public typings). */
interface ArgumentHandling {
  coerceToType(value: unknown, parameter: unknown, state: State): unknown;
  buildMetadataForEachArgumentValue(count: number, metadata: Metadata): Metadata['parameters'];
  isNumberOfArgumentValuesValid(parameters: Metadata['parameters'], count: number): boolean;
  arithmeticHelper: { eq(left: unknown, right: unknown): boolean };
  calculateSizeOfVectorizedResultArray(values: unknown[], parameters: Metadata['parameters']): [number, number];
  vectorizeAndBroadcastArgumentsIfNecessary(on: boolean, values: unknown[], parameters: Metadata['parameters'], row: number, col: number): unknown[];
  isRangePassedAsAScalarArgument(value: unknown, parameter: unknown): boolean;
  calculateSingleCellOfResultArray(
    state: State,
    args: unknown[],
    parameters: Metadata['parameters'],
    ignorable: boolean[],
    empty: boolean[],
    implementation: Implementation,
    returnNumberType: unknown,
  ): unknown;
}

/** IF's own choice, on its arguments once handled (HyperFormula's conditionalIf). */
const choose = (condition: unknown, ifTrue: Result, ifFalse: Result): Result => (condition ? ifTrue : ifFalse);

// HyperFormula's own choices (BooleanPlugin), on arguments once handled; its messages
// (ErrorMessage.NoConditionMet, NoDefault) are not exported.
const iferror = (value: Result, fallback: Result): Result => (value instanceof CellError ? fallback : value);
const ifna = (value: Result, fallback: Result): Result => (value instanceof CellError && value.type === ErrorType.NA ? fallback : value);
const ifs = (...args: Result[]): Result => {
  for (let i = 0; i < args.length; i += 2) if (args[i]) return args[i + 1];
  return new CellError(ErrorType.NA, 'None of the conditions were met.');
};
const switchOf =
  (eq: (left: unknown, right: unknown) => boolean) =>
  (selector: Result, ...args: Result[]): Result => {
    let i = 0;
    for (; i + 1 < args.length; i += 2) {
      if (args[i] instanceof CellError) continue;
      if (eq(selector, args[i])) return args[i + 1];
    }
    return i < args.length ? args[i] : new CellError(ErrorType.NA, 'No default option.');
  };

/** Stands for an argument not computed: a single value, never chosen. */
const NOT_TAKEN = false;

const isOneCell = (size: ArraySize) => size.width === 1 && size.height === 1;

type BooleanPluginClass = new (...args: never[]) => FunctionPlugin;

/** The functions made lazy besides IF, by the name of HyperFormula's method for each. */
const LAZY_METHODS = { IFERROR: 'iferror', IFNA: 'ifna', IFS: 'ifs', SWITCH: 'switch' } as const;
type LazyName = keyof typeof LAZY_METHODS;

/** Thrown by `read` where an argument is an array: the function is then computed whole. */
const AN_ARRAY = Symbol('an array');

/**
 * Which arguments `name` needs, in the order it computes them: `read(i)` computes argument i and
 * gives it as the function receives it (coerced to its parameter's type; an error, or undefined
 * for a value of the wrong type, which the function's result then is).
 */
type Walk = (read: (i: number) => unknown, count: number) => void;

function lazyIf(Original: BooleanPluginClass): BooleanPluginClass {
  class SheetsIfPlugin extends Original {
    conditionalIf(ast: Ast, state: State): Result {
      const metadata = this.metadata('IF');
      const args = ast.args;
      if (args.length < 2 || args.length > 3) return this.runFunction(args, state, metadata, choose);
      const condition = this.evaluateAst(args[0], state);
      const vectorizing = state.arraysFlag && !metadata.vectorizationForbidden;
      const truth = vectorizing && condition instanceof SimpleRangeValue ? undefined : this.handling.coerceToType(condition, metadata.parameters![0], state);
      const taken = truth === true ? 1 : 2;
      const notTaken = 3 - taken;
      const mustComputeBoth = typeof truth !== 'boolean' || (notTaken < args.length && !isOneCell(this.arraySizeForAst(args[notTaken], state)));
      const values = args.map((arg, i) => (i === 0 ? condition : mustComputeBoth || i === taken ? this.evaluateAst(arg, state) : NOT_TAKEN));
      return this.onValues(args, values, state, metadata);
    }

    iferror(ast: Ast, state: State): Result {
      return this.lazily('IFERROR', ast, state, iferror, (read) => {
        if (read(0) instanceof CellError) read(1);
      });
    }

    ifna(ast: Ast, state: State): Result {
      return this.lazily('IFNA', ast, state, ifna, (read) => {
        const value = read(0);
        if (value instanceof CellError && value.type === ErrorType.NA) read(1);
      });
    }

    ifs(ast: Ast, state: State): Result {
      return this.lazily('IFS', ast, state, ifs, (read, count) => {
        for (let i = 0; i + 1 < count; i += 2) {
          const condition = read(i);
          if (condition !== false) {
            if (condition === true) read(i + 1);
            return;
          }
        }
      });
    }

    switch(ast: Ast, state: State): Result {
      const eq = (left: unknown, right: unknown) => this.handling.arithmeticHelper.eq(left, right);
      return this.lazily('SWITCH', ast, state, switchOf(eq), (read, count) => {
        const selector = read(0);
        if (selector === undefined || selector instanceof CellError) return;
        let i = 1;
        for (; i + 1 < count; i += 2) {
          const option = read(i);
          if (option instanceof CellError || !eq(selector, option)) continue;
          read(i + 1);
          return;
        }
        if (i < count) read(i);
      });
    }

    /**
     * `name` computing only the arguments `walk` reads, the others standing as NOT_TAKEN, then
     * choosing by `choice` (HyperFormula's own implementation of it); HyperFormula's own method
     * where the number of arguments is wrong or an argument may be an array.
     */
    private lazily(name: LazyName, ast: Ast, state: State, choice: Implementation, walk: Walk): Result {
      const metadata = this.metadata(name);
      const args = ast.args;
      const eager = () => (Original.prototype as unknown as Record<string, (ast: Ast, state: State) => Result>)[LAZY_METHODS[name]].call(this, ast, state);
      const parameters = this.handling.buildMetadataForEachArgumentValue(args.length, metadata);
      if (!this.handling.isNumberOfArgumentValuesValid(parameters, args.length)) return eager();
      if (args.some((arg) => !isOneCell(this.arraySizeForAst(arg, state)))) return eager();
      const values: unknown[] = args.map(() => NOT_TAKEN);
      const read = (i: number) => {
        const value = this.evaluateAst(args[i], state);
        if (value instanceof SimpleRangeValue) throw AN_ARRAY;
        values[i] = value;
        return this.handling.coerceToType(value, parameters![i], state);
      };
      try {
        walk(read, args.length);
      } catch (e) {
        if (e === AN_ARRAY) return eager();
        throw e;
      }
      return this.onValues(args, values, state, metadata, choice);
    }

    private get handling(): ArgumentHandling {
      return this as unknown as ArgumentHandling;
    }

    /** HyperFormula's runFunction, on argument values already computed. */
    private onValues(args: AstNode[], values: unknown[], state: State, metadata: Metadata, implementation: Implementation = choose): Result {
      const h = this.handling;
      const parameters = h.buildMetadataForEachArgumentValue(values.length, metadata);
      const ignorable = values.map(() => false);
      const empty = args.map((arg) => arg.type === 'EMPTY');
      const vectorizing = state.arraysFlag && !metadata.vectorizationForbidden;
      const [height, width] = vectorizing ? h.calculateSizeOfVectorizedResultArray(values, parameters) : [1, 1];
      const cell = (row: number, col: number) =>
        h.calculateSingleCellOfResultArray(
          state,
          h.vectorizeAndBroadcastArgumentsIfNecessary(vectorizing, values, parameters, row, col),
          parameters,
          ignorable,
          empty,
          implementation,
          metadata.returnNumberType,
        );
      if (height === 1 && width === 1) return cell(0, 0) as Result;
      // Speed only (an IF over a 20,000-row log column): where the condition's element is TRUE or
      // FALSE and each argument has an element there, the argument handling above gives that
      // branch's element as it is (a branch is a SCALAR passing its subtype and any error,
      // value_if_false defaults to FALSE, IF has no number type to apply), so it is taken directly;
      // any other element goes through it.
      const element = values.map((value, i) => {
        if (!(value instanceof SimpleRangeValue) || !h.isRangePassedAsAScalarArgument(value, parameters?.[i])) return () => value;
        const data = value.data;
        const [rowOf, colOf] = [value.height() === 1 ? () => 0 : (row: number) => row, value.width() === 1 ? () => 0 : (col: number) => col];
        return (row: number, col: number) => data[rowOf(row)]?.[colOf(col)];
      });
      const direct = metadata.returnNumberType === undefined && args.every((arg) => arg.type !== 'EMPTY');
      const out = Array.from({ length: height }, (_, row) =>
        Array.from({ length: width }, (_, col) => {
          const condition = element[0](row, col);
          if (direct && typeof condition === 'boolean') {
            const chosen = condition ? element[1](row, col) : values.length > 2 ? element[2](row, col) : false;
            if (chosen !== undefined) return chosen;
          }
          return cell(row, col);
        }),
      );
      return SimpleRangeValue.onlyValues(out as never);
    }
  }
  return SheetsIfPlugin;
}

let registered = false;

/** Replaces IF for every engine built afterwards (HyperFormula's registry is global). */
export function registerSheetsConditionals(): void {
  if (registered) return;
  const Original = HyperFormula.getFunctionPlugin('IF') as unknown as BooleanPluginClass;
  const Lazy = lazyIf(Original);
  for (const name of ['IF', ...Object.keys(LAZY_METHODS)]) HyperFormula.registerFunction(name, Lazy as never);
  registered = true;
}
