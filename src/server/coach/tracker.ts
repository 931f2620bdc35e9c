// The tracker as sharing needs it: one batched read of values, formulas and number formats, the
// columns the user could share, and the add-on's Coach feedback column (found by its developer
// metadata, so it is found again after the user renames or moves it).

import { coachColumns, type CoachColumn } from '../../core/coach/columns.ts';
import { FEEDBACK_HEADER } from '../../core/coach/copy-table.ts';
import { normaliseHeader } from '../../core/tracker/headers.ts';
import { columnLetters } from '../../core/base/a1.ts';
import { findTrackerSheet, readRecord, type TrackerRecord } from '../tracker/store.ts';
import { forCell, PLAIN_TEXT_FORMAT } from '../tracker/cells.ts';
import { asSheetText, MAX_CELL_CHARS, sheetTextLength } from '../../core/base/text.ts';
import { mayReturnArray } from '../../core/base/spill.ts';
import { readTrackerSheet, type TrackerView } from '../tracker/table.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Props = GoogleAppsScript.Properties.Properties;

export const FEEDBACK_KEY = 'iit.coach.feedback';
/** On the tracker's Coach feedback header: this column goes both ways. */
export const FEEDBACK_NOTE =
  'Shared with your coach: Update coach view copies this column to the coach view, so your coach can read what you type here, and brings their feedback back into it (your own words are never replaced).';

export interface TrackerSnapshot extends TrackerView {
  /** 0-based; null when the tracker has no Coach feedback column yet. */
  feedbackIndex: number | null;
  /** The feedback column carries the add-on's metadata (else it was found by its header). */
  feedbackTagged: boolean;
  columns: CoachColumn[];
}

export function findTracker(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props): { sheet: Sheet; record: TrackerRecord } | null {
  const record = readRecord(props);
  const sheet = findTrackerSheet(ss, record);
  return record && sheet ? { sheet, record } : null;
}

const isFeedbackHeader = (h: unknown) => typeof h === 'string' && normaliseHeader(h) === normaliseHeader(FEEDBACK_HEADER);

/**
 * 0-based column tagged as the Coach feedback column, else one headed "Coach feedback".
 * `remembered`: where the last complete share or update found it (tagged by then): taken
 * without the metadata walk while its header still says Coach feedback.
 */
function feedbackColumn(sheet: Sheet, header: readonly unknown[], remembered?: number): { index: number; tagged: boolean } | null {
  if (remembered !== undefined && isFeedbackHeader(header[remembered])) return { index: remembered, tagged: true };
  for (const m of sheet.createDeveloperMetadataFinder().withKey(FEEDBACK_KEY).find()) {
    const column = m.getLocation().getColumn();
    if (column) return { index: column.getColumn() - 1, tagged: true };
  }
  const index = header.findIndex(isFeedbackHeader);
  return index >= 0 ? { index, tagged: false } : null;
}

/**
 * Reads the tracker with its number formats, to share or update (the caller holds the document
 * lock); with `withRows` false, only its header row, for the dialog (no lock).
 */
export function readTrackerSnapshot(
  found: { sheet: Sheet; record: TrackerRecord },
  props: Props,
  withRows: boolean,
  rememberedFeedback?: number,
): TrackerSnapshot {
  const view = readTrackerSheet(found.sheet, found.record, props, withRows ? { formats: true, locked: true, addsColumns: true } : { headerOnly: true });
  const feedback = feedbackColumn(view.sheet, view.header, rememberedFeedback);
  const feedbackIndex = feedback?.index ?? null;
  return {
    ...view,
    feedbackIndex,
    feedbackTagged: feedback?.tagged ?? false,
    columns: coachColumns({ header: view.header, remembered: view.tags.tracker, rememberedContact: view.tags.contact, feedbackIndex }),
  };
}

/** Where the add-on's Coach feedback column is, and what it still needs: added, or tagged. */
export interface FeedbackColumnPlan {
  /** 0-based. */
  index: number;
  /** No column yet: one is added after the last column. */
  add: boolean;
  /** A column headed "Coach feedback" without the add-on's tag (the user's, or one whose tagging an execution did not finish). */
  tag: boolean;
}

export function planFeedbackColumn(t: TrackerSnapshot): FeedbackColumnPlan {
  if (t.feedbackIndex !== null) return { index: t.feedbackIndex, add: false, tag: !t.feedbackTagged };
  return { index: Math.max(t.sheet.getLastColumn(), t.header.length), add: true, tag: true };
}

