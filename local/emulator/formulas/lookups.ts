// XLOOKUP as Google Sheets computes it, on HyperFormula's own lookup rules.
//
// - A range of search keys (inside ARRAYFORMULA) looks up each key and gives a column (or row)
//   of results, one per key, as Sheets does with =ARRAYFORMULA(XLOOKUP(A2:A9, D:D, E:E)).
//   HyperFormula's own XLOOKUP throws from inside the engine ("Function returning array cannot
//   be vectorized"). Google's XLOOKUP page (https://support.google.com/docs/answer/12405947)
//   does not spell this out; it is how spreadsheets in public Apps Script projects use it, e.g.
//   =ArrayFormula(XLOOKUP(B:B,'Sheet'!C:C,'Sheet'!J:J,"")). Only a one-column (or one-row)
//   result range is looked up per key.
// - Only the matched cell of a result range is read. HyperFormula's own XLOOKUP copies its whole
//   result range on every call (`returnRange.data`), so a lookup into a whole column of a
//   10,000-row tracker cost as much as the column is long; its own VLOOKUP already reads one cell.
// Everything else (match and search modes, the not-found value, errors, an empty result read
// as 0) is HyperFormula's own code.

import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';

type RunArgs = Parameters<FunctionPlugin['runFunction']>;
type Result = ReturnType<FunctionPlugin['runFunction']>;
type Ast = { args: RunArgs[0] };
type Range = InstanceType<typeof SimpleRangeValue>;
type Metadata = RunArgs[2];

/** The parts of HyperFormula's LookupPlugin this builds on (not in its public typings). */
interface LookupPlugin extends FunctionPlugin {
  xlookup(ast: Ast, state: RunArgs[1]): Result;
  xlookupArraySize(ast: Ast, state: RunArgs[1]): ArraySize;
  doXlookup(key: unknown, lookupRange: Range, returnRange: Range, notFound: unknown, wildcard: boolean, options: unknown): Result;
  searchInRange(key: unknown, range: Range, wildcard: boolean, options: unknown, strategy: unknown): number;
  zeroIfEmptyResult(value: unknown): unknown;
}
type LookupPluginClass = new (...args: never[]) => LookupPlugin;

/** A blank search key searches for 0, as in HyperFormula's own XLOOKUP. */
const zeroIfEmpty = (v: unknown) => (v === EmptyValue ? 0 : v);
const MATCH_MODES = [0, -1, 1, 2];
const SEARCH_MODES = [1, -1, 2, -2];

