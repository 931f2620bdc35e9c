// Reading the tracker once for an action, the same way for every action: its values and formulas
// (and number formats, when asked) in one batch; its header row found again (the user may have
// inserted or deleted rows above it since setup); its tracker and contact columns by their
// metadata first, so renamed or moved columns are still the columns they were at setup.

import type { Cell } from '../../core/tracker/cells.ts';
import { type ContactField, mapColumns } from '../../core/tracker/headers.ts';
import type { TrackerTable } from '../../core/tracker/table.ts';
import { isTrackerHeader, locateHeader } from '../../core/tracker/header-locate.ts';
import { type ColumnLayout, layoutHolds, layoutOf, trackerColumnsFound, withRemembered } from '../../core/tracker/columns.ts';
import { UserError } from '../base/actions.ts';
import { allValues, rowValues } from '../base/sheets.ts';
import type { Snapshot } from './cells.ts';
import {
  type ColumnTags,
  findTrackerSheet,
  readColumnTags,
  readRecord,
  readSheetTags,
  recordText,
  taggedHeaderRow,
  type TrackerRecord,
  writeRecord,
} from './store.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Props = GoogleAppsScript.Properties.Properties;

export const NO_TRACKER = 'There is no tracker in this spreadsheet yet. Open your contacts sheet and choose Set up tracker first.';

export interface ReadOptions {
  /** Read the number formats too (writing text into a Plain text cell needs them). */
  formats?: boolean;
  /**
   * Only the header row (one small read) when it is still the row tagged as the header; else
   * the whole sheet is read to find it. `rows` is then empty.
   */
  headerOnly?: boolean;
  /**
   * The caller holds the document lock: a header row found at another row is saved, and so is
   * the layout the metadata walk found (for the next reads).
   */
  locked?: boolean;
  /**
   * The action may add columns after reading (import, the coach's feedback column): the layout
   * it read is not saved, as its own change would make it stale (and a re-run after a stopped
   * run would save another). Import saves the layout after its change (layoutAfter).
   */
  addsColumns?: boolean;
  /** The formulas are not read (`formulas` is then empty): for an action that only reads values. */
  valuesOnly?: boolean;
}

/** The tracker table (with `headerRow` where the header is now) and where it was read from. */
export interface TrackerView extends TrackerTable {
  sheet: Sheet;
  /** As saved, with `headerRow` where the header is now. */
  record: TrackerRecord;
  header: Cell[];
  rows: Cell[][];
  formulas: string[][];
  /** Every row read, from sheet row 1 (formats only if asked), as writeFills takes it. */
  grid: Snapshot & { values: Cell[][]; formulas: string[][]; formats: string[][] };
  /** The columns' metadata as read (0-based). */
  tags: ColumnTags;
}

/** The tracker the add-on remembers, or a UserError saying there is none. */
export function requireTrackerSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props): { sheet: Sheet; record: TrackerRecord } {
  const record = readRecord(props);
  const sheet = findTrackerSheet(ss, record);
  if (!record || !sheet) throw new UserError(NO_TRACKER);
  return { sheet, record };
}

export function readTracker(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props, options: ReadOptions = {}): TrackerView {
  const { sheet, record } = requireTrackerSheet(ss, props);
  return readTrackerSheet(sheet, record, props, options);
}

/**
 * Which column each tracker and contact field is in, and the row tagged as the header: the
 * record's remembered layout when `header` (the cells of the row the record names as the
 * header) reads as it did, else the metadata walk (calls per column).
 */
export function columnTags(
  sheet: Sheet,
  record: TrackerRecord | null,
  header: readonly unknown[] | null,
): { tags: ColumnTags; taggedRow: number | null; remembered: boolean } {
  const layout = record?.layout;
  if (layout && header && layoutHolds(layout, header))
    return { tags: { tracker: layout.tracker, contact: layout.contact }, taggedRow: record.headerRow, remembered: true };
  // A sheet the add-on does not know yet rarely has any metadata: one finder for all of it.
  if (!record) return { ...readSheetTags(sheet), remembered: false };
  return { tags: readColumnTags(sheet), taggedRow: taggedHeaderRow(sheet), remembered: false };
}

