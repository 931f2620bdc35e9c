// "Set up tracker" as a reconciliation: reads the active sheet once, lets core plan the whole
// tracker, asks the user when core needs a yes, checks every target can be written, then writes
// what is missing (new columns, IDs, tags, drop-downs, formats, colours, frozen header) and the
// record last. Existing cells, formats and column order are never touched.

import { propertiesReadOnce } from '../base/properties-once.ts';
import { columnAfterSetup, planSetup, type SetupConfirmKind, type SetupReady } from '../../core/tracker/setup.ts';
import { TRACKER_KEYS, trackerColumn, type TrackerKey } from '../../core/tracker/schema.ts';
import { thousands } from '../../core/base/text.ts';
import type { SetupResult } from '../../shared/types.ts';
import {
  clearOwed,
  findTrackerSheet,
  type SetupOwed,
  readOwed,
  readRecord,
  recordText,
  contactColumnTags,
  headerRowTags,
  trackerColumnTags,
  type TrackerRecord,
  type LineTag,
  writeOwed,
  writeRecord,
  writeTags,
  tagRequests,
} from './store.ts';
import { columnTags } from './table.ts';
import { layoutOf } from '../../core/tracker/columns.ts';
import { locateHeader } from '../../core/tracker/header-locate.ts';
import { type Cell, type CellFill, type CellRange, maxWidth, mergedTargetProblem, rangeA1 } from '../../core/tracker/cells.ts';
import { mergeProblem, protectionProblem, toWritable, writeFills, type Snapshot } from './cells.ts';
import {
  adjacentRuns,
  boldRequest,
  coverTrackerRows,
  formatTrackerRows,
  rangesFetched,
  type RangeAt,
  ruleRange,
  trackerRowsRanges,
  trackerRowsRequests,
} from './format.ts';
import { frozenRowsRequest, sendBatch, sheetsApiEnabled, type SheetsRequest } from '../base/sheets-api.ts';
import { dashboardAfterSetup, introductionsIn, type KnownTracker } from '../dashboard/dashboard.ts';
import { cellsInSpreadsheet } from '../base/sheets.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupOptions {
  /** Questions already answered yes. */
  confirmed?: SetupConfirmKind[];
  /** Ask the user (alert) when core needs a yes; otherwise answer no. */
  interactive: boolean;
  /** The sheet is the active one (the menu's): the first Dashboard need not ask which is. */
  active?: boolean;
  /** The document properties, when the caller holds them (as propertiesReadOnce gives them). */
  props?: GoogleAppsScript.Properties.Properties;
}

/** Most setValues calls setup spends on filling empty cells of existing tracker columns. */
export const MAX_SETUP_FILL_WRITES = 100;

const ALREADY_SET_UP = 'The tracker is already set up; nothing to change.';
const FINISHED = 'Finished what an earlier run left undone (column tags, drop-downs, formats or colours).';

/**
 * Sets up (or re-checks) `sheet` as the tracker. Caller holds the document lock. Run again after
 * a run that stopped anywhere, it finishes what that run left undone: the tags and the frozen
 * header are compared with what they should be, the drop-downs, formats and colours of the
 * columns a run added are owed (a property written before the columns) until applied, and the
 * record, written last, marks the tracker as set up.
 */
