// Utilities: date formatting (Java SimpleDateFormat patterns), UUIDs, CSV parsing, base64, digests,
// blobs, and sleep on the Runtime's virtual clock.
//
// Pinned behaviours (sources):
// - formatDate uses Java SimpleDateFormat patterns.
//   https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
//   Letters per https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html: "yy" is the
//   two-digit year, any other count of y the full year; 3 letters of M/E give the short text, 4 or
//   more the full text; X gives "Z" for a zero offset; text in single quotes is literal and '' is a
//   quote.
// - getUuid returns an RFC 4122 version 4 UUID string.
// - parseCsv returns a two-dimensional array of strings; quoted fields may hold the delimiter, "" for
//   a quote, and line breaks (RFC 4180). Edge cases not documented by Google are listed in
//   README-services.md.
// - Bytes are Java bytes: signed integers from -128 to 127.
//   https://developers.google.com/apps-script/reference/utilities/utilities#base64Decode(String)
// - sleep caps at 300000 ms (5 minutes), as recalled from the sleep reference entry; not
//   re-confirmed in the stored docs (see README-services.md).
// - base64EncodeWebSafe keeps the "=" padding (JWT code for Apps Script strips it by hand).
// Utilities needs no authorization scope (the reference lists none), so it is allowed in
// AuthMode.NONE.

import { createHash, randomUUID } from 'node:crypto';
import { EmulatorError, GasException, RT, instrument, type GasShape, type Runtime } from '../runtime.ts';
import { isValidTimeZone, offsetMinutes, zonedParts, type ZonedParts } from '../spreadsheet/tz.ts';

export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
export type CharsetName = keyof typeof Charset;
export const DigestAlgorithm = { MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' } as const;
export type DigestAlgorithmName = keyof typeof DigestAlgorithm;

const NODE_DIGEST: Record<DigestAlgorithmName, string | null> = {
  MD2: null,
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

export const MAX_SLEEP_MS = 300000;

// ---- bytes ----

export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

function fromBytes(bytes: readonly number[]): Buffer {
  return Buffer.from(bytes.map((b) => b & 0xff));
}

function encodeString(text: string, charset: CharsetName = 'UTF_8'): Buffer {
  // Java replaces characters US-ASCII cannot hold with "?".
  // eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
  return charset === 'US_ASCII' ? Buffer.from(text.replace(/[^\x00-\x7f]/g, '?'), 'ascii') : Buffer.from(text, 'utf8');
}

function toBuffer(data: string | readonly number[], charset?: CharsetName): Buffer {
  return typeof data === 'string' ? encodeString(data, charset) : fromBytes(data);
}

// ---- formatDate ----

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const JAVA_PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

interface Wall {
  parts: ZonedParts;
  offset: number; // minutes east of UTC
  zoneName(long: boolean): string;
}

const FIXED_OFFSET = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/;

function javaGmtName(offset: number): string {
  if (offset === 0) return 'GMT';
  return `GMT${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`;
}

function intlZoneName(date: Date, timeZone: string, locale: string, style: 'short' | 'long'): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

function wallClock(date: Date, timeZone: string): Wall {
  const fixed = FIXED_OFFSET.exec(timeZone);
  if (fixed) {
    const offset = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
    const shifted = new Date(date.getTime() + offset * 60000);
    const parts = zonedParts(shifted, 'UTC');
    return { parts, offset, zoneName: () => javaGmtName(offset) };
  }
  if (!isValidTimeZone(timeZone)) {
    // Java would silently fall back to GMT; a typo in a zone id is better caught here.
    throw new EmulatorError(`Unknown time zone ${JSON.stringify(timeZone)} (Java, and so Apps Script, would silently use GMT).`);
  }
  const offset = offsetMinutes(date.getTime(), timeZone);
  return {
    parts: zonedParts(date, timeZone),
    offset,
    zoneName(long) {
      if (/^(Etc\/)?(GMT|Greenwich)$/.test(timeZone)) return long ? 'Greenwich Mean Time' : 'GMT';
      if (long) return intlZoneName(date, timeZone, 'en-US', 'long');
      // Java prints abbreviations such as PST, BST, CET, AEST; Intl knows each under some English locale.
      for (const locale of ['en-US', 'en-GB', 'en-AU', 'en-IN']) {
        const name = intlZoneName(date, timeZone, locale, 'short');
        if (name && !/^GMT[+-]/.test(name)) return name;
      }
      return javaGmtName(offset);
    },
  };
}

function dayOfYear(p: ZonedParts): number {
  return (Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000 + 1;
}

function offsetText(offset: number, withColon: boolean, withMinutes = true): string {
  const sign = offset < 0 ? '-' : '+';
  const h = pad(Math.trunc(Math.abs(offset) / 60), 2);
  const m = pad(Math.abs(offset) % 60, 2);
  return withMinutes ? `${sign}${h}${withColon ? ':' : ''}${m}` : `${sign}${h}`;
}

function field(letter: string, count: number, w: Wall): string {
  const p = w.parts;
  switch (letter) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
      return count === 2 ? pad(p.year % 100, 2) : pad(p.year, count);
    case 'M':
    case 'L':
      return count >= 4 ? MONTHS[p.month - 1] : count === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, count);
    case 'd':
      return pad(p.day, count);
    case 'D':
      return pad(dayOfYear(p), count);
    case 'E':
      return count >= 4 ? WEEKDAYS[p.weekday] : WEEKDAYS[p.weekday].slice(0, 3);
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, count);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, count);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, count);
    case 'K':
      return pad(p.hour % 12, count);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, count);
    case 'm':
      return pad(p.minute, count);
    case 's':
      return pad(p.second, count);
    case 'S':
      return pad(p.millisecond, count);
    case 'z':
      return w.zoneName(count >= 4);
    case 'Z':
      return offsetText(w.offset, false);
    case 'X':
      if (count > 3) throw new GasException(`invalid ISO 8601 format: length=${count}`);
      if (w.offset === 0) return 'Z';
      return offsetText(w.offset, count === 3, count > 1);
    default:
      throw new EmulatorError(`The pattern letter '${letter}' (week-based fields) is not emulated by Utilities.formatDate.`);
  }
}

