// Which column is which tracker column or contact field, when the add-on's metadata (which moves
// with its column) and the headers (which the user may type over) disagree: the metadata wins.

import { type ColumnMap, type ContactField, describeColumns } from './headers.ts';
import { TRACKER_KEYS, type TrackerKey } from './schema.ts';

/**
 * Where each tracker column is: where its metadata says first; by its default header only for a
 * key no column is remembered as, and only in a column remembered as nothing else. A column
 * remembered as Outcome that the user renamed "Stage" is still Outcome: Stage is then missing,
 * which the actions say, and which Set up tracker adds back.
 */
export function trackerColumnsFound(
  byHeader: Partial<Record<TrackerKey, number>>,
  remembered: Partial<Record<TrackerKey, number>>,
  rememberedContact: Partial<Record<ContactField, number>>,
): Partial<Record<TrackerKey, number>> {
  const found: Partial<Record<TrackerKey, number>> = { ...remembered };
  const taken = new Set([...Object.values(remembered), ...Object.values(rememberedContact)]);
  for (const key of TRACKER_KEYS) {
    const at = byHeader[key];
    if (found[key] === undefined && at !== undefined && !taken.has(at)) {
      found[key] = at;
      taken.add(at);
    }
  }
  return found;
}

/**
 * `map` with the remembered contact columns winning over headers (a renamed "Email" is still
 * email); a header is not taken for a contact field in a column that is a tracker column
 * (`tracker`: trackerColumnsFound). Its summary says what each column is taken for.
 */
export function withRemembered(map: ColumnMap, contact: Partial<Record<ContactField, number>>, tracker: Partial<Record<TrackerKey, number>> = {}): ColumnMap {
  const at = new Set([...Object.values(contact), ...Object.values(tracker)]);
  if (at.size === 0) return map;
  const fromHeaders = Object.entries(map.contact).filter(([, i]) => !at.has(i));
  const contactAt = new Set(Object.values(contact));
  const merged: ColumnMap = {
    ...map,
    contact: { ...Object.fromEntries(fromHeaders), ...contact },
    recognised: map.recognised.filter((r) => (r.target.kind === 'contact' ? !at.has(r.index) || contact[r.target.field] === r.index : !contactAt.has(r.index))),
    own: map.own.filter((o) => !at.has(o.index)),
  };
  return { ...merged, summary: describeColumns(merged) };
}

/**
 * Where the add-on's metadata put each column when it last read it, with the header row's text
 * then: reading a column's metadata costs calls per column, a header row one read. While the
 * header row reads exactly as it did, no column can have been moved, inserted, deleted or
 * renamed, so the positions still hold.
 */
export interface ColumnLayout {
  /** 0-based columns, as the metadata said. */
  tracker: Partial<Record<TrackerKey, number>>;
  contact: Partial<Record<ContactField, number>>;
  /** The header row's cells as text, without trailing blanks. */
  header: string[];
}

/** Longest header row (as JSON) worth remembering: a document property holds about 9 kB. */
const MAX_LAYOUT_CHARS = 6000;

/** A header row's cells as comparable text, trailing blanks left out. */
export function headerTexts(row: readonly unknown[]): string[] {
  const texts = row.map((cell) => (typeof cell === 'string' ? cell : cell === null || cell === undefined ? '' : JSON.stringify(cell)));
  while (texts.length && texts[texts.length - 1] === '') texts.pop();
  return texts;
}

/**
 * The layout to remember for these columns under this header row; null when the header row
 * could not tell their moves apart (a remembered column with a blank header, or one whose
 * header another column repeats: swapping those two would leave the row as it was) or is too
 * long to keep.
 */
export function layoutOf(
  columns: { tracker: Partial<Record<TrackerKey, number>>; contact: Partial<Record<ContactField, number>> },
  headerRow: readonly unknown[],
): ColumnLayout | null {
  const header = headerTexts(headerRow);
  const seen = new Map<string, number>();
  for (const text of header) seen.set(text, (seen.get(text) ?? 0) + 1);
  for (const index of [...Object.values(columns.tracker), ...Object.values(columns.contact)]) {
    const text = header[index] ?? '';
    if (text.trim() === '' || seen.get(text) !== 1) return null;
  }
  // Keys in one order, so the same layout is always saved as the same text.
  const sorted = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))) as T;
  const layout = { tracker: sorted(columns.tracker), contact: sorted(columns.contact), header };
  return JSON.stringify(layout).length > MAX_LAYOUT_CHARS ? null : layout;
}

/** Whether `headerRow` reads exactly as when `layout` was remembered. */
export function layoutHolds(layout: ColumnLayout, headerRow: readonly unknown[]): boolean {
  const now = headerTexts(headerRow);
  return now.length === layout.header.length && now.every((text, i) => text === layout.header[i]);
}