export function setUpSheet(sheet: Sheet, options: SetupOptions): SetupResult {
  // Setup reads four properties (its record and what it owes, the Dashboard's and the log's).
  const props = options.props ?? propertiesReadOnce(PropertiesService.getDocumentProperties());
  const record = readRecord(props);
  const sheetId = sheet.getSheetId();
  // The file, got once for whichever needs it: the grid's growth, the batch, the Dashboard.
  let file: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined;
  const spreadsheet = () => (file ??= sheet.getParent());
  const known = record !== null && record.sheetId === sheetId;
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  const data = sheet.getDataRange();
  const values = data.getValues() as (string | number | boolean | Date)[][];
  const formulas = data.getFormulas();
  // Core refuses a merged header; setup writes into no merge. A sheet set up for the first time
  // gets columns right of its data: the whole grid's merges are read at once. A known tracker's
  // run mostly writes nothing: its data's merges now, those where it writes when it does.
  const gridMerged = known ? null : rangesOf(sheet.getRange(1, 1, maxRows, maxColumns).getMergedRanges());
  const merged = gridMerged?.filter((m) => m.row <= values.length && m.column <= maxWidth(values)) ?? rangesOf(data.getMergedRanges());
  // A sheet the add-on does not know may still carry tags of a run that stopped before its record.
  const { tags, taggedRow } = columnTags(sheet, known ? record : null, known ? (values[record.headerRow - 1] ?? []) : null);
  // A known tracker's header is found again (rows may have been inserted above it), never
  // guessed afresh: a wrong header row would put the new columns and IDs in the wrong place.
  let headerRow: number | undefined;
  if (known) {
    const located = locateHeader(values, [taggedRow, record.headerRow], tags);
    if (!located.ok) return { ok: false, message: located.message };
    headerRow = located.headerRow;
  }
  const remembered = known ? tags.tracker : {};
  const confirmed = [...(options.confirmed ?? [])];
  let cells: number | undefined;
  const input = {
    values,
    formulas,
    merged,
    grid: {
      maxRows,
      maxColumns,
      // Counted (a call per sheet) only when core needs it: when the grid must grow.
      get cellsInSpreadsheet() {
        return (cells ??= cellsInSpreadsheet(spreadsheet()));
      },
    },
    knownTracker: known,
    remembered,
    rememberedContact: known ? tags.contact : {},
    headerRow,
    // Another tracker sheet in this file keeps its IDs: continue after its counter.
    idCounter: record?.idCounter ?? 0,
  };
  let plan = planSetup({ ...input, confirmed });
  while (plan.ok === 'confirm') {
    const ui = SpreadsheetApp.getUi();
    const yes = options.interactive && ui.alert('Set up tracker', plan.confirm.question, ui.ButtonSet.YES_NO) === ui.Button.YES;
    if (!yes) return { ok: false, cancelled: true, message: 'Nothing was changed.' };
    confirmed.push(plan.confirm.kind);
    plan = planSetup({ ...input, confirmed });
  }
  if (plan.ok === false) return { ok: false, message: plan.error.message };
  // An empty cell hidden under a merge would get an ID nobody sees: every cell to write is checked
  // first, the new columns too.
  const targets = setupTargets(plan);
  const underMerge = gridMerged
    ? mergedTargetProblem(targets, gridMerged)
    : targets.length
      ? mergeProblem(sheet, targets, { grid: { maxRows, maxColumns } })
      : null;
  if (underMerge) return { ok: false, message: `${underMerge} Nothing was changed.` };
  const owedBefore = readOwed(props, sheetId);
  const owedKeys = TRACKER_KEYS.filter((k) => owedBefore?.keys.includes(k) || plan.newColumns.some((c) => c.key === k));
  const columnLineTags = [...trackerColumnTags(plan.columns, tags.tracker), ...contactColumnTags(plan.map.contact, tags.contact)];
  const tagsHeaderRow = taggedRow !== plan.headerRow;
  // Every cell setup writes or formats, and every line it tags, checked before the first write: a
  // protected one refuses the whole run instead of failing it half-way with Google's raw error.
  const locked = protectionProblem(sheet, [
    ...targets,
    ...lookTargets(plan, owedKeys, maxRows),
    ...tagTargets(columnLineTags, tagsHeaderRow ? plan.headerRow : null, maxRows, maxColumns),
  ]);
  if (locked) return { ok: false, message: `${locked} Nothing was changed.` };

  // Tags missing without anything owed (a tracker set up by an older version) are written quietly.
  const owed: SetupOwed = { keys: owedKeys, dashboard: plan.changed || owedBefore !== null };
  if (owed.dashboard && JSON.stringify(owed) !== JSON.stringify(owedBefore)) writeOwed(props, sheetId, owed);
  // Only cells filled in existing columns need their formats (a Plain text cell takes text as is).
  const formats = plan.fills.length ? data.getNumberFormats() : [];
  const last = plan.newColumns.length ? plan.newColumns[plan.newColumns.length - 1].column : 0;
  if (last > maxColumns) sheet.insertColumnsAfter(maxColumns, last - maxColumns);
  const owedSet = new Set(owed.keys);
  const covered = known && record.coveredRows === maxRows;
  const lineTags = [...columnLineTags, ...headerRowTags(sheet, plan.headerRow, taggedRow)];
  // Every range setup writes but the scattered fills, got at once (the grid has its new columns
  // now); with the Sheets API, only those it still writes through SpreadsheetApp.
  const batched = sheetsApiEnabled();
  const rangeAt = rangesFetched(sheet, [
    ...(plan.block && !batched ? [rangeA1(blockRange(plan.block))] : []),
    ...(batched ? (known ? ruleRanges(plan, owedSet, covered, maxRows) : []) : [...lineTags.map((t) => t.a1), ...lookRanges(plan, owedSet, covered, maxRows)]),
  ]);
  const across = (m: CellRange) => m.row <= plan.headerRow && m.row + m.numRows - 1 > plan.headerRow;
  // The grid's merges where setup read them all; a known tracker's, of the header and the row below, only when it would freeze.
  const mergesAcrossHeader = () =>
    (gridMerged ?? (plan.headerRow < maxRows ? rangesOf(sheet.getRange(plan.headerRow, 1, 2, maxColumns).getMergedRanges()) : [])).filter(across);
  const scope: LookScope = { owed: owedSet, covered, maxRows, batched, sheetId, spreadsheet, widened: last > maxColumns, mergesAcrossHeader };
  let freeze: Freeze = { froze: false, cutMerge: null };
  const deferred = apply(sheet, plan, { top: 1, values, formulas, formats }, () => (freeze = applyLook(sheet, plan, lineTags, scope, rangeAt)));
  const layout = layoutOf({ tracker: zeroBased(plan.columns), contact: plan.map.contact }, headerAfter(values, plan));
  const done: TrackerRecord = { sheetId, headerRow: plan.headerRow, idCounter: plan.idCounter, ...(layout ? { layout } : {}), coveredRows: maxRows };
  if (recordText(done) !== recordText(record)) writeRecord(props, done);
  // A run that completes what a stopped run left undone is a change, not "already set up".
  const completed = !plan.changed && (owed.dashboard || freeze.froze);
  const warnings = [...plan.warnings];
  if (freeze.cutMerge)
    warnings.push(
      `The header row was not frozen: the merged cells ${rangeA1(freeze.cutMerge)} span it and the row below. Google freezes no rows that cut a merge; unmerge those cells (Format → Merge cells → Unmerge), then run Set up tracker again to freeze the header.`,
    );
  if (deferred.length) {
    const rows = new Set(deferred.map((f) => f.row)).size;
    warnings.push(
      `${thousands(rows)} ${rows === 1 ? 'row was' : 'rows were'} not finished in this run (too many separate places to fill at once). Run Set up tracker again to finish them.`,
    );
  }
  // The dashboard follows the tracker: built by the first setup, rebuilt when setup changed the
  // tracker or finished a stopped run (which may have stopped inside the dashboard).
  const sheetName = sheet.getName();
  const dashboard = dashboardAfterSetup(owed.dashboard, spreadsheet(), props, knownTracker(sheet, sheetName, plan, values, deferred, options));
  if (dashboard && !dashboard.ok) warnings.push(`Dashboard not built: ${dashboard.message}`);
  if (owed.dashboard) clearOwed(props);
  return {
    ok: true,
    sheetName,
    headerRow: plan.headerRow,
    addedColumns: plan.newColumns.map((c) => trackerColumn(c.key).header),
    newIds: plan.newIds,
    contacts: plan.contactRows,
    changed: plan.changed || completed,
    warnings,
    summary: completed ? plan.summary.replace(ALREADY_SET_UP, FINISHED) : plan.summary,
  };
}

