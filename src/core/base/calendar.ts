// Calendar arithmetic on DateParts (days, business days) and reading a cell's Date as a calendar
// day of the spreadsheet's time zone. No Apps Script globals and no local-time Date methods:
// arithmetic is done on UTC day numbers and a Date is read in a named zone, so the machine's own
// zone never matters.

import { type DateParts, formatIsoDate, parseIsoDate } from './dates.ts';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Days since 1970-01-01. */
export function dayNumber(d: DateParts): number {
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}

function fromDayNumber(n: number): DateParts {
  const t = new Date(n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function addDays(d: DateParts, days: number): DateParts {
  return fromDayNumber(dayNumber(d) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: DateParts): number {
  return (((dayNumber(d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function isWeekend(d: DateParts): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

/**
 * The day `n` business days (Monday to Friday) after `d`, like Sheets' WORKDAY(d, n) without
 * holidays: counting starts the day after `d`, so Friday + 3 and Saturday + 3 are both Wednesday.
 */
export function addBusinessDays(d: DateParts, n: number): DateParts {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addBusinessDays needs a whole number of days ≥ 0, got ${n}`);
  let day = dayNumber(d);
  for (let left = n; left > 0;) {
    day++;
    if (!isWeekend(fromDayNumber(day))) left--;
  }
  return fromDayNumber(day);
}

export function compareDates(a: DateParts, b: DateParts): number {
  return dayNumber(a) - dayNumber(b);
}

export function laterOf(a: DateParts | null, b: DateParts): DateParts {
  return a && compareDates(a, b) > 0 ? a : b;
}

/** "Tue 2026-01-13": unambiguous in every locale, and says which weekday it falls on. */
export function describeDate(d: DateParts): string {
  return `${WEEKDAYS[weekday(d)]} ${formatIsoDate(d)}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day, in the spreadsheet's time zone, of a Date read from a cell. Apps Script gives
 * a date cell as the instant of that day's midnight in the zone (on a day whose midnight the
 * clocks skip, the first instant after the jump), so the day is read with the offset the zone had
 * at that instant, from its history: this year's offsets would move older dates by a day
 * (Mexico City dropped daylight saving in 2022, Apia crossed the date line in 2011). Intl is part
 * of JavaScript, not an Apps Script service, so it costs no call per cell; it knows every zone
 * Sheets offers (assumed of Apps Script's V8, as of Node and Chrome, which share its ICU data).
 */
export function calendarDateOf(value: Date, timeZone: string): DateParts | null {
  if (Number.isNaN(value.getTime())) return null;
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: 'numeric', day: 'numeric' });
    dayFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(value)) parts[p.type] = p.value;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** A cell that holds a day: a Date (see calendarDateOf) or ISO text typed as text; else null. */
export function cellDate(value: unknown, timeZone: string): DateParts | null {
  if (value instanceof Date) return calendarDateOf(value, timeZone);
  return typeof value === 'string' ? parseIsoDate(value) : null;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The date and time (HH:mm:ss, 00 to 23) `instant` shows on a clock in `timeZone`: what
 * Utilities.formatDate gives, without its service call (Intl, as for calendarDateOf). A zone Intl
 * does not know throws a RangeError.
 */
export function wallClockOf(instant: Date, timeZone: string): { date: DateParts; time: string } {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    clockFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(instant)) parts[p.type] = p.value;
  const two = (s: string) => s.padStart(2, '0');
  return {
    date: { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) },
    time: `${two(parts.hour)}:${two(parts.minute)}:${two(parts.second)}`,
  };
}
