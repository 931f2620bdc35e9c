// How Sheets turns typed text into a value, and a value into the text it shows.
// Both follow the en_US locale, the default of a new spreadsheet.

import { wallToSerial } from './tz.ts';

export type Scalar = string | number | boolean | null;

/**
 * What a string written by setValue(s) becomes: Sheets parses it as if the user typed it
 * ("01234" becomes 1234, "22 34" becomes 2234; a leading apostrophe or the plain-text format
 * "@" keeps text). Reported with Apps Script in https://github.com/vlucas/sheetquery/issues/20
 * and for the UI in https://github.com/theoephraim/node-google-spreadsheet/issues/696.
 */
export type Parsed =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'formula'; formula: string }
  | { kind: 'number'; value: number; format?: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: number; format: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const TIME = /(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = new RegExp(/^(\d{4})-(\d{1,2})-(\d{1,2})/.source + TIME.source);
const US_DATE = new RegExp(/^(\d{1,2})\/(\d{1,2})\/(\d{4})/.source + TIME.source);

function parseDateText(s: string): Parsed | null {
  let y: number, m: number, d: number;
  let h = 0,
    mi = 0,
    se = 0;
  let hasTime = false;
  let match: RegExpExecArray | null;
  if ((match = ISO_DATE.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[4]) [h, mi, se, hasTime] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0), true];
  } else if ((match = US_DATE.exec(s))) {
    [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[4]) [h, mi, se, hasTime] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0), true];
  } else if ((match = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -,]+(\d{4})$/.exec(s)) && monthIndex(match[2]) > 0) {
    [d, m, y] = [Number(match[1]), monthIndex(match[2]), Number(match[3])];
  } else if ((match = /^([A-Za-z]{3,9}) (\d{1,2}),? (\d{4})$/.exec(s)) && monthIndex(match[1]) > 0) {
    [m, d, y] = [monthIndex(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  if (!validDate(y, m, d) || h > 23 || mi > 59 || se > 59) return null;
  // The serial is the wall-clock time typed, whatever the zone: a day whose midnight the clocks
  // skip (America/Havana, 2026-03-08) is still that day.
  return { kind: 'date', value: wallToSerial(y, m, d, h, mi, se), format: hasTime ? 'M/d/yyyy H:mm:ss' : 'M/d/yyyy' };
}

export function parseInput(raw: string, cellFormat?: string): Parsed {
  if (raw === '') return { kind: 'empty' };
  // A Plain text cell takes what is written as it is, a leading apostrophe included: the
  // apostrophe is an escape only where Sheets would otherwise parse the text. Not stated in
  // Google's reference; it is what users report (e.g. https://github.com/getodk/collect/issues/3703:
  // the apostrophe is "not needed" when the column is Plain Text, and unwanted there), and no
  // source found says the apostrophe is dropped. Uncertain: the add-on never relies on it, and
  // writes text into Plain text cells without the apostrophe (src/server/tracker/cells.ts forCell).
  if (cellFormat === '@') return { kind: 'text', text: raw };
  if (raw.startsWith("'")) return { kind: 'text', text: raw.slice(1) };
  if (raw.startsWith('=') && raw.length > 1) return { kind: 'formula', formula: raw };
  const s = raw.trim();
  if (/^(true|false)$/i.test(s)) return { kind: 'boolean', value: s.toLowerCase() === 'true' };
  const percent = s.endsWith('%');
  const numText = (percent ? s.slice(0, -1) : s).replace(/^([+-]?)\$/, '$1');
  if (/\d/.test(numText) && NUMBER.test(numText)) {
    const value = Number(numText.replace(/,/g, ''));
    if (percent) return { kind: 'number', value: value / 100, format: '0%' };
    return { kind: 'number', value, format: numText.includes(',') ? '#,##0' : undefined };
  }
  const date = parseDateText(s);
  if (date) return date;
  // Typing "+abc" or "-abc" in Sheets starts a formula ("=+abc"), which then shows an error.
  if (/^[+-]/.test(raw)) return { kind: 'formula', formula: `=${raw}` };
  return { kind: 'text', text: raw };
}

/** Answers of isDateFormat by format: a read asks for every number cell, among a handful of formats. */
const dateFormats = new Map<string, boolean>();

/** True if the number format shows a date or time (so getValues returns a Date). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  let answer = dateFormats.get(format);
  if (answer === undefined) {
    const f = format.replace(/"[^"]*"|\\./g, '').toLowerCase();
    answer = !/[0#]/.test(f) && /[dy]|h|s/.test(f);
    dateFormats.set(format, answer);
  }
  return answer;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats a date serial with a Sheets date pattern (yyyy, mmm, m, d, dddd, h, mm, ss, am/pm). */
function formatDateSerial(serial: number, format: string): string {
  const ms = Math.round(serial * 86400000) + Date.UTC(1899, 11, 30);
  const t = new Date(ms);
  const parts = {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
    wd: t.getUTCDay(),
  };
  const ampm = /am\/pm|a\/p/i.test(format);
  const tokens = format.match(/"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|./gi) ?? [];
  let out = '';
  let lastWasHour = false;
  tokens.forEach((tok, i) => {
    const lower = tok.toLowerCase();
    const nextIsSecond =
      tokens
        .slice(i + 1)
        .find((t) => /[a-z]/i.test(t))
        ?.toLowerCase()
        .startsWith('s') ?? false;
    if (tok.startsWith('"')) out += tok.slice(1, -1);
    else if (tok.startsWith('\\')) out += tok.slice(1);
    else if (lower === 'yyyy') out += parts.y;
    else if (lower === 'yy') out += pad(parts.y % 100, 2);
    else if (lower === 'mmmm') out += MONTH_NAMES[parts.mo - 1];
    else if (lower === 'mmm') out += MONTH_NAMES[parts.mo - 1].slice(0, 3);
    else if (lower === 'mm' || lower === 'm') {
      const minutes = lastWasHour || nextIsSecond;
      const n = minutes ? parts.mi : parts.mo;
      out += lower === 'mm' ? pad(n, 2) : n;
    } else if (lower === 'dddd') out += DAY_NAMES[parts.wd];
    else if (lower === 'ddd') out += DAY_NAMES[parts.wd].slice(0, 3);
    else if (lower === 'dd') out += pad(parts.d, 2);
    else if (lower === 'd') out += parts.d;
    else if (lower === 'hh' || lower === 'h') {
      const h = ampm ? ((parts.h + 11) % 12) + 1 : parts.h;
      out += lower === 'hh' ? pad(h, 2) : h;
    } else if (lower === 'ss') out += pad(parts.s, 2);
    else if (lower === 's') out += parts.s;
    else if (lower === 'am/pm') out += parts.h < 12 ? 'AM' : 'PM';
    else if (lower === 'a/p') out += parts.h < 12 ? 'a' : 'p';
    else out += tok;
    if (/[a-z]/i.test(tok)) lastWasHour = lower === 'h' || lower === 'hh';
  });
  return out;
}

function formatGeneralNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (Math.abs(n) >= 1e15 || (n !== 0 && Math.abs(n) < 1e-9)) return n.toExponential(2).replace('e+', 'E+').replace('e-', 'E-');
  return String(Number(n.toPrecision(10)));
}

/**
 * A number format's sections: "positive;negative;zero;text", split on the semicolons that are not
 * quoted or escaped (https://developers.google.com/sheets/api/guides/formats, "Number format
 * patterns": up to four sections, for positive numbers, negative numbers, zero and text).
 */
function formatSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  for (const tok of format.match(/"[^"]*"?|\\.?|[^"\\]/g) ?? []) {
    if (tok === ';') {
      sections.push(current);
      current = '';
    } else current += tok;
  }
  return [...sections, current];
}

