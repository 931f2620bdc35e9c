// "Build dashboard": writes the Dashboard sheet of live formulas over the tracker and the
// Interview log, in a fixed number of calls whatever the number of rows. The sheet is found by
// its ID (document property), its settings cells by row metadata, so that a rebuild rewrites
// every formula (repairing them if the tracker changed shape) and never writes a setting that
// is already there.

import { columnLetters } from '../../core/base/a1.ts';
import { formatIsoDate, isDateParts } from '../../core/base/dates.ts';
import {
  DASHBOARD_SHEET_NAME,
  defaultSettings,
  FUNNEL_CHART_TITLE,
  introductionRows,
  SETTINGS,
  type SettingKey,
  type SettingValue,
} from '../../core/dashboard/definitions.ts';
import { buildLayout, DASHBOARD_WIDTH, HIDDEN_COLUMNS, RECENT_EVENTS_CAP, type DashboardLayout } from '../../core/dashboard/layout.ts';
import { recentEvents } from '../../core/dashboard/formulas.ts';
import { DASHBOARD_TRACKER_KEYS, logRefs, type DashboardSources, type DashboardTrackerKey, type NameColumns } from '../../core/dashboard/refs.ts';
import { hasContactIdPrefix } from '../../core/tracker/ids.ts';
import { trackerColumn } from '../../core/tracker/schema.ts';
import { asSheetText } from '../../core/base/text.ts';
import type { DashboardResult } from '../../shared/types.ts';
import { menuMessage, UserError } from '../base/actions.ts';
import { sheetClock } from '../base/clock.ts';
import { openLog, type LogSheet } from '../logging/interview-log.ts';
import { readTracker } from '../tracker/table.ts';
import { uniqueSheetName } from '../base/sheets.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Props = GoogleAppsScript.Properties.Properties;

const DASHBOARD_RECORD_KEY = 'iit.dashboard';
/** Row metadata on each settings row; its value is the setting's key. */
export const SETTING_META_KEY = 'iit.dashboardSetting';

const HEADER_BACKGROUND = '#e8eaed';
const SETTING_BACKGROUND = '#fff2cc';
const COLUMN_WIDTHS = [340, 110, 110, 110, 130, 420];
/** The funnel chart sits right of the tables and the hidden columns. */
const CHART_COLUMN = DASHBOARD_WIDTH + 2;
const ERROR_TEXT = /^#(REF!|NAME\?|VALUE!|N\/A|DIV\/0!|NUM!|ERROR!|NULL!)/;

/** What the add-on remembers of its dashboard (document property). */
interface DashboardRecord {
  sheetId: number;
  /**
   * Where the recent-events formula goes, when it could not be written because there was no
   * Interview log yet: the first logged event writes it (linkDashboardToLog).
   */
  awaitingLog?: { row: number; column: number; weekStart: string };
}

function readDashboardRecord(props: Props): DashboardRecord | null {
  const raw = props.getProperty(DASHBOARD_RECORD_KEY);
  if (!raw) return null;
  try {
    const record = JSON.parse(raw) as DashboardRecord;
    return typeof record.sheetId === 'number' ? record : null;
  } catch {
    return null;
  }
}

export function findDashboard(ss: Ss, props: Props): Sheet | null {
  const record = readDashboardRecord(props);
  return record ? ss.getSheetById(record.sheetId) : null;
}

/**
 * After the first event created the Interview log: gives a dashboard built before it the one
 * formula that reads the log. Costs one property read when there is nothing to do.
 */
export function linkDashboardToLog(ss: Ss, props: Props, log: LogSheet): void {
  const record = readDashboardRecord(props);
  if (!record?.awaitingLog) return;
  const sheet = ss.getSheetById(record.sheetId);
  const { row, column, weekStart } = record.awaitingLog;
  if (sheet) {
    const source = { sheetName: log.sheet.getName(), columns: { eventDate: log.columns.eventDate, eventType: log.columns.eventType } };
    sheet.getRange(row, column).setFormula(recentEvents(logRefs(source), weekStart, RECENT_EVENTS_CAP));
  }
  props.setProperty(DASHBOARD_RECORD_KEY, JSON.stringify({ sheetId: record.sheetId }));
}

