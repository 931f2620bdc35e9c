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

import { ArraySize, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';

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

/** Stands for the branch not taken: a single value, never chosen. */
const NOT_TAKEN = false;

const isOneCell = (size: ArraySize) => size.width === 1 && size.height === 1;

type BooleanPluginClass = new (...args: never[]) => FunctionPlugin;

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

    private get handling(): ArgumentHandling {
      return this as unknown as ArgumentHandling;
    }

    /** HyperFormula's runFunction, on argument values already computed. */
    private onValues(args: AstNode[], values: unknown[], state: State, metadata: Metadata): Result {
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
          choose,
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
  HyperFormula.registerFunction('IF', lazyIf(Original) as never);
  registered = true;
}
