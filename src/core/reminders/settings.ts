// The user's reminder settings: what the Reminders dialog (or anyone calling setReminders) may
// send, checked field by field with a message the user can act on, and the defaults (everything
// off: nothing is sent before the user turns it on).

import { RELATIONSHIPS } from '../tracker/schema.ts';

/** Days by their English names, as the dialog shows them. */
export type DayName = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';

/** Index = weekday() (0 = Sunday). */
export const DAY_NAMES: readonly DayName[] = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** As stored, and as the Reminders dialog shows and sends them (src/shared/reminders.ts). */
export interface ReminderSettings {
  /** The daily digest: one email on days when something is due. */
  digest: boolean;
  /** 0-23, in the spreadsheet's time zone. */
  hour: number;
  /** Days the digest may come. */
  days: DayName[];
  /** A weekly summary (activity against the goal, conversion), on `weeklyDay`. */
  weekly: boolean;
  weeklyDay: DayName;
  /** Weeks between keep-in-touch updates, by relationship ("" for contacts with none); 0: never. */
  cadenceWeeks: Record<string, number>;
}

/** Key of the cadence for contacts whose Relationship is empty or not one of the list. */
export const OTHER_RELATIONSHIP = '';

/**
 * Weeks between updates after a contact is Thanked. People who introduce you to others
 * (referrals) hear from you sooner; alumni and professors every two months; people you know
 * well less formally.
 */
export const DEFAULT_CADENCE_WEEKS: Readonly<Record<string, number>> = {
  Friend: 12,
  Family: 12,
  Professor: 8,
  Alumni: 8,
  Supervisor: 8,
  Peer: 8,
  LinkedIn: 8,
  Referral: 6,
  Cold: 8,
  [OTHER_RELATIONSHIP]: 8,
};

export const MAX_CADENCE_WEEKS = 104;

export const DEFAULT_REMINDERS: ReminderSettings = {
  digest: false,
  hour: 8,
  days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  weekly: false,
  weeklyDay: 'Monday',
  cadenceWeeks: { ...DEFAULT_CADENCE_WEEKS },
};

export const remindersOn = (s: ReminderSettings): boolean => s.digest || s.weekly;

export type SettingsCheck = { ok: true; settings: ReminderSettings } | { ok: false; message: string };

const shown = (v: unknown): string => {
  const text = typeof v === 'string' ? `“${v}”` : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** The day `v` names ("monday", "Mon", " TUE "), or null. */
export function dayName(v: unknown): DayName | null {
  if (typeof v !== 'string') return null;
  const t = v.trim().toLowerCase();
  if (t.length < 3) return null;
  return DAY_NAMES.find((d) => d.toLowerCase() === t || d.toLowerCase().slice(0, 3) === t) ?? null;
}

/**
 * `input` checked against `previous`: a field left out keeps its previous value (so a caller
 * may send only what changes); a field sent with a wrong value refuses the whole change.
 */
export function checkSettings(input: unknown, previous: ReminderSettings = DEFAULT_REMINDERS): SettingsCheck {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, message: 'The reminder settings were not understood (expected a set of fields). Nothing was changed.' };
  const raw = input as Record<string, unknown>;
  const refuse = (message: string): SettingsCheck => ({ ok: false, message: `${message} Nothing was changed.` });
  const next: ReminderSettings = { ...previous, days: [...previous.days], cadenceWeeks: { ...previous.cadenceWeeks } };
  for (const key of ['digest', 'weekly'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] !== 'boolean') return refuse(`“${key}” must be true or false, not ${shown(raw[key])}.`);
    next[key] = raw[key];
  }
  if (raw.hour !== undefined) {
    if (typeof raw.hour !== 'number' || !Number.isInteger(raw.hour) || raw.hour < 0 || raw.hour > 23) {
      return refuse(`The hour must be a whole number from 0 to 23 (0 is midnight), not ${shown(raw.hour)}.`);
    }
    next.hour = raw.hour;
  }
  if (raw.days !== undefined) {
    if (!Array.isArray(raw.days)) return refuse(`The days must be a list of days of the week, not ${shown(raw.days)}.`);
    const days = new Set<DayName>();
    for (const d of raw.days) {
      const day = dayName(d);
      if (!day) return refuse(`${shown(d)} is not a day of the week.`);
      days.add(day);
    }
    next.days = DAY_NAMES.filter((d) => days.has(d));
  }
  if (raw.weeklyDay !== undefined) {
    const day = dayName(raw.weeklyDay);
    if (!day) return refuse(`The weekly summary's day: ${shown(raw.weeklyDay)} is not a day of the week.`);
    next.weeklyDay = day;
  }
  if (raw.cadenceWeeks !== undefined) {
    const c = raw.cadenceWeeks;
    if (c === null || typeof c !== 'object' || Array.isArray(c)) return refuse('The keep-in-touch cadences must be weeks by relationship.');
    for (const [relationship, weeks] of Object.entries(c as Record<string, unknown>)) {
      const known = relationship === OTHER_RELATIONSHIP ? relationship : RELATIONSHIPS.find((r) => r.toLowerCase() === relationship.trim().toLowerCase());
      if (known === undefined) return refuse(`${shown(relationship)} is not a relationship (${RELATIONSHIPS.join(', ')}).`);
      if (typeof weeks !== 'number' || !Number.isInteger(weeks) || weeks < 0 || weeks > MAX_CADENCE_WEEKS) {
        return refuse(
          `Keep in touch with ${known || 'other contacts'}: the weeks must be a whole number from 0 (never) to ${MAX_CADENCE_WEEKS}, not ${shown(weeks)}.`,
        );
      }
      next.cadenceWeeks[known] = weeks;
    }
  }
  if (next.digest && next.days.length === 0) return refuse('Choose at least one day for the daily digest, or turn it off.');
  return { ok: true, settings: next };
}

/** Settings as stored, read back leniently: anything damaged falls back to the defaults (reminders off). */
export function storedSettings(raw: unknown): ReminderSettings {
  const checked = checkSettings(raw, DEFAULT_REMINDERS);
  return checked.ok ? checked.settings : DEFAULT_REMINDERS;
}
