// MAP with a LAMBDA, as Google Sheets computes them; HyperFormula has neither.
// https://support.google.com/docs/answer/12568985 (MAP: "Maps each value in the given arrays to a
// new value by application of a LAMBDA function to each value"; MAP(array1, [array2, ...],
// LAMBDA); the arrays must be the same size, the LAMBDA takes one name per array);
// https://support.google.com/docs/answer/12508718 (LAMBDA([name, ...], formula_expression)).
// The formula is computed once per cell, each name standing for that cell's value, as any
// formula on one value (no array arithmetic inside it). A LAMBDA with the wrong number of names
// is #N/A (documented); arrays of different sizes are #VALUE! (assumed); a LAMBDA that gives an
// array gives its first value here (Google: "Array results for mapped values aren't supported",
// the error not said). Only LAMBDA as MAP's last argument is
// supported: a LAMBDA alone, or called with values, is #N/A here (assumed error). The engine
// links the MAP's cell to every reference in it, the LAMBDA's formula too, as to any formula's.

import { ArraySize, CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';

type RunArgs = Parameters<FunctionPlugin['runFunction']>;
type Result = ReturnType<FunctionPlugin['runFunction']>;
type State = RunArgs[1];
type AstNode = RunArgs[0][number] & { type: string; procedureName?: string; args?: AstNode[]; expressionName?: string; expression?: AstNode };
type Ast = { args: AstNode[] };

/** The values the names of the LAMBDAs being computed stand for, innermost last (upper-case names). */
const bindings: Map<string, unknown>[] = [];

function withArrayMode(state: State, arraysFlag: boolean): State {
  return Object.assign(Object.create(Object.getPrototypeOf(state)) as State, state, { arraysFlag });
}

/** A LAMBDA's names and formula, or null when `ast` is not a LAMBDA whose arguments before the last are names. */
function lambdaParts(ast: AstNode | undefined): { names: string[]; body: AstNode } | null {
  let node = ast;
  while (node?.type === 'PARENTHESES') node = node.expression;
  if (node?.type !== 'FUNCTION_CALL' || node.procedureName !== 'LAMBDA' || !node.args?.length) return null;
  const names = node.args.slice(0, -1);
  if (!names.every((n) => n.type === 'NAMED_EXPRESSION')) return null;
  return { names: names.map((n) => n.expressionName!.toUpperCase()), body: node.args[node.args.length - 1] };
}

class SheetsLambdaPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    MAP: {
      method: 'map',
      sizeOfResultArrayMethod: 'mapArraySize',
      parameters: [{ argumentType: FunctionArgumentType.ANY }],
      repeatLastArgs: 1,
      vectorizationForbidden: true,
    },
    LAMBDA: {
      method: 'lambda',
      parameters: [{ argumentType: FunctionArgumentType.ANY }],
      repeatLastArgs: 1,
    },
  };

  map(ast: Ast, state: State): Result {
    const lambda = lambdaParts(ast.args[ast.args.length - 1]);
    if (!lambda || ast.args.length < 2) return new CellError(ErrorType.VALUE, 'MAP needs arrays and a LAMBDA.');
    if (lambda.names.length !== ast.args.length - 1) return new CellError(ErrorType.NA, 'Wrong number of arguments to LAMBDA.');
    const arrays: unknown[][][] = [];
    for (const arg of ast.args.slice(0, -1)) {
      const value = this.evaluateAst(arg as never, withArrayMode(state, true));
      if (value instanceof CellError) return value;
      arrays.push(value instanceof SimpleRangeValue ? value.data : [[value]]);
    }
    const height = arrays[0].length;
    const width = arrays[0][0]?.length ?? 0;
    if (arrays.some((a) => a.length !== height || (a[0]?.length ?? 0) !== width)) return new CellError(ErrorType.VALUE, 'MAP arrays have different sizes.');
    const single = withArrayMode(state, false);
    const out = Array.from({ length: height }, (_, i) =>
      Array.from({ length: width }, (_, j) => {
        bindings.push(new Map(lambda.names.map((name, k) => [name, arrays[k][i][j]])));
        try {
          const value = this.evaluateAst(lambda.body as never, single);
          return value instanceof SimpleRangeValue ? value.data[0][0] : value;
        } finally {
          bindings.pop();
        }
      }),
    );
    return SimpleRangeValue.onlyValues(out as never);
  }

  mapArraySize(ast: Ast, state: State): ArraySize {
    if (ast.args.length < 2 || !lambdaParts(ast.args[ast.args.length - 1])) return ArraySize.scalar();
    const size = this.arraySizeForAst(ast.args[0] as never, withArrayMode(state, true));
    return new ArraySize(size.width, size.height);
  }

  lambda(): Result {
    return new CellError(ErrorType.NA, 'A LAMBDA is computed only as the last argument of MAP here.');
  }
}

/** Makes the engine read a LAMBDA's names as the values they stand for, while MAP computes it. */
function bindNamesInInterpreter(hf: HyperFormula): void {
  const interpreter = (hf as unknown as { evaluator: { interpreter: object } }).evaluator.interpreter;
  const proto = Object.getPrototypeOf(interpreter) as {
    evaluateAstWithoutPostprocessing(ast: AstNode, state: State): unknown;
    _lambdaNames?: true;
  };
  if (proto._lambdaNames) return;
  const original = proto.evaluateAstWithoutPostprocessing;
  proto.evaluateAstWithoutPostprocessing = function (this: unknown, ast: AstNode, state: State) {
    if (ast.type === 'NAMED_EXPRESSION' && bindings.length) {
      const name = ast.expressionName!.toUpperCase();
      for (let k = bindings.length - 1; k >= 0; k--) if (bindings[k].has(name)) return bindings[k].get(name);
    }
    return original.call(this, ast, state);
  };
  proto._lambdaNames = true;
}

let registered = false;

/** Adds MAP and LAMBDA for every engine built afterwards; `hf` is one of them (the interpreter is shared code). */
export function registerSheetsLambda(): void {
  if (registered) return;
  // New names need a translation in the engine's language (its default, enGB).
  HyperFormula.registerFunction('MAP', SheetsLambdaPlugin, { enGB: { MAP: 'MAP' } });
  HyperFormula.registerFunction('LAMBDA', SheetsLambdaPlugin, { enGB: { LAMBDA: 'LAMBDA' } });
  registered = true;
}

export { bindNamesInInterpreter };
