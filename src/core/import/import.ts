// Planning an import: which contacts of a parsed file are new, which fill in contacts
// already in the tracker, and exactly which cells the server must write.

import { type CellFill, type OutCell, isEmptyCell, maxWidth } from '../tracker/cells.ts';
import { columnLetters } from '../base/a1.ts';
import { type Contact, type MatchKind, contactFromRow, matchReason, nameColumns, normaliseName } from '../tracker/contacts.ts';
import type { CsvRow, ParsedCsv } from './csv.ts';
import { assignIds, uncountableIdWarning, uncountableIds } from '../tracker/ids.ts';
import { type ContactField, contactFieldLabel, NAME_PARTS, normaliseHeader } from '../tracker/headers.ts';
import { FIRST_STAGE, RELATIONSHIPS, type TrackerKey, canonicalValue, trackerColumn } from '../tracker/schema.ts';
import { limitCellText, MAX_CELL_CHARS, needsTextPrefix, listedWarnings, sheetTextLength, thousands, toSheetText } from '../base/text.ts';
import type { TrackerTable } from '../tracker/table.ts';

/** One line of an imported file that was not used as given, and why. `line` is 1-based in the file. */
export interface ImportProblem {
  line: number;
  reason: string;
}

/**
 * What an import did. Every non-blank data line of the file is counted exactly once:
 * added + updated + skipped = contact lines in the file.
 * - added: appended as a new contact;
 * - updated: matched a contact already in the tracker and filled at least one of its empty cells;
 * - skipped: no name, a duplicate of an earlier line of the same file, or already in the tracker
 *   with nothing new. Only the first two kinds appear in `problems`; "already there, nothing new"
 *   is the normal result of importing the same export twice and is not a problem.
 */
export interface ImportSummary {
  added: number;
  updated: number;
  skipped: number;
  problems: ImportProblem[];
  /** Columns of the file that had no place in the tracker and were not imported. */
  ignoredColumns?: string[];
  /** About the tracker itself, not a line of the file (e.g. an ID left out of the numbering). */
  warnings?: string[];
}

export interface ImportOptions {
  /**
   * Relationship given to contacts the import adds. Undefined means: "LinkedIn" for a
   * LinkedIn Connections export, empty otherwise. A value in the file itself wins.
   */
  relationship?: string;
  /** Fill empty cells of contacts already in the tracker (default true). Never overwrites. */
  updateExisting?: boolean;
  /** Compute the summary without writing anything. */
  dryRun?: boolean;
}

export type { TrackerTable } from '../tracker/table.ts';

export interface ImportPlan {
  /** Columns to add after the last one, with their header text (already sheet-safe). */
  newColumns: { column: number; field: ContactField; header: string }[];
  /** 1-based sheet row where `append` starts. */
  appendAt: number;
  /** Rows to append, laid out in the tracker's columns (new columns included). */
  append: OutCell[][];
  /** Cells of existing rows to set; each is empty now. */
  fills: CellFill[];
  idCounter: number;
  summary: ImportSummary;
}

type Target = { kind: 'existing' | 'new'; row: number; contact: Contact };

type Source =
  | { kind: 'field'; field: ContactField }
  | { kind: 'name' }
  | { kind: 'namePart'; part: 'first' | 'middle' | 'last'; hasMiddle: boolean; hasLast: boolean }
  | { kind: 'tracker'; key: TrackerKey; csvIndex: number }
  | { kind: 'own'; csvIndex: number };

const REASON: Record<MatchKind, string> = { email: 'same email', linkedin: 'same LinkedIn profile', name: 'same name and company' };
// IDs and referrer links from another file mean nothing in this tracker.
const NOT_IMPORTED: readonly TrackerKey[] = ['contactId', 'referredBy'];

function width(table: TrackerTable): number {
  return Math.max(table.header.length, maxWidth(table.rows));
}

