// Merge fields: {{Header}} takes the value of the contact's column with that header (case,
// spaces and punctuation ignored), {{Header|fallback}} uses the fallback when the cell is empty.
// Known contact fields also answer to their usual names ({{Company}} finds an "Employer"
// column), First Name and Last Name are derived from a full-name column, {{Referred by}} is the
// referrer's name rather than their ID, and {{My name}} etc. come from the user's settings.

import { CONTACT_FIELDS, mapColumns, normaliseHeader, type ContactField } from '../tracker/headers.ts';
import { normaliseEmail, splitFullName } from '../tracker/contacts.ts';
import { USER_FIELDS, type PitchSettings } from './settings.ts';

export interface MergeSource {
  /** The contact's row: each column's header and its cell as text, in column order. */
  fields: readonly { header: string; value: string }[];
  /** The referrer's name, and the header of the Referred by column if the user renamed it. */
  referrer?: { name: string; header?: string };
  settings: PitchSettings;
  /** Values that are not in the row (an "It worked" update's part in the chain): they win over a column of the same name. */
  extra?: readonly { name: string; value: string }[];
}

interface Entry {
  label: string;
  value: string;
  /** Set by a rule that must not be replaced by a column's raw value (Referred by's ID). */
  final: boolean;
}

/** Values by normalised merge-field name. */
export type MergeValues = ReadonlyMap<string, Readonly<Entry>>;

const REFERRER_NAMES = ['Referred by', 'Referrer'];
export function mergeValues(source: MergeSource): MergeValues {
  const map = new Map<string, Entry>();
  const put = (label: string, value: string, final = false) => {
    const key = normaliseHeader(label);
    if (!key) return;
    const existing = map.get(key);
    const v = value.trim();
    if (!existing) map.set(key, { label, value: v, final });
    else if (!existing.final && existing.value === '' && v !== '') map.set(key, { label: existing.label, value: v, final });
  };

  for (const e of source.extra ?? []) put(e.name, e.value, true);
  if (source.referrer) {
    for (const name of [...REFERRER_NAMES, source.referrer.header ?? '']) put(name, source.referrer.name, true);
  }
  for (const f of source.fields) put(f.header, f.value);

  // Usual names for the fields recognised in this sheet's header.
  const columns = mapColumns(source.fields.map((f) => f.header)).contact;
  const field = (name: ContactField): string => {
    const i = columns[name];
    return i === undefined ? '' : source.fields[i].value.trim();
  };
  for (const def of CONTACT_FIELDS) {
    const value = def.field === 'email' ? normaliseEmail(field('email')) || field('email') : field(def.field);
    put(def.label, value);
    for (const n of def.names) put(n, value);
  }
  const split = splitFullName(field('fullName'));
  const first = field('firstName') || split.first;
  const last = field('lastName') || split.last;
  put('First Name', first);
  put('Last Name', last);
  const full = field('fullName') || [field('firstName'), field('middleName'), field('lastName')].filter(Boolean).join(' ');
  for (const n of ['Name', 'Full Name']) put(n, full);

  for (const f of USER_FIELDS) put(f.merge, source.settings[f.key]);
  return map;
}

/** The merge fields a template can use here, for an "Insert field" list: columns, then the user's. */
export function availableFields(headers: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (label: string) => {
    const key = normaliseHeader(label);
    if (key && !seen.has(key)) {
      seen.add(key);
      out.push(label);
    }
  };
  const columns = mapColumns(headers).contact;
  if (columns.fullName !== undefined || columns.firstName !== undefined) add('First Name');
  for (const h of headers) add(h.trim());
  for (const f of USER_FIELDS) add(f.merge);
  return out;
}

export interface MissingField {
  /** The field as written in the template. */
  field: string;
  /** empty: the contact's cell (or the user's detail) is empty; unknown: no such column or detail. */
  reason: 'empty' | 'unknown';
}

export interface Rendered {
  text: string;
  missing: MissingField[];
}

const FIELD = /\{\{([^{}|]*)(?:\|([^{}]*))?\}\}/g;

/**
 * Fills the merge fields of `text`. A field with no value and no fallback stays as written
 * ("{{Company}}"), so it cannot go out unnoticed, and is reported in `missing`.
 */
export function renderText(text: string, values: MergeValues): Rendered {
  const missing: MissingField[] = [];
  const out = text.replace(FIELD, (whole, rawName: string, fallback: string | undefined) => {
    const name = rawName.trim();
    const entry = values.get(normaliseHeader(name));
    if (entry && entry.value !== '') return entry.value;
    if (fallback !== undefined) return fallback.trim();
    if (!missing.some((m) => normaliseHeader(m.field) === normaliseHeader(name))) missing.push({ field: name || whole, reason: entry ? 'empty' : 'unknown' });
    return whole;
  });
  return { text: out, missing };
}

export interface RenderedMessage {
  subject: string;
  body: string;
  missing: MissingField[];
}

export function renderMessage(template: { subject: string; body: string }, values: MergeValues): RenderedMessage {
  const subject = renderText(template.subject, values);
  const body = renderText(template.body, values);
  const missing = [...subject.missing];
  for (const m of body.missing) if (!missing.some((x) => normaliseHeader(x.field) === normaliseHeader(m.field))) missing.push(m);
  return { subject: subject.text.replace(/\s+/g, ' ').trim(), body: body.text, missing };
}
