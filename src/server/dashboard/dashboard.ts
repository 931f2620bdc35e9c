// "Build dashboard": writes the Dashboard sheet of live formulas over the tracker and the
// Interview log, in a fixed number of calls whatever the number of rows. The sheet is found by
// its ID (document property), its settings by their labels, so that a rebuild rewrites every
// formula (repairing them if the tracker changed shape) and keeps every setting as the user left it.

import { columnLetters } from '../../core/base/a1.ts';
import { formatIsoDate, isDateParts } from '../../core/base/dates.ts';
import {
  DASHBOARD_SHEET_NAME,
  defaultSettings,
  FUNNEL_CHART_TITLE,
  introductionRows,
  type SettingKey,
  type SettingValue,
} from '../../core/dashboard/definitions.ts';
import { buildLayout, DASHBOARD_WIDTH, HIDDEN_COLUMNS, type DashboardLayout } from '../../core/dashboard/layout.ts';
import { DASHBOARD_TRACKER_KEYS, type DashboardSources, type DashboardTrackerKey, type LogSource, type NameColumns } from '../../core/dashboard/refs.ts';
import { locateSettings } from '../../core/dashboard/settings.ts';
import { hasContactIdPrefix } from '../../core/tracker/ids.ts';
import { trackerColumn, type TrackerKey } from '../../core/tracker/schema.ts';
import type { ContactField } from '../../core/tracker/headers.ts';
import { asSheetText } from '../../core/base/text.ts';
import type { DashboardResult } from '../../shared/types.ts';
import { menuMessage, UserError } from '../base/actions.ts';
import { sheetClock, zoneCopyProperty } from '../base/clock.ts';
import { openLog, type LogSheet } from '../logging/interview-log.ts';
import { propertiesReadOnce } from '../base/properties-once.ts';
import { protectionProblem } from '../tracker/cells.ts';
import { readTracker } from '../tracker/table.ts';
import { NEW_SHEET_GRID, uniqueSheetName } from '../base/sheets.ts';
import { awaitingLogFormulas, type DashboardRecord, isComplete, linkedRecord, readDashboardRecord, writeDashboardRecord } from './record.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Props = GoogleAppsScript.Properties.Properties;

const HEADER_BACKGROUND = '#e8eaed';
const SETTING_BACKGROUND = '#fff2cc';
/** Widths of the columns a reader sees (A: labels, B to D: numbers, E, F: notes), a run of equal ones per call. */
const COLUMN_WIDTHS = [
  { first: 1, count: 1, width: 340 },
  { first: 2, count: 3, width: 110 },
  { first: 5, count: 1, width: 130 },
  { first: 6, count: 1, width: 420 },
];
/** The funnel chart sits right of the tables and the hidden columns. */
const CHART_COLUMN = DASHBOARD_WIDTH + 2;
/** Columns the sheet keeps, so that the chart has room right of the tables. */
const SHEET_COLUMNS = CHART_COLUMN + 6;
/** Sheets' default number format as Apps Script reports it: below the layout, cells are left as a new sheet's. */
const GENERAL = '0.###############';
/** Rows by which the introductions list may have shrunk since an older build that did not record its height. */
const MOST_INTRODUCTION_ROWS = 50;
const ERROR_TEXT = /^#(REF!|NAME\?|VALUE!|N\/A|DIV\/0!|NUM!|ERROR!|NULL!)/;

/**
 * The add-on's Dashboard sheet: the one its record names by ID, or, after an error stopped the
 * build that was making it, the sheet it was making (by the name it was given, which no sheet had
 * then). Never a sheet of the user's that happens to be called "Dashboard".
 */
function locateDashboard(ss: Ss, record: DashboardRecord | null): Sheet | null {
  if (!record) return null;
  if (record.creating) return ss.getSheetByName(record.creating.name);
  return ss.getSheetById(record.sheetId!);
}

/** The Dashboard sheet once a build has made it (one a stopped first build was making is not yet). */
export function findDashboard(ss: Ss, props: Props): Sheet | null {
  const record = readDashboardRecord(props);
  return typeof record?.sheetId === 'number' ? ss.getSheetById(record.sheetId) : null;
}

