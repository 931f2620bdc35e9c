// HyperFormula's column index (`useColumnIndex`: the lookup index XLOOKUP, MATCH and VLOOKUP
// search) kept only for the columns a lookup has searched. HyperFormula files every value of
// every column as it is written: writing a 10,000-row copy for the coach, or the tracker's
// columns no formula looks up, cost about a fifth of the write, and the index's hundreds of
// thousands of entries were more for every garbage collection to walk. A column is now filed
// when a lookup first searches it, from the values it holds then, and kept up to date after.

import type { HyperFormula } from 'hyperformula';

interface CellAddress {
  sheet: number;
  col: number;
  row: number;
}

interface ColumnsSpan {
  sheet: number;
  columnStart: number;
  numberOfColumns: number;
}

/** A cell's vertex as HyperFormula keeps it (not in its public typings). */
interface Vertex {
  isComputed?(): boolean;
  getArrayCellValue?(address: CellAddress): unknown;
  getCellValue(): unknown;
}

/** The parts of HyperFormula's ColumnIndex used here (not in its public typings). */
interface ColumnIndexParts {
  dependencyGraph: { getSheetHeight(sheet: number): number; addressMapping: { getCell(address: CellAddress): Vertex | undefined } };
  add(value: unknown, address: CellAddress): void;
  addSingleCellValue(value: unknown, address: CellAddress): void;
  removeSingleValue(value: unknown, address: CellAddress): void;
  findUsingColumnIndex(key: unknown, rangeValue: { range?: { sheet: number; start: { col: number } } }, returnOccurrence: unknown): number | undefined;
  addColumns(span: ColumnsSpan): void;
  removeColumns(span: ColumnsSpan): void;
  removeSheet(sheet: number): void;
}

/** HyperFormula's value of a date, percent or currency cell is an object holding the number (`val`). */
const rawValue = (v: unknown): unknown => (v instanceof Object && typeof (v as { val?: unknown }).val === 'number' ? (v as { val: number }).val : v);

export function indexColumnsOnFirstLookup(hf: HyperFormula): void {
  const index = (hf as unknown as { columnSearch: ColumnIndexParts }).columnSearch;
  /** Per sheet, the columns filed (true at their position). */
  const filed = new Map<number, boolean[]>();
  const isFiled = (sheet: number, col: number) => filed.get(sheet)?.[col] === true;

  const addSingle = index.addSingleCellValue.bind(index);
  const removeSingle = index.removeSingleValue.bind(index);
  index.addSingleCellValue = (value, address) => {
    if (isFiled(address.sheet, address.col)) addSingle(value, address);
  };
  index.removeSingleValue = (value, address) => {
    if (isFiled(address.sheet, address.col)) removeSingle(value, address);
  };

  /** Files every computed value of the column, as HyperFormula would have as each was set. */
  const fileColumn = (sheet: number, col: number) => {
    const columns = filed.get(sheet) ?? [];
    filed.set(sheet, columns);
    columns[col] = true;
    const graph = index.dependencyGraph;
    const height = graph.getSheetHeight(sheet);
    for (let row = 0; row < height; row++) {
      const address = { sheet, col, row };
      const vertex = graph.addressMapping.getCell(address);
      if (!vertex || (vertex.isComputed && !vertex.isComputed())) continue; // a formula not computed yet is filed when it is
      const value = vertex.getArrayCellValue ? vertex.getArrayCellValue(address) : vertex.getCellValue();
      index.add(rawValue(value), address); // skips empty cells and errors, as HyperFormula does
    }
  };

  const find = index.findUsingColumnIndex.bind(index);
  index.findUsingColumnIndex = (key, rangeValue, returnOccurrence) => {
    const range = rangeValue.range;
    if (range && !isFiled(range.sheet, range.start.col)) fileColumn(range.sheet, range.start.col);
    return find(key, rangeValue, returnOccurrence);
  };

  // Inserted and deleted columns move the index's columns: the marks move with them.
  const addColumns = index.addColumns.bind(index);
  const removeColumns = index.removeColumns.bind(index);
  const removeSheet = index.removeSheet.bind(index);
  index.addColumns = (span) => {
    filed.get(span.sheet)?.splice(span.columnStart, 0, ...Array<boolean>(span.numberOfColumns).fill(false));
    addColumns(span);
  };
  index.removeColumns = (span) => {
    filed.get(span.sheet)?.splice(span.columnStart, span.numberOfColumns);
    removeColumns(span);
  };
  index.removeSheet = (sheet) => {
    filed.delete(sheet);
    removeSheet(sheet);
  };
}
