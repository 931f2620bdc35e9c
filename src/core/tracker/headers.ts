// Finding the header row of a contacts table and recognising its columns by their names.

import { TRACKER_COLUMNS, type TrackerKey, trackerColumn } from './schema.ts';
import { thousands } from '../base/text.ts';

export type ContactField =
  'fullName' | 'firstName' | 'middleName' | 'lastName' | 'email' | 'company' | 'title' | 'linkedin' | 'phone' | 'howWeMet' | 'notes' | 'connectedOn';

export const CONTACT_FIELDS: readonly { field: ContactField; label: string; names: readonly string[] }[] = [
  { field: 'fullName', label: 'Name', names: ['name', 'full name', 'contact', 'contact name', 'display name'] },
  { field: 'firstName', label: 'First name', names: ['first name', 'given name', 'forename', 'first'] },
  { field: 'middleName', label: 'Middle name', names: ['middle name', 'additional name'] },
  { field: 'lastName', label: 'Last name', names: ['last name', 'family name', 'surname', 'last'] },
  {
    field: 'email',
    label: 'Email',
    names: ['email', 'e-mail', 'email address', 'e-mail address', 'e-mail 1 - value', 'mail'],
  },
  {
    field: 'company',
    label: 'Company',
    names: ['company', 'company name', 'employer', 'organisation', 'organization', 'organisation name', 'organization name', 'organization 1 - name', 'org'],
  },
  {
    field: 'title',
    label: 'Title',
    names: ['title', 'role', 'position', 'job title', 'organization title', 'organization 1 - title'],
  },
  {
    field: 'linkedin',
    label: 'LinkedIn',
    names: ['linkedin', 'linkedin url', 'linkedin profile', 'url', 'profile', 'profile url'],
  },
  {
    field: 'phone',
    label: 'Phone',
    names: ['phone', 'phone number', 'mobile', 'mobile phone', 'cell', 'telephone', 'phone 1 - value'],
  },
  { field: 'howWeMet', label: 'How we met', names: ['how we met', 'how i met', 'how met', 'met at', 'met through'] },
  { field: 'notes', label: 'Notes', names: ['notes', 'note', 'comments'] },
  { field: 'connectedOn', label: 'Connected on', names: ['connected on', 'connected'] },
];

