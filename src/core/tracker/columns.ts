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
