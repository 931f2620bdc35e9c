// The JSON that crosses google.script.run for the Reminders dialog: the settings as the page
// shows and sends them (core/reminders/settings.ts), and what the server answers.

import type { ReminderSettings } from '../core/reminders/settings.ts';

export type { DayName, ReminderSettings } from '../core/reminders/settings.ts';

export interface RemindersState {
  ok: true;
  settings: ReminderSettings;
  timeZone: string;
  /** Where the emails go (the user's own address), or '' when Google does not say. */
  email: string;
  relationships: string[];
  /** One line about the last email sent, or ''. */
  lastSent: string;
  /** Why the user, who can only view the tracker, cannot turn reminders on, or ''. */
  viewOnly: string;
}

export type RemindersResult = { ok: true; settings: ReminderSettings; message: string } | { ok: false; message: string };
