// Reading the text of a contacts export: LinkedIn Connections, Google Contacts (both
// forms) or any CSV with a header row.
//
// Parsing is papaparse's: small, dependency-free, widely used and maintained, and it gets
// the RFC 4180 details right (quotes, doubled quotes, delimiters and newlines inside quotes).

import Papa from 'papaparse';
import { type ColumnMap, findHeaderRow, mapColumns, normaliseHeader } from '../tracker/headers.ts';

export type CsvFormat = 'linkedin' | 'google' | 'google-legacy' | 'generic';

export interface CsvRow {
  /** 1-based line in the file where the row starts (after the BOM is removed). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  ok: true;
  format: CsvFormat;
  header: string[];
  /** 1-based line of the header row. */
  headerLine: number;
  /** Data rows below the header; blank rows are left out. */
  rows: CsvRow[];
  map: ColumnMap;
}

export type CsvErrorCode = 'empty' | 'not-csv' | 'too-big' | 'too-many-rows' | 'no-header' | 'no-name-column' | 'bad-quotes';

export type CsvResult = ParsedCsv | { ok: false; error: { code: CsvErrorCode; message: string } };

import { DEFAULT_CSV_LIMITS, type CsvLimits } from '../base/limits.ts';
import { thousands } from '../base/text.ts';

export { DEFAULT_CSV_LIMITS, type CsvLimits };

const DELIMITERS = [',', ';', '\t'] as const;
const SNIFF_LINES = 25;

/** Bytes `text` takes as UTF-8, counting up to `stopAfter` (enough to compare to a limit). */
export function utf8Length(text: string, stopAfter: number = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAfter; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function formatFromHeader(header: readonly string[]): CsvFormat {
  const names = new Set(header.map(normaliseHeader));
  const has = (...h: string[]) => h.every((x) => names.has(normaliseHeader(x)));
  if (has('First Name', 'Last Name', 'URL', 'Connected On')) return 'linkedin';
  if (has('Given Name', 'Family Name') || has('Organization 1 - Name')) return 'google-legacy';
  if (has('First Name', 'Last Name') && (has('Organization Name') || has('E-mail 1 - Value') || has('File As'))) return 'google';
  return 'generic';
}

/** Why `text` is not a CSV file at all, or null if it might be one. */
function notCsvReason(text: string): string | null {
  const sample = text.slice(0, 4096);
  // eslint-disable-next-line no-control-regex
  const controls = (sample.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  if (sample.includes('\u0000') || controls > sample.length * 0.01)
    return 'This is not a CSV file: it looks like a binary file (such as an Excel workbook or a zip). In Excel or Sheets, use File → Download → Comma-separated values (.csv), then import that file.';
  const start = sample.trimStart().slice(0, 200).toLowerCase();
  if (/^<(!doctype|html|\?xml|head|body|table|div)\b/.test(start))
    return 'This is not a CSV file: it looks like a web page (HTML). Download the export itself as a .csv file and import that.';
  if (/^[[{]/.test(start)) {
    try {
      JSON.parse(text);
      return 'This is not a CSV file: it is JSON. Export your contacts as CSV (comma-separated values) instead.';
    } catch {
      // not JSON after all; let the CSV checks decide
    }
  }
  return null;
}

/** Physical line (1-based) on which each parsed record starts; records keep their own newlines. */
function recordLines(records: readonly string[][]): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const record of records) {
    lines.push(line);
    let inside = 0;
    for (const field of record) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) inside++;
    line += inside + 1;
  }
  return lines;
}

function parse(text: string, delimiter: string, preview?: number): Papa.ParseResult<string[]> {
  return Papa.parse<string[]>(text, { delimiter, newline: '\n', skipEmptyLines: false, preview: preview ?? 0 });
}

function chooseDelimiter(text: string): string | null {
  for (const delimiter of DELIMITERS) {
    const { data } = parse(text, delimiter, SNIFF_LINES);
    if (findHeaderRow(data) >= 0) return delimiter;
  }
  return null;
}

export function parseContactsCsv(text: string, limits: CsvLimits = {}): CsvResult {
  const { maxRows, maxBytes } = { ...DEFAULT_CSV_LIMITS, ...limits };
  const fail = (code: CsvErrorCode, message: string): CsvResult => ({ ok: false, error: { code, message } });

  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail('empty', 'The file is empty.');
  const bytes = text.length > maxBytes ? text.length : utf8Length(text, maxBytes);
  if (bytes > maxBytes)
    return fail(
      'too-big',
      `The file is too big to import in one go (over ${Math.round(maxBytes / (1024 * 1024))} MB). Split it into smaller files and import them one after another.`,
    );
  const notCsv = notCsvReason(text);
  if (notCsv) return fail('not-csv', notCsv);

  // One newline convention, so line numbers are simple and cells hold "\n" as Sheets does.
  text = text.replace(/\r\n?/g, '\n');
  const delimiter = chooseDelimiter(text);
  if (delimiter === null)
    return fail(
      'no-header',
      'I could not find a header row with column names such as "Name", "First Name" or "Email" in the first lines of the file. Is it a contacts export?',
    );

  const result = parse(text, delimiter);
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  const records = result.data;
  const lines = recordLines(records);
  if (quoteError) {
    const line = quoteError.row !== undefined && quoteError.row < lines.length ? lines[quoteError.row] : 1;
    return fail(
      'bad-quotes',
      `Line ${line} has a quotation mark that is never closed or is misplaced, so the rest of the file cannot be read reliably. Fix that line and try again.`,
    );
  }

  const headerIndex = findHeaderRow(records);
  const header = records[headerIndex].map((h) => h.trim());
  const map = mapColumns(header);
  if (map.contact.fullName === undefined && map.contact.firstName === undefined)
    return fail(
      'no-name-column',
      `The header row (line ${lines[headerIndex]}) has no name column. The file needs a "Name" column, or "First Name" and "Last Name".`,
    );

  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i];
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ line: lines[i], cells });
    if (rows.length > maxRows)
      return fail(
        'too-many-rows',
        `The file has more than ${thousands(maxRows)} contacts, too many to import in one go. Split it into smaller files and import them one after another.`,
      );
  }
  return { ok: true, format: formatFromHeader(header), header, headerLine: lines[headerIndex], rows, map };
}
