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
//
// The same holds across the formulas of one recalculation: the engine computes a formula after
// every formula it reads, and a range's cells are values or formulas, so a range read for one
// formula has the values a fresh read would give for each formula computed after it, in that
// recalculation. The Dashboard's counts and lists name the same whole tracker columns (the
// Contact ID column in about fifteen formulas), each read cell by cell, 10,000 rows each. A
// range is forgotten when a formula in it is computed (or found in a cycle) after it was read: the
// engine's order should rule that out, so this only guards against an order it does not keep
// (no test reaches it); every range is forgotten at the recalculation's end.

import { SimpleRangeValue, type HyperFormula } from 'hyperformula';

interface Read {
  graph: unknown;
  sheet: number;
  rows: [number, number];
  cols: [number, number];
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
/** The rows of every range read from cells while a formula was computed (shared as above, never changed in place). */
export const rowsReadFromCells = new WeakSet<object>();
/** Ranges read during the recalculation under way, by the same keys. */
const readsThisRecalculation = new Map<string, Read>();
/** How many recalculations are under way (one engine's inside another's is not expected): 0 outside them. */
let recalculating = 0;

function rememberRangeReads(): void {
  const proto = SimpleRangeValue.prototype as unknown as RangeValueInternals & { _rememberedReads?: true };
  if (proto._rememberedReads) return;
  const original = proto.ensureThatComputed;
  proto.ensureThatComputed = function (this: RangeValueInternals) {
    const range = this.range;
    if (this._data !== undefined || depth === 0 || !range) return original.call(this);
    const key = `${range.start.sheet}:${range.start.row}:${range.start.col}:${range.end.row}:${range.end.col}`;
    const known = reads.get(key) ?? (recalculating > 0 ? readsThisRecalculation.get(key) : undefined);
    if (known && known.graph === this.dependencyGraph) {
      this._data = known.data;
      this._hasOnlyNumbers = known.onlyNumbers;
      reads.set(key, known);
      return;
    }
    original.call(this);
    rowsReadFromCells.add(this._data!);
    const read: Read = {
      graph: this.dependencyGraph,
      sheet: range.start.sheet,
      rows: [range.start.row, range.end.row],
      cols: [range.start.col, range.end.col],
      data: this._data!,
      onlyNumbers: this._hasOnlyNumbers,
    };
    reads.set(key, read);
    if (recalculating > 0) readsThisRecalculation.set(key, read);
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

/** A cell's vertex in HyperFormula's graph, as far as it is looked at here (not in its public typings). */
interface VertexParts {
  getFormula?: unknown;
  getAddress?(updating: unknown): { sheet: number; row: number; col: number };
  getRangeOrUndef?(): { start: { row: number; col: number }; end: { row: number; col: number } } | undefined;
}

/** The evaluator's parts patched here (not in its public typings). */
interface EvaluatorParts {
  lazilyTransformingAstService: unknown;
  partialRun(vertices: unknown): unknown;
  recomputeVertex(vertex: VertexParts, changes: unknown): boolean;
  processVertexOnCycle(vertex: VertexParts, changes: unknown): void;
}

/** Forgets the ranges read this recalculation that hold the cells of formula `vertex` (about to get a new value). */
function forgetReadsOf(evaluator: EvaluatorParts, vertex: VertexParts): void {
  if (readsThisRecalculation.size === 0 || vertex.getFormula === undefined || !vertex.getAddress) return;
  const at = vertex.getAddress(evaluator.lazilyTransformingAstService);
  const area = vertex.getRangeOrUndef?.() ?? { start: at, end: at };
  for (const [key, read] of readsThisRecalculation) {
    const overlaps =
      read.sheet === at.sheet &&
      area.start.row <= read.rows[1] &&
      area.end.row >= read.rows[0] &&
      area.start.col <= read.cols[1] &&
      area.end.col >= read.cols[0];
    if (overlaps) readsThisRecalculation.delete(key);
  }
}

/** Makes `hf`'s recalculations read each range once, however many of its formulas name it (after rememberRangeReadsPerFormula). */
export function rememberRangeReadsPerRecalculation(hf: HyperFormula): void {
  const evaluator = (hf as unknown as { _evaluator: EvaluatorParts })._evaluator;
  const partialRun = evaluator.partialRun.bind(evaluator);
  const recomputeVertex = evaluator.recomputeVertex.bind(evaluator);
  const processVertexOnCycle = evaluator.processVertexOnCycle.bind(evaluator);
  evaluator.partialRun = (vertices) => {
    recalculating++;
    try {
      return partialRun(vertices);
    } finally {
      if (--recalculating === 0) readsThisRecalculation.clear();
    }
  };
  evaluator.recomputeVertex = (vertex, changes) => {
    forgetReadsOf(evaluator, vertex);
    return recomputeVertex(vertex, changes);
  };
  evaluator.processVertexOnCycle = (vertex, changes) => {
    forgetReadsOf(evaluator, vertex);
    processVertexOnCycle(vertex, changes);
  };
}