function columnXlookup(Original: LookupPluginClass): LookupPluginClass {
  class ColumnXlookupPlugin extends Original {
    override xlookup(ast: Ast, state: RunArgs[1]): Result {
      const own = (this as unknown as { metadata(name: string): Metadata }).metadata('XLOOKUP') as unknown as { parameters: { argumentType: string }[] };
      // The search key is taken as it comes (a value or a range) instead of being vectorized.
      const metadata = { ...own, parameters: [{ argumentType: FunctionArgumentType.ANY }, ...own.parameters.slice(1)] } as unknown as Metadata;
      return this.runFunction(
        ast.args,
        state,
        metadata,
        (key: unknown, lookup: unknown, result: unknown, notFound: unknown, matchMode: number, searchMode: number) => {
          if (!MATCH_MODES.includes(matchMode) || !SEARCH_MODES.includes(searchMode)) return new CellError(ErrorType.VALUE, 'Mode not recognized.');
          const lookups = lookup instanceof SimpleRangeValue ? lookup : SimpleRangeValue.fromScalar(lookup as never);
          const results = result instanceof SimpleRangeValue ? result : SimpleRangeValue.fromScalar(result as never);
          if (!(key instanceof SimpleRangeValue))
            return key instanceof CellError ? key : this.lookupOne(zeroIfEmpty(key), lookups, results, notFound, matchMode, searchMode);
          // Outside an array formula a range of keys is one key, its first cell (assumed, as ROW is
          // documented to do; Google's XLOOKUP page shows only single keys).
          if ((key.width() === 1 && key.height() === 1) || !state.arraysFlag) {
            const only = key.data[0][0];
            return only instanceof CellError ? only : this.lookupOne(zeroIfEmpty(only), lookups, results, notFound, matchMode, searchMode);
          }
          if (results.width() !== 1 && results.height() !== 1)
            return new CellError(ErrorType.VALUE, 'XLOOKUP with several search keys needs a result range one column wide.');
          const out = key.data.map((row) =>
            row.map((k) => {
              if (k instanceof CellError) return k;
              const one = this.lookupOne(zeroIfEmpty(k), lookups, results, notFound, matchMode, searchMode);
              return one instanceof SimpleRangeValue ? one.data[0][0] : one;
            }),
          );
          return SimpleRangeValue.onlyValues(out as never);
        },
      );
    }

    /** One key, as HyperFormula's xlookup does, reading only the matched cell. */
    private lookupOne(key: unknown, lookup: Range, result: Range, notFound: unknown, matchMode: number, searchMode: number): Result {
      const options = {
        ordering: searchMode === 2 ? 'asc' : searchMode === -2 ? 'desc' : 'none',
        returnOccurrence: searchMode === -1 ? 'last' : 'first',
        ifNoMatch: matchMode === -1 ? 'returnLowerBound' : matchMode === 1 ? 'returnUpperBound' : 'returnNotFound',
      };
      return this.doXlookup(key, lookup, result, notFound, matchMode === 2, options);
    }

    override doXlookup(key: unknown, lookupRange: Range, returnRange: Range, notFound: unknown, wildcard: boolean, options: unknown): Result {
      const target = returnRange.range;
      const vertical = lookupRange.width() === 1 && returnRange.width() === 1 && returnRange.height() === lookupRange.height();
      if (!target || !vertical) return super.doXlookup(key, lookupRange, returnRange, notFound, wildcard, options);
      const found = this.searchInRange(key, lookupRange, wildcard, options, this.columnSearch);
      // Not found: as the original answers (ErrorType.NA is the default if_not_found).
      if (found === -1) return notFound === ErrorType.NA ? new CellError(ErrorType.NA, 'Value not found.') : (notFound as Result);
      const value = this.dependencyGraph.getCellValue({ sheet: target.sheet, row: target.start.row + found, col: target.start.col });
      return SimpleRangeValue.onlyValues([[this.zeroIfEmptyResult(value) as never]]);
    }

    /**
     * One value per search key, as a plain array size (a reference-shaped size would make the
     * cell a non-array formula that cannot hold several values: "Cell range not allowed").
     */
    override xlookupArraySize(ast: Ast, state: RunArgs[1]): ArraySize {
      const own = super.xlookupArraySize(ast, state);
      const keys = ast.args[0] && state.arraysFlag ? this.arraySizeForAst(ast.args[0], state) : ArraySize.scalar();
      // (isScalar() is true for any reference-shaped size, so sizes are compared by their cells.)
      if (own.width === 1 && own.height === 1 && keys.width * keys.height > 1) return new ArraySize(keys.width, keys.height);
      return own.width * own.height > 1 ? new ArraySize(own.width, own.height) : own;
    }
  }
  return ColumnXlookupPlugin;
}

/**
 * HyperFormula's column index (the engine's lookup index, `useColumnIndex`) files text under its
 * lower-case, accent-free form, but brings an entry up to date after inserted or deleted rows
 * under the text as given (`ColumnIndex.ensureRecentData`): after rows were inserted above, a
 * lookup of "C-0001" found the row it was on before. Here every entry is brought up to date under
 * the form it is filed under (the engine's forceNormalizeString).
 */
export function fixColumnIndexAfterRowChanges(hf: HyperFormula): void {
  const search = (hf as unknown as { evaluator: { columnSearch: object } }).evaluator.columnSearch;
  const proto = Object.getPrototypeOf(search) as { ensureRecentData(sheet: number, col: number, value: unknown): void; _filedForm?: true };
  if (proto._filedForm) return;
  const original = proto.ensureRecentData;
  proto.ensureRecentData = function (this: unknown, sheet: number, col: number, value: unknown) {
    const filed =
      typeof value === 'string'
        ? value
            .toLowerCase()
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
        : value;
    original.call(this, sheet, col, filed);
  };
  proto._filedForm = true;
}

let registered = false;

export function registerSheetsXlookup(): void {
  if (registered) return;
  const Original = HyperFormula.getFunctionPlugin('XLOOKUP') as unknown as LookupPluginClass;
  HyperFormula.registerFunction('XLOOKUP', columnXlookup(Original) as never);
  registered = true;
}
