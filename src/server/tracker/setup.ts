// "Set up tracker": reads the active sheet once, lets core plan the change, asks the user
// when core needs a yes, and writes the new columns, IDs, rules and formats in a fixed number
// of calls. Existing cells, formats and column order are never touched.

import { planSetup, type SetupConfirmKind, type SetupReady } from '../../core/tracker/setup.ts';
import { CLOSED_STAGES, TRACKER_COLUMNS, trackerColumn, type TrackerKey } from '../../core/tracker/schema.ts';
import { thousands } from '../../core/base/text.ts';
import { columnLetters } from '../../core/base/a1.ts';
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
import { dashboardAfterSetup } from '../dashboard/dashboard.ts';
import { cellsInSpreadsheet } from '../base/sheets.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The number format of the tracker's date columns. */
export const DATE_FORMAT = 'yyyy-mm-dd';

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

/** 0-based tracker columns (as a TrackerView has them) as the 1-based ones formatTrackerRows takes. */
export function oneBasedColumns(columns: Partial<Record<TrackerKey, number>>): Partial<Record<TrackerKey, number>> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v + 1]));
}

/** Date formats and drop-downs for tracker columns (1-based) over the given rows. */
export function formatTrackerRows(
  sheet: Sheet,
  columns: Partial<Record<TrackerKey, number>>,
  firstRow: number,
  numRows: number,
  only?: ReadonlySet<TrackerKey>,
): void {
  if (numRows < 1) return;
  for (const def of TRACKER_COLUMNS) {
    const at = columns[def.key];
    if (at === undefined || (only && !only.has(def.key))) continue;
    const range = sheet.getRange(firstRow, at, numRows, 1);
    if (def.kind === 'date') range.setNumberFormat(DATE_FORMAT);
    if (def.kind === 'number') range.setNumberFormat('0');
    if (def.kind === 'list' && def.values) {
      // Relationship accepts the user's own words (with a warning mark); Stage and Outcome drive
      // the add-on's logic, so Sheets rejects other values typed into them.
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInList([...def.values], true)
        .setAllowInvalid(def.key === 'relationship')
        .setHelpText(`Choose one of: ${def.values.join(', ')}`)
        .build();
      range.setDataValidation(rule);
    }
  }
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

/**
 * The tracker's colour rules: those it finds on its Stage and Next follow-up columns are
 * stretched to the last row of the grid (rows added below the grid since, by import or by the
 * user, get the colours too); those for columns in `add` are created. Run again, it changes
 * nothing. `columns` are 1-based. Rules of the user's own on other columns are kept as they are.
 */
export function coverTrackerRows(
  sheet: Sheet,
  columns: Partial<Record<TrackerKey, number>>,
  headerRow: number,
  add: ReadonlySet<TrackerKey> = new Set(),
): void {
  const first = headerRow + 1;
  const lastRow = sheet.getMaxRows();
  if (lastRow < first || columns.stage === undefined || columns.nextFollowUp === undefined) return;
  const column = (at: number) => sheet.getRange(first, at, lastRow - headerRow, 1);
  const ours = new Set([columns.stage, columns.nextFollowUp]);
  // Rebuilt whether or not they already reach the last row, so the calls do not depend on it.
  let found = false;
  const rules = sheet.getConditionalFormatRules().map((rule) => {
    const ranges = rule.getRanges();
    if (ranges.length !== 1) return rule;
    const r = ranges[0];
    if (r.getNumColumns() !== 1 || !ours.has(r.getColumn()) || r.getRow() !== first) return rule;
    found = true;
    return rule
      .copy()
      .setRanges([column(r.getColumn())])
      .build();
  });
  const stage = columnLetters(columns.stage);
  const followUp = columnLetters(columns.nextFollowUp);
  const open = `AND(${CLOSED_STAGES.map((s) => `$${stage}${first}<>"${s}"`).join(',')})`;
  if (add.has('nextFollowUp')) {
    rules.push(
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND(ISNUMBER($${followUp}${first}),$${followUp}${first}<TODAY(),${open})`)
        .setBackground('#f4c7c3')
        .setFontColor('#a50e0e')
        .setRanges([column(columns.nextFollowUp)])
        .build(),
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND(ISNUMBER($${followUp}${first}),$${followUp}${first}=TODAY(),${open})`)
        .setBackground('#fce8b2')
        .setRanges([column(columns.nextFollowUp)])
        .build(),
    );
  }
  if (add.has('stage')) {
    const colours: [string, string][] = [
      ['Scheduled', '#d2e3fc'],
      ['Interviewed', '#ceead6'],
      ['Thanked', '#ceead6'],
      ['Declined', '#e8eaed'],
      ['No response', '#e8eaed'],
    ];
    for (const [text, colour] of colours) {
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenTextEqualTo(text)
          .setBackground(colour)
          .setRanges([column(columns.stage)])
          .build(),
      );
    }
  }
  if (found || add.has('nextFollowUp') || add.has('stage')) sheet.setConditionalFormatRules(rules);
}

/** The sheet the add-on remembers as its tracker, if it still exists. */
export function trackerSheet(): Sheet | null {
  return findTrackerSheet(SpreadsheetApp.getActiveSpreadsheet(), readRecord(PropertiesService.getDocumentProperties()));
}