/**
 * After the first event created the Interview log: gives a dashboard built before it the formulas
 * that read it. Costs one property read when there is nothing to do (a log created through the
 * Sheets API wrote them in its own batch: see awaitingLogRequests).
 */
export function linkDashboardToLog(ss: Ss, props: Props, log: LogSheet): void {
  const record = readDashboardRecord(props);
  if (!isComplete(record) || !record.awaitingLog) return;
  const sheet = ss.getSheetById(record.sheetId);
  if (sheet) {
    const formulas = awaitingLogFormulas(record.awaitingLog, logSource(log));
    // A user who may not edit the Dashboard still logs: the link waits for the next event logged
    // (or Build dashboard) by someone who may write it.
    if (
      protectionProblem(
        sheet,
        formulas.map(({ row, column }) => ({ row, column, numRows: 1, numColumns: 1 })),
      )
    )
      return;
    for (const { row, column, formula } of formulas) sheet.getRange(row, column).setFormula(formula);
  }
  writeDashboardRecord(props, linkedRecord(record));
}

function logSource(log: LogSheet): LogSource {
  const c = log.columns;
  return {
    sheetName: log.name ?? log.sheet.getName(),
    columns: { eventDate: c.eventDate, eventType: c.eventType, contactId: c.contactId, details: c.details, eventId: c.eventId },
  };
}

/**
 * The tracker as an action that just wrote it knows it (setup): the dashboard then reads none of
 * it again. Columns 0-based; `introductions` as countIntroductions would count them.
 */
export interface KnownTracker {
  sheet: Sheet;
  sheetName: string;
  tracker: Partial<Record<TrackerKey, number>>;
  contact: Partial<Record<ContactField, number>>;
  introductions: number;
  /** `sheet` is the active sheet (the one a build that keeps the user's sheet returns to). */
  active: boolean;
}

/** Where the dashboard's formulas look: the tracker's columns (from their metadata) and the log's; and the tracker sheet. */
function readSources(ss: Ss, props: Props, known?: KnownTracker): { sources: DashboardSources; tracker: Sheet } {
  // The header row only: the dashboard's formulas read the tracker's columns themselves.
  const view = known ? null : readTracker(ss, props, { headerOnly: true, locked: true });
  const tracker = known?.sheet ?? view!.sheet;
  const remembered = known?.tracker ?? view!.tags.tracker;
  const missing = DASHBOARD_TRACKER_KEYS.filter((k) => remembered[k] === undefined);
  if (missing.length) {
    const names = missing.map((k) => `"${trackerColumn(k).header}"`).join(', ');
    throw new UserError(
      `The tracker has no ${names} ${missing.length === 1 ? 'column' : 'columns'}. Run Set up tracker to add ${missing.length === 1 ? 'it' : 'them'} back, then build the dashboard again.`,
    );
  }
  const columns = Object.fromEntries(DASHBOARD_TRACKER_KEYS.map((k) => [k, remembered[k]! + 1])) as Record<DashboardTrackerKey, number>;
  const contact = known?.contact ?? view!.contact;
  const at = (i: number | undefined) => (i === undefined ? undefined : i + 1);
  const names: NameColumns = { full: at(contact.fullName), first: at(contact.firstName), middle: at(contact.middleName), last: at(contact.lastName) };

  // Before the first logged event there is no log, and no formula names it (Sheets would show
  // #REF! until it exists): the first event gives the dashboard its log formula.
  const log = openLog(ss, props, false);
  const logSheet = log ? logSource(log) : null;

  const sources = {
    tracker: { sheetName: known?.sheetName ?? tracker.getName(), columns, names },
    log: logSheet,
    introductionRows: introductionRows(known?.introductions ?? countIntroductions(tracker, view!.record.headerRow, columns)),
  };
  return { sources, tracker };
}

/** Contacts whose Referred by and Contact ID both start as a Contact ID, in `contactIds` and `referredBy` (a column each, row by row). */
export function introductionsIn(contactIds: readonly unknown[], referredBy: readonly unknown[]): number {
  let count = 0;
  contactIds.forEach((id, i) => {
    if (hasContactIdPrefix(id) && hasContactIdPrefix(referredBy[i])) count++;
  });
  return count;
}

