// Speed only. Inside an array formula HyperFormula applies a function of single values (INT,
// LEFT, ISNUMBER, MATCH, ISNA...) to each element of a range through its runFunction, which for
// every element maps all the arguments again, asks of each whether it is a range, and allocates
// index arrays. The Dashboard's "What gets replies" list applies five such functions to each of
// the Interview log's 20,000 rows. Here each argument is looked at once per call, and each
// element goes through the same argument handling and the same function as in runFunction
// (calculateSingleCellOfResultArray), so every value is the one runFunction gives.

import { SimpleRangeValue, type FunctionPlugin, type HyperFormula } from 'hyperformula';

type RunArgs = Parameters<FunctionPlugin['runFunction']>;
type Result = ReturnType<FunctionPlugin['runFunction']>;
type State = RunArgs[1];
type Metadata = RunArgs[2];
type Implementation = RunArgs[3];
type Parameters_ = NonNullable<Metadata['parameters']>;

/** The parts of HyperFormula's FunctionPlugin that runFunction is made of (not in its public typings). */
interface RunFunctionParts {
  runFunction: FunctionPlugin['runFunction'];
  evaluateArguments(args: RunArgs[0], state: State, metadata: Metadata): [unknown, boolean, boolean][];
  buildMetadataForEachArgumentValue(count: number, metadata: Metadata): Parameters_;
  isNumberOfArgumentValuesValid(parameters: Parameters_, count: number): boolean;
  calculateSizeOfVectorizedResultArray(values: unknown[], parameters: Parameters_): [number, number];
  vectorizeAndBroadcastArgumentsIfNecessary(on: boolean, values: unknown[], parameters: Parameters_, row: number, col: number): unknown[];
  isRangePassedAsAScalarArgument(value: unknown, parameter: unknown): boolean;
  calculateSingleCellOfResultArray(
    state: State,
    args: unknown[],
    parameters: Parameters_,
    ignorable: boolean[],
    empty: boolean[],
    implementation: Implementation,
    returnNumberType: unknown,
  ): unknown;
  _vectorizingOnce?: true;
}

function vectorizeOnce(plugin: RunFunctionParts): void {
  if (plugin._vectorizingOnce) return;
  const original = plugin.runFunction;
  plugin.runFunction = (args, state, metadata, implementation) => {
    if (!state.arraysFlag || metadata.vectorizationForbidden) return original(args, state, metadata, implementation);
    const evaluated = plugin.evaluateArguments(args, state, metadata);
    const values = evaluated.map(([value]) => value);
    const ignorable = evaluated.map(([, flag]) => flag);
    const empty = evaluated.map(([, , flag]) => flag);
    const parameters = plugin.buildMetadataForEachArgumentValue(values.length, metadata);
    // HyperFormula's own answer (its error), computing the arguments again.
    if (!plugin.isNumberOfArgumentValuesValid(parameters, values.length)) return original(args, state, metadata, implementation);
    const [height, width] = plugin.calculateSizeOfVectorizedResultArray(values, parameters);
    const one = (row: number, col: number, elements: unknown[]) =>
      plugin.calculateSingleCellOfResultArray(state, elements, parameters, ignorable, empty, implementation, metadata.returnNumberType);
    if (height === 1 && width === 1) return one(0, 0, plugin.vectorizeAndBroadcastArgumentsIfNecessary(true, values, parameters, 0, 0)) as Result;
    // Each argument that is a range taken element by element: its rows, and whether it is one row or column (broadcast).
    const ranges = values.map((value, i) =>
      value instanceof SimpleRangeValue && plugin.isRangePassedAsAScalarArgument(value, parameters[i])
        ? { data: value.data, rows: value.height() === 1 ? 0 : 1, cols: value.width() === 1 ? 0 : 1 }
        : null,
    );
    const out: unknown[][] = new Array(height);
    for (let row = 0; row < height; row++) {
      const line: unknown[] = new Array(width);
      for (let col = 0; col < width; col++) {
        const elements = values.map((value, i) => {
          const range = ranges[i];
          return range ? range.data[row * range.rows]?.[col * range.cols] : value;
        });
        const result = one(row, col, elements);
        if (result instanceof SimpleRangeValue) throw new Error('Function returning array cannot be vectorized.');
        line[col] = result;
      }
      out[row] = line;
    }
    return SimpleRangeValue.onlyValues(out as never);
  };
  plugin._vectorizingOnce = true;
}

/** Makes each function of `hf` that runs through runFunction look at its arguments once per call inside array formulas. */
export function vectorizeOncePerCall(hf: HyperFormula): void {
  const registry = (hf as unknown as { evaluator: { interpreter: { functionRegistry: { functions: Map<string, [string, RunFunctionParts]> } } } }).evaluator
    .interpreter.functionRegistry;
  for (const [, plugin] of registry.functions.values()) vectorizeOnce(plugin);
}
