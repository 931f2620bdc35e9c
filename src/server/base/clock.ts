// "Now" in the spreadsheet's time zone (File > Settings), which is where dates in cells live:
// today's date and a timestamp Sheets reads as this moment. Date cells are read as days of that
// zone by core (calendarDateOf), from the zone's name.

import { parseIsoDate } from '../../core/base/dates.ts';
import type { DateParts } from '../../core/base/dates.ts';

export interface SheetClock {
  timeZone: string;
  today: DateParts;
  /** "yyyy-MM-dd HH:mm:ss" now, in the zone. */
  timestamp: string;
}

export function sheetClock(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SheetClock {
  const timeZone = ss.getSpreadsheetTimeZone();
  const stamp = Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH:mm:ss');
  const [day, time] = stamp.split(' ');
  const today = parseIsoDate(day);
  if (!today) throw new Error(`Unexpected date from Utilities.formatDate: ${stamp}`);
  return { timeZone, today, timestamp: `${day} ${time}` };
}
