// When the hourly trigger sends: on a chosen day, at or after the chosen hour (in the
// spreadsheet's time zone), and at most once a day. Google runs an hourly trigger at some minute
// of each hour, not on the hour, and may skip a run: "at or after" lets a later run that day
// still send, and the day recorded as sent (before sending) keeps it to one.

import { weekday } from '../base/calendar.ts';
import { type DateParts, formatIsoDate } from '../base/dates.ts';
import { DAY_NAMES, type ReminderSettings } from './settings.ts';

export interface LocalNow {
  date: DateParts;
  /** 0-23 in the spreadsheet's time zone. */
  hour: number;
}

export interface DueNow {
  /** The daily digest may go today (only if something is due). */
  digest: boolean;
  /** Today is the weekly summary's day: the email goes even when nothing is due. */
  weekly: boolean;
}

export const NOTHING_DUE: DueNow = { digest: false, weekly: false };

/** `lastSentDay`: the ISO day an email was last recorded as sent for, or null. */
export function dueNow(settings: ReminderSettings, now: LocalNow, lastSentDay: string | null): DueNow {
  if (now.hour < settings.hour || lastSentDay === formatIsoDate(now.date)) return NOTHING_DUE;
  const today = DAY_NAMES[weekday(now.date)];
  return { digest: settings.digest && settings.days.includes(today), weekly: settings.weekly && settings.weeklyDay === today };
}
