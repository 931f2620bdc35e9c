// Calendar dates without a time zone. The server turns DateParts into a Date in the
// spreadsheet's time zone; core never guesses a zone.

export interface DateParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function isDateParts(value: unknown): value is DateParts {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.year === 'number' && typeof v.month === 'number' && typeof v.day === 'number';
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(year: number, month: number, day: number): DateParts | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** 1-12 for a month's name or abbreviation ("Dec", "December", "Sept"), 0 otherwise. */
function monthNumber(name: string): number {
  const n = name.toLowerCase();
  if (n === 'sept') return 9;
  const short = MONTHS.indexOf(n);
  return short >= 0 ? short + 1 : FULL_MONTHS.indexOf(n) + 1;
}

/** Strict "YYYY-MM-DD" (what an <input type="date"> gives), a real day between 1900 and 2999. */
export function parseIsoDate(text: unknown): DateParts | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? valid(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * A "Connected On" date as LinkedIn writes it ("07 Dec 2025"), also "Dec 7, 2025",
 * "7 December 2025" and ISO "2025-12-07". Null for anything else, including impossible dates.
 * Numeric forms like 07/12/2025 are refused: day and month order cannot be told apart.
 */
export function parseContactDate(text: string): DateParts | null {
  const t = text.trim();
  let m = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/.exec(t);
  if (m) return monthNumber(m[2]) ? valid(Number(m[3]), monthNumber(m[2]), Number(m[1])) : null;
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m) return monthNumber(m[1]) ? valid(Number(m[3]), monthNumber(m[1]), Number(m[2])) : null;
  return parseIsoDate(t);
}

/** ISO "YYYY-MM-DD", for messages and for JSON. */
export function formatIsoDate(d: DateParts): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
