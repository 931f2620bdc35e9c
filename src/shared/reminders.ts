// The JSON that crosses google.script.run for the Reminders dialog: the settings as the page
// shows and sends them, and what the server answers.

/** Days by their English names, as the dialog shows them. */
export type DayName = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';

export interface ReminderSettingsInput {
  /** The daily digest: one email on days when something is due. */
  digest: boolean;
  /** 0-23, in the spreadsheet's time zone. */
  hour: number;
  /** Days the digest may come. */
  days: DayName[];
  /** A weekly summary (activity against goals, conversion), on `weeklyDay`. */
  weekly: boolean;
  weeklyDay: DayName;
  /** Weeks between keep-in-touch updates, by relationship ("" for contacts with none); 0: never. */
  cadenceWeeks: Record<string, number>;
}

export interface RemindersState {
  ok: true;
  settings: ReminderSettingsInput;
  timeZone: string;
  /** Where the emails go (the user's own address), or '' when Google does not say. */
  email: string;
  relationships: string[];
  /** One line about the last email sent, or ''. */
  lastSent: string;
}

export type RemindersResult = { ok: true; settings: ReminderSettingsInput; message: string } | { ok: false; message: string };
