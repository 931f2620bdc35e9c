// Menu: About, re-exported by main.ts.

import { ABOUT_TEXT, ABOUT_TITLE } from '../../core/base/about.ts';

/** Menu: About. What the add-on does and what it keeps private. */
export function showAbout(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(ABOUT_TITLE, ABOUT_TEXT, ui.ButtonSet.OK);
}
