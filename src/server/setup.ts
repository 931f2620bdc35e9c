// "Set up tracker": reads the active sheet once, lets core plan the change, asks the user
// when core needs a yes, and writes the new columns, IDs, rules and formats in a fixed number
// of calls. Existing cells, formats and column order are never touched.

import { planSetup, type SetupConfirmKind, type SetupReady } from '../core/setup.ts';
import { TRACKER_COLUMNS, type TrackerKey } from '../core/schema.ts';
import { columnLetters } from '../core/a1.ts';
import type { SetupResult } from '../shared/types.ts';
import { findTrackerSheet, readRecord, rememberedColumns, tagColumns, writeRecord } from './tracker-store.ts';
import { toWritable, writeFills, type Snapshot } from './cells.ts';
import { dashboardAfterSetup } from './dashboard.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The number format of the tracker's date columns. */
export const DATE_FORMAT = 'yyyy-mm-dd';

export interface SetupOptions {
  /** Questions already answered yes. */
  confirmed?: SetupConfirmKind[];
  /** Ask the user (alert) when core needs a yes; otherwise answer no. */
  interactive: boolean;
}

function cellsInSpreadsheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  return ss.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
}

/** Sets up (or re-checks) `sheet` as the tracker. Caller holds the document lock. */
export function setUpSheet(sheet: Sheet, options: SetupOptions): SetupResult {
  const ss = sheet.getParent();
  const props = PropertiesService.getDocumentProperties();
  const record = readRecord(props);
  const known = record !== null && record.sheetId === sheet.getSheetId();
  const data = sheet.getDataRange();
  const values = data.getValues();
  const formulas = data.getFormulas();
  const merged = data.getMergedRanges().map((r) => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() }));
  const remembered = known ? rememberedColumns(sheet) : {};
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  const confirmed = [...(options.confirmed ?? [])];
  const input = {
    values: values as (string | number | boolean | Date)[][],
    formulas,
    merged,
    grid: { maxRows, maxColumns, cellsInSpreadsheet: cellsInSpreadsheet(ss) },
    knownTracker: known,
    remembered,
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

  apply(sheet, plan, { top: 1, values, formulas }, maxColumns, remembered);
  writeRecord(props, { sheetId: sheet.getSheetId(), headerRow: plan.headerRow, idCounter: plan.idCounter });
  // The dashboard follows the tracker: built by the first setup, rebuilt when setup changed the tracker.
  const dashboard = dashboardAfterSetup(plan.changed);
  return {
    ok: true,
    sheetName: sheet.getName(),
    headerRow: plan.headerRow,
    addedColumns: plan.newColumns.map((c) => TRACKER_COLUMNS.find((t) => t.key === c.key)!.header),
    newIds: plan.newIds,
    contacts: plan.contactRows,
    changed: plan.changed,
    warnings: dashboard && !dashboard.ok ? [...plan.warnings, `Dashboard not built: ${dashboard.message}`] : plan.warnings,
    summary: plan.summary,
  };
}

function apply(sheet: Sheet, plan: SetupReady, snap: Snapshot, maxColumns: number, remembered: Partial<Record<TrackerKey, number>>): void {
  const last = plan.newColumns.length ? plan.newColumns[plan.newColumns.length - 1].column : 0;
  if (last > maxColumns) sheet.insertColumnsAfter(maxColumns, last - maxColumns);
  if (plan.block) {
    const { row, column, values } = plan.block;
    sheet.getRange(row, column, values.length, values[0].length).setValues(values.map((r) => r.map(toWritable)));
    sheet.getRange(row, column, 1, values[0].length).setFontWeight('bold');
  }
  writeFills(sheet, plan.fills, snap);
  tagColumns(sheet, plan.columns, remembered);
  formatNewColumns(sheet, plan);
  if (sheet.getFrozenRows() < plan.headerRow) sheet.setFrozenRows(plan.headerRow);
}

/** Date formats and drop-downs for tracker columns (1-based) over the given rows. */
export function formatTrackerRows(sheet: Sheet, columns: Partial<Record<TrackerKey, number>>, firstRow: number, numRows: number, only?: ReadonlySet<TrackerKey>): void {
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

/** Drop-downs, date formats and conditional colours, for the columns this run added only. */
function formatNewColumns(sheet: Sheet, plan: SetupReady): void {
  const added = new Set(plan.newColumns.map((c) => c.key));
  if (added.size === 0) return;
  const first = plan.headerRow + 1;
  const rows = sheet.getMaxRows() - plan.headerRow;
  if (rows < 1) return;
  const column = (key: TrackerKey) => sheet.getRange(first, plan.columns[key], rows, 1);
  formatTrackerRows(sheet, plan.columns, first, rows, added);
  const rules = sheet.getConditionalFormatRules();
  const stage = columnLetters(plan.columns.stage);
  const followUp = columnLetters(plan.columns.nextFollowUp);
  const open = `AND($${stage}${first}<>"Declined",$${stage}${first}<>"No response",$${stage}${first}<>"Thanked")`;
  if (added.has('nextFollowUp')) {
    rules.push(
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND(ISNUMBER($${followUp}${first}),$${followUp}${first}<TODAY(),${open})`)
        .setBackground('#f4c7c3')
        .setFontColor('#a50e0e')
        .setRanges([column('nextFollowUp')])
        .build(),
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND(ISNUMBER($${followUp}${first}),$${followUp}${first}=TODAY(),${open})`)
        .setBackground('#fce8b2')
        .setRanges([column('nextFollowUp')])
        .build(),
    );
  }
  if (added.has('stage')) {
    const colours: [string, string][] = [
      ['Scheduled', '#d2e3fc'],
      ['Interviewed', '#ceead6'],
      ['Thanked', '#ceead6'],
      ['Declined', '#e8eaed'],
      ['No response', '#e8eaed'],
    ];
    for (const [text, colour] of colours) {
      rules.push(SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(text).setBackground(colour).setRanges([column('stage')]).build());
    }
  }
  sheet.setConditionalFormatRules(rules);
}

/** The sheet the add-on remembers as its tracker, if it still exists. */
export function trackerSheet(): Sheet | null {
  return findTrackerSheet(SpreadsheetApp.getActiveSpreadsheet(), readRecord(PropertiesService.getDocumentProperties()));
}
