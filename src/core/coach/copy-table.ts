// What the coach view holds: the shared columns of every contact that has a Contact ID, as
// values (text can never become a formula), then the Coach feedback column; and the
// dashboard's figures as values.

import { contactFromRow } from '../tracker/contacts.ts';
import { cellText, isBlank, type Cell } from '../tracker/cells.ts';
import { type ContactField, NAME_PARTS } from '../tracker/headers.ts';
import { isContactId } from '../tracker/ids.ts';
import { quoteSheet } from '../dashboard/refs.ts';
import { HIDDEN_COLUMNS } from '../dashboard/layout.ts';
import { toSheetText } from '../base/text.ts';
import type { CoachColumn } from './columns.ts';
import { decodeFingerprint, encodeBase, type FeedbackBase, type PendingFeedback } from './feedback.ts';

export const FEEDBACK_HEADER = 'Coach feedback';
/** The coach view's hidden column of what the add-on last wrote to each Coach feedback cell (see feedback.ts). */
export const FINGERPRINT_HEADER = 'Feedback fingerprint';
/** The copy's ID column always has this header, whatever the tracker calls it: feedback is matched by it. */
const ID_HEADER = 'Contact ID';

export interface TrackerRows {
  /** Data rows under the header, as getValues returns them. */
  rows: readonly (readonly unknown[])[];
  /** Number formats of the same cells (getNumberFormats). */
  formats: readonly (readonly string[])[];
  /** 0-based columns. */
  contactIdIndex: number;
  referredByIndex: number | null;
  contact: Partial<Record<ContactField, number>>;
}

export interface CopyTable {
  header: string[];
  /** One row per contact, shared columns then Coach feedback. */
  rows: Cell[][];
  /** Number formats of the shared columns (not the feedback column). */
  formats: string[][];
  ids: string[];
  /** For each row, the encoded base of its Coach feedback cell: the copy's hidden last column. */
  fingerprints: string[];
  /** Rows with a name or other content but no Contact ID (empty, or text that is not an ID): not in the copy (feedback could not come back). */
  withoutId: number;
  /** Contact IDs found on more than one row: only the first row is copied. */
  duplicateIds: string[];
}

/** A cell as the copy gets it: text through toSheetText, other values as they are. */
export function copyValue(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value === '' ? '' : toSheetText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return toSheetText(String(value));
}

/** `bases`: what the copy's Coach feedback cells will hold, as remembered for the next update. */
export function buildCopyTable(
  t: TrackerRows,
  shared: readonly CoachColumn[],
  feedback: ReadonlyMap<string, string>,
  bases: ReadonlyMap<string, FeedbackBase> = new Map(),
): CopyTable {
  const names = new Map<string, string>();
  // "Referred by" shows the referrer's full name only when the copy shares every name column anyway.
  const nameShared = sharesAllNames(shared, t.contact);
  for (const row of t.rows) {
    const id = cellText(row[t.contactIdIndex]);
    if (isContactId(id) && !names.has(id)) names.set(id, nameShared ? contactFromRow(row, t.contact).name : '');
  }

  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const out: CopyTable = {
    header: [...shared.map((c) => (c.lock === 'required' ? ID_HEADER : c.header)), FEEDBACK_HEADER],
    rows: [],
    formats: [],
    ids: [],
    fingerprints: [],
    withoutId: 0,
    duplicateIds: [],
  };
  t.rows.forEach((row, r) => {
    const id = cellText(row[t.contactIdIndex]);
    // The ID column is always shared: anything else typed there (a name, a note) stays out with its row.
    if (!isContactId(id)) {
      if (row.some((v) => !isBlank(v))) out.withoutId++;
      return;
    }
    if (seen.has(id)) {
      duplicates.add(id);
      return;
    }
    seen.add(id);
    out.ids.push(id);
    const base = bases.get(id);
    out.fingerprints.push(base ? encodeBase(base) : '');
    out.rows.push([
      ...shared.map((c) => {
        const value = row[c.index];
        if (c.index === t.referredByIndex) {
          const ref = cellText(value);
          if (nameShared) {
            const name = names.get(ref);
            return ref && name ? toSheetText(`${name} (${ref})`) : copyValue(value);
          }
          // Anything but a Contact ID may name someone ("Kenji told me"): withheld like a name.
          return ref === '' || names.has(ref) || isContactId(ref) ? copyValue(value) : NAMES_WITHHELD;
        }
        return copyValue(value);
      }),
      toSheetText(feedback.get(id) ?? ''),
    ]);
    out.formats.push(shared.map((c) => t.formats[r]?.[c.index] ?? ''));
  });
  out.duplicateIds = [...duplicates];
  return out;
}

/**
 * The coach view's feedback cells by contact ID (the first non-empty cell of each ID), and what the
 * add-on last wrote to them (`bases`: null for a copy made before the fingerprint column existed).
 */
