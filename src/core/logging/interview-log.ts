// The Interview log: one appended row per event and contact, never overwritten. Its Event ID
// column makes logging idempotent: a row's key is the dialog's event ID plus the contact, so
// a retried call finds its rows already there and writes nothing new.

import type { OutCell } from '../tracker/cells.ts';
import type { DateParts } from '../base/dates.ts';
import { toSheetText } from '../base/text.ts';
import { normaliseHeader } from '../tracker/headers.ts';

export const LOG_SHEET_NAME = 'Interview log';

export type LogKey = 'timestamp' | 'eventDate' | 'contactId' | 'name' | 'eventType' | 'details' | 'nextStep' | 'eventId';

export const LOG_COLUMNS: readonly { key: LogKey; header: string; numberFormat?: string; width?: number }[] = [
  { key: 'timestamp', header: 'Timestamp', numberFormat: 'yyyy-mm-dd hh:mm:ss', width: 150 },
  { key: 'eventDate', header: 'Event date', numberFormat: 'yyyy-mm-dd', width: 100 },
  { key: 'contactId', header: 'Contact ID', width: 90 },
  { key: 'name', header: 'Name', width: 160 },
  { key: 'eventType', header: 'Event', width: 170 },
  { key: 'details', header: 'Details', width: 320 },
  { key: 'nextStep', header: 'Next step', width: 320 },
  { key: 'eventId', header: 'Event ID', width: 120 },
];

export const LOG_KEYS: readonly LogKey[] = LOG_COLUMNS.map((c) => c.key);

/** One row to append. Text is raw here; logRowCells makes it sheet-safe. */
export interface LogEntry {
  eventDate: DateParts;
  contactId: string;
  name: string;
  eventType: string;
  details: string;
  nextStep: string;
  key: string;
}

/** The Event ID cell of the row logging `eventId` for `contactId` (and a role, for referral rows). */
export function eventKey(eventId: string, contactId: string, role?: string): string {
  return role ? `${eventId}/${contactId}/${role}` : `${eventId}/${contactId}`;
}

// An event that finds a Stage the user wrote (neither empty nor To contact, with no Last contact
// yet, or text no event writes) records that text as the last line of its Details; voiding
// replays from the one on a contact's first row (void.ts), not from To contact. The line is JSON,
// one line whatever the text holds, and read back only from the last line.
const STAGE_BEFORE = /\nStage before: ("(?:[^"\\\n]|\\.)*")\.$/;

/** The Details line recording the stage the user had written before anything was logged. */
export function stageBeforeLine(stage: string): string {
  return `Stage before: ${JSON.stringify(stage)}.`;
}

/** The stage a Details text records as written before anything was logged (stageBeforeLine), or null. */
export function stageBeforeIn(details: string): string | null {
  const found = STAGE_BEFORE.exec(`\n${details}`);
  if (!found) return null;
  // The log is the user's sheet: a line edited by hand may no longer be JSON; then there is none.
  try {
    return JSON.parse(found[1]) as string;
  } catch {
    return null;
  }
}

/**
 * The cells of `entry` laid out in the log's columns (1-based `columns`), `width` wide.
 * `timestamp` is "yyyy-MM-dd HH:mm:ss" in the spreadsheet's time zone: Sheets reads it as that
 * moment, so it is deliberately not escaped as text.
 */
export function logRowCells(entry: LogEntry, columns: Record<LogKey, number>, width: number, timestamp: string): OutCell[] {
  const row: OutCell[] = new Array(width).fill('');
  const put = (key: LogKey, value: OutCell) => (row[columns[key] - 1] = value);
  put('timestamp', timestamp);
  put('eventDate', entry.eventDate);
  put('contactId', toSheetText(entry.contactId));
  put('name', toSheetText(entry.name));
  put('eventType', toSheetText(entry.eventType));
  put('details', toSheetText(entry.details));
  put('nextStep', toSheetText(entry.nextStep));
  put('eventId', toSheetText(entry.key));
  return row;
}

/** Where the log's columns were last found, and the header text each had then. */
export interface RememberedLogColumns {
  columns: Record<LogKey, number>;
  headers: Record<LogKey, string>;
}

/** The remembered columns if the header row (as read) still has the remembered text at each, else null. */
export function checkRemembered(header: readonly unknown[], remembered: Partial<RememberedLogColumns> | undefined): Record<LogKey, number> | null {
  const { columns, headers } = remembered ?? {};
  if (!columns || !headers) return null;
  for (const key of LOG_KEYS) {
    const at = columns[key];
    if (!Number.isInteger(at) || at < 1 || String(header[at - 1] ?? '') !== headers[key]) return null;
  }
  return { ...columns };
}

/** What reading the log found its columns to be, and what must be written to make it whole. */
export interface LogColumnsPlan {
  /** 1-based, every key. */
  columns: Record<LogKey, number>;
  /** Columns found by their header whose tag is gone: to tag. */
  retag: [LogKey, number][];
  /** Columns to add (header and tag), in this order from column `first`. */
  add: LogKey[];
  first: number;
  /** The sheet has no header at all: it gets the log's layout (frozen row, widths). */
  blank: boolean;
}

/**
 * The log's columns from their tags (`tagged`) and the header row. A column whose tag is gone
 * (the sheet was copied, or the column deleted) is found by its header, else added after the
 * last column (`lastColumn`): never written into another column.
 */
export function planLogColumns(header: readonly unknown[], tagged: Partial<Record<LogKey, number>>, lastColumn: number): LogColumnsPlan {
  const columns: Partial<Record<LogKey, number>> = { ...tagged };
  const taken = new Set(Object.values(tagged));
  const retag: [LogKey, number][] = [];
  const add: LogKey[] = [];
  for (const key of LOG_KEYS.filter((k) => tagged[k] === undefined)) {
    const wanted = normaliseHeader(LOG_COLUMNS.find((c) => c.key === key)!.header);
    const at = header.findIndex((h, i) => !taken.has(i + 1) && normaliseHeader(h) === wanted);
    if (at >= 0) {
      taken.add(at + 1);
      retag.push([key, at + 1]);
      columns[key] = at + 1;
    } else add.push(key);
  }
  const blank = header.every((h) => h === '' || h === null || h === undefined);
  const first = blank ? 1 : Math.max(lastColumn, 1) + 1;
  add.forEach((key, i) => (columns[key] = first + i));
  return { columns: columns as Record<LogKey, number>, retag, add, first, blank };
}

/** The header text of each column, as checkRemembered compares it next time. */
export function headersAt(header: readonly unknown[], columns: Record<LogKey, number>): Record<LogKey, string> {
  return Object.fromEntries(LOG_KEYS.map((k) => [k, String(header[columns[k] - 1] ?? '')])) as Record<LogKey, string>;
}

/** Every Event ID in `values` (the log's rows from row 1, header included) in the 1-based `column`. */
export function eventIdsIn(values: readonly (readonly unknown[])[], column: number): Set<string> {
  const keys = new Set<string>();
  for (let r = 1; r < values.length; r++) {
    const v = values[r][column - 1];
    if (typeof v === 'string' && v !== '') keys.add(v.trim());
  }
  return keys;
}
