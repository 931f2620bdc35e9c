// "Now" in the spreadsheet's time zone (File > Settings), which is where dates in cells live:
// today's date, a timestamp Sheets reads as this moment, and the zone's UTC offsets for reading
// Date cells as calendar days without one Utilities call per cell.

import { parseUtcOffset } from '../core/calendar.ts';
import { parseIsoDate } from '../core/dates.ts';
import type { DateParts } from '../core/dates.ts';

export interface SheetClock {
  timeZone: string;
  today: DateParts;
  /** "yyyy-MM-dd HH:mm:ss" now, in the zone. */
  timestamp: string;
  /** UTC offsets (ms) now, on 1 January and on 1 July: covers standard and daylight-saving time. */
  offsets: number[];
}

export function sheetClock(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SheetClock {
  const timeZone = ss.getSpreadsheetTimeZone();
  const now = new Date();
  const stamp = Utilities.formatDate(now, timeZone, 'yyyy-MM-dd HH:mm:ss Z');
  const [day, time, zone] = stamp.split(' ');
  const offsets: number[] = [];
  for (const text of [zone, ...[0, 6].map((month) => Utilities.formatDate(new Date(Date.UTC(now.getUTCFullYear(), month, 1, 12)), timeZone, 'Z'))]) {
    const offset = parseUtcOffset(text);
    if (offset !== null && !offsets.includes(offset)) offsets.push(offset);
  }
  const today = parseIsoDate(day);
  if (!today || offsets.length === 0) throw new Error(`Unexpected date from Utilities.formatDate: ${stamp}`);
  return { timeZone, today, timestamp: `${day} ${time}`, offsets };
}
