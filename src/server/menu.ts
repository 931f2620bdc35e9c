// The add-on menu. Each item names an exported entry point of main.ts; the build runs onOpen
// and fails if an item names a function that is not exported.
import { EVENT_KIND_LIST, EVENT_KINDS, type EventKind } from '../core/logging/kinds.ts';
import type * as EntryPoints from './main.ts';

export type EntryPointName = keyof typeof EntryPoints;

export interface MenuItem {
  caption: string;
  fn: EntryPointName;
}

/** An event kind's item: a kind whose show* function main.ts does not export fails the type check here. */
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
  [...EVENT_KIND_LIST.map(logItem), { caption: 'Show follow-ups due', fn: 'showFollowUpsDue' }],
  [{ caption: 'Build dashboard', fn: 'refreshDashboard' }],
  [
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