/** The cells a plan writes: the header cell of a column to add. */
export function feedbackColumnTargets(t: TrackerSnapshot, plan: FeedbackColumnPlan): { row: number; column: number; numRows: number; numColumns: number }[] {
  return plan.add ? [{ row: t.record.headerRow, column: plan.index + 1, numRows: 1, numColumns: 1 }] : [];
}

/**
 * Gives the tracker the add-on's Coach feedback column as planned (its targets checked first). The
 * tag, by which the column is found again, is written last: a column without it is found by its
 * header, and whatever an execution that died left undone (note, bold, tag) is done again.
 */
export function applyFeedbackColumn(t: TrackerSnapshot, plan: FeedbackColumnPlan): void {
  const column = plan.index + 1;
  if (plan.add) {
    const maxColumns = t.sheet.getMaxColumns();
    if (column > maxColumns) t.sheet.insertColumnsAfter(maxColumns, column - maxColumns);
    // Header text last of the cell: until it is there, a re-run takes the column as not added yet.
    t.sheet.getRange(t.record.headerRow, column).setNote(FEEDBACK_NOTE).setFontWeight('bold').setValue(FEEDBACK_HEADER);
  } else if (plan.tag) t.sheet.getRange(t.record.headerRow, column).setNote(FEEDBACK_NOTE);
  if (plan.tag) tagColumn(t.sheet, column);
}

function tagColumn(sheet: Sheet, column: number): void {
  const letters = columnLetters(column);
  sheet.getRange(`${letters}:${letters}`).addDeveloperMetadata(FEEDBACK_KEY, 'coachFeedback');
}

/**
 * The writes of new Coach feedback texts (already sheet-safe; keyed by 1-based sheet row) into the
 * tracker's Coach feedback column, the add-on's own: from the first to the last changed row in
 * one setValues, the cells between written back as they were read (see rewritable). Only a cell
 * that cannot be written back unchanged splits the write in two, so the calls do not grow with
 * the rows the coach wrote on.
 */
export function feedbackWrites(t: TrackerSnapshot, feedbackIndex: number, updates: ReadonlyMap<number, string>): FeedbackRun[] {
  const rows = [...updates.keys()].sort((a, b) => a - b);
  // Below an array formula in the column, any value may be one it spilled.
  const arrayRow = t.grid.formulas.findIndex((r, i) => i >= t.record.headerRow && mayReturnArray(r[feedbackIndex] ?? '')) + 1 || Infinity;
  const runs: FeedbackRun[] = [];
  let run: FeedbackRun | null = null;
  for (const row of rows) {
    for (let between = run ? run.first + run.values.length : row; run && between < row; between++) {
      const same = rewritable(t, feedbackIndex, between, between > arrayRow);
      if (same === null) run = null;
      else run.values.push([same]);
    }
    const value = forCell(updates.get(row)!, t.grid.formats[row - 1]?.[feedbackIndex]);
    if (run) run.values.push([value]);
    else runs.push((run = { first: row, values: [[value]] }));
  }
  return runs;
}

export interface FeedbackRun {
  /** 1-based sheet row of the first cell. */
  first: number;
  values: (string | number | boolean)[][];
}

export function writeFeedback(t: TrackerSnapshot, feedbackIndex: number, runs: readonly FeedbackRun[]): void {
  for (const run of runs) t.sheet.getRange(run.first, feedbackIndex + 1, run.values.length, 1).setValues(run.values);
}

/**
 * What to write into the Coach feedback cell on `row` so that it holds what it holds now, or
 * null when that cannot be done safely: a formula; a value an array formula may have spilled
 * there (from the left on its row, or from above: rewriting it as a value would break the
 * array); a date or time (that a Date from getValues always writes back as the same date-time
 * is not documented, and a time of day reads as a date of 1899, before today's time zones);
 * text too long to take the apostrophe.
 */
function rewritable(t: TrackerSnapshot, index: number, row: number, arrayAbove: boolean): string | number | boolean | null {
  const value = t.grid.values[row - 1]?.[index] ?? '';
  const formulas = t.grid.formulas[row - 1] ?? [];
  if (formulas[index]) return null;
  if (value === '') return '';
  if (arrayAbove || formulas.slice(0, index).some(mayReturnArray)) return null;
  if (value instanceof Date) return null;
  if (typeof value !== 'string') return value;
  if (t.grid.formats[row - 1]?.[index] === PLAIN_TEXT_FORMAT) return value;
  return sheetTextLength(value) > MAX_CELL_CHARS ? null : asSheetText(value);
}
