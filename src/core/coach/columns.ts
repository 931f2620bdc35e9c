// Which tracker columns a coach copy may hold. A column is named by a stable id (its tracker
// field or recognised contact field, else its header), so the user's choice survives renames
// and moves of recognised columns.

import { mapColumns, normaliseHeader, type ContactField } from '../tracker/headers.ts';
import type { TrackerKey } from '../tracker/schema.ts';
import { trackerColumnsFound, withRemembered } from '../tracker/columns.ts';

export interface CoachColumn {
  id: string;
  header: string;
  /** 0-based column in the tracker sheet. */
  index: number;
  /** Ticked the first time, before the user has chosen. */
  byDefault: boolean;
  /** required: always in the copy (feedback is matched by it); never: cannot be shared. */
  lock?: 'required' | 'never';
}

export interface ColumnSettings {
  /** Ids the user ticked; null until the user has chosen (then the defaults apply). */
  shared: string[] | null;
  /** Ids the user marked private: never shared while marked. */
  private: string[];
}

const DEFAULT_CONTACT: readonly ContactField[] = ['fullName', 'firstName', 'middleName', 'lastName', 'company', 'title'];
const DEFAULT_TRACKER: readonly TrackerKey[] = [
  'relationship',
  'stage',
  'lastContact',
  'nextFollowUp',
  'interviewDate',
  'thankYouSent',
  'outcome',
  'notesForCoach',
];
/** The user's own notes about a contact are private by nature: they are never offered. */
const NEVER_CONTACT: readonly ContactField[] = ['notes'];

export interface TrackerLayout {
  header: readonly unknown[];
  /** 0-based tracker columns found by the add-on's metadata (win over header names). */
  remembered: Partial<Record<TrackerKey, number>>;
  /** 0-based contact columns found by the add-on's metadata (win over header names): a renamed name column is still one. */
  rememberedContact?: Partial<Record<ContactField, number>>;
  /** 0-based column of the add-on's Coach feedback column, if any (never offered: always copied). */
  feedbackIndex: number | null;
}

/** Every column of the tracker's header row that a coach copy could hold, in sheet order. */
export function coachColumns(layout: TrackerLayout): CoachColumn[] {
  const byHeader = mapColumns(layout.header);
  const tracker = trackerColumnsFound(byHeader.tracker, layout.remembered, layout.rememberedContact ?? {});
  const map = withRemembered(byHeader, layout.rememberedContact ?? {}, tracker);
  const byIndex = new Map<number, CoachColumn>();
  const trackerAt = new Map<number, TrackerKey>(Object.entries(tracker).map(([k, i]) => [i as number, k as TrackerKey]));
  const contactAt = new Map<number, ContactField>(Object.entries(map.contact).map(([f, i]) => [i as number, f as ContactField]));
  layout.header.forEach((raw, index) => {
    if (index === layout.feedbackIndex) return;
    const header = raw instanceof Date ? '' : String(raw ?? '').trim();
    const key = trackerAt.get(index);
    const field = contactAt.get(index);
    if (key) {
      byIndex.set(index, {
        id: `t:${key}`,
        header: header || key,
        index,
        byDefault: DEFAULT_TRACKER.includes(key),
        ...(key === 'contactId' ? { lock: 'required' as const } : {}),
      });
    } else if (field) {
      byIndex.set(index, {
        id: `c:${field}`,
        header,
        index,
        byDefault: DEFAULT_CONTACT.includes(field),
        ...(NEVER_CONTACT.includes(field) ? { lock: 'never' as const } : {}),
      });
    } else if (header !== '') {
      // Recognised headers shadowed by an earlier column (a second "Notes") count as that field.
      const shadow = map.shadowed.find((s) => s.index === index);
      const never = shadow?.target.kind === 'contact' && NEVER_CONTACT.includes(shadow.target.field);
      byIndex.set(index, { id: `h:${normaliseHeader(header) || header}`, header, index, byDefault: false, ...(never ? { lock: 'never' as const } : {}) });
    }
  });
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

export function isShared(column: CoachColumn, settings: ColumnSettings): boolean {
  if (column.lock === 'required') return true;
  if (column.lock === 'never' || settings.private.includes(column.id)) return false;
  return settings.shared === null ? column.byDefault : settings.shared.includes(column.id);
}

/** The columns the copy holds, in sheet order. */
export function sharedColumns(columns: readonly CoachColumn[], settings: ColumnSettings): CoachColumn[] {
  return columns.filter((c) => isShared(c, settings));
}

/** Keeps only ids that name real columns, and never a locked one the user cannot change. */
export function cleanSettings(columns: readonly CoachColumn[], raw: { shared?: unknown; private?: unknown }, previous: ColumnSettings): ColumnSettings {
  const ids = (v: unknown): string[] | null => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : null);
  const known = new Set(columns.filter((c) => !c.lock).map((c) => c.id));
  const shared = ids(raw.shared);
  const privateIds = ids(raw.private);
  // Ids of columns that are not in the sheet right now are kept: a column may come back.
  const keepUnknown = (list: string[]) => list.filter((id) => !columns.some((c) => c.id === id));
  return {
    shared: shared === null ? previous.shared : [...shared.filter((id) => known.has(id)), ...keepUnknown(previous.shared ?? [])],
    private: privateIds === null ? previous.private : [...privateIds.filter((id) => known.has(id)), ...keepUnknown(previous.private)],
  };
}
