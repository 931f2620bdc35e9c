// The coach copy: a separate spreadsheet owned by the user, holding values only (never a
// formula, so nothing in it points back at the tracker) and no hidden sheet (one hidden column:
// the feedback fingerprints, see writeCopy). Opening or
// creating it needs https://www.googleapis.com/auth/spreadsheets
// (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#create(String),
//  #openById(String)); spreadsheets.currentonly only reaches the spreadsheet the add-on runs in.

import type { Cell } from '../../core/tracker/cells.ts';
import { FINGERPRINT_HEADER, fingerprintsWithIntents, readCopyFeedback, type CopyTable } from '../../core/coach/copy-table.ts';
import type { FeedbackBase, PendingFeedback } from '../../core/coach/feedback.ts';
import { DASHBOARD_SHEET_NAME } from '../../core/dashboard/definitions.ts';
import { googleText, UserError } from '../base/actions.ts';

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const PROGRESS_SHEET = 'Progress';

export function copyName(trackerName: string): string {
  return `${trackerName} – coach view`;
}

/**
 * Why openById failed. Google documents none of these messages; they are the ones Apps Script
 * projects report (see local/emulator/services/drive.ts for the sources):
 * - gone: "Document <id> is missing (perhaps it was deleted, or you don't have read access?)", or
 *   "Unexpected error while getting the method or property openById…" for an id naming no file.
 *   The copy is the user's own file, made by the add-on, so this means it was deleted for good
 *   (then nobody, the coach included, can open it). A copy in the trash still opens, and stays
 *   shared until it is deleted for good (https://support.google.com/drive/answer/14933051).
 * - scope: "You do not have permission to call SpreadsheetApp.openById. Required permissions: …":
 *   the manifest no longer has the spreadsheets scope.
 * - denied: "You do not have permission to access the requested document.": the user lost access
 *   (the file now belongs to someone else, for example).
 * - other: anything else (a passing service error): nothing is concluded from it.
 * Only "gone" lets the add-on forget a coach: in every other case the coach may still have access.
 */
export type OpenFailure = 'gone' | 'scope' | 'denied' | 'other';
export type OpenedCopy = { ok: true; copy: Ss } | { ok: false; reason: OpenFailure; detail: string };

