// "Now" in the spreadsheet's time zone (File > Settings), which is where dates in cells live:
// today's date and a timestamp Sheets reads as this moment. Date cells are read as days of that
// zone by core (calendarDateOf), from the zone's name.

import { wallClockOf } from '../../core/base/calendar.ts';
import { formatIsoDate } from '../../core/base/dates.ts';
import type { DateParts } from '../../core/base/dates.ts';

export interface SheetClock {
  timeZone: string;
  today: DateParts;
  /** "yyyy-MM-dd HH:mm:ss" now, in the zone. */
  timestamp: string;
}

/** One service call (the zone); the clock in it is read by Intl, not by Utilities.formatDate. */
export function sheetClock(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SheetClock {
  const timeZone = ss.getSpreadsheetTimeZone();
  const { date, time } = wallClockOf(new Date(), timeZone);
  return { timeZone, today: date, timestamp: `${formatIsoDate(date)} ${time}` };
}
