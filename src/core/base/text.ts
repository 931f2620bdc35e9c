// Making strings arrive in a cell as the same text, whatever they contain.

/**
 * Google Sheets' limit on the characters in one cell. Writing more fails with "Your input contains
 * more than the maximum of 50000 characters in a single cell." Whether the apostrophe that marks
 * text counts toward it is not documented anywhere we found (Google's limits page gives only the
 * 50,000; the error speaks of the input, which includes the apostrophe), so the add-on counts it:
 * text that needs the apostrophe may be 49,999 characters (see sheetTextLength). The emulator
 * counts it too (local/emulator/spreadsheet/sheet.ts).
 */
export const MAX_CELL_CHARS = 50_000;

const MONTH_OR_DAY_WORD =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(r(s(day)?)?)?|fri(day)?|sat(urday)?|sun(day)?|[ap]\.?m\.?)\b/gi;
// What is left of a number, currency, percentage, date or time once month and day names are gone.
const NUMERIC_LEFTOVER = /^[\d\s.,:/\-+()%$€£¥₹eE]*$/;

/**
 * True if Sheets would not keep `value` as plain text when it is written with setValue(s):
 * formulas (`=`, and `+`/`-` which Sheets also treats as formula starts), `@` (mentions and
 * the classic CSV-injection prefix), a leading apostrophe (Sheets would swallow it), and
 * anything Sheets parses as a number, percentage, currency, date, time or boolean.
 * Deliberately broad: a needless apostrophe is invisible, a missing one changes data.
 */
export function needsTextPrefix(value: string): boolean {
  if (value === '') return false;
  const trimmed = value.trim();
  if (trimmed === '') return false;
  if (/^['=+\-@]/.test(value) || /^[=+\-@]/.test(trimmed)) return true;
  if (/^(true|false)$/i.test(trimmed)) return true;
  if (!/\d/.test(trimmed)) return false;
  const leftover = trimmed.replace(MONTH_OR_DAY_WORD, ' ').replace(/(?<=\d)T(?=\d)/g, ' ');
  return NUMERIC_LEFTOVER.test(leftover);
}

/**
 * The string to pass to setValue(s) so that the cell holds exactly `value` as text: Sheets
 * strips one leading apostrophe and stores the rest as text.
 */
export function asSheetText(value: string): string {
  return needsTextPrefix(value) ? `'${value}` : value;
}

/** Cuts `value` to fit in one cell, ending with "…" when cut; never splits a surrogate pair. */
export function limitCellText(value: string, max: number = MAX_CELL_CHARS): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return value.slice(0, end) + '…';
}

/** 50000 → "50,000". */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Most warnings shown at once: a sheet can give thousands (one per odd row). */
export const WARNINGS_LISTED = 10;

/** The first WARNINGS_LISTED of `warnings`, then one line saying how many more there are. */
export function listedWarnings(warnings: readonly string[]): string[] {
  const listed = warnings.slice(0, WARNINGS_LISTED);
  if (warnings.length > listed.length) listed.push(`…and ${thousands(warnings.length - listed.length)} more like these.`);
  return listed;
}

/** The characters `value` takes when written as text: one more when it needs the apostrophe. */
export function sheetTextLength(value: string): number {
  return needsTextPrefix(value) ? value.length + 1 : value.length;
}

/**
 * limitCellText then asSheetText: what every string the add-on writes goes through. The result
 * fits in a cell apostrophe included, so text that needs one is cut one character shorter.
 */
export function toSheetText(value: string): string {
  const cut = limitCellText(value);
  return needsTextPrefix(cut) ? asSheetText(limitCellText(value, MAX_CELL_CHARS - 1)) : cut;
}

/** Bytes of `text` in UTF-8, as the property store counts them (there is no Buffer in Apps Script). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3; // includes a lone surrogate, which UTF-8 encoders replace by U+FFFD (3 bytes)
  }
  return bytes;
}

/** `text` safe inside HTML, as element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