export function readCopyFeedback(values: readonly (readonly unknown[])[]): {
  feedback: Map<string, string>;
  bases: Map<string, FeedbackBase> | null;
  /** What an update that died part-way was about to write, by contact ID (see mergeFeedback). */
  pending: Map<string, PendingFeedback>;
  /** 0-based column of the fingerprints, -1 when there is none. */
  fingerprintAt: number;
  found: boolean;
} {
  const header = (values[0] ?? []).map((h) => cellText(h).toLowerCase());
  const idAt = header.indexOf(ID_HEADER.toLowerCase());
  const feedbackAt = header.indexOf(FEEDBACK_HEADER.toLowerCase());
  const fingerprintAt = header.indexOf(FINGERPRINT_HEADER.toLowerCase());
  const feedback = new Map<string, string>();
  const bases = fingerprintAt < 0 ? null : new Map<string, FeedbackBase>();
  const pending = new Map<string, PendingFeedback>();
  if (idAt < 0 || feedbackAt < 0) return { feedback, bases, pending, fingerprintAt, found: false };
  const seen = new Set<string>();
  for (const row of values.slice(1)) {
    const id = cellText(row[idAt]);
    if (id === '') continue;
    const text = cellText(row[feedbackAt]);
    if (!feedback.has(id) || (feedback.get(id) === '' && text !== '')) feedback.set(id, text);
    if (!bases || seen.has(id)) continue;
    seen.add(id);
    const fingerprint = decodeFingerprint(cellText(row[fingerprintAt]));
    if (fingerprint.base) bases.set(id, fingerprint.base);
    if (fingerprint.pending) pending.set(id, fingerprint.pending);
  }
  return { feedback, bases, pending, fingerprintAt, found: true };
}

/**
 * The coach view's fingerprint column (rows under the header) with the cells of `intents`' contacts
 * replaced: written before the tracker's Coach feedback cells, so that an update that dies between
 * the two is recognised by the next one.
 */
export function fingerprintsWithIntents(values: readonly (readonly unknown[])[], fingerprintAt: number, intents: ReadonlyMap<string, string>): string[][] {
  const idAt = (values[0] ?? []).map((h) => cellText(h).toLowerCase()).indexOf(ID_HEADER.toLowerCase());
  return values.slice(1).map((row) => [intents.get(cellText(row[idAt])) ?? cellText(row[fingerprintAt])]);
}

export const NAMES_WITHHELD = '(names not shared)';

/**
 * Whether the copy shares every name column the tracker has: only then may it show a contact's
 * name as the add-on composes it (the Name column, else First Middle Last), as the dashboard's
 * lists and "Referred by" do. A tracker without any name column shows Contact IDs instead.
 */
export function sharesAllNames(shared: readonly CoachColumn[], contact: Partial<Record<ContactField, number>>): boolean {
  const ids = new Set(shared.map((c) => c.id));
  return NAME_PARTS.every((f) => contact[f] === undefined || ids.has(`c:${f}`));
}

/** What to keep out of the dashboard copy when the copy does not share every name column. */
export interface NameWithholding {
  /** The contacts' names and every word of them. */
  names: ReadonlySet<string>;
  /** The tracker sheet's name: a dashboard formula reading it may show names. */
  trackerSheet: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A formula that reads the tracker sheet, as Sheets writes the reference (quoted or not). */
function readsSheet(formula: string, sheet: string): boolean {
  return formula.includes(`${quoteSheet(sheet)}!`) || formula.includes(`${sheet}!`);
}

/**
 * The dashboard's cells as values: numbers, dates and booleans as they are, text as text; its
 * hidden helper columns (the fortnight's events, the Contact IDs behind the follow-up lists) are
 * left empty, as they only feed its formulas. With `withhold`, a text cell is replaced by
 * NAMES_WITHHELD when its formula reads the tracker (the dashboard's lists of who to follow up
 * and who introduced whom are computed from the name columns) or when it holds a contact's name
 * or any word of one, however short, as a whole word.
 */
export function dashboardValues(values: readonly (readonly unknown[])[], formulas: readonly (readonly string[])[], withhold: NameWithholding | null): Cell[][] {
  const words = withhold ? [...withhold.names].filter(Boolean).sort((a, b) => b.length - a.length) : [];
  const pattern = words.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'u') : null;
  const hidden = (c: number) => c + 1 >= HIDDEN_COLUMNS.first && c + 1 < HIDDEN_COLUMNS.first + HIDDEN_COLUMNS.count;
  return values.map((row, r) =>
    row.map((v, c) => {
      if (hidden(c)) return '';
      if (withhold && typeof v === 'string' && v !== '') {
        const formula = formulas[r]?.[c] ?? '';
        if ((formula && readsSheet(formula, withhold.trackerSheet)) || pattern?.test(v)) return NAMES_WITHHELD;
      }
      return copyValue(v);
    }),
  );
}

/** Every contact's name, and each word of it (for withholding them from the dashboard copy). */
export function contactNames(rows: readonly (readonly unknown[])[], contact: Partial<Record<ContactField, number>>): Set<string> {
  const names = new Set<string>();
  const add = (text: string) => {
    const name = text.trim();
    if (!name) return;
    names.add(name);
    for (const word of name.split(/\s+/)) {
      const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (bare) names.add(bare);
    }
  };
  for (const row of rows) {
    const c = contactFromRow(row, contact);
    add(c.name);
    for (const f of NAME_PARTS) add(c.fields[f] ?? '');
  }
  return names;
}
