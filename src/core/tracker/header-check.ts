// Whether a sheet can become a tracker: clear messages for the user instead of exceptions.

import { type CellRange, isBlank, maxWidth } from './cells.ts';
import { type ColumnMap, type ContactField, findHeaderRow, mapColumns, normaliseHeader } from './headers.ts';
import { TRACKER_KEYS, type TrackerKey } from './schema.ts';
import { thousands } from '../base/text.ts';

/** Google Sheets' limit on cells in one spreadsheet, all sheets together. */
export const MAX_SPREADSHEET_CELLS = 10_000_000;

export type HeaderErrorCode = 'empty-sheet' | 'no-header' | 'merged-header' | 'duplicate-headers' | 'no-name-column' | 'too-many-cells';

export interface HeaderError {
  code: HeaderErrorCode;
  message: string;
}

export interface ConfirmQuestion {
  kind: 'foreign-table';
  question: string;
  /** The headers that made the sheet look like another tool's table. */
  columns: string[];
}

export type HeaderCheck =
  | { ok: true; headerRow: number; map: ColumnMap }
  | { ok: false; error: HeaderError }
  | { ok: 'confirm'; headerRow: number; map: ColumnMap; confirm: ConfirmQuestion };

/** The sheet's grid and the whole spreadsheet's cell count, for the 10-million-cell limit. */
export interface GridSize {
  maxRows: number;
  maxColumns: number;
  /** Cells in every sheet of the spreadsheet, this one included (sum of maxRows × maxColumns). */
  cellsInSpreadsheet: number;
}

export interface HeaderCheckInput {
  /** The sheet's values from A1 (getValues of the data range). */
  rows: readonly (readonly unknown[])[];
  /** Merged ranges on the sheet, 1-based. */
  merged?: readonly CellRange[];
  grid?: GridSize;
  /** Columns setup will add; by default every tracker column not found by its header. */
  newColumns?: number;
  /** The add-on already remembers this sheet as its tracker. */
  knownTracker?: boolean;
  /** The user already answered yes to the foreign-table question. */
  confirmed?: boolean;
  /** 0-based header row, when already known (a known tracker's, found again); else detected. */
  headerRow?: number;
  /** 0-based remembered contact columns (found by metadata after a rename). */
  rememberedContact?: Partial<Record<ContactField, number>>;
}

// Headers that another job-search or CRM tracker would have. Our own default headers count
// too unless every one of them is present (then the sheet is a tracker of ours whose
// remembered settings were lost, e.g. a copied file).
const PIPELINE_HEADERS = new Set(
  [
    'status',
    'pipeline',
    'pipeline stage',
    'deal stage',
    'lead status',
    'result',
    'next step',
    'next steps',
    'follow up',
    'follow-up date',
    'next follow up date',
    'last contacted',
    'last contact date',
    'date contacted',
    'replied',
    'response',
    'application status',
    'applied',
  ].map(normaliseHeader),
);

/** Cells the sheet's grid gains when it must hold at least `rows` × `columns`. */
export function gridGrowth(grid: GridSize, rows: number, columns: number): number {
  const after = Math.max(rows, grid.maxRows) * Math.max(columns, grid.maxColumns);
  return after - grid.maxRows * grid.maxColumns;
}

/** Cells the grid gains when `newColumns` are added after column `lastColumn` (1-based count). */
export function extraGridCells(grid: GridSize, lastColumn: number, newColumns: number): number {
  return gridGrowth(grid, grid.maxRows, lastColumn + newColumns);
}

export function fitsCellLimit(cellsInSpreadsheet: number, added: number): boolean {
  return cellsInSpreadsheet + added <= MAX_SPREADSHEET_CELLS;
}

function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

function intersectsRow(range: CellRange, row1: number): boolean {
  return range.row <= row1 && row1 < range.row + range.numRows;
}