/** Where the dashboard's formulas look: the tracker's columns (from their metadata) and the log's. */
function readSources(ss: Ss, props: Props): DashboardSources {
  // The header row only: the dashboard's formulas read the tracker's columns themselves.
  const view = readTracker(ss, props, { headerOnly: true, locked: true });
  const tracker = view.sheet;
  const remembered = view.tags.tracker;
  const missing = DASHBOARD_TRACKER_KEYS.filter((k) => remembered[k] === undefined);
  if (missing.length) {
    const names = missing.map((k) => `"${trackerColumn(k).header}"`).join(', ');
    throw new UserError(
      `The tracker has no ${names} ${missing.length === 1 ? 'column' : 'columns'}. Run Set up tracker to add ${missing.length === 1 ? 'it' : 'them'} back, then build the dashboard again.`,
    );
  }
  const columns = Object.fromEntries(DASHBOARD_TRACKER_KEYS.map((k) => [k, remembered[k]! + 1])) as Record<DashboardTrackerKey, number>;
  const { contact } = view;
  const at = (i: number | undefined) => (i === undefined ? undefined : i + 1);
  const names: NameColumns = { full: at(contact.fullName), first: at(contact.firstName), middle: at(contact.middleName), last: at(contact.lastName) };

  // Before the first logged event there is no log, and no formula names it (Sheets would show
  // #REF! until it exists): the first event gives the dashboard its log formula.
  const log = openLog(ss, props, false);
  const logSheet = log ? { sheetName: log.sheet.getName(), columns: { eventDate: log.columns.eventDate, eventType: log.columns.eventType } } : null;

  return {
    tracker: { sheetName: tracker.getName(), columns, names },
    log: logSheet,
    introductionRows: introductionRows(countIntroductions(tracker, view.record.headerRow, columns)),
  };
}

/** Contacts whose Referred by is a Contact ID (as the list counts them), today: sizes the introductions list. */
function countIntroductions(tracker: Sheet, headerRow: number, columns: Record<DashboardTrackerKey, number>): number {
  const rows = tracker.getLastRow() - headerRow;
  if (rows < 1) return 0;
  const first = Math.min(columns.contactId, columns.referredBy);
  const span = Math.abs(columns.contactId - columns.referredBy) + 1;
  const values = tracker.getRange(headerRow + 1, first, rows, span).getValues();
  let count = 0;
  for (const row of values) {
    if (hasContactIdPrefix(row[columns.contactId - first]) && hasContactIdPrefix(row[columns.referredBy - first])) count++;
  }
  return count;
}

function createDashboard(ss: Ss, props: Props): Sheet {
  const previous = ss.getActiveSheet();
  const sheet = ss.insertSheet(uniqueSheetName(ss, DASHBOARD_SHEET_NAME), 0);
  previous.activate();
  props.setProperty(DASHBOARD_RECORD_KEY, JSON.stringify({ sheetId: sheet.getSheetId() }));
  return sheet;
}

interface FoundSetting {
  row: number;
  meta: GoogleAppsScript.Spreadsheet.DeveloperMetadata;
}

function findSettings(sheet: Sheet): Map<SettingKey, FoundSetting> {
  const found = new Map<SettingKey, FoundSetting>();
  const keys = new Set<string>(SETTINGS.map((s) => s.key));
  for (const meta of sheet.createDeveloperMetadataFinder().withKey(SETTING_META_KEY).find()) {
    const key = meta.getValue();
    const row = meta.getLocation().getRow();
    if (key && keys.has(key) && row && !found.has(key as SettingKey)) found.set(key as SettingKey, { row: row.getRow(), meta });
  }
  return found;
}

function writable(value: string | number): string | number {
  return typeof value === 'string' && !value.startsWith('=') ? asSheetText(value) : value;
}

function settingWritable(value: SettingValue): string | number {
  return isDateParts(value) ? formatIsoDate(value) : value;
}