/** The tracker as this run leaves it, for the Dashboard it builds (which then reads none of it). */
function knownTracker(
  sheet: Sheet,
  sheetName: string,
  plan: SetupReady,
  values: readonly (readonly Cell[])[],
  deferred: readonly CellFill[],
  options: SetupOptions,
): KnownTracker {
  const { contactId, referredBy } = plan.columns;
  return {
    sheet,
    sheetName,
    tracker: zeroBased(plan.columns),
    contact: plan.map.contact,
    introductions: introductionsIn(columnAfterSetup(values, plan, contactId, deferred), columnAfterSetup(values, plan, referredBy, deferred)),
    active: options.active === true,
  };
}

function rangesOf(ranges: readonly GoogleAppsScript.Spreadsheet.Range[]): CellRange[] {
  return ranges.map((r) => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() }));
}

function zeroBased(columns: Record<TrackerKey, number>): Partial<Record<TrackerKey, number>> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v - 1]));
}

/** The header row as it reads once the plan is written: the new columns' headers after the old. */
function headerAfter(values: readonly (readonly unknown[])[], plan: SetupReady): unknown[] {
  const header: unknown[] = [...(values[plan.headerRow - 1] ?? [])];
  for (const c of plan.newColumns) header[c.column - 1] = toWritable(c.header);
  return Array.from(header, (v) => v ?? '');
}