/** Utilities.formatDate without the service wrapper (also usable by other emulated services). */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new EmulatorError(`formatDate needs a valid Date, got ${String(date)}.`);
  const w = wallClock(date, timeZone);
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      i++;
      while (i < pattern.length) {
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            out += "'";
            i += 2;
            continue;
          }
          break;
        }
        out += pattern[i++];
      }
      if (i >= pattern.length) throw new GasException('Unterminated quote');
      i++;
    } else if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      if (!JAVA_PATTERN_LETTERS.includes(c)) throw new GasException(`Illegal pattern character '${c}'`);
      out += field(c, n, w);
      i += n;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// ---- parseCsv ----

/** RFC 4180 parsing: quotes, doubled quotes, delimiters and line breaks inside quoted fields. */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let fieldText = '';
  let quoted = false;
  let rowStarted = false;
  const text = String(csv);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          fieldText += '"';
          i++;
        } else quoted = false;
      } else fieldText += c;
      continue;
    }
    rowStarted = true;
    if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(fieldText);
      fieldText = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(fieldText);
      rows.push(row);
      row = [];
      fieldText = '';
      rowStarted = false;
    } else fieldText += c;
  }
  if (rowStarted || quoted) {
    row.push(fieldText);
    rows.push(row);
  }
  return rows;
}

// ---- Blob ----

export class EmuBlob implements GasShape<
  GoogleAppsScript.Base.Blob,
  'getBytes' | 'getDataAsString' | 'setDataFromString' | 'setBytes' | 'getContentType' | 'setContentType' | 'getName' | 'setName' | 'copyBlob'
> {
  readonly [RT]: Runtime;
  private data: Buffer;
  constructor(
    rt: Runtime,
    data: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {
    this[RT] = rt;
    this.data = data;
  }
  getBytes(): number[] {
    return toSignedBytes(this.data);
  }
  getDataAsString(charset?: string): string {
    return this.data.toString(charset && /ascii/i.test(charset) ? 'ascii' : 'utf8');
  }
  setDataFromString(text: string): this {
    this.data = Buffer.from(String(text), 'utf8');
    return this;
  }
  setBytes(data: number[]): this {
    this.data = fromBytes(data);
    return this;
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string | null): this {
    this.contentType = contentType;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): this {
    this.name = name;
    return this;
  }
  copyBlob(): EmuBlob {
    return new EmuBlob(this[RT], Buffer.from(this.data), this.contentType, this.name);
  }
}

// ---- the service ----

// Methods taking the Charset/DigestAlgorithm enums use the emulator's string-valued enums, so only
// these members are checked against @types/google-apps-script.
export class EmuUtilities implements GasShape<GoogleAppsScript.Utilities.Utilities, 'formatDate' | 'getUuid' | 'parseCsv' | 'sleep' | 'newBlob'> {
  readonly [RT]: Runtime;
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;

  constructor(rt: Runtime) {
    this[RT] = rt;
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    return formatDate(date, timeZone, format);
  }
  getUuid(): string {
    return randomUUID();
  }
  parseCsv(csv: string, delimiter = ','): string[][] {
    return parseCsv(csv, delimiter);
  }
  /** Advances the virtual clock instead of blocking. */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (ms > MAX_SLEEP_MS)
      throw new EmulatorError(`Utilities.sleep(${ms}): the maximum allowed value is ${MAX_SLEEP_MS} (Google's error wording is not emulated).`);
    this[RT].virtualMs += Math.max(0, ms);
  }
  base64Encode(data: string | number[], charset?: CharsetName): string {
    return toBuffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[], charset?: CharsetName): string {
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, _charset?: CharsetName): number[] {
    return toSignedBytes(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string, _charset?: CharsetName): number[] {
    return toSignedBytes(Buffer.from(String(encoded), 'base64url'));
  }
  computeDigest(algorithm: DigestAlgorithmName, value: string | number[], charset?: CharsetName): number[] {
    const name = NODE_DIGEST[algorithm];
    if (!name) throw new EmulatorError(`Digest algorithm ${String(algorithm)} is not emulated.`);
    return toSignedBytes(createHash(name).update(toBuffer(value, charset)).digest());
  }
  newBlob(data: string | number[], contentType?: string, name?: string): EmuBlob {
    return new EmuBlob(this[RT], toBuffer(data), contentType ?? null, name ?? null);
  }
}

const ALL_UTILITIES = Object.getOwnPropertyNames(EmuUtilities.prototype).filter((k) => k !== 'constructor');
const ALL_BLOB = Object.getOwnPropertyNames(EmuBlob.prototype).filter((k) => k !== 'constructor');
instrument(EmuUtilities, 'Utilities', ALL_UTILITIES);
instrument(EmuBlob, 'Blob', ALL_BLOB);
