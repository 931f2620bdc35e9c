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

/**
 * A copy of the spreadsheet's zone in the document properties, so that a dialog can show today's
 * date read with the tracker's record in one getProperties, without a call for the zone. Written
 * by the actions that read the real zone anyway (setup, through its first Dashboard's default
 * settings, and each logged event; src/server/dashboard/dashboard.ts says when a first build
 * reads it for the copy alone), which go on using the real one; a tracker without a copy yet
 * (set up before it existed) reads the zone until its next logged event. A stale copy (the zone
 * changed in File > Settings since the last logged event) makes the dialog's default date, and
 * the date picker's latest day for past-only events, the day in the old zone: a day off for the
 * hours the two zones' dates differ (most of the day between zones far apart), until the next
 * logged event. The user sees the date and may type another (the form does not validate), and
 * the action checks it against the real zone.
 */
const ZONE_COPY_KEY = 'iit.timeZone';

/** The property that brings the copy up to `timeZone`, for a setProperties call; none when it is. */
export function zoneCopyProperty(props: GoogleAppsScript.Properties.Properties, timeZone: string): Record<string, string> {
  return props.getProperty(ZONE_COPY_KEY) === timeZone ? {} : { [ZONE_COPY_KEY]: timeZone };
}

/** Today in the zone's copy, or in the zone `readZone` reads (a call) when there is no copy. */
export function copiedZoneToday(props: GoogleAppsScript.Properties.Properties, readZone: () => string): { timeZone: string; today: DateParts } {
  const timeZone = props.getProperty(ZONE_COPY_KEY) || readZone();
  return { timeZone, today: wallClockOf(new Date(), timeZone).date };
}
