// What the add-on remembers about one user's reminders for one spreadsheet, in that user's
// properties (reminders are the user's own: another editor of the tracker has their own, or
// none): the settings, the installed trigger's ID, the day an email was last recorded as sent,
// and the last thing the trigger did, for the dialog to show. One key per spreadsheet, one JSON
// value, read and written whole.

import { DEFAULT_REMINDERS, type ReminderSettings, storedSettings } from '../../core/reminders/settings.ts';

type Props = GoogleAppsScript.Properties.Properties;

const PREFIX = 'iit.reminders.';

export interface RemindersRecord {
  spreadsheetId: string;
  settings: ReminderSettings;
  /** The installed trigger (Trigger.getUniqueId()), or null. */
  triggerUid: string | null;
  /** The ISO day (spreadsheet's zone) of the last email, recorded before sending it. */
  sentDay: string | null;
  /** What the last run did, for the user: "Mon 2026-12-07 08:00: sent, 3 contacts." */
  lastRun: string;
}

export const recordKey = (spreadsheetId: string) => `${PREFIX}${spreadsheetId}`;

function parse(spreadsheetId: string, raw: string | undefined | null): RemindersRecord {
  let r: Record<string, unknown> = {};
  try {
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    if (v && typeof v === 'object' && !Array.isArray(v)) r = v as Record<string, unknown>;
  } catch {
    // A damaged value reads as reminders off.
  }
  return {
    spreadsheetId,
    settings: r.settings === undefined ? DEFAULT_REMINDERS : storedSettings(r.settings),
    triggerUid: typeof r.triggerUid === 'string' ? r.triggerUid : null,
    sentDay: typeof r.sentDay === 'string' ? r.sentDay : null,
    lastRun: typeof r.lastRun === 'string' ? r.lastRun : '',
  };
}

export function readReminders(props: Props, spreadsheetId: string): RemindersRecord {
  return parse(spreadsheetId, props.getProperty(recordKey(spreadsheetId)));
}

/** The record whose trigger is `triggerUid`, from every property the user has (one read). */
export function findByTrigger(props: Props, triggerUid: string): RemindersRecord | null {
  const all = props.getProperties();
  for (const [key, raw] of Object.entries(all)) {
    if (!key.startsWith(PREFIX)) continue;
    const record = parse(key.slice(PREFIX.length), raw);
    if (record.triggerUid === triggerUid) return record;
  }
  return null;
}

export function writeReminders(props: Props, record: RemindersRecord): void {
  const { spreadsheetId, ...stored } = record;
  props.setProperty(recordKey(spreadsheetId), JSON.stringify(stored));
}
