// The add-on menu. Each item names an exported entry point of main.ts; the build runs onOpen
// and fails if an item names a function that is not exported.
import { EVENT_KIND_LIST, EVENT_KINDS, type EventKind } from '../core/logging/kinds.ts';
import type * as EntryPoints from './main.ts';

export type EntryPointName = keyof typeof EntryPoints;

export interface MenuItem {
  caption: string;
  fn: EntryPointName;
}

/** The event kinds' show* functions that main.ts does not export (none, or the type check fails below). */
type MissingShowFunction = Exclude<(typeof EVENT_KINDS)[EventKind]['show'], EntryPointName>;
// A type error here names the show* function an event kind (core/logging/kinds.ts) still needs.
export const EVERY_KIND_HAS_ITS_MENU_FUNCTION: [MissingShowFunction] extends [never] ? true : MissingShowFunction = true;

/** An event kind's menu item: its dialog's title, opened by its show* function. */
function logItem(kind: EventKind): MenuItem {
  return { caption: `${EVENT_KINDS[kind].title}…`, fn: EVENT_KINDS[kind].show };
}

/** Menu sections, separated in the menu. Only features that exist get an item. */
export const MENU: readonly (readonly MenuItem[])[] = [
  [
    { caption: 'Set up tracker', fn: 'setUpTracker' },
    { caption: 'Import contacts…', fn: 'showImportDialog' },
    { caption: 'Draft a pitch…', fn: 'showPitchSidebar' },
  ],
  [...EVENT_KIND_LIST.map(logItem), { caption: 'Show follow-ups due', fn: 'showFollowUpsDue' }, { caption: 'Reminders…', fn: 'showReminders' }],
  // Progress: the Dashboard and who else sees it (one section: each separator is a call of onOpen).
  [
    { caption: 'Build dashboard', fn: 'refreshDashboard' },
    { caption: 'Share with coach…', fn: 'shareWithCoach' },
    { caption: 'Update coach view', fn: 'updateCoachView' },
    { caption: 'Stop sharing with coach', fn: 'stopSharingWithCoach' },
  ],
  [{ caption: 'About Informational Interview Tracker', fn: 'showAbout' }],
];

/**
 * Builds the add-on menu. Safe in AuthMode.NONE: it touches nothing but the Ui menu
 * (https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle#authorization_modes).
 */
export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  MENU.forEach((section, i) => {
    if (i > 0) menu.addSeparator();
    for (const item of section) menu.addItem(item.caption, item.fn);
  });
  menu.addToUi();
}
