// How the tracker's rows look: date formats, drop-downs and colour rules of its columns. Setup
// applies them to the columns it adds; import and logging to the rows they add.

import { CLOSED_STAGES, TRACKER_COLUMNS, trackerColumn, type TrackerKey } from '../../core/tracker/schema.ts';
import { columnLetters } from '../../core/base/a1.ts';
import { type CellRange, rangeA1 } from '../../core/tracker/cells.ts';
import { localeNeutral } from '../../core/base/formula-text.ts';
import { apiColor, formatRequest, gridRange, type SheetsRequest } from '../base/sheets-api.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The number format of the tracker's date columns. */
export const DATE_FORMAT = 'yyyy-mm-dd';

/** 0-based tracker columns (as a TrackerView has them) as the 1-based ones formatTrackerRows takes. */
export function oneBasedColumns(columns: Partial<Record<TrackerKey, number>>): Partial<Record<TrackerKey, number>> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v + 1]));
}

/** The number format of a tracker column's cells, if it has one. */
function numberFormatOf(key: TrackerKey): string | null {
  const kind = trackerColumn(key).kind;
  return kind === 'date' ? DATE_FORMAT : kind === 'number' ? '0' : null;
}

/** Runs of adjacent columns (1-based), also over the columns between for which `joins` holds, each as [first, last]. */
export function adjacentRuns(columns: readonly number[], joins: (column: number) => boolean = () => false): [number, number][] {
  const runs: [number, number][] = [];
  for (const c of [...columns].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    let bridged = last !== undefined;
    for (let between = last ? last[1] + 1 : c; bridged && between < c; between++) bridged = joins(between);
    if (last && bridged) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

/** A range of the sheet by its A1 notation: `sheet.getRange`, or one fetched with others in one getRangeList (see rangesFetched). */
export type RangeAt = (a1: string) => GoogleAppsScript.Spreadsheet.Range;

export function rangeOfSheet(sheet: Sheet): RangeAt {
  return (a1) => sheet.getRange(a1);
}

/**
 * The ranges `a1s` through one getRangeList (two calls for all of them), for an action that
 * knows before its first write every range it writes: any other asked for is got by getRange
 * (once: a range asked for again is the one got).
 */
export function rangesFetched(sheet: Sheet, a1s: readonly string[]): RangeAt {
  const unique = [...new Set(a1s)];
  const fetched = new Map<string, GoogleAppsScript.Spreadsheet.Range>();
  if (unique.length > 1)
    sheet
      .getRangeList(unique)
      .getRanges()
      .forEach((range, i) => fetched.set(unique[i], range));
  return (a1) => fetched.get(a1) ?? fetched.set(a1, sheet.getRange(a1)).get(a1)!;
}

/** The ranges formatTrackerRows writes, by what they get: number formats, drop-downs (with the drop-down, or null, of each column). */
export function trackerRowsRanges(
  columns: Partial<Record<TrackerKey, number>>,
  firstRow: number,
  numRows: number,
  only?: ReadonlySet<TrackerKey>,
): { formats: { range: CellRange; row: string[] }[]; dropDowns: { range: CellRange; keys: (TrackerKey | null)[] }[] } {
  if (numRows < 1) return { formats: [], dropDowns: [] };
  const keyAt = new Map<number, TrackerKey>();
  for (const def of TRACKER_COLUMNS) {
    const at = columns[def.key];
    if (at !== undefined && (!only || only.has(def.key))) keyAt.set(at, def.key);
  }
  const rangeOf = (first: number, last: number): CellRange => ({ row: firstRow, column: first, numRows, numColumns: last - first + 1 });
  const formatted = [...keyAt].filter(([, key]) => numberFormatOf(key) !== null).map(([at]) => at);
  const formats = adjacentRuns(formatted, (c) => keyAt.has(c) && numberFormatOf(keyAt.get(c)!) !== null).map(([first, last]) => ({
    range: rangeOf(first, last),
    row: Array.from({ length: last - first + 1 }, (_, i) => numberFormatOf(keyAt.get(first + i)!)!),
  }));
  const lists = [...keyAt].filter(([, key]) => trackerColumn(key).values && trackerColumn(key).kind === 'list').map(([at]) => at);
  const dropDowns = adjacentRuns(lists, (c) => only !== undefined && keyAt.has(c)).map(([first, last]) => ({
    range: rangeOf(first, last),
    keys: Array.from({ length: last - first + 1 }, (_, i) => {
      const key = keyAt.get(first + i)!;
      return trackerColumn(key).kind === 'list' ? key : null;
    }),
  }));
  return { formats, dropDowns };
}

/**
 * Date formats and drop-downs for tracker columns (1-based) over the given rows, written as
 * grids: one setNumberFormats per run of adjacent formatted columns, one setDataValidations per
 * run of drop-down columns. With `only` (setup's new columns), a drop-down run may span the
 * other columns of `only` between them, which get no drop-down (they are the add-on's own).
 */
export function formatTrackerRows(
  sheet: Sheet,
  columns: Partial<Record<TrackerKey, number>>,
  firstRow: number,
  numRows: number,
  only?: ReadonlySet<TrackerKey>,
  rangeAt: RangeAt = rangeOfSheet(sheet),
): void {
  const { formats, dropDowns: lists } = trackerRowsRanges(columns, firstRow, numRows, only);
  for (const { range, row } of formats) rangeAt(rangeA1(range)).setNumberFormats(Array.from({ length: numRows }, () => row));
  const dropDown = dropDowns();
  for (const { range, keys } of lists) {
    const row = keys.map((key) => (key === null ? null : dropDown(key)));
    rangeAt(rangeA1(range)).setDataValidations(Array.from({ length: numRows }, () => row));
  }
}

/**
 * What formatTrackerRows writes, as Sheets API requests on sheet `sheetId`: a repeatCell per
 * formatted column, a setDataValidation per drop-down column (and one without a rule, which
 * clears, for each other column of a run, as formatTrackerRows's null does).
 */
export function trackerRowsRequests(
  sheetId: number,
  columns: Partial<Record<TrackerKey, number>>,
  firstRow: number,
  numRows: number,
  only?: ReadonlySet<TrackerKey>,
): SheetsRequest[] {
  const { formats, dropDowns } = trackerRowsRanges(columns, firstRow, numRows, only);
  const column = (range: CellRange, i: number) => gridRange(sheetId, { ...range, column: range.column + i, numColumns: 1 });
  return [
    ...formats.flatMap(({ range, row }) => row.map((pattern, i) => formatRequest(sheetId, { ...range, column: range.column + i, numColumns: 1 }, pattern))),
    ...dropDowns.flatMap(({ range, keys }) =>
      keys.map((key, i): SheetsRequest => ({ setDataValidation: { range: column(range, i), ...(key ? { rule: dropDownRule(key) } : {}) } })),
    ),
  ];
}

/** A tracker column's drop-down as the API writes it: the same rule dropDowns() builds. */
function dropDownRule(key: TrackerKey): GoogleAppsScript.Sheets.Schema.DataValidationRule {
  const values = trackerColumn(key).values!;
  return {
    condition: { type: 'ONE_OF_LIST', values: values.map((v) => ({ userEnteredValue: v })) },
    strict: key !== 'relationship',
    showCustomUi: true,
    inputMessage: helpText(values),
  };
}

function helpText(values: readonly string[]): string {
  return `Choose one of: ${values.join(', ')}`;
}

/** Bold header cells, as a Sheets API request. */
export function boldRequest(sheetId: number, range: CellRange): SheetsRequest {
  return {
    repeatCell: { range: gridRange(sheetId, range), cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' },
  };
}

/**
 * Number formats Sheets reports for a cell nobody formatted ('0.###############' through Apps
 * Script; 'General' assumed for older files): the only cells that get a tracker column's format.
 */
export const UNFORMATTED: ReadonlySet<string> = new Set(['', 'General', '0.###############']);

/** The cells formatTrackerBlock reads (with the row above when it inherits from it) and the block it writes. */
export function trackerBlockCells(firstRow: number, numRows: number, width: number, inheritAbove: boolean): { read: CellRange; block: CellRange } {
  const above = inheritAbove ? 1 : 0;
  return {
    read: { row: firstRow - above, column: 1, numRows: numRows + above, numColumns: width },
    block: { row: firstRow, column: 1, numRows, numColumns: width },
  };
}

/**
 * The tracker's date formats and drop-downs over `numRows` rows from `firstRow` (rows the caller
 * adds, columns 1 to `width`), as import gives its new rows: only a cell without a format gets
 * its column's, only one without a drop-down gets one, so what the user gave those rows is kept.
 * The formats and drop-downs are read once (with the row above when `inheritAbove`: the row above
 * is a contact's), and each grid is written in one call, only when a cell changes. A drop-down is
 * the one of the row above, as Sheets gives an inserted row and as import does; only a column
 * with none there gets the tracker's own, built. `rangeAt` gives the ranges of trackerBlockCells
 * (fetched with others by the caller). Returns the block and its formats as they now are.
 */
export function formatTrackerBlock(
  rangeAt: RangeAt,
  firstRow: number,
  numRows: number,
  width: number,
  columns: Partial<Record<TrackerKey, number>>,
  inheritAbove: boolean,
): { block: GoogleAppsScript.Spreadsheet.Range; formats: string[][] } {
  const cells = trackerBlockCells(firstRow, numRows, width, inheritAbove);
  const above = inheritAbove ? 1 : 0;
  const read = rangeAt(rangeA1(cells.read));
  const formats = read.getNumberFormats().slice(above);
  const readRules = read.getDataValidations() as (GoogleAppsScript.Spreadsheet.DataValidation | null)[][];
  const inherited = inheritAbove ? readRules[0] : null;
  const validations = readRules.slice(above);
  const dropDown = dropDowns();
  const built = new Map<TrackerKey, GoogleAppsScript.Spreadsheet.DataValidation>();
  const ruleOf = (key: TrackerKey, at: number) => built.get(key) ?? built.set(key, inherited?.[at - 1] ?? dropDown(key)).get(key)!;
  let formatsChange = false;
  let rulesChange = false;
  for (const def of TRACKER_COLUMNS) {
    const at = columns[def.key];
    if (at === undefined || at > width) continue;
    const format = numberFormatOf(def.key);
    const list = def.values && def.kind === 'list';
    for (let r = 0; r < numRows; r++) {
      if (format !== null && UNFORMATTED.has(formats[r][at - 1])) {
        formats[r][at - 1] = format;
        formatsChange = true;
      }
      if (list && validations[r][at - 1] === null) {
        validations[r][at - 1] = ruleOf(def.key, at);
        rulesChange = true;
      }
    }
  }
  const block = above ? rangeAt(rangeA1(cells.block)) : read;
  if (formatsChange) block.setNumberFormats(formats);
  if (rulesChange) block.setDataValidations(validations);
  return { block, formats };
}

/**
 * The drop-down of each list column, from one builder made when first needed (a call fewer per
 * drop-down). Relationship accepts the user's own words (with a warning mark); Stage and Outcome
 * drive the add-on's logic, so Sheets rejects other values typed into them. The list and help
 * text are set for each; "allow invalid" only when it differs from what the builder holds, as
 * Google documents a new rule's as true (and build() takes a copy, later changes not reaching a
 * rule already built): in the tracker's column order, one call for all three drop-downs.
 */
function dropDowns(): (key: TrackerKey) => GoogleAppsScript.Spreadsheet.DataValidation {
  let builder: GoogleAppsScript.Spreadsheet.DataValidationBuilder | null = null;
  let allowsInvalid = true;
  return (key) => {
    const values = trackerColumn(key).values!;
    builder ??= SpreadsheetApp.newDataValidation();
    builder.requireValueInList([...values], true);
    const allowInvalid = key === 'relationship';
    if (allowInvalid !== allowsInvalid) builder.setAllowInvalid((allowsInvalid = allowInvalid));
    return builder.setHelpText(helpText(values)).build();
  };
}

/**
 * The tracker's colour rules: those it finds on its Stage and Next follow-up columns are
 * stretched to the last row of the grid (rows added below the grid since, by import or by the
 * user, get the colours too); those for columns in `add` are created unless the same rule is
 * already there (a run stopped after writing them). Run again, it changes nothing. `columns`
 * are 1-based. Rules of the user's own on other columns are kept as they are.
 */
export function coverTrackerRows(
  sheet: Sheet,
  columns: Partial<Record<TrackerKey, number>>,
  headerRow: number,
  add: ReadonlySet<TrackerKey> = new Set(),
  lastRow = sheet.getMaxRows(),
  rangeAt: RangeAt = rangeOfSheet(sheet),
  batch?: { sheetId: number; requests: SheetsRequest[] },
): void {
  const first = headerRow + 1;
  if (lastRow < first || columns.stage === undefined || columns.nextFollowUp === undefined) return;
  const ranges = new Map<number, GoogleAppsScript.Spreadsheet.Range>();
  const column = (at: number) => ranges.get(at) ?? ranges.set(at, rangeAt(ruleRange(at, headerRow, lastRow))).get(at)!;
  const ours = new Set([columns.stage, columns.nextFollowUp]);
  const wanted = trackerRules(columns as { stage: number; nextFollowUp: number }, first).filter((r) => add.has(r.key));
  const present = new Set<string>();
  // Rebuilt whether or not they already reach the last row, so the calls do not depend on it.
  let found = false;
  const rules = sheet.getConditionalFormatRules().map((rule) => {
    const ranges = rule.getRanges();
    if (ranges.length !== 1) return rule;
    const r = ranges[0];
    if (r.getNumColumns() !== 1 || !ours.has(r.getColumn()) || r.getRow() !== first) return rule;
    found = true;
    if (wanted.length) {
      const condition = rule.getBooleanCondition();
      if (condition) present.add(ruleKey(r.getColumn(), String(condition.getCriteriaType()), condition.getCriteriaValues().map(asWritten)));
    }
    return rule
      .copy()
      .setRanges([column(r.getColumn())])
      .build();
  });
  const added = wanted.filter((w) => !present.has(ruleKey(w.column, w.criteria, [w.value])));
  // With none of ours to stretch, the new rules go with the caller's batch, after the user's own.
  if (batch && !found) {
    batch.requests.push(...added.map((w, i) => ruleRequest(batch.sheetId, w, ruleCells(w.column, headerRow, lastRow), rules.length + i)));
    return;
  }
  rules.push(...buildRules(added, column));
  if (found || added.length) sheet.setConditionalFormatRules(rules);
}

/** A tracker colour rule as a Sheets API request, inserted at `index` among the sheet's rules. */
function ruleRequest(sheetId: number, rule: TrackerRule, cells: CellRange, index: number): SheetsRequest {
  return {
    addConditionalFormatRule: {
      index,
      rule: {
        ranges: [gridRange(sheetId, cells)],
        booleanRule: {
          condition: { type: rule.criteria === 'CUSTOM_FORMULA' ? 'CUSTOM_FORMULA' : 'TEXT_EQ', values: [{ userEnteredValue: rule.value }] },
          format: { backgroundColor: apiColor(rule.background), ...(rule.fontColor ? { textFormat: { foregroundColor: apiColor(rule.fontColor) } } : {}) },
        },
      },
    },
  };
}

/** The range (A1) a tracker colour rule on column `at` (1-based) covers: below the header to `lastRow`. */
export function ruleRange(at: number, headerRow: number, lastRow: number): string {
  return rangeA1(ruleCells(at, headerRow, lastRow));
}

function ruleCells(at: number, headerRow: number, lastRow: number): CellRange {
  return { row: headerRow + 1, column: at, numRows: lastRow - headerRow, numColumns: 1 };
}

/**
 * The rules, in the order given, built with one builder: each call on a builder is a service
 * call, so only what changes between two rules is set (the range when the column changes, the
 * condition, the colours when they differ from the last rule's). Assumed of Google as of the
 * emulator: build() takes a copy of the builder's state (later changes do not reach a rule
 * already built), a condition set replaces the one before, and a font colour, once set, stays
 * for the next rules: those with one are built after all those without, whatever their column.
 */
function buildRules(
  rules: readonly TrackerRule[],
  column: (at: number) => GoogleAppsScript.Spreadsheet.Range,
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  let builder: GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder | null = null;
  let ranFor: number | null = null;
  let background: string | null = null;
  let fontColor: string | null = null;
  const built = new Map<TrackerRule, GoogleAppsScript.Spreadsheet.ConditionalFormatRule>();
  const order = [...rules].sort((a, b) => Number(a.fontColor !== undefined) - Number(b.fontColor !== undefined) || a.column - b.column);
  for (const w of order) {
    builder ??= SpreadsheetApp.newConditionalFormatRule();
    if (w.column !== ranFor) builder.setRanges([column((ranFor = w.column))]);
    if (w.criteria === 'CUSTOM_FORMULA') builder.whenFormulaSatisfied(w.value);
    else builder.whenTextEqualTo(w.value);
    if (w.background !== background) builder.setBackground((background = w.background));
    if (w.fontColor !== undefined && w.fontColor !== fontColor) builder.setFontColor((fontColor = w.fontColor));
    built.set(w, builder.build());
  }
  return rules.map((w) => built.get(w)!);
}

/**
 * A rule's formula as the add-on writes it: Sheets gives it back with the locale's punctuation
 * (commas between arguments in en_US), so a rule already there is still recognised as ours.
 */
function asWritten(value: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith('=')) return value;
  try {
    return localeNeutral(value);
  } catch {
    return value; // not one of ours: ours have no decimal or array literals
  }
}

function ruleKey(column: number, criteria: string, values: readonly unknown[]): string {
  return JSON.stringify([column, criteria, values]);
}

interface TrackerRule {
  key: 'stage' | 'nextFollowUp';
  column: number;
  criteria: 'CUSTOM_FORMULA' | 'TEXT_EQUAL_TO';
  value: string;
  background: string;
  fontColor?: string;
}

/** The colour rules of a tracker whose Stage and Next follow-up are these columns (1-based), from row `first`. */
function trackerRules(columns: { stage: number; nextFollowUp: number }, first: number): TrackerRule[] {
  const stage = columnLetters(columns.stage);
  const followUp = columnLetters(columns.nextFollowUp);
  const open = `AND(${CLOSED_STAGES.map((s) => `$${stage}${first}<>"${s}"`).join(',')})`;
  const due = (comparison: string) => localeNeutral(`=AND(ISNUMBER($${followUp}${first}),$${followUp}${first}${comparison}TODAY(),${open})`);
  const colours: [string, string][] = [
    ['Scheduled', '#d2e3fc'],
    ['Interviewed', '#ceead6'],
    ['Thanked', '#ceead6'],
    ['Declined', '#e8eaed'],
    ['No response', '#e8eaed'],
  ];
  return [
    { key: 'nextFollowUp', column: columns.nextFollowUp, criteria: 'CUSTOM_FORMULA', value: due('<'), background: '#f4c7c3', fontColor: '#a50e0e' },
    { key: 'nextFollowUp', column: columns.nextFollowUp, criteria: 'CUSTOM_FORMULA', value: due('='), background: '#fce8b2' },
    ...colours.map(([text, background]): TrackerRule => ({ key: 'stage', column: columns.stage, criteria: 'TEXT_EQUAL_TO', value: text, background })),
  ];
}
