// Where the tracker is remembered: which sheet and header row (document properties), its ID
// counter, and which column holds which tracker field (developer metadata on each column, which
// Sheets moves with the column when the user renames, moves or reorders columns).

import type { TrackerKey } from '../core/schema.ts';
import { TRACKER_KEYS } from '../core/schema.ts';
import { columnLetters } from '../core/a1.ts';

const RECORD_KEY = 'iit.tracker';
export const COLUMN_KEY = 'iit.column';

export interface TrackerRecord {
  sheetId: number;
  headerRow: number;
  /** Last contact-ID number handed out; IDs are never reused. */
  idCounter: number;
}

export function readRecord(props: GoogleAppsScript.Properties.Properties): TrackerRecord | null {
  const raw = props.getProperty(RECORD_KEY);
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as TrackerRecord;
    return typeof r.sheetId === 'number' && typeof r.headerRow === 'number' ? { ...r, idCounter: typeof r.idCounter === "number" ? r.idCounter : 0 } : null;
  } catch {
    return null;
  }
}

export function writeRecord(props: GoogleAppsScript.Properties.Properties, record: TrackerRecord): void {
  props.setProperty(RECORD_KEY, JSON.stringify(record));
}

/** 0-based column of each tracker field, from the metadata on the sheet's columns. */
export function rememberedColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet): Partial<Record<TrackerKey, number>> {
  const found: Partial<Record<TrackerKey, number>> = {};
  for (const m of sheet.createDeveloperMetadataFinder().withKey(COLUMN_KEY).find()) {
    const key = m.getValue() as TrackerKey;
    const column = m.getLocation().getColumn();
    if (column && (TRACKER_KEYS as readonly string[]).includes(key) && found[key] === undefined) found[key] = column.getColumn() - 1;
  }
  return found;
}

/** Tags the given 1-based columns with their tracker field, unless already tagged. */
export function tagColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, columns: Record<TrackerKey, number>, already: Partial<Record<TrackerKey, number>>): void {
  for (const key of TRACKER_KEYS) {
    if (already[key] === columns[key] - 1) continue;
    const letters = columnLetters(columns[key]);
    sheet.getRange(`${letters}:${letters}`).addDeveloperMetadata(COLUMN_KEY, key);
  }
}

export function findTrackerSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, record: TrackerRecord | null): GoogleAppsScript.Spreadsheet.Sheet | null {
  if (!record) return null;
  return ss.getSheets().find((s) => s.getSheetId() === record.sheetId) ?? null;
}
