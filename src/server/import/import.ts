// "Import contacts": parses the text of a CSV export, plans the merge in core, and writes new
// rows, new columns and filled-in cells in a fixed number of calls. Every check runs before
// anything is written or created, so a rejected file changes nothing.
//
// An import is a reconciliation: run again after a failure at any call (the same file), it ends
// as a clean run would have. What makes that hold:
// - rows a failed run appended hold their whole contact (one setValues), so the re-run matches
//   them by the keys it already dedupes on (email, LinkedIn profile, name and company) and adds
//   nothing twice; their formats and drop-downs were written before their values, so a row that
//   has values has them;
// - the grid grows only by the rows it lacks, so rows a failed run inserted are used, not doubled;
// - a header cell is made bold before its text is written, and a column found by its header
//   but not tagged yet is tagged;
// - what cannot be read back cheaply is recorded before it is done (PENDING_KEY: the name of the
//   tracker sheet being made, and that colour rules must reach rows added past the grid), and
//   the record (ID counter) and the removal of that note are the last writes.

import { propertiesReadOnce } from '../base/properties-once.ts';
import { type ParsedCsv, parseContactsCsv } from '../../core/import/csv.ts';
import { type ImportPlan, type TrackerTable, planImport } from '../../core/import/import.ts';
import { mapColumns, type ContactField } from '../../core/tracker/headers.ts';
import { fitsCellLimit, gridGrowth, type GridSize } from '../../core/tracker/header-check.ts';
import { RELATIONSHIPS, TRACKER_COLUMNS, type TrackerKey, canonicalValue } from '../../core/tracker/schema.ts';
import type { ImportOptions, ImportProblem, ImportResult } from '../../shared/types.ts';
import { contactColumnTags, findTrackerSheet, readRecord, recordText, writeRecord, writeTags, type TrackerRecord } from '../tracker/store.ts';
import { layoutOf } from '../../core/tracker/columns.ts';
import { readTrackerSheet, type TrackerView } from '../tracker/table.ts';
import { forCell, mergeProblem, protectionProblem, type Snapshot } from '../tracker/cells.ts';
import { DATE_FORMAT, formatTrackerRows, oneBasedColumns, rangesFetched, type RangeAt, UNFORMATTED } from '../tracker/format.ts';
import { a1Bounds } from '../../core/base/a1.ts';
import { setUpSheet } from '../tracker/setup.ts';
import { cellsInSpreadsheet, NEW_SHEET_GRID, uniqueSheetName } from '../base/sheets.ts';
import { type CellFill, type CellRange, cellText, groupFills, limitRuns, maxWidth, rangeA1 } from '../../core/tracker/cells.ts';
import { UserError } from '../base/actions.ts';
import { gridRange, readSpreadsheet, sendBatch, sheetsApiEnabled, type SheetsRequest } from '../base/sheets-api.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Props = GoogleAppsScript.Properties.Properties;
type Validation = GoogleAppsScript.Spreadsheet.DataValidation;

/** The header a new tracker sheet starts with when the file has no tracker yet. */
const NEW_TRACKER_HEADER = ['Name', 'Email', 'Company', 'Title'];
/** Most setValues calls an import spends on filling empty cells of contacts already there. */
export const MAX_IMPORT_FILL_WRITES = 100;
/** Document property: what an import under way must finish that the sheet cannot tell (see Pending). */
export const PENDING_KEY = 'iit.import.pending';
/** What import reads with the Sheets API: each sheet's id, grid size and colour rules. */
const FILE_FIELDS = 'sheets(properties(sheetId,gridProperties(rowCount,columnCount)),conditionalFormats)';

/** Written before the first write of an import that needs it, removed by its last write. */
interface Pending {
  /** The tracker sheet this import is making (its name, as the sheet id is not known before). */
  newSheet?: string;
  /**
   * The grid's last row before an import added rows past it: colour rules that ended there are
   * made to reach the new last row, as they grow when rows are inserted inside them.
   */
  rulesEndAt?: number;
}

