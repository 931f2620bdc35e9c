// What the add-on remembers about sharing with a coach, in document properties (read with one
// call): who the coach is, how they were given access, the coach copy, the user's column
// choices, and what was last written to the coach view's feedback column.

import type { Access } from '../../core/coach/access.ts';
import type { ColumnSettings } from '../../core/coach/columns.ts';
import { decodeBases, encodeBases, type FeedbackBase } from '../../core/coach/feedback.ts';
import type { CoachMode, CoachRole } from '../../shared/coach.ts';

const RECORD_KEY = 'iit.coach';
const PENDING_KEY = 'iit.coach.pending';
const SETTINGS_KEY = 'iit.coach.settings';
const BASE_PREFIX = 'iit.coach.feedback.';

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
}

export interface CoachSettings extends ColumnSettings {
  /** The last coach copy and whose it was: sharing again with the same coach reuses it. */
  lastCopy: { id: string; email: string } | null;
}

export interface CoachStore {
  record: CoachRecord | null;
  /**
   * Earlier shares whose access the add-on has not been able to take back yet (the coach view
   * could not be opened when the user switched coach or mode): every share and stop tries again.
   */
  pending: CoachRecord[];
  settings: CoachSettings;
  bases: Map<string, FeedbackBase>;
  /** Keys of the feedback chunks now stored, so a rewrite can blank the ones it no longer needs. */
  baseKeys: string[];
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
  const last = s.lastCopy as { id?: unknown; email?: unknown } | undefined;
  return {
    shared: ids(s.shared),
    private: ids(s.private) ?? [],
    lastCopy: last && typeof last.id === 'string' && typeof last.email === 'string' ? { id: last.id, email: last.email } : null,
  };
}

export function readCoachStore(props: GoogleAppsScript.Properties.Properties): CoachStore {
  const all = props.getProperties();
  const baseKeys = Object.keys(all).filter((k) => k.startsWith(BASE_PREFIX)).sort();
  return {
    record: readRecord(all[RECORD_KEY]),
    pending: readPending(all[PENDING_KEY]),
    settings: readSettings(all[SETTINGS_KEY]),
    bases: decodeBases(baseKeys.map((k) => all[k])),
    baseKeys,
  };
}

export interface CoachStoreUpdate {
  record?: CoachRecord | null;
  pending?: readonly CoachRecord[];
  settings?: CoachSettings;
  bases?: ReadonlyMap<string, FeedbackBase>;
}

/** Writes the changed parts in one call; a forgotten record or unused chunk becomes an empty value. */
export function writeCoachStore(props: GoogleAppsScript.Properties.Properties, store: CoachStore, update: CoachStoreUpdate): void {
  const out: Record<string, string> = {};
  if (update.record !== undefined) out[RECORD_KEY] = update.record ? JSON.stringify(update.record) : '';
  if (update.pending) out[PENDING_KEY] = update.pending.length ? JSON.stringify(update.pending) : '';
  if (update.settings) out[SETTINGS_KEY] = JSON.stringify(update.settings);
  if (update.bases) {
    const chunks = encodeBases(update.bases);
    chunks.forEach((chunk, i) => (out[`${BASE_PREFIX}${i}`] = chunk));
    for (const key of store.baseKeys) if (!(key in out)) out[key] = '';
  }
  if (Object.keys(out).length) props.setProperties(out);
}
