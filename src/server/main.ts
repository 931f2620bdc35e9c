// Every function exported here becomes a top-level function in build/Code.js, callable by
// Apps Script as a trigger, a menu item or a google.script.run target. This file only re-exports
// each feature's entry points (src/server/<feature>/entry-points.ts) and holds onOpen/onInstall;
// the menu is data (menu.ts).
import { buildMenu } from './menu.ts';

export { setUpTracker } from './tracker/entry-points.ts';
export { showImportDialog, importContacts } from './import/entry-points.ts';
export { showAbout } from './about/entry-points.ts';

// Menu: Build dashboard (the Dashboard sheet of live formulas).
export { refreshDashboard } from './dashboard/entry-points.ts';

// Logging the interview cycle: a menu item (show*) and a dialog target (log*) per event kind,
// and Show follow-ups due. All of that file's exports, so that adding a kind leaves this file alone.
export * from './logging/entry-points.ts';

// The pitch sidebar: its menu item and the targets its page calls.
export {
  showPitchSidebar,
  getPitchContext,
  nextContact,
  saveUserSettings,
  listTemplates,
  saveTemplate,
  deleteTemplate,
  importTemplates,
  exportTemplates,
  markMessageSent,
} from './pitch/entry-points.ts';

// A contact's history (the pitch sidebar's History panel).
export { getContactHistory, getThanksOffer, voidEvent } from './history/entry-points.ts';

// Sharing with a coach: menu items and the Share with coach dialog's targets.
export {
  shareWithCoach,
  getCoachSharing,
  shareWithCoachNow,
  updateCoachViewNow,
  stopSharingWithCoachNow,
  updateCoachView,
  stopSharingWithCoach,
} from './coach/entry-points.ts';

// Reminders by email: the menu item, the dialog's target, and the hourly trigger's function.
export { showReminders, setReminders, sendReminders } from './reminders/entry-points.ts';

/** Simple trigger: builds the menu. Runs in AuthMode.NONE before the add-on is used in a file. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

/** Runs when the add-on is installed; Google recommends it call onOpen. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}
