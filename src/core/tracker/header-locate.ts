// Finding a known tracker's header row again after the user inserted or deleted rows above it,
// instead of trusting the row number saved at setup.

import { type Cell, isBlank } from './cells.ts';
import { type ContactField, NAME_FIELDS, mapColumns } from './headers.ts';
import { isContactId } from './ids.ts';
import { type TrackerKey, canonicalValue, trackerColumn } from './schema.ts';

export interface RememberedColumns {
  /** 0-based columns of the tracker's own columns (from their metadata). */
  tracker: Partial<Record<TrackerKey, number>>;
  /** 0-based columns of the recognised contact columns (from their metadata). */
  contact?: Partial<Record<ContactField, number>>;
}

function isHeaderText(value: Cell | undefined): value is string {
  return typeof value === 'string' && !isBlank(value);
}

/**
 * Whether `row` is the tracker's header row: its tracker columns hold header text (not a
 * contact ID, not one of the column's allowed values, as a contact's row would) and, with
 * `requireName`, it names the contacts (a name column). Renamed headers still count: only their
 * kind of content is checked.
 */
export function isTrackerHeader(row: readonly Cell[], remembered: RememberedColumns, requireName = true): boolean {
  const tracker = Object.entries(remembered.tracker) as [TrackerKey, number][];
  if (tracker.length === 0) {
    const map = mapColumns(row);
    return Object.keys(map.tracker).length > 0 && NAME_FIELDS.some((f) => map.contact[f] !== undefined);
  }
  let headers = 0;
  for (const [key, index] of tracker) {
    const cell = row[index];
    if (isContactId(cell)) return false;
    const values = trackerColumn(key).values;
    if (!isHeaderText(cell) || (values && canonicalValue(values, cell) !== null)) continue;
    headers++;
  }
  if (headers * 2 < tracker.length) return false;
  if (!requireName) return true;
  const names = NAME_FIELDS.map((f) => remembered.contact?.[f]).filter((i): i is number => i !== undefined);
  if (names.length) return names.some((i) => isHeaderText(row[i]));
  const map = mapColumns(row);
  return NAME_FIELDS.some((f) => map.contact[f] !== undefined);
}

export type HeaderLocation = { ok: true; headerRow: number } | { ok: false; message: string };

/**
 * 1-based header row of a known tracker: the first of `expected` (the row tagged as the header,
 * then the row saved at setup) that is a header row; failing that, the only header row in the
 * sheet. Otherwise a message for the user: writing with a wrong header row would put values in
 * the wrong rows and columns.
 */
export function locateHeader(values: readonly (readonly Cell[])[], expected: readonly (number | null)[], remembered: RememberedColumns): HeaderLocation {
  // Where the header is expected, its tracker columns are enough (the name column may have been
  // renamed to something not recognised); elsewhere a name column is needed too.
  for (const row of expected)
    if (row !== null && row >= 1 && row <= values.length && isTrackerHeader(values[row - 1], remembered, false)) return { ok: true, headerRow: row };
  const found: number[] = [];
  for (let i = 0; i < values.length && found.length < 2; i++) if (isTrackerHeader(values[i], remembered)) found.push(i + 1);
  if (found.length === 1) return { ok: true, headerRow: found[0] };
  const saved = expected.find((r) => r !== null);
  return {
    ok: false,
    message:
      found.length > 1
        ? `The tracker's header row is no longer at row ${saved}, and rows ${found.join(' and ')} both look like it. Delete the extra header row, then try again. Nothing was changed.`
        : `I could not find the tracker's header row (it was row ${saved}, with the column names such as "Contact ID" and "Stage"). Put the header row back above the contacts, then try again. Nothing was changed.`,
  };
}