export function classifyOpenError(text: string): OpenFailure {
  if (/Required permissions|permission to call/i.test(text)) return 'scope';
  if (/is missing \(perhaps it was deleted|Unexpected error while getting the method or property openById/i.test(text)) return 'gone';
  if (/permission to access the requested document/i.test(text)) return 'denied';
  return 'other';
}

export function openCopy(id: string): OpenedCopy {
  try {
    return { ok: true, copy: SpreadsheetApp.openById(id) };
  } catch (e) {
    const detail = googleText(e);
    return { ok: false, reason: classifyOpenError(detail), detail };
  }
}

export function createCopy(trackerName: string): Ss {
  try {
    return SpreadsheetApp.create(copyName(trackerName));
  } catch (e) {
    if (/permission/i.test(googleText(e))) {
      throw new UserError(
        'The add-on is not allowed to create a separate spreadsheet (it needs permission to manage your spreadsheets). Share the tracker itself instead, or ask whoever installed the add-on to allow it.',
      );
    }
    throw e;
  }
}

export interface CopyFeedback {
  feedback: Map<string, string>;
  /** What the add-on last wrote to each feedback cell; null for a copy made before the fingerprint column. */
  bases: Map<string, FeedbackBase> | null;
  /** What an update that died part-way was about to write into the tracker. */
  pending: Map<string, PendingFeedback>;
  /** False when the Progress sheet has content but no Contact ID or Coach feedback header. */
  readable: boolean;
  /** The Progress sheet as read, to record intents in (null when there is none). */
  progress: { sheet: Sheet; values: unknown[][]; fingerprintAt: number } | null;
}

export function readFeedbackFrom(copy: Ss): CopyFeedback {
  const sheet = copy.getSheetByName(PROGRESS_SHEET);
  if (!sheet) return { feedback: new Map(), bases: null, pending: new Map(), readable: true, progress: null };
  const values = sheet.getDataRange().getValues();
  const { feedback, bases, pending, fingerprintAt, found } = readCopyFeedback(values);
  const empty = values.length <= 1 && (values[0] ?? []).every((v) => v === '');
  return { feedback, bases, pending, readable: found || empty, progress: { sheet, values, fingerprintAt } };
}

/**
 * Records in the coach view what is about to be written into the tracker's Coach feedback cells
 * (encoded fingerprints by contact ID), in one write of the fingerprint column. A copy made before
 * that column existed has nowhere to keep them: nothing is recorded.
 */
export function recordFeedbackIntents(from: CopyFeedback, intents: ReadonlyMap<string, string>): void {
  const p = from.progress;
  if (!p || p.fingerprintAt < 0 || intents.size === 0 || p.values.length < 2) return;
  p.sheet.getRange(2, p.fingerprintAt + 1, p.values.length - 1, 1).setValues(fingerprintsWithIntents(p.values, p.fingerprintAt, intents));
}

function sheetNamed(copy: Ss, name: string, index: number): Sheet {
  const existing = copy.getSheetByName(name);
  if (existing) return existing;
  // A new file has one empty sheet: use it for the first of ours.
  const sheets = copy.getSheets();
  if (index === 0 && sheets.length === 1 && sheets[0].getLastRow() === 0 && sheets[0].getName() !== DASHBOARD_SHEET_NAME) return sheets[0].setName(name);
  return copy.insertSheet(name, Math.min(index, sheets.length));
}

export const PROTECTION_DESCRIPTION = 'Coach view: rewritten from the tracker; only Coach feedback is for typing';

/**
 * Only the Coach feedback cells are for the coach to type in: a changed Contact ID would send
 * feedback to the wrong contact, and a renamed header would lose it. A warning-only protection
 * would not stop an editor (it only asks them to confirm), so the Progress sheet is protected
 * for everyone but its owner, the Coach feedback column below the header excepted. A new
 * protection's editors mirror the file's until changed
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#protect()), so they
 * are all removed, on an existing one too (an execution may have died between protect() and
 * that); the owner (the user running the add-on) always keeps the right to edit.
 */
function protectProgress(sheet: Sheet, feedbackColumn: number, rows: number): void {
  const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? sheet.protect();
  protection.removeEditors(protection.getEditors());
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  protection.setUnprotectedRanges(rows > 1 ? [sheet.getRange(2, feedbackColumn, rows - 1, 1)] : []);
  protection.setDescription(PROTECTION_DESCRIPTION);
}

/** A chart of the Dashboard whose data is all on the Dashboard sheet, by A1 ranges. */
export interface DashboardChart {
  type: GoogleAppsScript.Charts.ChartType;
  ranges: string[];
  options: [string, unknown][];
  numHeaders: number;
  anchor: { row: number; column: number; offsetX: number; offsetY: number };
}

export interface DashboardBlock {
  values: Cell[][];
  /** The tracker's Dashboard formulas (the copy gets values only): which cells read the tracker. */
  formulas: string[][];
  formats: string[][];
  /** Read when the coach view's layout is set up, not on every update (see copyLayout). */
  charts: () => DashboardChart[];
}

/** Chart options carried over to the copy (the ones the dashboard sets). */
const CHART_OPTIONS = ['title', 'legend', 'hAxis', 'vAxis', 'colors'];

/** A number format Sheets gives a cell nobody formatted (what getNumberFormat returns for it). */
const DEFAULT_FORMAT = '0.###############';

/**
 * What the last complete rewrite of the coach view set up besides its values (the Progress
 * sheet's header, size and protection, the time zone, the dashboard's size), as one text. Kept
 * with the share, written after the rewrite: while it matches, an update writes only the values
 * and number formats; an update that died part-way never stored it, so the next one sets
 * everything up again. The dashboard's chart is copied when the layout is set up: reading a
 * chart takes ten calls, and Build dashboard moves it only with the rows it draws from, which
 * changes the dashboard's size (a chart restyled by hand in the tracker reaches the coach view
 * with the next share or change of layout).
 */
export function copyLayout(parts: { header: readonly string[]; rows: number; timeZone: string; dashboard: { rows: number; columns: number } | null }): string {
  return JSON.stringify([parts.header, parts.rows, parts.timeZone, parts.dashboard]);
}

const sameRow = (have: readonly unknown[] | undefined, want: readonly string[]) =>
  (have ?? []).length >= want.length && (have ?? []).every((v, i) => (i < want.length ? v === want[i] : v === ''));

/** `rows` × `columns` of `grid`, padded with `fill`. */
const padded = <T>(grid: readonly (readonly T[])[], rows: number, columns: number, fill: T): T[][] =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => grid[r]?.[c] ?? fill));

