// What the add-on remembers about sharing with a coach, in document properties (read with one
// call): who the coach is, how they were given access, the coach copy and the user's column
// choices. Nothing here grows with the contacts: what was last written to each Coach feedback
// cell is kept in the coach view itself (see copy.ts); earlier versions kept it here, in chunks
// that are read once more and then deleted.

import type { Access } from '../../core/coach/access.ts';
import type { ColumnSettings } from '../../core/coach/columns.ts';
import { decodeBases, type FeedbackBase } from '../../core/coach/feedback.ts';
import { storeWriteProblem, type StoreProblem } from '../../core/coach/property-limits.ts';
import type { CoachMode, CoachRole } from '../../shared/coach.ts';

const RECORD_KEY = 'iit.coach';
const PENDING_KEY = 'iit.coach.pending';
const SETTINGS_KEY = 'iit.coach.settings';
/** Where earlier versions kept the feedback bases. */
const LEGACY_BASE_PREFIX = 'iit.coach.feedback.';

export interface CoachRecord {
  email: string;
  mode: CoachMode;
  role: CoachRole;
  /** The coach's access to the shared file before the add-on gave any: Stop sharing restores it. */
  before: Access;
  copyId: string | null;
  copyUrl: string | null;
  sharedAt: string;
  updatedAt: string | null;
  /** The coach copy's layout as its last complete rewrite left it (see copyLayout in copy.ts). */
  copyLayout?: string;
  /** The tracker's Coach feedback column (0-based) when the last complete share or update wrote it. */
  feedbackAt?: number;
}

export interface CoachSettings extends ColumnSettings {
  /**
   * The last coach copy and whose it was: sharing again with the same coach reuses it. `unshared`:
   * made, but never shared with anyone (Google refused the address), so any coach may have it.
   */
  lastCopy: { id: string; email: string; unshared?: true } | null;
}

export interface CoachStore {
  record: CoachRecord | null;
  /**
   * Earlier shares whose access the add-on has not been able to take back yet (the coach view
   * could not be opened when the user switched coach or mode): every share and stop tries again.
   */
  pending: CoachRecord[];
  settings: CoachSettings;
  /** Feedback bases an earlier version stored here: used for a coach view that has no fingerprint column yet. */
  legacyBases: Map<string, FeedbackBase>;
  legacyBaseKeys: string[];
  /** The whole document store as read (and as written since), to tell whether a write fits Google's limits. */
  all: Record<string, string>;
}

const ACCESS: readonly Access[] = ['owner', 'editor', 'viewer', 'none'];

function parse(raw: string | undefined): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function readRecord(raw: string | undefined): CoachRecord | null {
  const r = parse(raw);
  if (!r || typeof r.email !== 'string' || (r.mode !== 'copy' && r.mode !== 'direct')) return null;
  return {
    email: r.email,
    mode: r.mode,
    role: r.role === 'editor' ? 'editor' : 'viewer',
    before: ACCESS.includes(r.before as Access) ? (r.before as Access) : 'none',
    copyId: typeof r.copyId === 'string' ? r.copyId : null,
    copyUrl: typeof r.copyUrl === 'string' ? r.copyUrl : null,
    sharedAt: typeof r.sharedAt === 'string' ? r.sharedAt : '',
    updatedAt: typeof r.updatedAt === 'string' ? r.updatedAt : null,
    ...(typeof r.copyLayout === 'string' ? { copyLayout: r.copyLayout } : {}),
    ...(Number.isInteger(r.feedbackAt) && (r.feedbackAt as number) >= 0 ? { feedbackAt: r.feedbackAt as number } : {}),
  };
}

function readPending(raw: string | undefined): CoachRecord[] {
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list) ? list.map((r) => readRecord(JSON.stringify(r))).filter((r): r is CoachRecord => r !== null) : [];
  } catch {
    return [];
  }
}

function readSettings(raw: string | undefined): CoachSettings {
  const s = parse(raw) ?? {};
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null);
  const last = s.lastCopy as { id?: unknown; email?: unknown; unshared?: unknown } | undefined;
  return {
    shared: ids(s.shared),
    private: ids(s.private) ?? [],
    lastCopy:
      last && typeof last.id === 'string' && typeof last.email === 'string'
        ? { id: last.id, email: last.email, ...(last.unshared === true ? { unshared: true as const } : {}) }
        : null,
  };
}

