// Calendar arithmetic on DateParts (days, business days) and reading a cell's Date as a calendar
// day of the spreadsheet's time zone. No Apps Script globals and no local-time Date methods:
// everything is done on UTC day numbers, so the machine's own zone never matters.

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
  for (let left = n; left > 0; ) {
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

/** "+0530" / "-0800" (Utilities.formatDate's "Z") as milliseconds east of UTC; null if malformed. */
export function parseUtcOffset(text: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!m) return text.trim() === 'Z' ? 0 : null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/**
 * The calendar day, in the spreadsheet's time zone, of a Date read from a cell. `offsets` are
 * that zone's UTC offsets in ms (e.g. now, in January and in July: the zone's standard and
 * daylight-saving offsets). A date-only cell reads as midnight in the zone, so one of the offsets
 * lands it exactly on a midnight; a date-time cell falls back to the first offset.
 * This avoids one Utilities.formatDate call per cell.
 */
export function calendarDateOf(value: Date, offsets: readonly number[]): DateParts | null {
  const t = value.getTime();
  if (Number.isNaN(t) || offsets.length === 0) return null;
  for (const offset of offsets) {
    const local = t + offset;
    if (local % DAY_MS === 0) return fromDayNumber(local / DAY_MS);
  }
  return fromDayNumber(Math.floor((t + offsets[0]) / DAY_MS));
}

/** A cell that holds a day: a Date (see calendarDateOf) or ISO text typed as text; else null. */
export function cellDate(value: unknown, offsets: readonly number[]): DateParts | null {
  if (value instanceof Date) return calendarDateOf(value, offsets);
  return typeof value === 'string' ? parseIsoDate(value) : null;
}
