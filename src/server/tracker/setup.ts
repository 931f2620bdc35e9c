// "Set up tracker": reads the active sheet once, lets core plan the change, asks the user
// when core needs a yes, and writes the new columns, IDs, rules and formats in a fixed number
// of calls. Existing cells, formats and column order are never touched.

import { planSetup, type SetupConfirmKind, type SetupReady } from '../../core/tracker/setup.ts';
import { trackerColumn } from '../../core/tracker/schema.ts';
import { thousands } from '../../core/base/text.ts';
import type { SetupResult } from '../../shared/types.ts';
import {
  type ColumnTags,
  findTrackerSheet,
  readColumnTags,
  readRecord,
  tagColumns,
  tagContactColumns,
  taggedHeaderRow,
  tagHeaderRow,
  writeRecord,
} from './store.ts';
import { locateHeader } from '../../core/tracker/header-locate.ts';
import type { CellFill, CellRange } from '../../core/tracker/cells.ts';
import { mergeProblem, toWritable, writeFills, type Snapshot } from './cells.ts';
import { coverTrackerRows, formatTrackerRows } from './format.ts';
import { dashboardAfterSetup } from '../dashboard/dashboard.ts';
import { cellsInSpreadsheet } from '../base/sheets.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupOptions {
  /** Questions already answered yes. */
  confirmed?: SetupConfirmKind[];
  /** Ask the user (alert) when core needs a yes; otherwise answer no. */
  interactive: boolean;
}

/** Most setValues calls setup spends on filling empty cells of existing tracker columns. */
export const MAX_SETUP_FILL_WRITES = 100;

/** Sets up (or re-checks) `sheet` as the tracker. Caller holds the document lock. */
export function setUpSheet(sheet: Sheet, options: SetupOptions): SetupResult {
  const ss = sheet.getParent();
  const props = PropertiesService.getDocumentProperties();
  const record = readRecord(props);
  const known = record !== null && record.sheetId === sheet.getSheetId();
  const data = sheet.getDataRange();
  const values = data.getValues() as (string | number | boolean | Date)[][];
  const formulas = data.getFormulas();
  const formats = data.getNumberFormats();
  const merged = data.getMergedRanges().map((r) => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() }));
  const tags = readColumnTags(sheet);
  const taggedRow = taggedHeaderRow(sheet);
  // A known tracker's header is found again (rows may have been inserted above it), never
  // guessed afresh: a wrong header row would put the new columns and IDs in the wrong place.
  let headerRow: number | undefined;
  if (known) {
    const located = locateHeader(values, [taggedRow, record.headerRow], tags);
    if (!located.ok) return { ok: false, message: located.message };
    headerRow = located.headerRow;
  }
  const remembered = known ? tags.tracker : {};
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  const confirmed = [...(options.confirmed ?? [])];
  const input = {
    values,
    formulas,
    merged,
    grid: { maxRows, maxColumns, cellsInSpreadsheet: cellsInSpreadsheet(ss) },
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
  // first, the new columns too (right of the data, where getDataRange's merges do not reach).
  const underMerge = mergeProblem(sheet, setupTargets(plan));
  if (underMerge) return { ok: false, message: `${underMerge} Nothing was changed.` };

  const deferred = apply(sheet, plan, { top: 1, values, formulas, formats }, maxColumns, tags, taggedRow);
  writeRecord(props, { sheetId: sheet.getSheetId(), headerRow: plan.headerRow, idCounter: plan.idCounter });
  const warnings = [...plan.warnings];
  if (deferred.length) {
    const rows = new Set(deferred.map((f) => f.row)).size;
    warnings.push(
      `${thousands(rows)} ${rows === 1 ? 'row was' : 'rows were'} not finished in this run (too many separate places to fill at once). Run Set up tracker again to finish them.`,
    );
  }
  // The dashboard follows the tracker: built by the first setup, rebuilt when setup changed the tracker.
  const dashboard = dashboardAfterSetup(plan.changed);
  if (dashboard && !dashboard.ok) warnings.push(`Dashboard not built: ${dashboard.message}`);
  return {
    ok: true,
    sheetName: sheet.getName(),
    headerRow: plan.headerRow,
    addedColumns: plan.newColumns.map((c) => trackerColumn(c.key).header),
    newIds: plan.newIds,
    contacts: plan.contactRows,
    changed: plan.changed,
    warnings,
    summary: plan.summary,
  };
}

/** The ranges setup writes values into: the block of new columns and the cells it fills. */
function setupTargets(plan: SetupReady): CellRange[] {
  const fills = plan.fills.map((f) => ({ row: f.row, column: f.column, numRows: 1, numColumns: 1 }));
  if (!plan.block) return fills;
  const { row, column, values } = plan.block;
  return [...fills, { row, column, numRows: values.length, numColumns: values[0].length }];
}

function apply(sheet: Sheet, plan: SetupReady, snap: Snapshot, maxColumns: number, tags: ColumnTags, taggedRow: number | null): CellFill[] {
  const last = plan.newColumns.length ? plan.newColumns[plan.newColumns.length - 1].column : 0;
  if (last > maxColumns) sheet.insertColumnsAfter(maxColumns, last - maxColumns);
  if (plan.block) {
    const { row, column, values } = plan.block;
    sheet.getRange(row, column, values.length, values[0].length).setValues(values.map((r) => r.map(toWritable)));
    sheet.getRange(row, column, 1, values[0].length).setFontWeight('bold');
  }
  const deferred = writeFills(sheet, plan.fills, snap, { maxWrites: MAX_SETUP_FILL_WRITES });
  tagColumns(sheet, plan.columns, tags.tracker);
  tagContactColumns(sheet, plan.map.contact, tags.contact);
  tagHeaderRow(sheet, plan.headerRow, taggedRow);
  formatNewColumns(sheet, plan);
  if (sheet.getFrozenRows() < plan.headerRow) sheet.setFrozenRows(plan.headerRow);
  return deferred;
}

/** Drop-downs and date formats for the columns this run added; colour rules added or stretched. */
function formatNewColumns(sheet: Sheet, plan: SetupReady): void {
  const added = new Set(plan.newColumns.map((c) => c.key));
  const first = plan.headerRow + 1;
  const rows = sheet.getMaxRows() - plan.headerRow;
  if (rows < 1) return;
  if (added.size) formatTrackerRows(sheet, plan.columns, first, rows, added);
  coverTrackerRows(sheet, plan.columns, plan.headerRow, added);
}

/** The sheet the add-on remembers as its tracker, if it still exists. */
export function trackerSheet(): Sheet | null {
  return findTrackerSheet(SpreadsheetApp.getActiveSpreadsheet(), readRecord(PropertiesService.getDocumentProperties()));
}
