// Reminders: the menu item that opens the dialog (with the current settings in it), the
// dialog's target, and the hourly trigger's function. Re-exported by main.ts.

import type { RemindersResult } from '../../shared/reminders.ts';
import { menuAction, pageTarget } from '../base/entry-point.ts';
import { remindersState, runReminders, setRemindersNow, type RunReport } from './reminders.ts';

export const REMINDERS_PAGE = 'RemindersDialog';
const TITLE = 'Reminders';

/** Menu: Reminders…, the dialog, opened with the current settings (no call back needed). */
export function showReminders(): void {
  menuAction(
    () => {
      const template = HtmlService.createTemplateFromFile(REMINDERS_PAGE);
      // Printed with <?= ?> into an attribute: Apps Script escapes it.
      template.state = JSON.stringify(remindersState());
      SpreadsheetApp.getUi().showModalDialog(template.evaluate().setWidth(440).setHeight(600), TITLE);
    },
    { lock: false, alert: TITLE },
  );
}

/** Dialog target: saves the settings and installs or removes the trigger to match. */
export function setReminders(settings: unknown): RemindersResult {
  return pageTarget(() => setRemindersNow(settings), { lock: true });
}

/**
 * The time-driven trigger's function. Never throws: Google would email the user a failure notice
 * for every failed run (hourly), so an unexpected error is logged and kept for the dialog.
 */
export function sendReminders(e?: GoogleAppsScript.Events.TimeDriven): RunReport {
  try {
    return runReminders(e);
  } catch (error) {
    console.error(error instanceof Error && error.stack ? error.stack : String(error));
    return { note: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, sent: false };
  }
}