/**
 * Rewrites the coach copy: the Progress table, then the dashboard figures if there are any. Right
 * of Coach feedback, a hidden column holds a fingerprint of what each feedback cell was given (a
 * hash of text the coach sees anyway, and whether the user typed any of it): the next update
 * tells the coach's edits from the user's by it. It lives here, not in document properties,
 * because it grows with the contacts; being in the same row as the Contact ID, it always
 * describes this copy. Protected like the rest, the coach cannot change it.
 *
 * The values are written in one call over what the sheet held and what it will hold (never a
 * clear first: an execution dying between the two would lose the coach's feedback and the
 * fingerprints). `from` is the Progress sheet as read; `known`, the layout the last complete
 * rewrite stored (see copyLayout). Returns the layout to store once the whole action is done.
 */
export function writeCopy(
  copy: Ss,
  from: CopyFeedback,
  table: CopyTable,
  dashboard: DashboardBlock | null,
  timeZone: string,
  ownerLabel: () => string,
  known: string | null,
): string {
  const width = table.header.length;
  const header = [...table.header, FINGERPRINT_HEADER];
  const rows: Cell[][] = [header, ...table.rows.map((row, i) => [...row, table.fingerprints[i] ?? ''])];
  const old = from.progress?.values ?? [];
  const sheet = from.progress?.sheet ?? sheetNamed(copy, PROGRESS_SHEET, 0);
  const maxRows = sheet.getMaxRows();
  const sheetRows = Math.max(rows.length, maxRows);
  const dash = dashboard && dashboard.values.length ? { rows: dashboard.values.length, columns: Math.max(...dashboard.values.map((r) => r.length)) } : null;
  const layout = copyLayout({ header, rows: sheetRows, timeZone, dashboard: dash });
  const setUp = known !== layout || !from.progress || !sameRow(old[0], header);

  // Everything but the values first: the values' header row is how the next update knows the rest is done.
  if (setUp) {
    if (copy.getSpreadsheetTimeZone() !== timeZone) copy.setSpreadsheetTimeZone(timeZone);
    if (sheet.isSheetHidden()) sheet.showSheet();
    const maxColumns = sheet.getMaxColumns();
    if (rows.length > maxRows) sheet.insertRowsAfter(maxRows, rows.length - maxRows);
    if (width + 1 > maxColumns) sheet.insertColumnsAfter(maxColumns, width + 1 - maxColumns);
    const columns = Math.max(width + 1, maxColumns);
    // With another choice of columns the fingerprint column moves: only where it is now is hidden.
    sheet.showColumns(1, columns);
    sheet.hideColumns(width + 1);
    const note = `Type your feedback for each contact in this column. ${ownerLabel()} brings it back into the tracker with Update coach view; the other columns are protected and rewritten each time.`;
    sheet
      .getRange(1, 1, 1, columns)
      .setFontWeights([Array.from({ length: columns }, (_, c) => (c < width ? 'bold' : 'normal'))])
      .setNotes([Array.from({ length: columns }, (_, c) => (c === width - 1 ? note : ''))]);
    sheet.setFrozenRows(1);
    protectProgress(sheet, width, sheetRows);
  }
  const allRows = Math.max(rows.length, old.length);
  const allColumns = Math.max(width + 1, ...old.map((r) => r.length));
  // Number formats of the shared columns (not Coach feedback and its fingerprint); the rest as Sheets
  // leaves them. Before the values: until those are written, a re-run sees the same old extent.
  if (allRows > 1) sheet.getRange(2, 1, allRows - 1, allColumns).setNumberFormats(padded(table.formats, allRows - 1, allColumns, DEFAULT_FORMAT));
  const values = padded(rows, allRows, allColumns, '' as Cell);
  // The coach may be typing in Coach feedback while this runs (no lock stops a person): where no
  // feedback cell changes, that column is left out of the write, so what they typed since it was
  // read stays for the next update (test/bundle/interleave). The table's last column is Coach feedback.
  const feedback = width - 1;
  if (!setUp && values.every((row, r) => row[feedback] === (old[r]?.[feedback] ?? ''))) {
    if (feedback > 0) sheet.getRange(1, 1, allRows, feedback).setValues(values.map((row) => row.slice(0, feedback)));
    sheet.getRange(1, width + 1, allRows, allColumns - width).setValues(values.map((row) => row.slice(width)));
  } else sheet.getRange(1, 1, allRows, allColumns).setValues(values);

  const existing = copy.getSheetByName(DASHBOARD_SHEET_NAME);
  if (!dashboard && !existing) return layout;
  const dashSheet = existing ?? sheetNamed(copy, DASHBOARD_SHEET_NAME, 1);
  if (setUp || !dash) {
    if (dashSheet.isSheetHidden()) dashSheet.showSheet();
    dashSheet.clear();
  }
  if (!dashboard || !dash) {
    dashSheet.getRange(1, 1).setValue('The tracker has no dashboard yet.');
    if (setUp) for (const chart of dashSheet.getCharts()) dashSheet.removeChart(chart);
    return layout;
  }
  if (setUp) fit(dashSheet, dash.rows, dash.columns);
  // Same layout: the same size as last time, so writing it all replaces all of it.
  const block = dashSheet.getRange(1, 1, dash.rows, dash.columns);
  block.setValues(padded(dashboard.values, dash.rows, dash.columns, '' as Cell));
  block.setNumberFormats(padded(dashboard.formats, dash.rows, dash.columns, DEFAULT_FORMAT));
  if (setUp) writeCharts(dashSheet, dashboard.charts());
  return layout;
}