/** The ranges setup writes values into: the block of new columns and the cells it fills. */
function setupTargets(plan: SetupReady): CellRange[] {
  const fills = plan.fills.map((f) => ({ row: f.row, column: f.column, numRows: 1, numColumns: 1 }));
  if (!plan.block) return fills;
  const { row, column, values } = plan.block;
  return [...fills, { row, column, numRows: values.length, numColumns: values[0].length }];
}

/** The cells whose look setup writes: the owed columns, header to last row. */
function lookTargets(plan: SetupReady, owed: readonly TrackerKey[], maxRows: number): CellRange[] {
  return adjacentRuns(owed.map((k) => plan.columns[k])).map(([from, to]) => ({
    row: plan.headerRow,
    column: from,
    numRows: Math.max(1, maxRows - plan.headerRow + 1),
    numColumns: to - from + 1,
  }));
}

/**
 * The lines setup tags, as cells, those of the grid before it grows (a new column has no
 * protection yet): the whole column, or the header row. Whether Google refuses developer metadata
 * on a line holding a cell the user may not edit is undocumented (its Protection and
 * DeveloperMetadata references are silent); the emulator refuses it as a write to the line, and a
 * refusal in the Sheets API batch or half-way through SpreadsheetApp would surface as Google's raw
 * error, so such a cell refuses the run before anything is written.
 */
function tagTargets(columnTags: readonly LineTag[], headerRow: number | null, maxRows: number, maxColumns: number): CellRange[] {
  const columns = columnTags.filter((t) => t.index < maxColumns).map((t) => ({ row: 1, column: t.index + 1, numRows: maxRows, numColumns: 1 }));
  return headerRow === null ? columns : [...columns, { row: headerRow, column: 1, numRows: 1, numColumns: maxColumns }];
}

function blockRange(block: NonNullable<SetupReady['block']>): CellRange {
  return { row: block.row, column: block.column, numRows: block.values.length, numColumns: block.values[0].length };
}

/**
 * The fills of existing columns, then `between` (the new columns' block, tags and look), then the
 * Contact IDs of existing ID columns. A row's Contact ID says it has its defaults (Stage,
 * Relationship): it is written after them (the new columns' block holds both or comes between),
 * so a run stopped between the two leaves a row without an ID, which the next run finishes.
 */
function apply(sheet: Sheet, plan: SetupReady, snap: Snapshot, between: () => void): CellFill[] {
  const idColumn = plan.columns.contactId;
  const budget = MAX_SETUP_FILL_WRITES / 2;
  const deferred = writeFills(
    sheet,
    plan.fills.filter((f) => f.column !== idColumn),
    snap,
    { maxWrites: budget },
  );
  between();
  const unfinished = new Set(deferred.map((f) => f.row));
  const ids = plan.fills.filter((f) => f.column === idColumn);
  deferred.push(...ids.filter((f) => unfinished.has(f.row)));
  deferred.push(
    ...writeFills(
      sheet,
      ids.filter((f) => !unfinished.has(f.row)),
      snap,
      { maxWrites: budget },
    ),
  );
  return deferred;
}

