// The Interview log: one appended row per event and contact, never overwritten. Its Event ID
// column makes logging idempotent: a row's key is the dialog's event ID plus the contact, so
// a retried call finds its rows already there and writes nothing new.

import type { OutCell } from '../tracker/cells.ts';
import type { DateParts } from '../base/dates.ts';
import { toSheetText } from '../base/text.ts';

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