const TOO_BIG =
  'This file has more contacts than the spreadsheet has room for (Google Sheets allows 10 million cells per file). Split the file, or remove unused sheets, and try again.';

function checkOptions(options: unknown): ImportOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new UserError('Import options must be an object.');
  const o = options as Record<string, unknown>;
  if (o.relationship !== undefined && typeof o.relationship !== 'string') throw new UserError('Relationship must be text.');
  let relationship: string | undefined;
  if (typeof o.relationship === 'string' && o.relationship.trim() !== '') {
    const canonical = canonicalValue(RELATIONSHIPS, o.relationship);
    if (canonical === null) throw new UserError(`Relationship must be one of: ${RELATIONSHIPS.join(', ')}.`);
    relationship = canonical;
  }
  return { relationship, updateExisting: o.updateExisting !== false, dryRun: o.dryRun === true };
}

function readPending(props: Props): Pending | null {
  const raw = props.getProperty(PENDING_KEY);
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as Pending;
    return typeof p === 'object' && p !== null ? p : null;
  } catch {
    return null;
  }
}

/** Notes `more` in the pending record before the write it is about (one call, only when it adds something). */
function notePending(props: Props, pending: Pending | null, more: Pending): Pending {
  const next = { ...pending, ...more };
  if (JSON.stringify(next) !== JSON.stringify(pending ?? {})) props.setProperty(PENDING_KEY, JSON.stringify(next));
  return next;
}

/** Cells the plan adds to a grid: the rows past its last row, and any new columns. */
function growth(grid: Omit<GridSize, 'cellsInSpreadsheet'>, plan: ImportPlan): number {
  const lastColumn = plan.newColumns.length ? plan.newColumns[plan.newColumns.length - 1].column : 0;
  const lastRow = plan.appendAt + plan.append.length - 1;
  return gridGrowth({ ...grid, cellsInSpreadsheet: 0 }, Math.max(grid.maxRows, lastRow), lastColumn);
}

/** The table of the sheet newTrackerSheet would make: its header after setup, no rows. */
function newTrackerTable(idCounter: number): TrackerTable {
  const header = [...NEW_TRACKER_HEADER, ...TRACKER_COLUMNS.map((c) => c.header)];
  const map = mapColumns(header);
  return { headerRow: 1, header, rows: [], formulas: [], contact: map.contact, tracker: map.tracker, own: map.own, idCounter };
}

/**
 * The sheet a failed import was making, if it is still nothing but that: empty, or starting with
 * the header the import writes. A sheet of the user's that took the name since is not taken.
 */
function sheetBeingMade(ss: Spreadsheet, name: string): Sheet | null {
  const sheet = ss.getSheetByName(name);
  if (!sheet) return null;
  const first = sheet.getDataRange().getValues()[0] ?? [];
  const empty = first.every((v) => v === '');
  return empty || NEW_TRACKER_HEADER.every((h, i) => first[i] === h) ? sheet : null;
}

/** Gives `sheet` the new tracker's header (if it lacks it) and sets it up, Dashboard included; returns setup's warnings. */
function makeTracker(sheet: Sheet, props: Props): string[] {
  const header = sheet.getRange(1, 1, 1, NEW_TRACKER_HEADER.length);
  if (header.getValues()[0].every((v) => v === '')) {
    // Bold first: a run stopped between the two calls leaves an empty row, written again.
    header.setFontWeight('bold');
    header.setValues([NEW_TRACKER_HEADER]);
  }
  const setup = setUpSheet(sheet, { interactive: false, props });
  if (!setup.ok) throw new UserError(setup.message);
  return setup.warnings;
}