/** Contacts whose Referred by is a Contact ID (as the list counts them), today: sizes the introductions list. */
function countIntroductions(tracker: Sheet, headerRow: number, columns: Record<DashboardTrackerKey, number>): number {
  const first = Math.min(columns.contactId, columns.referredBy);
  const last = Math.max(columns.contactId, columns.referredBy);
  // Open-ended (to the sheet's last row): one call fewer than asking for the last row first.
  const values = tracker.getRange(`${columnLetters(first)}${headerRow + 1}:${columnLetters(last)}`).getValues();
  return introductionsIn(
    values.map((row) => row[columns.contactId - first]),
    values.map((row) => row[columns.referredBy - first]),
  );
}

/**
 * Makes the Dashboard sheet, recording first the name it gets (no sheet has it now): a build
 * stopped right after finds the sheet by that name.
 */
function createDashboard(ss: Ss, props: Props, stayOnSheet: boolean, active: Sheet | null): { sheet: Sheet; name: string } {
  const name = uniqueSheetName(ss, DASHBOARD_SHEET_NAME);
  const previous = stayOnSheet ? (active ?? ss.getActiveSheet()) : null;
  writeDashboardRecord(props, { creating: { name } });
  // (insertSheet makes the new sheet the active one, in Sheets as in the emulator.)
  const sheet = ss.insertSheet(name, 0);
  previous?.activate();
  return { sheet, name };
}

function writable(value: string | number): string | number {
  return typeof value === 'string' && !value.startsWith('=') ? asSheetText(value) : value;
}

function settingWritable(value: SettingValue): string | number {
  return isDateParts(value) ? formatIsoDate(value) : value;
}

type Written = string | number | boolean | Date;

/** A setting's cell as it is, to be written back as it is: its formula, else its value. */
function asItIs(value: unknown, formula: string): Written {
  if (formula) return formula;
  if (typeof value === 'string') return asSheetText(value);
  return (value ?? '') as Written;
}

/**
 * Settings stay as they are (their cell is written back with what it holds). One the user moved
 * (by inserting or deleting rows on the dashboard) is carried back to its row, formula or value;
 * one whose row was deleted gets its default. Carrying is part of the one write of the sheet:
 * an error cannot leave a setting half moved.
 */
function placeSettings(
  ss: Ss,
  layout: DashboardLayout,
  existing: { values: unknown[][]; formulas: string[][] } | null,
): { content: Map<SettingKey, Written>; kept: number; written: SettingKey[]; inPlace: boolean; timeZone: string | null } {
  const content = new Map<SettingKey, Written>();
  const written: SettingKey[] = [];
  let kept = 0;
  const found = existing
    ? locateSettings(
        layout,
        existing.values.map((row) => row[0]),
      )
    : { rows: new Map<SettingKey, number>(), inPlace: false };
  let defaults: Record<SettingKey, SettingValue> | null = null;
  let timeZone: string | null = null;
  for (const s of layout.settings) {
    const row = found.rows.get(s.key);
    if (row !== undefined && existing) {
      content.set(s.key, asItIs(existing.values[row - 1][1], existing.formulas[row - 1][1]));
      if (row === s.row) kept++;
      else written.push(s.key);
    } else {
      if (!defaults) {
        const clock = sheetClock(ss);
        timeZone = clock.timeZone;
        defaults = defaultSettings(clock.today);
      }
      content.set(s.key, settingWritable(defaults[s.key]));
      written.push(s.key);
    }
  }
  return { content, kept, written, inPlace: found.inPlace, timeZone };
}