interface LookScope {
  /** The columns setup owes their look to. */
  owed: ReadonlySet<TrackerKey>;
  /** The colour rules reached the grid's last row at the last run. */
  covered: boolean;
  maxRows: number;
  /** The Sheets advanced service is enabled: try it first. */
  batched: boolean;
  sheetId: number;
  spreadsheet: () => GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** This run inserted columns (queued until a flush). */
  widened: boolean;
  /** The merges that hold a cell of the header row and one of the row below it, read when asked. */
  mergesAcrossHeader: () => CellRange[];
}

/** What applyLook did with the header: froze it, left it unfrozen for a merge across it (named), or neither. */
type Freeze = { froze: boolean; cutMerge: CellRange | null };

/**
 * The new columns' block; the column tags; a bold header, drop-downs and date formats for the
 * columns setup owes them to (added by this run or by one that stopped before applying them);
 * their colour rules, and the others stretched to the last row unless they reached it at the last
 * run; the frozen header. All but the stretching of rules already there in one Sheets API call,
 * which applies all of them or none; where the service is not enabled or authorised, the same
 * through SpreadsheetApp. Says whether it froze the header.
 */
function applyLook(sheet: Sheet, plan: SetupReady, lineTags: readonly LineTag[], scope: LookScope, rangeAt: RangeAt): Freeze {
  const { owed, covered, maxRows, sheetId } = scope;
  const first = plan.headerRow + 1;
  const rows = maxRows - plan.headerRow;
  const rules = coversRules(plan, owed, covered, maxRows);
  // A header the user froze with more rows keeps them. Google refuses to freeze rows that cut a
  // merge ("Sorry, you can't freeze rows which contain only part of a merged cell..."): such a
  // header stays unfrozen, for the caller to say so, rather than failing the run.
  const wantsFreeze = sheet.getFrozenRows() < plan.headerRow;
  const cutMerge = wantsFreeze ? (scope.mergesAcrossHeader()[0] ?? null) : null;
  const unfrozen = wantsFreeze && !cutMerge;
  const blockCells = scope.batched && plan.block ? blockRequest(sheetId, plan.block) : null;
  const batch = scope.batched
    ? {
        sheetId,
        requests: [
          ...(blockCells ? [blockCells] : []),
          ...tagRequests(sheetId, lineTags),
          ...boldRanges(plan, owed).map((range) => boldRequest(sheetId, range)),
          ...(rows >= 1 && owed.size ? trackerRowsRequests(sheetId, plan.columns, first, rows, owed) : []),
          ...(unfrozen ? [frozenRowsRequest(sheetId, plan.headerRow)] : []),
        ],
      }
    : null;
  if (batch && rules) coverTrackerRows(sheet, plan.columns, plan.headerRow, owed, maxRows, rangeAt, batch);
  // The block first, as its tags say its columns are there: in the batch, or before it.
  const writeBlock = (at: RangeAt) => plan.block && at(rangeA1(blockRange(plan.block))).setValues(plan.block.values.map((r) => r.map(toWritable)));
  if (!blockCells) writeBlock(rangeAt);
  // Only columns this run inserted are queued where the batch writes (the cells' values are not
  // what it writes). The reads above flush them too where a read flushes everything (as the
  // emulator assumes); the flush is kept for where it does not.
  const sent = batch !== null && (batch.requests.length === 0 || sendBatch(scope.spreadsheet(), batch.requests, scope.widened));
  if (!sent) {
    // Refused: the ranges the batch would have written, got at once as without the API.
    const at = batch
      ? rangesFetched(sheet, [
          ...(plan.block && blockCells ? [rangeA1(blockRange(plan.block))] : []),
          ...lineTags.map((t) => t.a1),
          ...lookRanges(plan, owed, covered, maxRows),
        ])
      : rangeAt;
    if (blockCells) writeBlock(at);
    writeTags(sheet, lineTags, at);
    for (const range of boldRanges(plan, owed)) at(rangeA1(range)).setFontWeight('bold');
    if (rows >= 1 && owed.size) formatTrackerRows(sheet, plan.columns, first, rows, owed, at);
    if (rules) coverTrackerRows(sheet, plan.columns, plan.headerRow, owed, maxRows, at);
    if (unfrozen) sheet.setFrozenRows(plan.headerRow);
  }
  return { froze: unfrozen, cutMerge };
}