/** Where each value of the file goes: tracker column index → source. Adds columns it lacks. */
function planColumns(table: TrackerTable, csv: ParsedCsv) {
  const { contact, tracker, own } = table;
  const sources = new Map<number, Source>();
  const newColumns: ImportPlan['newColumns'] = [];
  let next = width(table);
  const used = new Set<number>();
  const hasValues = (index: number) => csv.rows.some((r) => (r.cells[index] ?? '').trim() !== '');

  const addColumn = (field: ContactField, source: Source) => {
    newColumns.push({ column: next + 1, field, header: toSheetText(contactFieldLabel(field)) });
    sources.set(next++, source);
  };

  // The whole display name goes into the full-name column; a tracker of First / Last name
  // columns gets it split as referrals are (nameColumns), unless the file has name parts of its own.
  const nameTarget = contact.fullName ?? contact.firstName;
  if (nameTarget === undefined) addColumn('fullName', { kind: 'name' });
  else if (contact.fullName !== undefined || csv.map.contact.firstName !== undefined) sources.set(nameTarget, { kind: 'name' });
  else {
    const layout = { hasMiddle: contact.middleName !== undefined, hasLast: contact.lastName !== undefined };
    sources.set(nameTarget, { kind: 'namePart', part: 'first', ...layout });
    if (contact.middleName !== undefined) sources.set(contact.middleName, { kind: 'namePart', part: 'middle', ...layout });
    if (contact.lastName !== undefined) sources.set(contact.lastName, { kind: 'namePart', part: 'last', ...layout });
  }
  for (const [field, csvIndex] of Object.entries(csv.map.contact) as [ContactField, number][]) {
    used.add(csvIndex);
    if (field === 'fullName') continue;
    const at = contact[field];
    if (at !== undefined) sources.set(at, { kind: 'field', field });
    else if (NAME_PARTS.includes(field) && (contact.fullName !== undefined || nameTarget === undefined)) {
      // The display name already holds this part.
    } else if (hasValues(csvIndex)) addColumn(field, { kind: 'field', field });
  }
  for (const [key, csvIndex] of Object.entries(csv.map.tracker) as [TrackerKey, number][]) {
    used.add(csvIndex);
    const at = tracker[key];
    if (at !== undefined && !NOT_IMPORTED.includes(key)) sources.set(at, { kind: 'tracker', key, csvIndex });
  }
  const ownByName = new Map(own.map((o) => [normaliseHeader(o.header), o.index]));
  // A later column of the same name is not imported (and said), rather than replacing the first.
  const firstOwnColumn = new Map<number, number>();
  const ignored = new Map<number, string>();
  const secondOf = (index: number, header: string, meaning: string, first: number) =>
    `column ${columnLetters(index + 1)} "${header}" (only the first ${meaning} column, ${columnLetters(first + 1)}, was imported)`;
  for (const o of csv.map.own) {
    const at = ownByName.get(normaliseHeader(o.header));
    if (at === undefined) continue;
    const first = firstOwnColumn.get(at);
    if (first !== undefined) {
      ignored.set(o.index, secondOf(o.index, o.header, o.header, first));
      continue;
    }
    firstOwnColumn.set(at, o.index);
    used.add(o.index);
    sources.set(at, { kind: 'own', csvIndex: o.index });
  }
  for (const s of csv.map.shadowed) {
    const firstIndex = s.target.kind === 'contact' ? csv.map.contact[s.target.field] : csv.map.tracker[s.target.key];
    if (firstIndex !== undefined) ignored.set(s.index, secondOf(s.index, s.header, s.label, firstIndex));
  }
  const ignoredColumns: string[] = [];
  csv.header.forEach((h, i) => {
    if (used.has(i) || !hasValues(i)) return;
    ignoredColumns.push(ignored.get(i) ?? (h === '' ? `column ${columnLetters(i + 1)} (no header)` : `"${h}"`));
  });
  // Columns past the header's last cell, when a line has more cells than the header.
  const widest = csv.rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  for (let i = csv.header.length; i < widest; i++) if (hasValues(i)) ignoredColumns.push(`column ${columnLetters(i + 1)} (no header)`);
  return { sources, newColumns, totalWidth: next, ignoredColumns };
}

function valueFor(source: Source, contact: Contact, row: CsvRow): OutCell | '' {
  switch (source.kind) {
    case 'name':
      return contact.name;
    case 'namePart': {
      if (!source.hasLast) return source.part === 'first' ? contact.name : '';
      return nameColumns(contact.name, source.hasMiddle)[source.part];
    }
    case 'field':
      if (source.field === 'email') return contact.emails[0] ?? contact.fields.email ?? '';
      if (source.field === 'connectedOn') return contact.connectedOn ?? contact.fields.connectedOn ?? '';
      return contact.fields[source.field] ?? '';
    case 'tracker': {
      const text = (row.cells[source.csvIndex] ?? '').trim();
      const values = trackerColumn(source.key).values;
      // A list column takes only its allowed values (invalidListValues reports the others).
      return values ? (canonicalValue(values, text) ?? '') : text;
    }
    case 'own':
      return (row.cells[source.csvIndex] ?? '').trim();
  }
}