/** The section a number shows with; a negative number in its own section loses its minus sign. */
function numberSection(n: number, sections: string[]): { section: string; signed: boolean } {
  if (n < 0 && sections.length > 1) return { section: sections[1], signed: false };
  if (n === 0 && sections.length > 2) return { section: sections[2], signed: false };
  return { section: sections[0], signed: n < 0 };
}

function formatNumberPattern(n: number, section: string, signed: boolean): string {
  const percent = section.includes('%');
  const v = Math.abs(percent ? n * 100 : n);
  const m =
    /([#0,]*)(?:\.([0#]+))?/.exec(
      section
        .replace(/"[^"]*"/g, '')
        .replace(/[^#0,.]/g, ' ')
        .trim(),
    ) ?? [];
  const decimals = (m[2] ?? '').length;
  if (!/[#0]/.test(section)) return literalText(section, '');
  let text = v.toFixed(decimals);
  if ((m[1] ?? '').includes(',')) {
    const [int, frac] = text.split('.');
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
  }
  const prefix = (/^[^#0.,]*/.exec(section)?.[0] ?? '').replace(/"/g, '');
  const suffix = (/[^#0.,]*$/.exec(section)?.[0] ?? '').replace(/"/g, '');
  return `${signed ? '-' : ''}${prefix.replace('%', '')}${text}${percent ? '%' : suffix}`;
}

/** A section with no digit placeholder: its quoted and escaped text, with `@` standing for `text`. */
function literalText(section: string, text: string): string {
  return (section.match(/"[^"]*"?|\\.?|./g) ?? [])
    .map((tok) => (tok.startsWith('"') ? tok.replace(/^"|"$/g, '') : tok.startsWith('\\') ? tok.slice(1) : tok === '@' ? text : tok))
    .join('');
}

/** The text Sheets shows for a computed value under a number format. */
export function displayValue(value: Scalar, format: string | undefined): string {
  if (value === null || value === '') return '';
  const sections = format && format !== 'General' && format !== '@' ? formatSections(format) : null;
  // A format whose every section is empty (';;;') hides the value, booleans included (assumed: Google
  // does not say, Excel hides them too).
  if (sections && sections.length > 1 && sections.every((s) => s === '')) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return sections && sections.length > 3 ? literalText(sections[3], value) : value;
  if (!sections) return formatGeneralNumber(value);
  if (isDateFormat(format)) return formatDateSerial(value, format!);
  const { section, signed } = numberSection(value, sections);
  if (section === '') return '';
  return formatNumberPattern(value, section, signed);
}

/** The number format Sheets gives a cell when a Date is written into a General cell. */
export function defaultDateFormat(serial: number): string {
  return Number.isInteger(serial) ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss';
}