/** Makes the sheet at least rows × columns. */
function fit(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/** Charts drawn from the copy's own cells: the values sit where they sit on the tracker's Dashboard. */
function writeCharts(dash: Sheet, charts: readonly DashboardChart[]): void {
  for (const old of dash.getCharts()) dash.removeChart(old);
  for (const chart of charts) {
    let builder = dash.newChart().setChartType(chart.type);
    if (chart.numHeaders >= 0) builder = builder.setNumHeaders(chart.numHeaders);
    for (const a1 of chart.ranges) builder = builder.addRange(dash.getRange(a1));
    for (const [name, value] of chart.options) builder = builder.setOption(name, value);
    dash.insertChart(builder.setPosition(chart.anchor.row, chart.anchor.column, chart.anchor.offsetX, chart.anchor.offsetY).build());
  }
}

/**
 * The add-on's Dashboard sheet (found by its ID, see findDashboard: a sheet of the user's may be
 * the one named "Dashboard") as values and number formats, or null if there is none; its formulas
 * only `withFormulas` (to withhold names), its charts only when asked for (see writeCopy).
 */
export function readDashboard(sheet: Sheet | null, withFormulas: boolean): DashboardBlock | null {
  if (!sheet) return null;
  const range = sheet.getDataRange();
  const values = range.getValues() as Cell[][];
  return { values, formulas: withFormulas ? range.getFormulas() : [], formats: range.getNumberFormats(), charts: () => readCharts(sheet) };
}

function readCharts(sheet: Sheet): DashboardChart[] {
  const id = sheet.getSheetId();
  const charts: DashboardChart[] = [];
  for (const chart of sheet.getCharts()) {
    const ranges = chart.getRanges();
    // A chart drawn from another sheet (the tracker) would point back at it: left out.
    if (ranges.length === 0 || ranges.some((r) => r.getSheet().getSheetId() !== id)) continue;
    const options = chart.getOptions();
    const info = chart.getContainerInfo();
    charts.push({
      type: chart.modify().getChartType(),
      ranges: ranges.map((r) => r.getA1Notation()),
      options: CHART_OPTIONS.map((name): [string, unknown] => [name, options.get(name)]).filter(([, v]) => v !== null && v !== undefined),
      numHeaders: chart.getNumHeaders(),
      anchor: { row: info.getAnchorRow(), column: info.getAnchorColumn(), offsetX: info.getOffsetX(), offsetY: info.getOffsetY() },
    });
  }
  return charts;
}
