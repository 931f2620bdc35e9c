// Links that open the user's own tools prefilled, so the add-on needs no Gmail or Calendar
// scope: a Gmail compose window, the default mail app (mailto:), a Google Calendar event.

import { normaliseEmail } from '../tracker/contacts.ts';
import { parseIsoDate } from '../base/dates.ts';

export interface MailDraft {
  /** The contact's email cell; only its first valid address is used. */
  to: string;
  subject: string;
  body: string;
}

const enc = encodeURIComponent;

/** https://mail.google.com/mail/?view=cm&fs=1&to=…&su=…&body=…: Gmail's full-screen compose window. */
export function gmailComposeUrl(draft: MailDraft): string {
  const params = [
    ['view', 'cm'],
    ['fs', '1'],
    ['to', normaliseEmail(draft.to)],
    ['su', draft.subject],
    ['body', draft.body],
  ];
  return `https://mail.google.com/mail/?${params.map(([k, v]) => `${k}=${enc(v)}`).join('&')}`;
}

/**
 * mailto:address?subject=…&body=… as RFC 6068 asks: every reserved character percent-encoded
 * (so "&" or "?" in the text cannot start another header), line breaks as %0D%0A.
 */
export function mailtoUrl(draft: MailDraft): string {
  const to = normaliseEmail(draft.to);
  const body = draft.body.replace(/\r\n|\r|\n/g, '\r\n');
  // "@" may stay as it is in the address part; encoding it would be legal but harder to read.
  return `mailto:${enc(to).replace(/%40/g, '@')}?subject=${enc(draft.subject)}&body=${enc(body)}`;
}

/** Some mail apps (notably on Windows) cut mailto: links longer than about 2,000 characters. */
export const MAILTO_SAFE_LENGTH = 2000;

export interface CalendarSlot {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM", 24-hour. */
  time: string;
  minutes?: number;
  title: string;
  details?: string;
  /** An IANA zone ("Europe/London"); without one, Calendar uses the user's own zone. */
  timeZone?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "YYYYMMDDTHHMMSS" for a wall-clock time `minutes` after `date` `time`; null if either is malformed. */
export function wallClock(date: string, time: string, minutes = 0): string | null {
  const d = parseIsoDate(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!d || !t) return null;
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  if (hour > 23 || minute > 59) return null;
  // UTC arithmetic on a wall clock: no zone or daylight-saving shift can creep in.
  const at = new Date(Date.UTC(d.year, d.month - 1, d.day, hour, minute) + minutes * 60_000);
  return `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}00`;
}

const DEFAULT_MEETING_MINUTES = 30;

/**
 * https://calendar.google.com/calendar/render?action=TEMPLATE&text=…&dates=start/end&details=…
 * for a slot of `minutes` (30 by default); null when the date or time is not valid.
 */
export function calendarUrl(slot: CalendarSlot): string | null {
  const minutes = slot.minutes ?? DEFAULT_MEETING_MINUTES;
  const start = wallClock(slot.date, slot.time);
  const end = wallClock(slot.date, slot.time, minutes);
  if (!start || !end) return null;
  const params: [string, string][] = [
    ['action', 'TEMPLATE'],
    ['text', slot.title],
    ['dates', `${start}/${end}`],
  ];
  if (slot.details) params.push(['details', slot.details]);
  if (slot.timeZone) params.push(['ctz', slot.timeZone]);
  // The dates hold only digits, "T" and the "/" between start and end, which stays as Google documents it.
  return `https://calendar.google.com/calendar/render?${params.map(([k, v]) => `${k}=${k === 'dates' ? v : enc(v)}`).join('&')}`;
}
