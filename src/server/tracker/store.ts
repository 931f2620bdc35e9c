// Where the tracker is remembered: which sheet and header row (document properties), its ID
// counter, and which column holds which tracker or contact field and which row is the header
// (developer metadata on whole columns and on the header row, which Sheets moves with the
// column or row when the user renames, moves or reorders columns or inserts rows above).

import type { TrackerKey } from '../../core/tracker/schema.ts';
import { TRACKER_KEYS } from '../../core/tracker/schema.ts';
import { CONTACT_FIELDS, type ContactField } from '../../core/tracker/headers.ts';
import { columnLetters } from '../../core/base/a1.ts';
import type { ColumnLayout } from '../../core/tracker/columns.ts';

const RECORD_KEY = 'iit.tracker';
export const COLUMN_KEY = 'iit.column';
export const HEADER_KEY = 'iit.header';
/** Contact columns are tagged `contact:<field>` under COLUMN_KEY; tracker columns by their key. */
const CONTACT_PREFIX = 'contact:';
const CONTACT_KEYS: readonly string[] = CONTACT_FIELDS.map((f) => f.field);

export interface ColumnTags {
  /** 0-based columns. */
  tracker: Partial<Record<TrackerKey, number>>;
  contact: Partial<Record<ContactField, number>>;
}

export interface TrackerRecord {
  sheetId: number;
  headerRow: number;
  /** Last contact-ID number handed out; IDs are never reused. */
  idCounter: number;
  /** The columns' metadata as last read, with the header row then (see ColumnLayout). */
  layout?: ColumnLayout;
  /** The grid's row count when setup last made the colour rules reach its last row. */
  coveredRows?: number;
}

function isLayout(value: unknown): value is ColumnLayout {
  const l = value as ColumnLayout | null;
  return typeof l === 'object' && l !== null && typeof l.tracker === 'object' && typeof l.contact === 'object' && Array.isArray(l.header);
}

export function readRecord(props: GoogleAppsScript.Properties.Properties): TrackerRecord | null {
  const raw = props.getProperty(RECORD_KEY);
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as TrackerRecord;
    if (typeof r.sheetId !== 'number' || typeof r.headerRow !== 'number') return null;
    const { layout, ...rest } = r;
    return { ...rest, idCounter: typeof r.idCounter === 'number' ? r.idCounter : 0, ...(isLayout(layout) ? { layout } : {}) };
  } catch {
    return null;
  }
}

/** The record as saved: its fields in one order, so the same record is always the same text. */
export function recordText(record: TrackerRecord | null): string {
  if (!record) return '';
  const { sheetId, headerRow, idCounter, layout, coveredRows } = record;
  return JSON.stringify({ sheetId, headerRow, idCounter, layout, coveredRows });
}

export function writeRecord(props: GoogleAppsScript.Properties.Properties, record: TrackerRecord): void {
  props.setProperty(RECORD_KEY, recordText(record));
}

/** The property holding `record`, for a caller writing it with others in one setProperties call. */
export function recordProperty(record: TrackerRecord): Record<string, string> {
  return { [RECORD_KEY]: recordText(record) };
}

/** 0-based column of each tracker and contact field, from the metadata on the sheet's columns. */
export function readColumnTags(sheet: GoogleAppsScript.Spreadsheet.Sheet): ColumnTags {
  const tags: ColumnTags = { tracker: {}, contact: {} };
  for (const m of sheet.createDeveloperMetadataFinder().withKey(COLUMN_KEY).find()) addColumnTag(tags, m);
  return tags;
}

function addColumnTag(tags: ColumnTags, m: GoogleAppsScript.Spreadsheet.DeveloperMetadata): void {
  const value = m.getValue() ?? '';
  const column = m.getLocation().getColumn();
  if (!column) return;
  const index = column.getColumn() - 1;
  if ((TRACKER_KEYS as readonly string[]).includes(value)) tags.tracker[value as TrackerKey] ??= index;
  else if (value.startsWith(CONTACT_PREFIX) && CONTACT_KEYS.includes(value.slice(CONTACT_PREFIX.length)))
    tags.contact[value.slice(CONTACT_PREFIX.length) as ContactField] ??= index;
}

/**
 * The column tags and the tagged header row (as readColumnTags and taggedHeaderRow) through one
 * finder of all the sheet's metadata: two calls on a sheet without any (a sheet set up for the
 * first time), where the two finders by key take six; a call more per piece of metadata found.
 */
export function readSheetTags(sheet: GoogleAppsScript.Spreadsheet.Sheet): { tags: ColumnTags; taggedRow: number | null } {
  const tags: ColumnTags = { tracker: {}, contact: {} };
  let taggedRow: number | null = null;
  for (const m of sheet.createDeveloperMetadataFinder().find()) {
    const key = m.getKey();
    if (key === COLUMN_KEY) addColumnTag(tags, m);
    else if (key === HEADER_KEY && taggedRow === null) {
      const row = m.getLocation().getRow();
      if (row) taggedRow = row.getRow();
    }
  }
  return { tags, taggedRow };
}

const OWED_KEY = 'iit.setup.owed';

/**
 * What setup still owes sheet `sheetId`: the drop-downs, formats and colours of the tracker
 * columns it added, and the Dashboard's rebuild. Recorded before setup's first write, cleared
 * after its last, so a run stopped in between is finished by the next (which finds the columns
 * already there and nothing else to change).
 */