/** Problems for the line's values that a list column (Stage, Relationship, Outcome) does not allow. */
function invalidListValues(sources: ReadonlyMap<number, Source>, row: CsvRow): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const source of sources.values()) {
    if (source.kind !== 'tracker') continue;
    const column = trackerColumn(source.key);
    const text = (row.cells[source.csvIndex] ?? '').trim();
    if (!column.values || text === '' || canonicalValue(column.values, text) !== null) continue;
    problems.push({
      line: row.line,
      reason: `"${limitCellText(text, 60)}" is not one of the ${column.header} values (${column.values.join(', ')}), so that value was not used.`,
    });
  }
  return problems;
}

/** `target` with the identifiers and company `other` adds, so later lines are compared with both. */
function absorb(target: Contact, other: Contact): Contact {
  return {
    ...target,
    emails: [...target.emails, ...other.emails.filter((e) => !target.emails.includes(e))],
    linkedinUrl: target.linkedinUrl || other.linkedinUrl,
    fields: { ...other.fields, ...target.fields },
  };
}

function safe(value: OutCell): OutCell {
  return typeof value === 'string' ? toSheetText(value) : value;
}

/** The file's header for what `source` writes, to name it in a problem. */
function sourceHeader(source: Source, csv: ParsedCsv): string {
  switch (source.kind) {
    case 'field':
      return csv.header[csv.map.contact[source.field]!] || contactFieldLabel(source.field);
    case 'tracker':
    case 'own':
      return csv.header[source.csvIndex];
    default:
      return csv.header[csv.map.contact.fullName ?? csv.map.contact.firstName!] || 'Name';
  }
}

/** The problem to list when `value` is too long for a cell and is cut to `written`, else null. */
function cutProblem(value: OutCell | '', written: OutCell, header: string, line: number): ImportProblem | null {
  if (typeof value !== 'string' || sheetTextLength(value) <= MAX_CELL_CHARS || typeof written !== 'string') return null;
  const kept = (needsTextPrefix(written) ? written.length - 1 : written.length) - 1;
  return {
    line,
    reason: `${header} is ${thousands(value.length)} characters long; a cell holds at most ${thousands(MAX_CELL_CHARS)}, so only the first ${thousands(kept)} were imported, followed by "…".`,
  };
}

