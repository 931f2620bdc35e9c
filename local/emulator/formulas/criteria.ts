// Speed only. HyperFormula's COUNTIFS, SUMIFS, MINIFS... test a range's cells against their
// criteria through generators, several objects allocated per cell and per criterion
// (CriterionFunctionCompute.evaluateRangeValue and its ifFilter). The Dashboard's "What gets
// replies" columns run three or four such counts over the 500-row list for each first pitch, and
// its other counts run over whole tracker columns. Here the same loop is written over arrays: the
// same values mapped, each cell's criteria tested in order until one fails (on the cell's raw
// value, as there), the cells kept combined in order from the same start, and the loop stopped
// where the shortest range ends; so every result is HyperFormula's.

import { CellError, SimpleRangeValue, type HyperFormula } from 'hyperformula';
import { rowsReadFromCells } from './range-reading.ts';

interface Condition {
  conditionRange: { valuesFromTopLeftCorner(): unknown[] };
  criterionPackage: { lambda(value: unknown): boolean };
}

interface CriterionCompute {
  reduceInitialValue: unknown;
  composeFunction(this: CriterionCompute, acc: unknown, value: unknown): unknown;
  mapFunction(value: unknown, index: number, all: unknown[]): unknown;
  evaluateRangeValue(values: { valuesFromTopLeftCorner(): unknown[] }, conditions: Condition[]): unknown;
  _criteriaOverArrays?: true;
}

interface AggregationPlugin {
  computeConditionalAggregationFunction(
    values: unknown,
    conditionArgs: unknown[],
    functionName: string,
    initial: unknown,
    compose: (this: CriterionCompute, acc: unknown, value: unknown) => unknown,
    map: (value: unknown) => unknown,
  ): unknown;
}

/** A number's value without its kind (a date, a percent...: HyperFormula's RichNumber has `val`), as HyperFormula's getRawValue. */
function rawValue(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !(value instanceof CellError) && 'val' in value ? (value as { val: unknown }).val : value;
}

/**
 * The cells of a range read from cells, in order, listed once per read: the engine hands the same
 * rows to every formula of a recalculation that names the range (range-reading.ts), and never
 * changes them in place. Any other array (one a function made, another formula's array result)
 * is listed afresh, as the engine may change it in place.
 */
const listedReads = new WeakMap<object, unknown[]>();

function inOrder(range: { valuesFromTopLeftCorner(): unknown[] }): unknown[] {
  if (!(range instanceof SimpleRangeValue) || range.isAdHoc()) return range.valuesFromTopLeftCorner();
  const rows = range.data;
  if (!rowsReadFromCells.has(rows)) return range.valuesFromTopLeftCorner();
  let listed = listedReads.get(rows);
  if (!listed) listedReads.set(rows, (listed = range.valuesFromTopLeftCorner()));
  return listed;
}

function evaluateOverArrays(this: CriterionCompute, valuesRange: { valuesFromTopLeftCorner(): unknown[] }, conditions: Condition[]): unknown {
  const criteria = conditions.map((c) => c.criterionPackage.lambda);
  const values = inOrder(valuesRange).map(this.mapFunction);
  const tested = conditions.map((c) => inOrder(c.conditionRange));
  const length = Math.min(values.length, ...tested.map((t) => t.length));
  let acc = this.reduceInitialValue;
  for (let i = 0; i < length; i++) {
    let kept = true;
    for (let k = 0; k < criteria.length && kept; k++) kept = criteria[k](rawValue(tested[k][i]));
    if (kept) acc = this.composeFunction(acc, values[i]);
  }
  return acc;
}

/**
 * Makes every engine of this HyperFormula build test criteria over arrays (`hf` is one of them).
 * The class that does it is not exported: it is reached by one count of one cell whose combining
 * function HyperFormula calls as that class's method.
 */
export function testCriteriaOverArrays(hf: HyperFormula): void {
  const registry = (hf as unknown as { evaluator: { interpreter: { functionRegistry: { functions: Map<string, [string, AggregationPlugin]> } } } }).evaluator
    .interpreter.functionRegistry;
  const plugin = registry.functions.get('COUNTIFS')?.[1];
  if (!plugin) return;
  let proto: CriterionCompute | undefined;
  const one = SimpleRangeValue.onlyValues([[1]] as never);
  plugin.computeConditionalAggregationFunction(
    one,
    [one, 1],
    'COUNTIFS',
    0,
    function (this: CriterionCompute, acc: unknown) {
      proto = Object.getPrototypeOf(this) as CriterionCompute;
      return acc;
    },
    () => 1,
  );
  if (!proto || proto._criteriaOverArrays) return;
  proto.evaluateRangeValue = evaluateOverArrays;
  proto._criteriaOverArrays = true;
}
