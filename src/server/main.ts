// Every function exported here becomes a top-level function in build/Code.js, callable by
// Apps Script as a trigger, a menu item or a google.script.run target. Keep this file a list
// of thin entry points: the work happens in the adapters and src/core.
import { buildMenu } from './menu.ts';
import { ABOUT_TEXT, ABOUT_TITLE } from '../core/about.ts';

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
  SpreadsheetApp.getUi().alert(ABOUT_TITLE, ABOUT_TEXT, SpreadsheetApp.getUi().ButtonSet.OK);
}