export function planImport(table: TrackerTable, csv: ParsedCsv, options: ImportOptions = {}): ImportPlan {
  const { sources, newColumns, totalWidth, ignoredColumns } = planColumns(table, csv);
  const problems: ImportProblem[] = [];
  let updated = 0;
  let skipped = 0;

  // Lookups by each identifier. An email or URL hit is a match by itself; a name hit is only
  // a candidate that matchReason must accept.
  const byEmail = new Map<string, Target>();
  const byUrl = new Map<string, Target>();
  const byName = new Map<string, Target[]>();
  const remember = (target: Target, contact: Contact) => {
    for (const e of contact.emails) if (!byEmail.has(e)) byEmail.set(e, target);
    if (contact.linkedinUrl && !byUrl.has(contact.linkedinUrl)) byUrl.set(contact.linkedinUrl, target);
    const name = normaliseName(contact.name);
    const same = byName.get(name);
    if (!same) byName.set(name, [target]);
    else if (!same.includes(target)) same.push(target);
    if (contact !== target.contact) target.contact = absorb(target.contact, contact);
  };
  table.rows.forEach((cells, row) => {
    const contact = contactFromRow(cells, table.contact);
    if (normaliseName(contact.name)) remember({ kind: 'existing', row, contact }, contact);
  });

  const findMatch = (c: Contact): { target: Target; reason: MatchKind } | null => {
    for (const e of c.emails) {
      const target = byEmail.get(e);
      if (target) return { target, reason: 'email' };
    }
    const target = c.linkedinUrl ? byUrl.get(c.linkedinUrl) : undefined;
    if (target) return { target, reason: 'linkedin' };
    for (const candidate of byName.get(normaliseName(c.name)) ?? []) {
      const reason = matchReason(c, candidate.contact);
      if (reason) return { target: candidate, reason };
    }
    return null;
  };

  const isEmpty = (row: number, column: number) => isEmptyCell(table.rows[row]?.[column], table.formulas?.[row]?.[column]);
  const wanted = options.relationship ?? (csv.format === 'linkedin' ? 'LinkedIn' : '');
  const relationship = canonicalValue(RELATIONSHIPS, wanted) ?? '';
  const relationshipAt = table.tracker.relationship;
  const append: OutCell[][] = [];
  const filled = new Set<string>();
  const fills: CellFill[] = [];
  const firstLineFor = new Map<string, number>();
  const fillExisting = (row: number, contact: Contact, csvRow: CsvRow): boolean => {
    let any = false;
    const fill = (column: number, value: OutCell | '') => {
      const key = `${row}:${column}`;
      if (value === '' || filled.has(key) || !isEmpty(row, column)) return;
      filled.add(key);
      const written = safe(value);
      fills.push({ row: table.headerRow + 1 + row, column: column + 1, value: written, line: csvRow.line });
      const source = sources.get(column);
      const cut = source && cutProblem(value, written, sourceHeader(source, csv), csvRow.line);
      if (cut) problems.push(cut);
      any = true;
    };
    for (const [column, source] of sources) fill(column, valueFor(source, contact, csvRow));
    // A LinkedIn row (or the relationship chosen for the file) also fills an empty Relationship.
    if (relationshipAt !== undefined) fill(relationshipAt, relationship);
    return any;
  };
  const fillNew = (row: OutCell[], contact: Contact, csvRow: CsvRow) => {
    for (const [column, source] of sources) {
      const value = valueFor(source, contact, csvRow);
      if (value === '' || row[column] !== '') continue;
      row[column] = safe(value);
      const cut = cutProblem(value, row[column], sourceHeader(source, csv), csvRow.line);
      if (cut) problems.push(cut);
    }
  };

  for (const csvRow of csv.rows) {
    const contact = contactFromRow(csvRow.cells, csv.map.contact);
    if (!normaliseName(contact.name)) {
      skipped++;
      problems.push({ line: csvRow.line, reason: 'No name, so it was not imported.' });
      continue;
    }
    problems.push(...invalidListValues(sources, csvRow));
    const match = findMatch(contact);
    if (!match) {
      const row: OutCell[] = new Array(totalWidth).fill('');
      fillNew(row, contact, csvRow);
      const target: Target = { kind: 'new', row: append.length, contact };
      append.push(row);
      remember(target, contact);
      firstLineFor.set(`new:${target.row}`, csvRow.line);
      continue;
    }
    const { target, reason } = match;
    const targetKey = `${target.kind}:${target.row}`;
    const earlier = firstLineFor.get(targetKey);
    // Every line that matches adds what it knows; only the first one decides the count.
    const filledSomething =
      target.kind === 'new'
        ? (fillNew(append[target.row], contact, csvRow), false)
        : options.updateExisting !== false && fillExisting(target.row, contact, csvRow);
    remember(target, contact);
    if (earlier !== undefined) {
      skipped++;
      problems.push({ line: csvRow.line, reason: `Same person as line ${earlier} (${REASON[reason]}); merged into it.` });
      continue;
    }
    firstLineFor.set(targetKey, csvRow.line);
    if (filledSomething) updated++;
    else skipped++;
  }

  const idValues = table.tracker.contactId === undefined ? [] : table.rows.map((r) => r[table.tracker.contactId!]);
  const warnings = listedWarnings(uncountableIds(idValues).map((u) => uncountableIdWarning(table.headerRow + 1 + u.index, u.id)));
  const ids = assignIds(idValues, table.idCounter, table.tracker.contactId === undefined ? 0 : append.length);
  const defaults: [TrackerKey, (i: number) => string][] = [
    ['contactId', (i) => ids.ids[i]],
    ['stage', () => FIRST_STAGE],
    ['relationship', () => relationship],
  ];
  append.forEach((row, i) => {
    for (const [key, value] of defaults) {
      const at = table.tracker[key];
      if (at !== undefined && row[at] === '') row[at] = safe(value(i));
    }
  });

  return {
    newColumns,
    appendAt: table.headerRow + table.rows.length + 1,
    append,
    fills,
    idCounter: ids.counter,
    summary: {
      added: append.length,
      updated,
      skipped,
      problems,
      ...(ignoredColumns.length ? { ignoredColumns } : {}),
      ...(warnings.length ? { warnings } : {}),
    },
  };
}