/** The whole sheet from row 1 to `height`, as written in one call each: values, number formats, weights, backgrounds. */
function sheetGrids(layout: DashboardLayout, height: number, settings: Map<SettingKey, Written>) {
  const blankRow = (): Written[] => Array.from({ length: DASHBOARD_WIDTH }, () => '');
  const values: Written[][] = [];
  const formats: string[][] = [];
  const weights: ('bold' | 'normal')[][] = [];
  const backgrounds: (string | null)[][] = [];
  const recent = layout.recentEvents;
  const recentColumns = new Set(Array.from({ length: recent.columns }, (_, k) => recent.column - 1 + k));
  for (let row = 1; row <= height; row++) {
    const cells = layout.cells[row - 1];
    values.push(cells ? cells.map(writable) : blankRow());
    // The recent-events list and the follow-up lists' IDs are for the formulas, not for reading.
    const hidden = (j: number) => recentColumns.has(j) && row >= recent.first && row < recent.first + recent.rows;
    formats.push(Array.from({ length: DASHBOARD_WIDTH }, (_, j) => (hidden(j) ? ';;;' : (layout.formats[row - 1]?.[j] ?? GENERAL))));
    // The title bold, header rows bold on grey, column-heading rows bold.
    const header = layout.headerRows.includes(row);
    const bold = header || layout.columnRows.includes(row);
    weights.push(Array.from({ length: DASHBOARD_WIDTH }, (_, j) => (bold || (row === layout.titleRow && j === 0) ? 'bold' : 'normal')));
    backgrounds.push(Array.from({ length: DASHBOARD_WIDTH }, () => (header ? HEADER_BACKGROUND : null)));
  }
  for (const s of layout.settings) {
    values[s.row - 1][1] = settings.get(s.key)!;
    backgrounds[s.row - 1][1] = SETTING_BACKGROUND;
  }
  return { values, formats, weights, backgrounds };
}

/**
 * The funnel chart over the totals: left as it is when it is there over them; made, or pointed
 * back at them, otherwise (after the user moved rows, Sheets moved its range with them).
 */
function placeChart(sheet: Sheet, layout: DashboardLayout, rows: 'none' | 'in place' | 'unknown'): void {
  const { first, last } = layout.funnel;
  // A sheet just made has no chart; one whose rows are in place and holds one chart has the funnel.
  const charts = rows === 'none' ? [] : sheet.getCharts();
  if (rows === 'in place' && charts.length === 1) return;
  const existing = charts.find((c) => c.getOptions().get('title') === FUNNEL_CHART_TITLE);
  if (existing && rows === 'in place') return;
  const data = sheet.getRange(first, 1, last - first + 1, 2);
  const builder = (existing ? existing.modify().clearRanges() : sheet.newChart())
    .setChartType(Charts.ChartType.BAR)
    .addRange(data)
    .setOption('title', FUNNEL_CHART_TITLE)
    .setOption('legend', { position: 'none' })
    .setPosition(first - 1, CHART_COLUMN, 0, 0);
  if (existing) sheet.updateChart(builder.build());
  else sheet.insertChart(builder.build());
}

/** The cells the array formulas fill within the first `rows` rows (those written), in A1 notation. */
function spillAreas(layout: DashboardLayout, rows: number): string[] {
  return layout.spills
    .filter((a) => a.row <= rows)
    .map((a) => {
      const last = Math.min(a.row + a.numRows - 1, rows);
      return `${columnLetters(a.column)}${a.row}:${columnLetters(a.column + a.numColumns - 1)}${last}`;
    });
}

/** Cells showing a formula error after the build, as "B12 (#NAME?)". */
function errorCells(values: unknown[][]): string[] {
  const out: string[] = [];
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (typeof v === 'string' && ERROR_TEXT.test(v)) out.push(`${columnLetters(j + 1)}${i + 1} (${v})`);
    }),
  );
  return out;
}

export interface BuildOptions {
  /** Show the dashboard afterwards (the menu item does; setup keeps the user where they were). */
  activate: boolean;
  /** Look for cells showing errors after the build, and toast the result when there are none (the menu item; setup tells its own). */
  report: boolean;
}

/**
 * Builds or rebuilds the dashboard. Caller holds the document lock.
 *
 * Reads what is there once, computes the whole sheet (the user's settings as they are), checks
 * it can be written, then writes it in one call per kind (values, formats, weights,
 * backgrounds); the record saying the build ended is written last. Whatever an error stopped
 * half-way, the next build completes: it finds the sheet, reads it and writes it whole again.
 */
