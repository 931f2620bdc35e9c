// Every function exported here becomes a top-level function in build/Code.js, callable by
// Apps Script as a trigger, a menu item or a google.script.run target. Keep this file a list
// of thin entry points: the work happens in the adapters and src/core.
import { buildMenu } from './menu.ts';
import { ABOUT_TEXT, ABOUT_TITLE } from '../core/base/about.ts';
import { withDocumentLock } from './base/lock.ts';
import { setUpSheet } from './tracker/setup.ts';
import { importInto } from './import/import.ts';
import { isExpected, menuMessage, messageFor } from './base/actions.ts';
import type { ImportResult, SetupResult } from '../shared/types.ts';
import { listedWarnings } from '../core/base/text.ts';

// Menu: Build dashboard (the Dashboard sheet of live formulas).
export { refreshDashboard } from './dashboard/dashboard.ts';

// Logging the interview cycle: menu items (show*) and their dialog targets (log*).
export {
  showInterviewDialog,
  showPitchSentDialog,
  showReplyDialog,
  showFollowUpDialog,
  showThankYouDialog,
  showDeclinedDialog,
  showJobInterviewDialog,
  showOfferDialog,
  showFollowUpsDue,
  logInterview,
  logPitchSent,
  logReply,
  logFollowUp,
  logThankYou,
  logDeclined,
  logOutcome,
} from './logging/entry-points.ts';

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

/** Simple trigger: builds the menu. Runs in AuthMode.NONE before the add-on is used in a file. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

/** Runs when the add-on is installed; Google recommends it call onOpen. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Menu: About. What the add-on does and what it keeps private. */
export function showAbout(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(ABOUT_TITLE, ABOUT_TEXT, ui.ButtonSet.OK);
}

/** Menu: Set up tracker, on the active sheet. Safe to run again: a re-run changes nothing. */
export function setUpTracker(): SetupResult {
  const ui = SpreadsheetApp.getUi();
  let result: SetupResult;
  try {
    result = withDocumentLock(() => setUpSheet(SpreadsheetApp.getActiveSheet(), { interactive: true }));
  } catch (e) {
    result = { ok: false, message: menuMessage(e) };
  }
  if (result.ok) {
    const listed = listedWarnings(result.warnings);
    const warnings = listed.length ? `\n\nPlease check:\n- ${listed.join('\n- ')}` : '';
    ui.alert('Tracker ready', `${result.summary}${warnings}`, ui.ButtonSet.OK);
  } else if (!result.cancelled) {
    ui.alert('Set up tracker', result.message, ui.ButtonSet.OK);
  }
  return result;
}

/** Menu: Import contacts…, a dialog to paste or upload a CSV export. */
export function showImportDialog(): void {
  const html = HtmlService.createHtmlOutputFromFile('ImportDialog').setWidth(520).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, 'Import contacts');
}

/** Dialog target: imports the text of a CSV export into the tracker. Never throws for bad input. */
export function importContacts(csvText: string, options?: { relationship?: string; updateExisting?: boolean; dryRun?: boolean }): ImportResult {
  try {
    return withDocumentLock(() => importInto(csvText, options));
  } catch (e) {
    if (!isExpected(e)) throw e;
    return { ok: false, message: messageFor(e) };
  }
}
