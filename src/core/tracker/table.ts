// The tracker as an action reads it: the one model every feature plans from (import, logging,
// follow-ups, the selection, the pitch sidebar, the coach view). Each feature's core takes the
// part it needs (a Pick of this), so the fields keep one name and one meaning everywhere.

import type { Cell } from './cells.ts';
import type { ColumnMap, ContactField } from './headers.ts';
import type { TrackerKey } from './schema.ts';

export interface TrackerTable {
  /** 1-based sheet row of the header. */
  headerRow: number;
  header: readonly Cell[];
  /** Rows below the header, down to the last row with content (getValues). */
  rows: readonly (readonly Cell[])[];
  /** getFormulas() of the same rows: a cell with a formula is never empty. */
  formulas: readonly (readonly string[])[];
  /** 0-based columns of the contact fields: their metadata first, then their headers. */
  contact: Partial<Record<ContactField, number>>;
  /** 0-based columns of the tracker's own columns, found the same way. */
  tracker: Partial<Record<TrackerKey, number>>;
  /** The user's own columns, kept as they are. */
  own: ColumnMap['own'];
  /** Last contact-ID number handed out (kept in the tracker's record); IDs are never reused. */
  idCounter: number;
}
