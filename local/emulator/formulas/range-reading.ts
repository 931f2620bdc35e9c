// Speed only. HyperFormula reads a range's cells afresh (one lookup per cell) each time a formula
// names it, and again on each call of a MAP's LAMBDA. The Dashboard's "What gets replies" list
// names each Interview log column several times in one formula (the Event column about a dozen
// times, 20,000 rows each), and the columns worked out per first pitch read the list's 500 rows
// in every COUNTIFS of every LAMBDA call. So while the engine computes one formula, each range's
// cells are read once and handed to every use of that range.
//
// While one formula is computed no cell's value changes (the engine computes formulas one at a
// time and stores a result after computing it), so the values read are those a fresh read would
// give. The rows are shared between the uses as the engine already shares an array result's rows
// between the formulas that name it (a range read from cells is never changed in place: the
// engine only changes arrays a function made).

import { SimpleRangeValue, type HyperFormula } from 'hyperformula';

interface Read {
  graph: unknown;
  data: unknown[][];
  onlyNumbers: boolean | undefined;
}

/** The parts of SimpleRangeValue this reads and sets (not in its public typings). */
interface RangeValueInternals {
  _data: unknown[][] | undefined;
  _hasOnlyNumbers: boolean | undefined;
  range: { start: { sheet: number; row: number; col: number }; end: { row: number; col: number } } | undefined;
  dependencyGraph: unknown;
  ensureThatComputed(): void;
}

/** Ranges read during the formula being computed, by sheet and corners. */
const reads = new Map<string, Read>();
/** How deep the engine is in computing a formula: 0 between formulas. */
let depth = 0;

function rememberRangeReads(): void {
  const proto = SimpleRangeValue.prototype as unknown as RangeValueInternals & { _rememberedReads?: true };
  if (proto._rememberedReads) return;
  const original = proto.ensureThatComputed;
  proto.ensureThatComputed = function (this: RangeValueInternals) {
    const range = this.range;
    if (this._data !== undefined || depth === 0 || !range) return original.call(this);
    const key = `${range.start.sheet}:${range.start.row}:${range.start.col}:${range.end.row}:${range.end.col}`;
    const known = reads.get(key);
    if (known && known.graph === this.dependencyGraph) {
      this._data = known.data;
      this._hasOnlyNumbers = known.onlyNumbers;
      return;
    }
    original.call(this);
    reads.set(key, { graph: this.dependencyGraph, data: this._data!, onlyNumbers: this._hasOnlyNumbers });
  };
  proto._rememberedReads = true;
}

/** Makes every engine of this HyperFormula build read each range once per formula computed (`hf` is one of them). */
export function rememberRangeReadsPerFormula(hf: HyperFormula): void {
  rememberRangeReads();
  const interpreter = (hf as unknown as { evaluator: { interpreter: object } }).evaluator.interpreter;
  const proto = Object.getPrototypeOf(interpreter) as { evaluateAst(ast: unknown, state: unknown): unknown; _rangeReadsPerFormula?: true };
  if (proto._rangeReadsPerFormula) return;
  const evaluateAst = proto.evaluateAst;
  proto.evaluateAst = function (this: unknown, ast: unknown, state: unknown) {
    depth++;
    try {
      return evaluateAst.call(this, ast, state);
    } finally {
      if (--depth === 0) reads.clear();
    }
  };
  proto._rangeReadsPerFormula = true;
}
