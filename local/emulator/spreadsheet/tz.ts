// Time-zone arithmetic shared by the spreadsheet (date serials) and Utilities.formatDate.
// Built on Intl only, so any IANA zone that Node knows works, as in Apps Script.

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of `date` as seen in `timeZone`. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(date)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    millisecond: date.getTime() - Math.floor(date.getTime() / 1000) * 1000,
    weekday: WEEKDAYS[out.weekday] ?? 0,
  };
}

// Sheets counts days from 1899-12-30 (serial 0); fractions are the time of day. A serial is a
// wall-clock time: it has no zone until a Date is made of it.
const EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86400000;

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (east positive). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const p = zonedParts(new Date(ms), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return Math.round((asUtc - ms) / 60000);
}

/**
 * The instant at which the wall clock in `timeZone` shows the given fields. A wall time the clock
 * shows twice (clocks going back) is its first occurrence; one it skips (clocks jumping forward,
 * e.g. America/Havana at 00:00 on 2026-03-08) is read with the offset in force before the jump,
 * so it lands as far after the jump as it is after the last time shown before it: 00:00 becomes
 * 01:00, the first instant of that day. Java's ZonedDateTime, ICU and ECMAScript's Date all
 * resolve wall times this way; assumed to be what Apps Script does when it turns a date serial
 * into a Date (not confirmed on Google: no zone with a midnight jump was tried there).
 */
export function fromZoned(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0, timeZone = 'UTC'): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Offsets reach ±14 h, so the instant is within a day of `wall` read as UTC: the offsets a day
  // either side are those before and after any change of offset near it.
  const before = offsetMinutes(wall - DAY_MS, timeZone) * 60000;
  const after = offsetMinutes(wall + DAY_MS, timeZone) * 60000;
  const shown = [wall - before, wall - after].filter((t) => offsetMinutes(t, timeZone) * 60000 === wall - t);
  return new Date(shown.length ? Math.min(...shown) : wall - before);
}

/** The serial of a wall-clock time (month 1-12). */
export function wallToSerial(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return (Date.UTC(year, month - 1, day, hour, minute, second) - EPOCH_UTC) / DAY_MS;
}

/** The spreadsheet serial number of `date` read on the wall clock of `timeZone`. */
export function dateToSerial(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return (wall - EPOCH_UTC) / DAY_MS;
}

/**
 * Instants of serials already read, by zone then serial: a tracker's dates repeat (a few hundred
 * days over thousands of cells), and each conversion costs several Intl calls.
 */
const serialInstants = new Map<string, Map<number, number>>();

/** The instant that a serial number denotes on the wall clock of `timeZone`. */
export function serialToDate(serial: number, timeZone: string): Date {
  let instants = serialInstants.get(timeZone);
  if (!instants) serialInstants.set(timeZone, (instants = new Map()));
  let ms = instants.get(serial);
  if (ms === undefined) {
    if (instants.size >= 100_000) instants.clear();
    ms = serialInstant(serial, timeZone);
    instants.set(serial, ms);
  }
  return new Date(ms);
}

function serialInstant(serial: number, timeZone: string): number {
  const wall = new Date(EPOCH_UTC + Math.round(serial * DAY_MS));
  return fromZoned(
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
    timeZone,
  ).getTime();
}