/** Imports `csvText` into the tracker (making one if the file has none). Caller holds the lock. */
export function importInto(csvText: unknown, rawOptions: unknown): ImportResult {
  if (typeof csvText !== 'string') throw new UserError('Paste the text of a CSV file, or choose a .csv file.');
  const options = checkOptions(rawOptions);
  const parsed = parseContactsCsv(csvText);
  if (!parsed.ok) throw new UserError(parsed.error.message);

  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = propertiesReadOnce(PropertiesService.getDocumentProperties());
  let record = readRecord(props);
  let pending = readPending(props);
  let sheet = findTrackerSheet(ss, record);
  if (!sheet) {
    if (options.dryRun) throw new UserError('There is no tracker yet: import the file to create one, or run Set up tracker first.');
    sheet = pending?.newSheet ? sheetBeingMade(ss, pending.newSheet) : null;
    if (!sheet) {
      // Planned against the sheet that would be made, so a file that is refused creates nothing.
      const preview = planImport(newTrackerTable(record?.idCounter ?? 0), parsed, options);
      const newSheetCells = NEW_SHEET_GRID.maxRows * NEW_SHEET_GRID.maxColumns;
      if (!fitsCellLimit(cellsInSpreadsheet(ss), newSheetCells + growth(NEW_SHEET_GRID, preview))) throw new UserError(TOO_BIG);
      const name = uniqueSheetName(ss, 'Contacts');
      pending = notePending(props, null, { newSheet: name });
      sheet = ss.insertSheet(name);
    }
  }
  // Until the import that makes the tracker has finished, each run completes it (setup converges).
  let setupWarnings: string[] = [];
  if (pending?.newSheet && !options.dryRun) {
    setupWarnings = makeTracker(sheet, props);
    record = readRecord(props);
  }
  if (!record) throw new UserError('The tracker could not be set up. Nothing was imported.');
  const result = importIntoSheet(ss, props, sheet, record, pending, parsed, options);
  // What setup said about the tracker it made (a Dashboard it could not build) is said too.
  if (result.ok && setupWarnings.length) result.summary.warnings = [...setupWarnings, ...(result.summary.warnings ?? [])];
  return result;
}