/** Reads the tracker `sheet` (see TrackerView). A header row that cannot be found is a UserError. */
export function readTrackerSheet(sheet: Sheet, record: TrackerRecord, props: Props, options: ReadOptions = {}): TrackerView {
  let values: Cell[][] = [];
  let formulas: string[][] = [];
  let formats: string[][] = [];
  let headerRow: number | null = null;
  let expected: Cell[] | null;
  if (options.headerOnly) {
    expected = readRow(sheet, record.headerRow);
  } else {
    ({ values, formulas, formats } = readWhole(sheet, options));
    expected = values[record.headerRow - 1] ?? null;
  }
  const { tags, taggedRow, remembered } = columnTags(sheet, record, expected);
  if (remembered) {
    headerRow = record.headerRow;
    if (options.headerOnly) values = [...Array.from({ length: headerRow - 1 }, (): Cell[] => []), expected ?? []];
  } else if (options.headerOnly) {
    const row = taggedRow ?? record.headerRow;
    const header = row === record.headerRow ? expected : readRow(sheet, row);
    if (header && isTrackerHeader(header, tags, false)) {
      headerRow = row;
      values = [...Array.from({ length: row - 1 }, (): Cell[] => []), header];
    }
  }
  if (headerRow === null) {
    ({ values, formulas, formats } = readWhole(sheet, options.headerOnly ? { valuesOnly: true } : options));
    const located = locateHeader(values, [taggedRow, record.headerRow], tags);
    if (!located.ok) throw new UserError(located.message);
    headerRow = located.headerRow;
  }
  const header = values[headerRow - 1] ?? [];
  let saved = record;
  if (!remembered) {
    // The walk's result is remembered by an action that holds the lock, for the next reads.
    const layout = options.addsColumns ? record.layout : (layoutOf(tags, header) ?? undefined);
    const found = { ...record, headerRow, layout };
    if (options.locked && recordText(found) !== recordText(record)) writeRecord(props, found);
    saved = found;
  }
  const byHeader = mapColumns(header);
  const tracker = trackerColumnsFound(byHeader.tracker, tags.tracker, tags.contact);
  const map = withRemembered(byHeader, tags.contact, tracker);
  const rows = options.headerOnly ? [] : values.slice(headerRow);
  return {
    sheet,
    record: saved,
    headerRow,
    idCounter: saved.idCounter,
    header,
    rows,
    formulas: formulas.slice(headerRow),
    grid: { top: 1, values, formulas, formats },
    contact: map.contact,
    tracker,
    own: map.own,
    tags,
  };
}

/** Row `row` (1-based) of `sheet` in one call (empty cells or null where it has no content there). */
function readRow(sheet: Sheet, row: number): Cell[] | null {
  return rowValues(sheet, row) as Cell[] | null;
}

/** The sheet's values (in one call when they are all that is read), formulas and formats, as `options` ask. */
function readWhole(sheet: Sheet, options: ReadOptions): { values: Cell[][]; formulas: string[][]; formats: string[][] } {
  if (options.valuesOnly && !options.formats) return { values: allValues(sheet) as Cell[][], formulas: [], formats: [] };
  const data = sheet.getDataRange();
  return {
    values: data.getValues() as Cell[][],
    formulas: options.valuesOnly ? [] : data.getFormulas(),
    formats: options.formats ? data.getNumberFormats() : [],
  };
}

/**
 * The layout of `view`'s tracker once `contact` columns (0-based) were tagged and the header row
 * reads `header`: what a metadata walk would then find, for an action that added columns.
 */
export function layoutAfter(view: TrackerView, contact: Partial<Record<ContactField, number>>, header: readonly unknown[]): ColumnLayout | undefined {
  // Sheets keeps text written with a leading apostrophe without it.
  const shown = header.map((h) => (typeof h === 'string' && h.startsWith("'") ? h.slice(1) : h));
  return layoutOf({ tracker: view.tags.tracker, contact: { ...view.tags.contact, ...contact } }, shown) ?? undefined;
}
