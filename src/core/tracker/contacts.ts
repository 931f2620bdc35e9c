// A row of any contacts table read as a contact, and the keys that tell two rows are the same person.

import { cellText } from './cells.ts';
import { type DateParts, parseContactDate } from '../base/dates.ts';
import type { ContactField } from './headers.ts';

export interface Contact {
  /** Display name: the full-name column, else first + middle + last. */
  name: string;
  /** Every recognised field as trimmed text, as found in the row. */
  fields: Partial<Record<ContactField, string>>;
  /** Valid email addresses, lowercased; the first is the primary one. */
  emails: string[];
  /** Normalised LinkedIn profile URL, or '' when there is none. */
  linkedinUrl: string;
  connectedOn: DateParts | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Valid addresses in a cell, lowercased. Google Contacts joins several with " ::: ". */
export function normaliseEmails(text: string): string[] {
  const found: string[] = [];
  for (const part of text.split(/\s*:::\s*|[\s,;]+/)) {
    const email = part
      .trim()
      .replace(/^mailto:/i, '')
      .replace(/^<|>$/g, '')
      .toLowerCase();
    if (EMAIL.test(email) && !found.includes(email)) found.push(email);
  }
  return found;
}

export function normaliseEmail(text: string): string {
  return normaliseEmails(text)[0] ?? '';
}

/**
 * A profile URL in one form so that two spellings compare equal: https, no "www."-style
 * country prefix for LinkedIn, lowercase host and path, percent-escapes decoded, no query,
 * fragment or trailing slash. '' if `text` is not a web address.
 */
export function normaliseLinkedInUrl(text: string): string {
  let t = text.trim();
  if (t === '' || /\s/.test(t)) return '';
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) t = `https://${t.replace(/^\/+/, '')}`;
  const m = /^(?:https?):\/\/([^/?#]+)([^?#]*)/i.exec(t);
  if (!m) return '';
  let host = m[1].toLowerCase().replace(/:\d+$/, '');
  if (!host.includes('.')) return '';
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) host = 'www.linkedin.com';
  let path = m[2];
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the path as written when it has a stray "%"
  }
  path = path.toLowerCase().replace(/\/+$/, '');
  return `https://${host}${path}`;
}

function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A name folded for comparison: case, accents, punctuation, emoji and extra spaces ignored. */
export function normaliseName(name: string): string {
  return foldText(name);
}

const LEGAL_SUFFIX = /\s+(inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|bv|corp|corporation|co)$/;

/** A company folded for comparison, without legal suffixes ("Acme, Inc." = "ACME"). */
export function normaliseCompany(company: string): string {
  let folded = foldText(company);
  for (let previous = ''; previous !== folded;) {
    previous = folded;
    folded = folded.replace(LEGAL_SUFFIX, '');
  }
  return folded;
}

const HONORIFIC = /^(dr|prof|professor|mr|mrs|ms|mx|miss|sir|dame)\.?$/i;

/** First and last name from a full name: "Dr. Jane Q. Doe" → Jane / Q. Doe; "Doe, Jane" → Jane / Doe. */
export function splitFullName(full: string): { first: string; last: string } {
  const text = full.trim().replace(/\s+/g, ' ');
  const comma = text.split(',');
  if (comma.length === 2 && comma[0].trim() && comma[1].trim() && !/\s/.test(comma[0].trim())) {
    return { first: splitFullName(comma[1]).first, last: comma[0].trim() };
  }
  const words = text.split(' ').filter(Boolean);
  while (words.length > 1 && HONORIFIC.test(words[0])) words.shift();
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}

// A given name: letters (any script) with the apostrophes, hyphens and dots names have.
const GIVEN_NAME = /^\p{L}[\p{L}\p{M}'’.-]*$/u;

/**
 * The name to address someone by in the add-on's own sentences: the first name as the pitch's
 * {{First Name}} gives it (see splitFullName), or the whole name when that first part is not a
 * word ("<img src=x>", "=HYPERLINK(...)", "@handle"), so a sentence never quotes a cut-up piece.
 */
export function firstName(name: string): string {
  const first = splitFullName(name).first;
  return GIVEN_NAME.test(first) ? first : name.trim().replace(/\s+/g, ' ');
}

/**
 * A full name laid out in First / Middle / Last name columns, the way the pitch reads a full name
 * (splitFullName: the first name is the first word after any title, the rest is the last name),
 * except that every word is kept, in order, so that the parts joined give the name back and a later
 * import or a retried referral finds the row by it: "Jane Q. Doe" is Jane / Q. Doe, or Jane / Q. /
 * Doe with a Middle name column; a title stays in front of the first name ("Dr. Jane" / "Doe"). A
 * name with a comma ("Doe, Jane") is left whole in First name: putting it in order would change
 * the name, and keeping it would put "Doe," in First name.
 */
export function nameColumns(full: string, hasMiddle: boolean): { first: string; middle: string; last: string } {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (full.includes(',') || words.length < 2) return { first: words.join(' '), middle: '', last: '' };
  let titles = 0;
  while (titles < words.length - 2 && HONORIFIC.test(words[titles])) titles++;
  const first = words.slice(0, titles + 1).join(' ');
  const rest = words.slice(titles + 1);
  if (!hasMiddle || rest.length < 2) return { first, middle: '', last: rest.join(' ') };
  return { first, middle: rest.slice(0, -1).join(' '), last: rest[rest.length - 1] };
}

export function joinName(...parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' ');
}

/** Reads a row through a column map (0-based indexes). Cells may be sheet values or CSV text. */
export function contactFromRow(cells: readonly unknown[], columns: Partial<Record<ContactField, number>>): Contact {
  const fields: Contact['fields'] = {};
  for (const [field, index] of Object.entries(columns) as [ContactField, number][]) {
    const text = cellText(cells[index]);
    if (text !== '') fields[field] = text;
  }
  const name = fields.fullName ?? joinName(fields.firstName ?? '', fields.middleName ?? '', fields.lastName ?? '');
  const connectedCell = columns.connectedOn === undefined ? undefined : cells[columns.connectedOn];
  return {
    name,
    fields,
    emails: normaliseEmails(fields.email ?? ''),
    linkedinUrl: normaliseLinkedInUrl(fields.linkedin ?? ''),
    connectedOn: connectedCell instanceof Date ? null : parseContactDate(fields.connectedOn ?? ''),
  };
}

export type MatchKind = 'email' | 'linkedin' | 'name';

function companiesAgree(a: Contact, b: Contact): boolean {
  const ca = normaliseCompany(a.fields.company ?? '');
  const cb = normaliseCompany(b.fields.company ?? '');
  return ca === '' || cb === '' || ca === cb;
}

/**
 * Why `a` and `b` are the same person, or null: a shared email; else the same LinkedIn URL;
 * else the same folded name where the companies agree (equal, or blank on one side) and no
 * stronger identifier disagrees (both have emails but share none, or both have different
 * LinkedIn URLs). A blank company on one side matches because hand-made lists often have
 * names only, and an export should fill them in rather than duplicate them.
 */
export function matchReason(a: Contact, b: Contact): MatchKind | null {
  if (a.emails.some((e) => b.emails.includes(e))) return 'email';
  if (a.linkedinUrl && a.linkedinUrl === b.linkedinUrl) return 'linkedin';
  const name = normaliseName(a.name);
  if (name === '' || name !== normaliseName(b.name) || !companiesAgree(a, b)) return null;
  if (a.emails.length && b.emails.length) return null;
  if (a.linkedinUrl && b.linkedinUrl) return null;
  return 'name';
}