function importIntoSheet(
  ss: Spreadsheet,
  props: Props,
  sheet: Sheet,
  record: TrackerRecord,
  pending: Pending | null,
  parsed: ParsedCsv,
  options: ImportOptions,
): ImportResult {
  // A preview changes nothing, not even where the header row is remembered.
  const read = readTrackerSheet(sheet, record, props, { formats: true, locked: !options.dryRun, addsColumns: true });
  const table: TrackerTable = read;

  const plan = planImport(table, parsed, options);
  const result: ImportResult = { ok: true, sheetName: sheet.getName(), format: parsed.format, summary: plan.summary, dryRun: Boolean(options.dryRun) };
  if (options.dryRun) return result;

  // With the Sheets API, the grids of every sheet and the colour rules in one read (what a grid
  // that grows needs: the file's cell count, and the rules to stretch), instead of the grid's size.
  const fileId = sheetsApiEnabled() ? ss.getId() : null;
  const file = fileId === null ? null : readSpreadsheet(fileId, FILE_FIELDS, Boolean(pending?.newSheet));
  const apiSheet = file?.sheets?.find((s) => (s.properties?.sheetId ?? 0) === record.sheetId);
  const maxRows = apiSheet?.properties?.gridProperties?.rowCount ?? sheet.getMaxRows();
  const maxColumns = apiSheet?.properties?.gridProperties?.columnCount ?? sheet.getMaxColumns();
  const count = plan.append.length;
  const lastAppended = plan.appendAt + count - 1;
  const lastColumn = plan.newColumns.length ? plan.newColumns[plan.newColumns.length - 1].column : 0;
  const missingRows = Math.max(0, lastAppended - maxRows);
  const fileCells = () =>
    apiSheet
      ? (file!.sheets ?? []).reduce((n, s) => n + (s.properties?.gridProperties?.rowCount ?? 0) * (s.properties?.gridProperties?.columnCount ?? 0), 0)
      : cellsInSpreadsheet(ss);
  if ((missingRows > 0 || lastColumn > maxColumns) && !fitsCellLimit(fileCells(), growth({ maxRows, maxColumns }, plan))) throw new UserError(TOO_BIG);
  // Rows the grid lacks go in before its last row when that row is empty, inside the ranges of
  // the colour rules (which grow with them); when the table reaches the grid's last row, after it.
  const insideGrid = plan.appendAt <= maxRows;
  const insertAt = missingRows === 0 ? undefined : insideGrid ? maxRows : maxRows + 1;

  const newColumnFills = new Set(plan.newColumns.map((c) => c.column));
  const [inNewColumns, inOldColumns] = partition(plan.fills, (f) => newColumnFills.has(f.column));
  const newBlock = newColumnsBlock(plan, table.headerRow, inNewColumns);
  const appendWidth = Math.max(maxWidth(plan.append), ...Object.values(read.tracker).map((c) => c + 1));
  const targets: CellRange[] = [
    ...inOldColumns.map((c) => ({ row: c.row, column: c.column, numRows: 1, numColumns: 1 })),
    ...(newBlock ? [newBlock.range] : []),
    ...(count ? [{ row: plan.appendAt, column: 1, numRows: count, numColumns: appendWidth }] : []),
  ];
  const merged = mergeProblem(sheet, targets, { insertAt, grid: { maxRows, maxColumns } });
  if (merged) throw new UserError(`${merged} Nothing was imported.`);
  const newHeaders = new Map(plan.newColumns.map((c) => [c.column, c.header]));
  const columnName = (column: number) => newHeaders.get(column) ?? cellText(read.header[column - 1]);
  const place = (cell: CellRange) => (columnName(cell.column) ? `The ${columnName(cell.column)} cell ${rangeA1(cell)}` : `Cell ${rangeA1(cell)}`);
  const protectedTarget = protectionProblem(sheet, targets, place);
  if (protectedTarget) throw new UserError(`${protectedTarget} Nothing was imported.`);

  if (lastColumn > maxColumns) sheet.insertColumnsAfter(maxColumns, lastColumn - maxColumns);
  // The grid has every row and column the import writes before the ranges are got, all at once:
  // with the API, the rows (which take the formats of the row before) with their drop-downs and
  // the stretched colour rules in one batch (all or nothing, so nothing need be noted for a re-run); else through SpreadsheetApp.
  const rulesSince = pending?.rulesEndAt ?? maxRows;
  const pastGrid = insertAt === maxRows + 1;
  const grown =
    count > 0 &&
    insertAt !== undefined &&
    apiSheet !== undefined &&
    sendBatch(
      fileId!,
      [
        ...newRowsRequests(read, plan, record.sheetId, insertAt, missingRows),
        ...(pastGrid ? stretchedRulesRequests(apiSheet.conditionalFormats ?? [], rulesSince, maxRows + missingRows) : []),
      ],
      lastColumn > maxColumns || Boolean(pending?.newSheet),
    );
  if (pastGrid && !grown) pending = notePending(props, pending, { rulesEndAt: rulesSince });
  if (count && insertAt !== undefined && !grown) sheet.insertRowsAfter(insertAt - 1, missingRows);
  const contactColumns = untaggedContactColumns(read, plan);
  const lineTags = contactColumnTags(contactColumns, read.tags.contact);
  const fills = fillWrites(inOldColumns, read.grid, MAX_IMPORT_FILL_WRITES);
  const headerCells = newBlock && { ...newBlock.range, numRows: 1 };
  const rangeAt = rangesFetched(sheet, [
    ...(newBlock && headerCells ? [rangeA1(headerCells), rangeA1(newBlock.range)] : []),
    ...lineTags.map((t) => t.a1),
    ...(count ? [rangeA1({ row: plan.appendAt, column: 1, numRows: count, numColumns: appendWidth })] : []),
    ...fills.writes.map((w) => rangeA1(w.range)),
  ]);
  if (newBlock && headerCells) {
    rangeAt(rangeA1(headerCells)).setFontWeight('bold');
    rangeAt(rangeA1(newBlock.range)).setValues(newBlock.values);
  }
  writeTags(sheet, lineTags, rangeAt);
  const contactTags = { ...contactColumns, ...read.tags.contact };
  if (count) appendRows(sheet, read, plan, appendWidth, rangeAt);
  if (pending?.rulesEndAt !== undefined && !(grown && pastGrid)) stretchRules(sheet, pending.rulesEndAt, maxRows + (insertAt === undefined ? 0 : missingRows));
  for (const w of fills.writes) rangeAt(rangeA1(w.range)).setValues(w.values);
  const deferred = fills.deferred;
  plan.summary.problems.push(...deferredProblems(deferred));
  // The last writes: the ID counter, then the note of an import under way.
  const after = recordAfter(read, plan, contactTags);
  if (recordText(after) !== recordText(read.record)) writeRecord(props, after);
  // The tracker an import made is where the user lands (insertSheet showed it; setup may not have).
  if (pending?.newSheet) sheet.activate();
  if (pending) props.deleteProperty(PENDING_KEY);
  return result;
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

/**
 * The new columns, header and filled cells of the rows already there, as one block: every cell
 * of a new column is empty, so the cells between the fills are written '' and change nothing.
 */
function newColumnsBlock(
  plan: ImportPlan,
  headerRow: number,
  fills: readonly CellFill[],
): { range: CellRange; values: (string | number | boolean)[][] } | null {
  if (!plan.newColumns.length) return null;
  const first = plan.newColumns[0].column;
  const numColumns = plan.newColumns.length;
  const lastRow = fills.reduce((last, f) => Math.max(last, f.row), headerRow);
  const values = Array.from({ length: lastRow - headerRow + 1 }, (_, i) =>
    i === 0 ? plan.newColumns.map((c) => c.header) : new Array<string | number | boolean>(numColumns).fill(''),
  );
  for (const f of fills) values[f.row - headerRow][f.column - first] = forCell(f.value, undefined);
  return { range: { row: headerRow, column: first, numRows: values.length, numColumns }, values };
}

/**
 * Every contact column the import writes by field is tagged, as setup tags its columns, so a
 * later action finds it after a rename or move: the columns this import adds, and one a failed
 * run added (found now by its header) before it could tag it.
 */
function untaggedContactColumns(read: TrackerView, plan: ImportPlan): Partial<Record<ContactField, number>> {
  const columns: Partial<Record<ContactField, number>> = {};
  for (const c of plan.newColumns) columns[c.field] = c.column - 1;
  for (const [field, index] of Object.entries(read.contact) as [ContactField, number][]) if (read.tags.contact[field] === undefined) columns[field] ??= index;
  return columns;
}

/**
 * The fills of contacts already there (empty cells of old columns), as writeFills groups them:
 * one setValues per run of fills down a column, bridging only cells that are empty now; the
 * fills past `maxWrites` runs are left for the next import.
 */
function fillWrites(
  fills: readonly CellFill[],
  snap: Snapshot,
  maxWrites: number,
): { writes: { range: CellRange; values: (string | number | boolean)[][] }[]; deferred: CellFill[] } {
  const at = (grid: readonly (readonly unknown[])[] | undefined, row: number, column: number) => grid?.[row - snap.top]?.[column - 1];
  const isEmpty = (row: number, column: number) => (at(snap.values, row, column) ?? '') === '' && !at(snap.formulas, row, column);
  const { runs, deferred } = limitRuns(groupFills(fills, isEmpty), maxWrites);
  const writes = runs.map((run) => ({
    range: { row: run.row, column: run.column, numRows: run.values.length, numColumns: 1 },
    values: run.values.map(([v], i) => [forCell(v, at(snap.formats, run.row + i, run.column) as string | undefined)]),
  }));
  return { writes, deferred };
}

/**
 * The record as this import leaves the tracker: its ID counter, and the columns' layout with
 * the columns it added and tagged, as the next read would find it by walking the metadata.
 */
function recordAfter(read: TrackerView, plan: ImportPlan, contactTags: Partial<Record<ContactField, number>>): TrackerRecord {
  const header: unknown[] = [...read.header];
  for (const c of plan.newColumns) header[c.column - 1] = c.header;
  const layout =
    layoutOf(
      { tracker: read.tags.tracker, contact: contactTags },
      Array.from(header, (h) => h ?? ''),
    ) ?? undefined;
  return { ...read.record, idCounter: plan.idCounter, layout };
}

/**
 * The new contacts, in the rows right below the table: first their number formats and
 * drop-downs (only where a cell has none: a format or rule the user gave the column is kept),
 * then their values, so a row with values always has them. The rows' formats and drop-downs are
 * read through the range their values are then written to, and at most three writes, whatever
 * the number of rows. A drop-down is the one of the row above, as Sheets gives an inserted row
 * (that row is read only when a new row lacks one); only a column with none there (the first
 * contacts) gets the tracker's own made.
 */
function appendRows(sheet: Sheet, read: TrackerView, plan: ImportPlan, width: number, rangeAt: RangeAt): void {
  const count = plan.append.length;
  const above = plan.appendAt - 1;
  const rows = rangeAt(rangeA1({ row: plan.appendAt, column: 1, numRows: count, numColumns: width }));
  const formats = rows.getNumberFormats();
  const validations = rows.getDataValidations() as (Validation | null)[][];
  let aboveRow: (Validation | null)[] | undefined;
  const inheritedAt = (at: number): Validation | null => {
    if (above <= read.record.headerRow) return null;
    aboveRow ??= sheet.getRange(above, 1, 1, width).getDataValidations()[0] as (Validation | null)[];
    return aboveRow[at];
  };
  // 0-based columns whose formats or drop-downs change: only they are written, so a cell of
  // another column keeps having none rather than getting the default written into it.
  const formatted: number[] = [];
  const validated: number[] = [];
  const withoutDropDown = new Set<TrackerKey>();
  for (const def of TRACKER_COLUMNS) {
    const at = read.tracker[def.key];
    if (at === undefined) continue;
    const format = def.kind === 'date' ? DATE_FORMAT : def.kind === 'number' ? '0' : null;
    for (let i = 0; i < count; i++) {
      if (format && UNFORMATTED.has(formats[i][at])) {
        formats[i][at] = format;
        formatted.push(at);
      }
      if (def.kind !== 'list' || !def.values || validations[i][at] !== null) continue;
      const inherited = inheritedAt(at);
      if (inherited) {
        validations[i][at] = inherited;
        validated.push(at);
      } else withoutDropDown.add(def.key);
    }
  }
  writeColumns(sheet, plan.appendAt, formatted, formats, (range, grid) => range.setNumberFormats(grid));
  writeColumns(sheet, plan.appendAt, validated, validations, (range, grid) => range.setDataValidations(grid));
  if (withoutDropDown.size) formatTrackerRows(sheet, oneBasedColumns(read.tracker), plan.appendAt, count, withoutDropDown);
  rows.setValues(plan.append.map((r, i) => Array.from({ length: width }, (_, j) => forCell(r[j] ?? '', formats[i][j]))));
}

/**
 * The Sheets API requests that add the `numRows` rows the grid lacks at `firstRow` (1-based) and
 * give them the drop-downs of the row above the new contacts (pasted: a column without one there
 * stays without, for appendRows to give it the tracker's own). No number format is written: the new
 * rows take the formats of the row before them (inheritFromBefore, as insertRowsAfter's do), so a
 * format the user gave a column reaches them, and appendRows formats only the cells left without.
 */
function newRowsRequests(read: TrackerView, plan: ImportPlan, sheetId: number, firstRow: number, numRows: number): SheetsRequest[] {
  const requests: SheetsRequest[] = [
    { insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: firstRow - 1, endIndex: firstRow - 1 + numRows }, inheritFromBefore: true } },
  ];
  const above = plan.appendAt - 1;
  for (const def of TRACKER_COLUMNS) {
    const at = read.tracker[def.key];
    if (at === undefined) continue;
    const column = { row: firstRow, column: at + 1, numRows, numColumns: 1 };
    if (def.kind === 'list' && def.values && above > read.record.headerRow)
      requests.push({
        copyPaste: {
          source: gridRange(sheetId, { ...column, row: above, numRows: 1 }),
          destination: gridRange(sheetId, column),
          pasteType: 'PASTE_DATA_VALIDATION',
          pasteOrientation: 'NORMAL',
        },
      });
  }
  return requests;
}