export function validateHeader(input: HeaderCheckInput): HeaderCheck {
  const { rows } = input;
  const fail = (code: HeaderErrorCode, message: string): HeaderCheck => ({ ok: false, error: { code, message } });

  if (!rows.some((row) => row.some((cell) => !isBlank(cell))))
    return fail(
      'empty-sheet',
      'This sheet is empty. Put your contacts in it (one per row, with a header row such as "Name, Email, Company"), or import a LinkedIn or Google Contacts export.',
    );

  const headerRow = input.headerRow ?? findHeaderRow(rows);
  if (headerRow < 0)
    return fail(
      'no-header',
      'I could not find a header row in the first 20 rows. Add a row of column names such as "Name", "Email", "Company" above your contacts.',
    );

  const merged = (input.merged ?? []).filter((r) => intersectsRow(r, headerRow + 1));
  if (merged.length)
    return fail(
      'merged-header',
      `The header row (row ${headerRow + 1}) has merged cells. Unmerge them (Format → Merge cells → Unmerge) so that each column has its own name, then try again.`,
    );

  const map = mapColumns(rows[headerRow]);
  if (map.duplicates.length) {
    const list = map.duplicates.map((d) => `"${d.header}" (${plural(d.indexes.length, 'time')})`).join(', ');
    return fail(
      'duplicate-headers',
      `Some column names appear more than once in row ${headerRow + 1}: ${list}. Rename them so each is unique, then try again.`,
    );
  }

  const names = { ...map.contact, ...input.rememberedContact };
  if (names.fullName === undefined && names.firstName === undefined)
    return fail(
      'no-name-column',
      `I could not find a name column in row ${headerRow + 1}. Name a column "Name" (or "First name" and "Last name") and try again.`,
    );

  if (input.grid) {
    const lastColumn = maxWidth(rows);
    const newColumns = input.newColumns ?? TRACKER_KEYS.filter((k) => map.tracker[k] === undefined).length;
    const added = extraGridCells(input.grid, lastColumn, newColumns);
    // Read only when the grid grows: the server counts the spreadsheet's cells only then.
    if (added > 0 && !fitsCellLimit(input.grid.cellsInSpreadsheet, added))
      return fail(
        'too-many-cells',
        `Adding ${plural(newColumns, 'column')} to this sheet's ${plural(input.grid.maxRows, 'row')} would take the spreadsheet past Google Sheets' limit of 10 million cells. Delete empty rows or unused sheets, or move the contacts to a new spreadsheet.`,
      );
  }

  if (!input.knownTracker && !input.confirmed) {
    const foreign = foreignColumns(rows[headerRow], map);
    if (foreign.length) {
      const adopted = foreign.filter((h) => map.recognised.some((r) => r.target.kind === 'tracker' && r.header === h));
      const question =
        `This sheet already has columns that look like another tracker's: ${foreign.map((h) => `"${h}"`).join(', ')}. ` +
        'Set up the Informational Interview Tracker here anyway? Your columns and values stay as they are' +
        (adopted.length ? `; ${adopted.map((h) => `"${h}"`).join(', ')} will be used as the tracker's own.` : '.');
      return { ok: 'confirm', headerRow, map, confirm: { kind: 'foreign-table', question, columns: foreign } };
    }
  }
  return { ok: true, headerRow, map };
}

function foreignColumns(headers: readonly unknown[], map: ColumnMap): string[] {
  const trackerFound = TRACKER_KEYS.filter((k: TrackerKey) => map.tracker[k] !== undefined);
  const allOurs = trackerFound.length === TRACKER_KEYS.length;
  const found: string[] = [];
  headers.forEach((h, i) => {
    if (typeof h !== 'string' || h.trim() === '') return;
    const isOurs = trackerFound.some((k) => map.tracker[k] === i);
    if (PIPELINE_HEADERS.has(normaliseHeader(h)) || (isOurs && !allOurs)) found.push(h.trim());
  });
  return found;
}