/** Clears and writes everything but the settings values (column B of the settings rows). */
function writeGenerated(sheet: Sheet, layout: DashboardLayout): void {
  const { first, last } = layout.settingsBlock;
  const height = layout.cells.length;
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  const settingRows = last - first + 1;
  sheet.getRange(1, 1, first - 1, maxColumns).clear();
  sheet.getRange(first, 1, settingRows, 1).clear();
  sheet.getRange(first, 3, settingRows, maxColumns - 2).clear();
  sheet.getRange(last + 1, 1, maxRows - last, maxColumns).clear();

  const cells = layout.cells.map((row) => row.map(writable));
  const write = (row: number, column: number, numRows: number, numColumns: number) =>
    sheet
      .getRange(row, column, numRows, numColumns)
      .setValues(cells.slice(row - 1, row - 1 + numRows).map((r) => r.slice(column - 1, column - 1 + numColumns)));
  const formats = (row: number, numRows: number) =>
    sheet.getRange(row, 1, numRows, DASHBOARD_WIDTH).setNumberFormats(layout.formats.slice(row - 1, row - 1 + numRows));
  formats(1, first - 1);
  formats(last + 1, height - last);
  write(1, 1, first - 1, DASHBOARD_WIDTH);
  write(first, 1, settingRows, 1);
  write(first, 3, settingRows, DASHBOARD_WIDTH - 2);
  write(last + 1, 1, height - last, DASHBOARD_WIDTH);
  // The settings' values are the user's; their formats and colour are the dashboard's, and go
  // with their rows (a setting carried back after inserted rows lands in a cell formatted for another).
  sheet
    .getRange(first, 2, settingRows, 1)
    .setNumberFormats(layout.formats.slice(first - 1, last).map((r) => [r[1]]))
    .setBackground(SETTING_BACKGROUND);

  // Bold and header colours, a grid each, written around the settings as the number formats are.
  const styles = headerStyles(layout, height);
  for (const [row, numRows] of [
    [1, first - 1],
    [last + 1, height - last],
  ]) {
    const range = sheet.getRange(row, 1, numRows, DASHBOARD_WIDTH);
    range.setFontWeights(styles.weights.slice(row - 1, row - 1 + numRows)).setBackgrounds(styles.backgrounds.slice(row - 1, row - 1 + numRows));
  }
  COLUMN_WIDTHS.forEach((w, i) => sheet.setColumnWidth(i + 1, w));
  // The recent-events list and the follow-up lists' IDs are for the formulas, not for reading.
  const recent = layout.recentEvents;
  sheet.getRange(recent.first, recent.column, recent.rows, recent.columns).setNumberFormat(';;;');
  sheet.hideColumns(HIDDEN_COLUMNS.first, HIDDEN_COLUMNS.count);
}

/**
 * Font weight and background of every dashboard cell: the title bold, header rows bold on grey,
 * column-heading rows bold (none is among the settings rows, which are written apart: a layout test).
 */
function headerStyles(layout: DashboardLayout, height: number): { weights: ('bold' | 'normal')[][]; backgrounds: (string | null)[][] } {
  const weights: ('bold' | 'normal')[][] = [];
  const backgrounds: (string | null)[][] = [];
  for (let row = 1; row <= height; row++) {
    const header = layout.headerRows.includes(row);
    const bold = header || layout.columnRows.includes(row);
    weights.push(Array.from({ length: DASHBOARD_WIDTH }, (_, c) => (bold || (row === layout.titleRow && c === 0) ? 'bold' : 'normal')));
    backgrounds.push(Array.from({ length: DASHBOARD_WIDTH }, () => (header ? HEADER_BACKGROUND : null)));
  }
  return { weights, backgrounds };
}

/**
 * Settings stay where they are when they are in their place. One the user moved (by inserting or
 * deleting rows on the dashboard) is carried back, formula or value; a missing one gets its default.
 */
function placeSettings(
  ss: Ss,
  sheet: Sheet,
  layout: DashboardLayout,
  found: Map<SettingKey, FoundSetting>,
): { kept: number; written: SettingKey[]; carry: () => void } {
  const moved: { key: SettingKey; row: number; content: string | number | Date | boolean }[] = [];
  const missing: { key: SettingKey; row: number }[] = [];
  let kept = 0;
  for (const s of layout.settings) {
    const at = found.get(s.key);
    if (at && at.row === s.row) kept++;
    else if (at) {
      const cell = sheet.getRange(at.row, 2);
      const formula = cell.getFormula();
      moved.push({ key: s.key, row: s.row, content: formula || (cell.getValue() as string | number | Date | boolean) });
    } else missing.push({ key: s.key, row: s.row });
  }
  const carry = () => {
    if (moved.length === 0 && missing.length === 0) return;
    const defaults = missing.length ? defaultSettings(sheetClock(ss).today) : null;
    for (const m of moved) sheet.getRange(m.row, 2).setValue(m.content);
    for (const m of missing) sheet.getRange(m.row, 2).setValue(settingWritable(defaults![m.key]));
    for (const m of moved) found.get(m.key)!.meta.remove();
    for (const m of [...moved, ...missing]) sheet.getRange(`${m.row}:${m.row}`).addDeveloperMetadata(SETTING_META_KEY, m.key);
  };
  return { kept, written: [...moved, ...missing].map((m) => m.key), carry };
}