/**
 * stretchRules as Sheets API requests, on the rules as spreadsheets.get gave them (a rule's
 * index is its place among its sheet's rules): each rule with a range ending at a last row of the
 * grid from `since` (1-based) on is replaced by itself reaching `lastRow`.
 */
function stretchedRulesRequests(rules: readonly GoogleAppsScript.Sheets.Schema.ConditionalFormatRule[], since: number, lastRow: number): SheetsRequest[] {
  const requests: SheetsRequest[] = [];
  rules.forEach((rule, index) => {
    let stretched = false;
    const ranges = (rule.ranges ?? []).map((range) => {
      const end = range.endRowIndex;
      if (end === undefined || end === null || end < since || end >= lastRow) return range;
      stretched = true;
      return { ...range, endRowIndex: lastRow };
    });
    if (stretched) requests.push({ updateConditionalFormatRule: { index, rule: { ...rule, ranges } } });
  });
  return requests;
}

/** Writes the columns from the first to the last of `columns` (0-based) of `grid`, rows from `row`, in one call. */
function writeColumns<T>(
  sheet: Sheet,
  row: number,
  columns: readonly number[],
  grid: T[][],
  write: (range: GoogleAppsScript.Spreadsheet.Range, grid: T[][]) => void,
): void {
  if (!columns.length) return;
  const first = Math.min(...columns);
  const last = Math.max(...columns);
  write(
    sheet.getRange(row, first + 1, grid.length, last - first + 1),
    grid.map((r) => r.slice(first, last + 1)),
  );
}