export interface SetupOwed {
  keys: TrackerKey[];
  dashboard: boolean;
}

export function readOwed(props: GoogleAppsScript.Properties.Properties, sheetId: number): SetupOwed | null {
  try {
    const owed = JSON.parse(props.getProperty(OWED_KEY) ?? 'null') as { sheetId: number; keys: string[]; dashboard: boolean } | null;
    return owed?.sheetId === sheetId ? { keys: TRACKER_KEYS.filter((k) => owed.keys.includes(k)), dashboard: owed.dashboard === true } : null;
  } catch {
    return null;
  }
}

export function writeOwed(props: GoogleAppsScript.Properties.Properties, sheetId: number, owed: SetupOwed): void {
  props.setProperty(OWED_KEY, JSON.stringify({ sheetId, keys: owed.keys, dashboard: owed.dashboard }));
}

export function clearOwed(props: GoogleAppsScript.Properties.Properties): void {
  props.deleteProperty(OWED_KEY);
}

/** A developer-metadata tag to put on a whole row or column (`a1` as "C:C" or "3:3"). */
export interface LineTag {
  a1: string;
  /** The same line as the Sheets API names it: 0-based. */
  dimension: 'COLUMNS' | 'ROWS';
  index: number;
  key: string;
  value: string;
}

/** The tag `key` = `value` on the whole column `column` (1-based). */
export function columnTag(column: number, value: string, key = COLUMN_KEY): LineTag {
  const letters = columnLetters(column);
  return { a1: `${letters}:${letters}`, dimension: 'COLUMNS', index: column - 1, key, value };
}

/** The tags as Sheets API requests on sheet `sheetId`, visible to the document as addDeveloperMetadata makes them. */
export function tagRequests(sheetId: number, tags: readonly LineTag[]): GoogleAppsScript.Sheets.Schema.Request[] {
  return tags.map((t) => ({
    createDeveloperMetadata: {
      developerMetadata: {
        metadataKey: t.key,
        metadataValue: t.value,
        visibility: 'DOCUMENT',
        location: { dimensionRange: { sheetId, dimension: t.dimension, startIndex: t.index, endIndex: t.index + 1 } },
      },
    },
  }));
}

/**
 * Writes the tags. Several are reached through one getRangeList (two calls for all their ranges
 * instead of a getRange each); a single one through getRange; with `rangeAt`, through the ranges
 * it holds (fetched with the caller's others).
 */
export function writeTags(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  tags: readonly LineTag[],
  rangeAt?: (a1: string) => GoogleAppsScript.Spreadsheet.Range,
): void {
  if (!tags.length) return;
  const ranges = rangeAt
    ? tags.map((t) => rangeAt(t.a1))
    : tags.length === 1
      ? [sheet.getRange(tags[0].a1)]
      : sheet.getRangeList(tags.map((t) => t.a1)).getRanges();
  tags.forEach((t, i) => ranges[i].addDeveloperMetadata(t.key, t.value));
}

/** The tags the given 1-based columns need for their tracker field: those not already tagged there. */
export function trackerColumnTags(columns: Record<TrackerKey, number>, already: Partial<Record<TrackerKey, number>>): LineTag[] {
  return TRACKER_KEYS.filter((key) => already[key] !== columns[key] - 1).map((key) => columnTag(columns[key], key));
}

/** The tags the given 0-based contact columns need for their field: those of fields not already tagged. */
export function contactColumnTags(columns: Partial<Record<ContactField, number>>, already: Partial<Record<ContactField, number>>): LineTag[] {
  return (Object.entries(columns) as [ContactField, number][])
    .filter(([field]) => already[field] === undefined)
    .map(([field, index]) => columnTag(index + 1, CONTACT_PREFIX + field));
}

/** Tags the given 0-based contact columns with their field, unless that field is already tagged. */
export function tagContactColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  columns: Partial<Record<ContactField, number>>,
  already: Partial<Record<ContactField, number>>,
): void {
  writeTags(sheet, contactColumnTags(columns, already));
}

/** 1-based row of the header, from the metadata on it (it moves when rows are inserted above), or null. */
export function taggedHeaderRow(sheet: GoogleAppsScript.Spreadsheet.Sheet): number | null {
  for (const m of sheet.createDeveloperMetadataFinder().withKey(HEADER_KEY).find()) {
    const row = m.getLocation().getRow();
    if (row) return row.getRow();
  }
  return null;
}

/** The tag row `row` (1-based) needs as the header: none if it already has it; a tag on another row is removed. */
export function headerRowTags(sheet: GoogleAppsScript.Spreadsheet.Sheet, row: number, tagged: number | null): LineTag[] {
  if (tagged === row) return [];
  if (tagged !== null) for (const m of sheet.createDeveloperMetadataFinder().withKey(HEADER_KEY).find()) m.remove();
  return [{ a1: `${row}:${row}`, dimension: 'ROWS', index: row - 1, key: HEADER_KEY, value: 'header' }];
}

export function findTrackerSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, record: TrackerRecord | null): GoogleAppsScript.Spreadsheet.Sheet | null {
  if (!record) return null;
  return ss.getSheetById(record.sheetId);
}