function placeChart(sheet: Sheet, layout: DashboardLayout): void {
  const { first, last } = layout.funnel;
  const data = sheet.getRange(first, 1, last - first + 1, 2);
  const existing = sheet.getCharts().find((c) => c.getOptions().get('title') === FUNNEL_CHART_TITLE);
  const builder = (existing ? existing.modify().clearRanges() : sheet.newChart())
    .setChartType(Charts.ChartType.BAR)
    .addRange(data)
    .setOption('title', FUNNEL_CHART_TITLE)
    .setOption('legend', { position: 'none' })
    .setPosition(first - 1, CHART_COLUMN, 0, 0);
  if (existing) sheet.updateChart(builder.build());
  else sheet.insertChart(builder.build());
}

/** Cells showing a formula error after the build, as "B12 (#NAME?)". */
function errorCells(sheet: Sheet, height: number): string[] {
  const values = sheet.getRange(1, 1, height, DASHBOARD_WIDTH).getValues();
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
}

/** Builds or rebuilds the dashboard. Caller holds the document lock. */
export function buildDashboard(options: BuildOptions): DashboardResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const sources = readSources(ss, props);
  const layout = buildLayout(sources);
  let sheet = findDashboard(ss, props);
  const created = sheet === null;
  if (!sheet) sheet = createDashboard(ss, props);

  const height = layout.cells.length;
  const maxRows = sheet.getMaxRows();
  const needed = Math.max(height, layout.recentEvents.first + layout.recentEvents.rows - 1) + 1;
  if (maxRows < needed) sheet.insertRowsAfter(maxRows, needed - maxRows);
  if (sheet.getMaxColumns() < CHART_COLUMN + 6) sheet.insertColumnsAfter(sheet.getMaxColumns(), CHART_COLUMN + 6 - sheet.getMaxColumns());

  const settings = placeSettings(ss, sheet, layout, findSettings(sheet));
  writeGenerated(sheet, layout);
  settings.carry();
  placeChart(sheet, layout);
  const recent = layout.recentEvents;
  const record: DashboardRecord = { sheetId: sheet.getSheetId() };
  if (!sources.log) record.awaitingLog = { row: recent.first, column: recent.column, weekStart: recent.weekStart };
  props.setProperty(DASHBOARD_RECORD_KEY, JSON.stringify(record));
  const errors = errorCells(sheet, height);
  if (options.activate) sheet.activate();

  const name = sheet.getName();
  const parts = [created ? `Built the "${name}" sheet: live formulas over your tracker and the Interview log.` : `Rebuilt the "${name}" sheet.`];
  if (settings.kept) parts.push(`Your ${settings.kept} settings were left as they were.`);
  if (errors.length) {
    parts.push(
      `Some cells show errors: ${errors.slice(0, 5).join(', ')}${errors.length > 5 ? ', …' : ''}. The formulas are written in English with commas; if your spreadsheet's locale (File > Settings: ${ss.getSpreadsheetLocale()}) changed how they read, please report it.`,
    );
  }
  return { ok: true, sheetName: name, created, settingsKept: settings.kept, settingsWritten: settings.written, errors, message: parts.join(' ') };
}

/** Setup builds the dashboard when it changed the tracker, or when there is no dashboard yet. */
export function dashboardAfterSetup(changed: boolean): DashboardResult | null {
  if (!changed && findDashboard(SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties())) return null;
  try {
    return buildDashboard({ activate: false });
  } catch (e) {
    // Setup's own work is done: a dashboard that could not be built is one of its warnings.
    return { ok: false, message: menuMessage(e) };
  }
}