/** Lowercase letters and digits only, accents removed: "E-mail 1 - Value" → "email1value". */
export function normaliseHeader(text: unknown): string {
  return String(text ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const CONTACT_BY_NAME = new Map<string, ContactField>();
for (const f of CONTACT_FIELDS) for (const n of f.names) CONTACT_BY_NAME.set(normaliseHeader(n), f.field);
const TRACKER_BY_NAME = new Map<string, TrackerKey>(TRACKER_COLUMNS.map((c) => [normaliseHeader(c.header), c.key]));

export type Recognised = { kind: 'contact'; field: ContactField } | { kind: 'tracker'; key: TrackerKey };

export function recogniseHeader(text: unknown): Recognised | null {
  const key = normaliseHeader(text);
  const tracker = TRACKER_BY_NAME.get(key);
  if (tracker) return { kind: 'tracker', key: tracker };
  const field = CONTACT_BY_NAME.get(key);
  return field ? { kind: 'contact', field } : null;
}

export function contactFieldLabel(field: ContactField): string {
  return CONTACT_FIELDS.find((f) => f.field === field)!.label;
}

/** Fields that name a contact by themselves (a header needs one of them). */
export const NAME_FIELDS: readonly ContactField[] = ['fullName', 'firstName'];
/** Every field that holds part of a contact's name, the full name included. */
export const NAME_PARTS: readonly ContactField[] = ['fullName', 'firstName', 'middleName', 'lastName'];

const HEADER_SCAN_ROWS = 20;
const MAX_HEADER_CHARS = 100;

function headerRowShape(row: readonly unknown[]): { text: number; nonEmpty: number; recognised: Recognised[] } {
  let text = 0;
  let nonEmpty = 0;
  const recognised: Recognised[] = [];
  for (const cell of row) {
    if (cell === '' || cell === null || cell === undefined) continue;
    if (typeof cell === 'string' && cell.trim() === '') continue;
    nonEmpty++;
    if (typeof cell !== 'string' || cell.length > MAX_HEADER_CHARS) continue;
    text++;
    const r = recogniseHeader(cell);
    if (r) recognised.push(r);
  }
  return { text, nonEmpty, recognised };
}

/**
 * 0-based index of the header row among the first 20 rows, or -1. A header row has at least
 * two short text cells (three quarters of its filled cells are text) and a recognised
 * column. Failing that, a row whose only cell is a name header (a one-column list of names).
 * Lines of notes above the header, like the LinkedIn export's, are single long cells.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[]): number {
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const { text, nonEmpty, recognised } = headerRowShape(rows[i]);
    if (text >= 2 && text >= 0.75 * nonEmpty && recognised.length > 0) return i;
  }
  for (let i = 0; i < limit; i++) {
    const { text, nonEmpty, recognised } = headerRowShape(rows[i]);
    if (nonEmpty === 1 && text === 1 && recognised.some((r) => r.kind === 'contact' && NAME_FIELDS.includes(r.field))) return i;
  }
  return -1;
}

export interface RecognisedColumn {
  /** 0-based column index. */
  index: number;
  header: string;
  target: Recognised;
  label: string;
}

export interface ColumnMap {
  /** 0-based column of each recognised contact field (the leftmost, if several). */
  contact: Partial<Record<ContactField, number>>;
  /** 0-based column of each tracker column found by its default header. */
  tracker: Partial<Record<TrackerKey, number>>;
  recognised: RecognisedColumn[];
  /** Non-empty headers that are not recognised: the user's own columns. */
  own: { index: number; header: string }[];
  /** Recognised headers left unused because an earlier column means the same (e.g. "E-mail" after "Email"). */
  shadowed: RecognisedColumn[];
  /** Headers that appear more than once (recognised ones, and the user's own), with every 0-based index. */
  duplicates: { header: string; indexes: number[] }[];
  /** Plain-language account of what was recognised, for the user. */
  summary: string;
}

function targetId(t: Recognised): string {
  return t.kind === 'contact' ? `c:${t.field}` : `t:${t.key}`;
}

export function mapColumns(headers: readonly unknown[]): ColumnMap {
  const contact: ColumnMap['contact'] = {};
  const tracker: ColumnMap['tracker'] = {};
  const recognised: RecognisedColumn[] = [];
  const shadowed: RecognisedColumn[] = [];
  const own: ColumnMap['own'] = [];
  const byText = new Map<string, { header: string; indexes: number[] }>();
  const used = new Set<string>();

  headers.forEach((raw, index) => {
    const header = typeof raw === 'string' ? raw.trim() : raw instanceof Date ? '' : String(raw ?? '').trim();
    if (header === '') return;
    const target = recogniseHeader(header);
    // Recognised names are the same when they normalise alike ("E-mail" and "email"); the user's
    // own names when they differ only in case and surrounding spaces.
    const textKey = target ? `r:${normaliseHeader(header)}` : `o:${header.toLowerCase()}`;
    const same = byText.get(textKey);
    if (same) same.indexes.push(index);
    else byText.set(textKey, { header, indexes: [index] });
    if (!target) {
      own.push({ index, header });
      return;
    }

    const label = target.kind === 'contact' ? contactFieldLabel(target.field) : trackerColumn(target.key).header;
    const column: RecognisedColumn = { index, header, target, label };
    if (used.has(targetId(target))) {
      shadowed.push(column);
      return;
    }
    used.add(targetId(target));
    recognised.push(column);
    if (target.kind === 'contact') contact[target.field] = index;
    else tracker[target.key] = index;
  });

  const duplicates = [...byText.values()].filter((d) => d.indexes.length > 1);
  const map: ColumnMap = { contact, tracker, recognised, own, shadowed, duplicates, summary: '' };
  map.summary = describeColumns(map);
  return map;
}

/** Most items a list in the summary names; a sheet may have thousands of columns. */
const LISTED_IN_SUMMARY = 10;

/** `items` quoted and joined, the first LISTED_IN_SUMMARY of them, then how many more there are. */
function quoteList(items: readonly string[], max: number = LISTED_IN_SUMMARY): string {
  const listed = items
    .slice(0, max)
    .map((s) => `"${s}"`)
    .join(', ');
  return items.length > max ? `${listed} and ${thousands(items.length - max)} more` : listed;
}

export function describeColumns(map: ColumnMap): string {
  const parts: string[] = [];
  const contacts = map.recognised.filter((r) => r.target.kind === 'contact');
  const trackers = map.recognised.filter((r) => r.target.kind === 'tracker');
  parts.push(
    contacts.length
      ? `Recognised ${contacts.map((r) => (normaliseHeader(r.label) === normaliseHeader(r.header) ? `"${r.header}"` : `"${r.header}" as ${r.label}`)).join(', ')}.`
      : 'Recognised no contact columns.',
  );
  if (trackers.length) parts.push(`Tracker columns already here: ${quoteList(trackers.map((r) => r.header))}.`);
  if (map.shadowed.length) parts.push(`Not used, because an earlier column means the same: ${quoteList(map.shadowed.map((r) => r.header))}.`);
  if (map.own.length) parts.push(`Your own columns, kept as they are: ${quoteList(map.own.map((o) => o.header))}.`);
  return parts.join(' ');
}
