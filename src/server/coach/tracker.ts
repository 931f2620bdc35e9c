// The tracker as sharing needs it: one batched read of values, formulas and number formats, the
// columns the user could share, and the add-on's Coach feedback column (found by its developer
// metadata, so it is found again after the user renames or moves it).

import type { CellFill } from '../../core/cells.ts';
import { coachColumns, type CoachColumn } from '../../core/coach/columns.ts';
import { FEEDBACK_HEADER } from '../../core/coach/copy-table.ts';
import { normaliseHeader } from '../../core/headers.ts';
import { columnLetters } from '../../core/a1.ts';
import { findTrackerSheet, readRecord, type TrackerRecord } from '../tracker-store.ts';
import { writeFills } from '../cells.ts';
import { readTrackerSheet, type TrackerView } from '../tracker-table.ts';

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

/** 0-based column tagged as the Coach feedback column, else one headed "Coach feedback". */
function feedbackColumn(sheet: Sheet, header: readonly unknown[]): { index: number; tagged: boolean } | null {
  for (const m of sheet.createDeveloperMetadataFinder().withKey(FEEDBACK_KEY).find()) {
    const column = m.getLocation().getColumn();
    if (column) return { index: column.getColumn() - 1, tagged: true };
  }
  const wanted = normaliseHeader(FEEDBACK_HEADER);
  const index = header.findIndex((h) => typeof h === 'string' && normaliseHeader(h) === wanted);
  return index >= 0 ? { index, tagged: false } : null;
}

/**
 * Reads the tracker with its number formats, to share or update (the caller holds the document
 * lock); with `withRows` false, only its header row, for the dialog (no lock).
 */
export function readTrackerSnapshot(found: { sheet: Sheet; record: TrackerRecord }, props: Props, withRows: boolean): TrackerSnapshot {
  const view = readTrackerSheet(found.sheet, found.record, props, withRows ? { formats: true, locked: true } : { headerOnly: true });
  const feedback = feedbackColumn(view.sheet, view.header);
  const feedbackIndex = feedback?.index ?? null;
  return {
    ...view,
    feedbackIndex,
    feedbackTagged: feedback?.tagged ?? false,
    columns: coachColumns({ header: view.header, remembered: view.tags.tracker, rememberedContact: view.tags.contact, feedbackIndex }),
  };
}

/**
 * Makes sure the tracker has the add-on's Coach feedback column: tags a column already headed
 * "Coach feedback", or adds one after the last column. Returns its 0-based index.
 */
export function ensureFeedbackColumn(t: TrackerSnapshot): number {
  if (t.feedbackIndex !== null) {
    if (!t.feedbackTagged) {
      tagColumn(t.sheet, t.feedbackIndex + 1);
      t.sheet.getRange(t.record.headerRow, t.feedbackIndex + 1).setNote(FEEDBACK_NOTE);
    }
    return t.feedbackIndex;
  }
  const width = Math.max(t.sheet.getLastColumn(), t.header.length);
  const column = width + 1;
  const maxColumns = t.sheet.getMaxColumns();
  if (column > maxColumns) t.sheet.insertColumnsAfter(maxColumns, column - maxColumns);
  t.sheet.getRange(t.record.headerRow, column).setValue(FEEDBACK_HEADER).setFontWeight('bold').setNote(FEEDBACK_NOTE);
  tagColumn(t.sheet, column);
  return column - 1;
}

function tagColumn(sheet: Sheet, column: number): void {
  const letters = columnLetters(column);
  sheet.getRange(`${letters}:${letters}`).addDeveloperMetadata(FEEDBACK_KEY, 'coachFeedback');
}

/** Writes new Coach feedback texts (already sheet-safe) into the tracker in one call. */
export function writeFeedback(t: TrackerSnapshot, feedbackIndex: number, updates: ReadonlyMap<number, string>): void {
  const fills: CellFill[] = [...updates].map(([row, value]) => ({ row, column: feedbackIndex + 1, value }));
  if (fills.length) writeFills(t.sheet, fills, { top: 1, values: t.grid.values, formulas: t.grid.formulas });
}