/**
 * The new columns' block as a Sheets API request, or null when it holds a cell the API would not
 * keep as SpreadsheetApp's setValues does (a date). A string is kept as text: the apostrophe core
 * puts before text that would otherwise be parsed is what SpreadsheetApp strips, so it goes.
 */
function blockRequest(sheetId: number, block: NonNullable<SetupReady['block']>): SheetsRequest | null {
  const cells: GoogleAppsScript.Sheets.Schema.CellData[][] = [];
  for (const row of block.values) {
    const out: GoogleAppsScript.Sheets.Schema.CellData[] = [];
    for (const v of row) {
      if (v === '' || v === null) out.push({});
      else if (typeof v === 'string') out.push({ userEnteredValue: { stringValue: v.startsWith("'") ? v.slice(1) : v } });
      else if (typeof v === 'number') out.push({ userEnteredValue: { numberValue: v } });
      else if (typeof v === 'boolean') out.push({ userEnteredValue: { boolValue: v } });
      else return null;
    }
    cells.push(out);
  }
  return {
    updateCells: {
      start: { sheetId, rowIndex: block.row - 1, columnIndex: block.column - 1 },
      rows: cells.map((values) => ({ values })),
      fields: 'userEnteredValue',
    },
  };
}

/** The header cells of the owed columns, made bold: a range per run of adjacent ones. */
function boldRanges(plan: SetupReady, owed: ReadonlySet<TrackerKey>): CellRange[] {
  return adjacentRuns([...owed].map((k) => plan.columns[k])).map(([from, to]) => ({
    row: plan.headerRow,
    column: from,
    numRows: 1,
    numColumns: to - from + 1,
  }));
}

function coversRules(plan: SetupReady, owed: ReadonlySet<TrackerKey>, covered: boolean, maxRows: number): boolean {
  return maxRows - plan.headerRow >= 1 && (!covered || owed.has('stage') || owed.has('nextFollowUp'));
}

/** The ranges (A1) applyLook writes through SpreadsheetApp: bold headers, formats and drop-downs, the colour rules' columns. */
function lookRanges(plan: SetupReady, owed: ReadonlySet<TrackerKey>, covered: boolean, maxRows: number): string[] {
  const rows = maxRows - plan.headerRow;
  const { formats, dropDowns } = owed.size ? trackerRowsRanges(plan.columns, plan.headerRow + 1, rows, owed) : { formats: [], dropDowns: [] };
  return [
    ...[...boldRanges(plan, owed), ...formats.map((f) => f.range), ...dropDowns.map((d) => d.range)].map(rangeA1),
    ...ruleRanges(plan, owed, covered, maxRows),
  ];
}

/** The colour rules' columns (A1), where applyLook writes or stretches them. */
function ruleRanges(plan: SetupReady, owed: ReadonlySet<TrackerKey>, covered: boolean, maxRows: number): string[] {
  return coversRules(plan, owed, covered, maxRows) ? [plan.columns.stage, plan.columns.nextFollowUp].map((at) => ruleRange(at, plan.headerRow, maxRows)) : [];
}

/** The sheet the add-on remembers as its tracker, if it still exists. */
export function trackerSheet(): Sheet | null {
  return findTrackerSheet(SpreadsheetApp.getActiveSpreadsheet(), readRecord(PropertiesService.getDocumentProperties()));
}
