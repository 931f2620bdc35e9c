// Reading the tracker once for an action: its values and formulas in one batch, and where its
// contact and tracker columns are (tracker columns by their metadata first, so renamed or moved
// columns are still found).

import type { Cell } from '../core/cells.ts';
import { type ContactField, mapColumns } from '../core/headers.ts';
import type { TrackerKey } from '../core/schema.ts';
import { UserError } from './actions.ts';
import { findTrackerSheet, readColumnTags, readRecord, type TrackerRecord } from './tracker-store.ts';
import { withRemembered } from '../core/setup.ts';

export const NO_TRACKER = 'There is no tracker in this spreadsheet yet. Open your contacts sheet and choose Set up tracker first.';

export interface TrackerView {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  record: TrackerRecord;
  header: Cell[];
  /** Rows below the header, to the last row with content, and their formulas. */
  rows: Cell[][];
  formulas: string[][];
  /** 0-based columns. */
  contact: Partial<Record<ContactField, number>>;
  tracker: Partial<Record<TrackerKey, number>>;
}

export function readTracker(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: GoogleAppsScript.Properties.Properties): TrackerView {
  const record = readRecord(props);
  const sheet = findTrackerSheet(ss, record);
  if (!record || !sheet) throw new UserError(NO_TRACKER);
  const data = sheet.getDataRange();
  const values = data.getValues() as Cell[][];
  const formulas = data.getFormulas();
  const header = values[record.headerRow - 1] ?? [];
  const tags = readColumnTags(sheet);
  // Contact columns found by their metadata too, so a renamed "Email" is still the email column.
  const map = withRemembered(mapColumns(header), tags.contact);
  return {
    sheet,
    record,
    header,
    rows: values.slice(record.headerRow),
    formulas: formulas.slice(record.headerRow),
    contact: map.contact,
    tracker: { ...map.tracker, ...tags.tracker },
  };
}