export function buildDashboard(options: BuildOptions): DashboardResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  // The dashboard's, the tracker's and the log's records, read in one call.
  const props = propertiesReadOnce(PropertiesService.getDocumentProperties());
  const record = readDashboardRecord(props);
  return build(ss, props, record, locateDashboard(ss, record), options, false);
}

/** `pending`: say in the record that the build started (setup's rebuild, which setup's next run must complete). */
function build(
  ss: Ss,
  props: Props,
  record: DashboardRecord | null,
  found: Sheet | null,
  options: BuildOptions,
  pending: boolean,
  known?: KnownTracker,
): DashboardResult {
  const { sources, tracker } = readSources(ss, props, known);
  const layout = buildLayout(sources);
  let sheet = found;
  // The sheet a stopped build was making has its name; so may a sheet the user made since. It is
  // the add-on's when it is blank or shows the dashboard's title (the stopped build wrote it).
  if (sheet && record?.creating && sheet.getLastRow() > 0 && sheet.getRange(1, 1).getValue() !== layout.cells[0][0]) sheet = null;
  const recent = layout.recentEvents;
  // The recent-events list fills its hidden columns down from its row, past the layout's last row.
  const height = layout.bottom;
  // Rows written: the layout's, and those a taller layout wrote before (a longer introductions
  // list), which are emptied. What the user typed below them is theirs and stays.
  // (A sheet made by this build or by the one an error stopped has nothing below the layout.)
  let written =
    !sheet || record?.creating ? layout.cells.length : Math.max(layout.cells.length, record?.height ?? layout.cells.length + MOST_INTRODUCTION_ROWS);

  let existing: { values: unknown[][]; formulas: string[][] } | null = null;
  let maxRows: number;
  let maxColumns: number;
  if (sheet) {
    maxRows = sheet.getMaxRows();
    maxColumns = sheet.getMaxColumns();
    // Every cell the build may write (the settings it writes back too), and the rows it may add:
    // a protected one refuses the build before its first write.
    const problem = protectionProblem(sheet, [{ row: 1, column: 1, numRows: Math.max(height, maxRows), numColumns: Math.max(DASHBOARD_WIDTH, maxColumns) }]);
    if (problem) throw new UserError(`${problem} The dashboard was not built; nothing was changed.`);
    // Read across the hidden columns too: the "What gets replies" list's formulas are the layout's
    // last row, and rows the user inserted above carried them below the rows a rebuild writes,
    // where the new ones' arrays would run into them (#REF!). Only the add-on writes formulas there.
    const read = sheet.getRange(1, 1, Math.min(height, maxRows), Math.min(DASHBOARD_WIDTH, maxColumns));
    existing = { values: read.getValues(), formulas: read.getFormulas() };
    const listColumn = layout.repliesList.column;
    const holdsList = (row: string[]) => row.slice(listColumn - 1).some((f) => f !== '');
    let lastList = existing.formulas.length;
    while (lastList > 0 && !holdsList(existing.formulas[lastList - 1])) lastList--;
    if (!record?.creating) written = Math.max(written, lastList);
  }
  const settings = placeSettings(ss, layout, existing);

  // The first write. A rebuild by setup says it started (setup's next run completes it); a new
  // sheet is recorded before it is made.
  if (sheet && pending && isComplete(record)) writeDashboardRecord(props, { ...record, pending: true });
  const created = sheet === null;
  let name: string | null = null;
  if (!sheet) {
    ({ sheet, name } = createDashboard(ss, props, !options.activate, known?.active ? known.sheet : null));
    ({ maxRows, maxColumns } = NEW_SHEET_GRID);
  } else if (record?.creating && !options.activate && ss.getActiveSheet().getName() === record.creating.name) {
    // Making the sheet made it the active one, and the build that made it stopped before putting
    // the user back: on the tracker, where setup (the one build that keeps the user's sheet) runs.
    tracker.activate();
  }
  if (maxRows! < height) sheet.insertRowsAfter(maxRows!, height - maxRows!);
  if (maxColumns! < SHEET_COLUMNS) sheet.insertColumnsAfter(maxColumns!, SHEET_COLUMNS - maxColumns!);

  const grids = sheetGrids(layout, written, settings.content);
  const range = sheet
    .getRange(1, 1, written, DASHBOARD_WIDTH)
    .setNumberFormats(grids.formats)
    .setFontWeights(grids.weights)
    .setBackgrounds(grids.backgrounds)
    .setValues(grids.values);
  // setValues has no way to leave a cell out, and an empty text written into an array's cells
  // blocks it in Sheets ("Array result was not expanded because it would overwrite data", as users
  // of the Sheets API report, googleapis/google-api-go-client#1041): emptied in the same execution.
  sheet.getRangeList(spillAreas(layout, written)).clearContent();
  const firstBuild = created || !record?.built;
  if (firstBuild) {
    for (const run of COLUMN_WIDTHS) sheet.setColumnWidths(run.first, run.count, run.width);
    sheet.hideColumns(HIDDEN_COLUMNS.first, HIDDEN_COLUMNS.count);
  }
  placeChart(sheet, layout, created ? 'none' : settings.inPlace && !firstBuild ? 'in place' : 'unknown');
  const errors = options.report ? errorCells(range.getValues()) : [];

  const done: DashboardRecord = {
    height: layout.cells.length,
    sheetId: isComplete(record) && !created ? record.sheetId : sheet.getSheetId(),
    built: true,
  };
  if (!sources.log) done.awaitingLog = { row: recent.first, column: recent.column, weekStart: recent.weekStart, replies: layout.repliesList };
  // The first build (setup's) brings the dialogs' copy of the zone (src/server/base/clock.ts) up
  // to date in the same call, with the zone its defaults read; a call only for a first build
  // whose settings are there already (a re-run after a stop), so that the re-run converges.
  const zone = firstBuild ? zoneCopyProperty(props, settings.timeZone ?? ss.getSpreadsheetTimeZone()) : {};
  writeDashboardRecord(props, done, zone);
  if (options.activate) sheet.activate();

  name ??= sheet.getName();
  const parts = [created ? `Built the "${name}" sheet: live formulas over your tracker and the Interview log.` : `Rebuilt the "${name}" sheet.`];
  if (settings.kept) parts.push(`Your ${settings.kept} settings were left as they were.`);
  if (errors.length) {
    parts.push(
      `Some cells show errors: ${errors.slice(0, 5).join(', ')}${errors.length > 5 ? ', …' : ''}. The formulas are written in English with commas; if your spreadsheet's locale (File > Settings: ${ss.getSpreadsheetLocale()}) changed how they read, please report it.`,
    );
  }
  if (errors.some((e) => e.includes('(#REF!)'))) {
    // Sheets' #REF! on a formula that fills several cells: "Array result was not expanded because
    // it would overwrite data" (the dashboard names no sheet that could be missing).
    parts.push('#REF! means a list cannot fill its cells: something is typed in its way (columns G to R are hidden); delete it.');
  }
  const message = parts.join(' ');
  if (options.report && !errors.length) ss.toast(message, 'Dashboard', 8);
  return { ok: true, sheetName: name, created, settingsKept: settings.kept, settingsWritten: settings.written, errors, message };
}

/**
 * Setup builds the dashboard when it changed the tracker, when there is no dashboard yet, and
 * when an error stopped the last build before it ended. `known`: the tracker as setup left it.
 */
export function dashboardAfterSetup(
  changed: boolean,
  ss: Ss = SpreadsheetApp.getActiveSpreadsheet(),
  props: Props = PropertiesService.getDocumentProperties(),
  known?: KnownTracker,
): DashboardResult | null {
  const record = readDashboardRecord(props);
  const sheet = locateDashboard(ss, record);
  if (!changed && sheet && isComplete(record)) return null;
  try {
    return build(ss, props, record, sheet, { activate: false, report: false }, true, known);
  } catch (e) {
    // Setup's own work is done: a dashboard that could not be built is one of its warnings.
    return { ok: false, message: menuMessage(e) };
  }
}