/**
 * Colour rules whose ranges ended at a last row of the grid from `since` on, before rows were
 * added past it, made to reach `lastRow` (the user's own rules too: they would have grown the
 * same had the rows been inserted inside them). One read per range; run again, it finds none.
 */
function stretchRules(sheet: Sheet, since: number, lastRow: number): void {
  let changed = false;
  // Rules over the same cells (the tracker's five Stage colours) share one stretched range.
  const stretchedRanges = new Map<string, GoogleAppsScript.Spreadsheet.Range>();
  const rules = sheet.getConditionalFormatRules().map((rule) => {
    let stretched = false;
    const ranges = rule.getRanges().map((range) => {
      const a1 = range.getA1Notation();
      const b = a1Bounds(a1);
      if (!b || b.lastRow < since || b.lastRow >= lastRow) return range;
      stretched = true;
      let to = stretchedRanges.get(a1);
      if (!to) stretchedRanges.set(a1, (to = sheet.getRange(b.row, b.column, lastRow - b.row + 1, b.lastColumn - b.column + 1)));
      return to;
    });
    if (!stretched) return rule;
    changed = true;
    return rule.copy().setRanges(ranges).build();
  });
  if (changed) sheet.setConditionalFormatRules(rules);
}

function deferredProblems(deferred: readonly { line?: number }[]): ImportProblem[] {
  const lines = [...new Set(deferred.map((f) => f.line ?? 0))].sort((a, b) => a - b);
  return lines.map((line) => ({
    line,
    reason:
      'Some empty cells of the matching contact were not filled in this run (too many separate places to fill at once). Import the file again to fill them.',
  }));
}
