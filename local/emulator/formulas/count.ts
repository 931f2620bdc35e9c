// COUNT as Google Sheets computes it: "COUNT counts only numeric values; text values are ignored"
// (https://support.google.com/docs/answer/3093620). HyperFormula turns a value that is neither a
// range nor a cell (a FILTER that finds one row, an IF) into a number before counting it, so a
// lone "" (read as 0) or a text "12" counted. Here such a value counts when it is a number; a
// text, even empty, and an empty value do not. Ranges, cells and arrays of several values are
// HyperFormula's own count (numbers only, cached per range). Assumed, as HyperFormula does and
// Google does not say: TRUE or FALSE given as a value counts, an error given as a value does not.

import { CellError, EmptyValue, HyperFormula, SimpleRangeValue, type FunctionPlugin } from 'hyperformula';

type RunArgs = Parameters<FunctionPlugin['runFunction']>;
type Result = ReturnType<FunctionPlugin['runFunction']>;
type Ast = { args: RunArgs[0] };

/** The part of HyperFormula's NumericAggregationPlugin this builds on (not in its public typings). */
interface AggregationPlugin extends FunctionPlugin {
  doCount(args: RunArgs[0], state: RunArgs[1]): Result;
}
type AggregationPluginClass = (new (...args: never[]) => AggregationPlugin) & { implementedFunctions: Record<string, object> };

/** A number as HyperFormula holds one: plain, or a date, time, currency or percent (its RichNumber, which has `val`). */
function isNumber(value: unknown): boolean {
  return typeof value === 'number' || (value instanceof Object && !(value instanceof CellError) && typeof (value as { val?: unknown }).val === 'number');
}

/** Arguments HyperFormula counts as Sheets does: ranges and cells, whose text it already leaves out. */
const OWN_COUNT = new Set(['CELL_RANGE', 'COLUMN_RANGE', 'ROW_RANGE', 'CELL_REFERENCE']);

function sheetsCount(Original: AggregationPluginClass): AggregationPluginClass {
  return class SheetsCountPlugin extends Original {
    static override implementedFunctions = { COUNT: Original.implementedFunctions.COUNT };

    count(ast: Ast, state: RunArgs[1]): Result {
      let total = 0;
      for (const arg of ast.args) {
        if (OWN_COUNT.has((arg as { type: string }).type)) {
          const counted = this.doCount([arg], state);
          if (counted instanceof CellError) return counted;
          total += counted as number;
          continue;
        }
        const value = this.evaluateAst(arg, state);
        if (value instanceof SimpleRangeValue) total += value.data.reduce((n, row) => n + row.filter(isNumber).length, 0);
        else if (!(value instanceof CellError) && value !== EmptyValue && typeof value !== 'string') total += 1;
      }
      return total;
    }
  };
}

let registered = false;

export function registerSheetsCount(): void {
  if (registered) return;
  const Original = HyperFormula.getFunctionPlugin('COUNT') as unknown as AggregationPluginClass;
  HyperFormula.registerFunction('COUNT', sheetsCount(Original) as never);
  registered = true;
}