export function readCoachStore(props: GoogleAppsScript.Properties.Properties): CoachStore {
  const all = props.getProperties();
  const legacyBaseKeys = Object.keys(all)
    .filter((k) => k.startsWith(LEGACY_BASE_PREFIX))
    .sort();
  return {
    record: readRecord(all[RECORD_KEY]),
    pending: readPending(all[PENDING_KEY]),
    settings: readSettings(all[SETTINGS_KEY]),
    legacyBases: decodeBases(legacyBaseKeys.map((k) => all[k])),
    legacyBaseKeys,
    all,
  };
}

export interface CoachStoreUpdate {
  record?: CoachRecord | null;
  pending?: readonly CoachRecord[];
  settings?: CoachSettings;
  /** The feedback bases now live in the coach view: delete the chunks an earlier version stored. */
  dropLegacyBases?: boolean;
}

function changesOf(update: CoachStoreUpdate): Record<string, string> {
  const out: Record<string, string> = {};
  if (update.record !== undefined) out[RECORD_KEY] = update.record ? JSON.stringify(update.record) : '';
  if (update.pending) out[PENDING_KEY] = update.pending.length ? JSON.stringify(update.pending) : '';
  if (update.settings) out[SETTINGS_KEY] = JSON.stringify(update.settings);
  return out;
}

/** Writes the changed parts in one call (after deleting the old chunks, to make room); a forgotten record becomes an empty value. */
export function writeCoachStore(props: GoogleAppsScript.Properties.Properties, store: CoachStore, update: CoachStoreUpdate): void {
  if (update.dropLegacyBases && store.legacyBaseKeys.length) {
    for (const key of store.legacyBaseKeys) {
      props.deleteProperty(key);
      delete store.all[key];
    }
    store.legacyBaseKeys = [];
  }
  const out = changesOf(update);
  if (Object.keys(out).length) {
    props.setProperties(out);
    Object.assign(store.all, out);
  }
}

const kb = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;

/** Why Google would refuse `update` (sizes as Google counts them), in plain words for the user; null when it fits. */
export function coachStoreProblem(store: CoachStore, update: CoachStoreUpdate): string | null {
  const changes: Record<string, string | null> = changesOf(update);
  if (update.dropLegacyBases) for (const key of store.legacyBaseKeys) changes[key] = null;
  const problem: StoreProblem | null = storeWriteProblem(store.all, changes);
  if (!problem) return null;
  if (problem.kind === 'value') {
    return problem.key === SETTINGS_KEY
      ? `The add-on cannot remember this choice of columns: it takes ${kb(problem.bytes)}, and Google keeps at most 9 KB in one setting. Tick fewer columns (or mark fewer private) and try again. Nothing was changed.`
      : `The add-on cannot remember this share: it takes ${kb(problem.bytes)}, and Google keeps at most 9 KB in one setting. Choose Stop sharing with coach, then share again. Nothing was changed.`;
  }
  return `The add-on's settings in this spreadsheet would take ${kb(problem.bytes)} (${kb(problem.before)} now), more than the 500 KB Google keeps for one spreadsheet. Tick fewer columns and try again. Nothing was changed.`;
}

/**
 * The document properties as `all` holds them (read once at the start of an action), shaped as
 * Properties for the finders that only read one value; writing through it is a mistake.
 */
export function readOnlyProperties(all: Readonly<Record<string, string>>): GoogleAppsScript.Properties.Properties {
  const refuse = () => {
    throw new Error('read-only view of the document properties');
  };
  const view = {
    getProperty: (key: string) => all[key] ?? null,
    getProperties: () => ({ ...all }),
    getKeys: () => Object.keys(all),
    setProperty: refuse,
    setProperties: refuse,
    deleteProperty: refuse,
    deleteAllProperties: refuse,
  };
  return view as unknown as GoogleAppsScript.Properties.Properties;
}
